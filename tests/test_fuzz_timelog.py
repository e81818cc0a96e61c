"""Fuzzed time logging: any value either logs exactly one row or raises the app's own error, writing nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.errors import PrepError
from lib.plan import curriculum
from lib.storage.db import open_db

FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SESSION_IDS = [s.id for d in curriculum.load_curriculum().days for s in d.sessions]
TODAY = dt.date.today()

any_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(max_size=20),
    st.decimals(allow_nan=True),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
minutes_values = st.one_of(
    st.integers(min_value=-100, max_value=1200),
    st.floats(min_value=-1e3, max_value=1e4),
    st.integers(min_value=1, max_value=1200).map(str),
    st.from_regex(r"\s*-?\d{1,5}(\.\d{0,3})?\s*", fullmatch=True),
    any_scalar,
)
date_values = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.dates(min_value=TODAY - dt.timedelta(days=1200), max_value=TODAY).map(dt.date.isoformat),
    st.datetimes(),
    st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
    any_scalar,
)
session_values = st.one_of(st.sampled_from(SESSION_IDS), st.text(max_size=30), any_scalar)
note_values = st.one_of(st.text(), st.text(alphabet=st.characters(codec="utf-8")), st.none(), any_scalar)
entry_ids = st.one_of(st.integers(min_value=-5, max_value=60), st.integers(), any_scalar)


def table_counts(db) -> dict[str, int]:
    """Rows per user table: a failed call must leave every one unchanged."""
    return {
        t: db.conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in db.table_names()
        if not t.startswith("sqlite_")
    }


def assert_all_or_app_error(db, call: Callable[[], object]) -> tuple[bool, dict[str, int]]:
    """Run ``call``: success, or a PrepError that names its field or place and left every table as it was."""
    before = table_counts(db)
    try:
        call()
    except PrepError as exc:
        assert str(exc).strip() and exc.message.strip()
        assert exc.field or exc.where, f"error names no place: {exc!r}"
        assert not db.conn.in_transaction, "a failed call left a transaction open"
        assert table_counts(db) == before, f"partial write on {exc!r}"
        return False, before
    return True, before


@pytest.fixture
def fuzz_db(data_dir: Path):
    """One connection for the whole run, seeded with entries that correction and removal can target."""
    with open_db() as db:
        for i in range(20):
            curriculum.log_time(
                db, SESSION_IDS[i % len(SESSION_IDS)], 30, TODAY - dt.timedelta(days=i), "seed", today=TODAY
            )
        yield db


@FUZZ
@given(session_id=session_values, minutes=minutes_values, logged_on=date_values, note=note_values)
def test_log_time_any_input(fuzz_db, session_id, minutes, logged_on, note) -> None:
    ok, before = assert_all_or_app_error(
        fuzz_db, lambda: curriculum.log_time(fuzz_db, session_id, minutes, logged_on, note, today=TODAY)
    )
    if ok:
        after = table_counts(fuzz_db)
        assert after["time_log"] == before["time_log"] + 1


@FUZZ
@given(
    entry_id=entry_ids,
    session_id=st.one_of(st.none(), session_values),
    minutes=st.one_of(st.none(), minutes_values),
    logged_on=st.one_of(st.none(), date_values),
    note=st.one_of(st.none(), note_values),
)
def test_correct_time_any_input(fuzz_db, entry_id, session_id, minutes, logged_on, note) -> None:
    ok, before = assert_all_or_app_error(
        fuzz_db,
        lambda: curriculum.correct_time(
            fuzz_db, entry_id, session_id=session_id, minutes=minutes, logged_on=logged_on, note=note, today=TODAY
        ),
    )
    if ok:
        assert table_counts(fuzz_db)["time_log"] == before["time_log"] + 1


@FUZZ
@given(entry_id=entry_ids)
def test_remove_time_any_input(fuzz_db, entry_id) -> None:
    ok, before = assert_all_or_app_error(fuzz_db, lambda: curriculum.remove_time(fuzz_db, entry_id))
    if ok:
        assert table_counts(fuzz_db)["time_log"] == before["time_log"] + 1
        # Removing the same entry twice is refused: it is no longer current.
        second, _ = assert_all_or_app_error(fuzz_db, lambda: curriculum.remove_time(fuzz_db, entry_id))
        assert not second
