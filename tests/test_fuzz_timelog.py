"""Fuzzed time logging: mostly valid entries with a share of broken ones.

Each generated call is predicted before it runs: a valid one must store exactly
the row it was given (read back from the database), a broken one must raise one
InputError naming the broken field and leave every table as it was. The share
of calls that succeeded is printed and must stay in a sane band, so the success
path is really exercised.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.errors import InputError
from lib.plan import curriculum, time_log
from lib.storage.db import open_db

EXAMPLES = 1000
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)
SESSION_IDS = [s.id for d in curriculum.load_curriculum().days for s in d.sessions]
DAY_OF_SESSION = {s.id: d.id for d in curriculum.load_curriculum().days for s in d.sessions}
TODAY = dt.date.today()
# The band the success share must fall in: below it the success path is barely run, above it errors are.
SUCCESS_BAND = (0.5, 0.9)

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

# ---------------------------------------------------------------- valid and broken values

good_minute_counts = st.integers(min_value=1, max_value=240)
good_minutes = st.one_of(
    good_minute_counts,
    good_minute_counts.map(str),
    good_minute_counts.map(float),
    good_minute_counts.map(lambda m: f" {m}.0 "),
    good_minute_counts.map(decimal.Decimal),
)
bad_minutes = st.one_of(
    st.integers(min_value=-100, max_value=0),
    st.integers(min_value=time_log.MAX_MINUTES_PER_DAY + 1, max_value=10**6),
    st.floats(min_value=0.01, max_value=900).filter(lambda v: v != int(v)),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), True, False, None, [], {}]),
    st.sampled_from(["", " ", "abc", "1,5", "ten", "30 min", "0x1e", "--5"]),
)
good_days = st.dates(min_value=TODAY - dt.timedelta(days=1000), max_value=TODAY)
good_dates = st.one_of(
    good_days,
    good_days.map(dt.date.isoformat),
    good_days.map(lambda d: f"  {d.isoformat()} "),
    st.builds(dt.datetime.combine, good_days, st.times()),
)
bad_dates = st.one_of(
    st.dates(min_value=TODAY + dt.timedelta(days=1), max_value=TODAY + dt.timedelta(days=800)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY - dt.timedelta(days=3 * 366 + 1)),
    st.dates(min_value=TODAY + dt.timedelta(days=1), max_value=dt.date(2100, 1, 1)).map(dt.date.isoformat),
    st.sampled_from(["", "yesterday", "2024-02-30", "2024/01/02", "01-02-2024", "2024-13-01", None, 20240102, 1.5]),
)
bad_sessions = st.one_of(
    st.text(max_size=30).filter(lambda s: s not in DAY_OF_SESSION), st.sampled_from([None, 1, b"x", ["a"]])
)
notes = st.one_of(st.text(max_size=200), st.none(), st.integers())
# A quarter of the calls break exactly one field; the rest are valid.
BROKEN_LOG = [None] * 9 + ["session", "minutes", "date"]


def expected_minutes(value: object) -> int:
    """The whole minutes a valid value stands for."""
    return int(float(value))  # type: ignore[arg-type]


def expected_day(value: object) -> dt.date:
    """The calendar date a valid value stands for."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def table_counts(db) -> dict[str, int]:
    """Rows per user table: a failed call must leave every one unchanged."""
    return {
        t: db.conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in db.table_names()
        if not t.startswith("sqlite_")
    }


def minutes_on(db, day: dt.date, excluding: int | None = None) -> int:
    """Minutes in force on ``day`` as the time-log view shows them."""
    entries = time_log.current_time_entries(db)
    on_day = entries[(entries["logged_on"] == day.isoformat()) & (entries["id"] != (excluding or 0))]
    return int(on_day["minutes"].sum())


def outcome(db, call: Callable[[], object], field: str | None) -> tuple[object | None, dict[str, int]]:
    """Run ``call``; with ``field`` set it must raise one InputError on that field and change no table."""
    before = table_counts(db)
    if field is None:
        return call(), before
    with pytest.raises(InputError) as caught:
        call()
    assert type(caught.value) is InputError and caught.value.message.strip()
    assert caught.value.field == field, f"expected an error on {field!r}, got {caught.value!r}"
    assert not db.conn.in_transaction, "a failed call left a transaction open"
    assert table_counts(db) == before, f"partial write on {caught.value!r}"
    return None, before


def stored_entry(db, entry_id: int) -> dict:
    """The time_log row as stored."""
    row = db.conn.execute(
        "SELECT day_id, session_id, minutes, logged_on, note, replaces_id, deleted FROM time_log WHERE id = ?",
        (entry_id,),
    ).fetchone()
    assert row is not None, f"entry {entry_id} was not stored"
    return dict(
        zip(("day_id", "session_id", "minutes", "logged_on", "note", "replaces_id", "deleted"), row, strict=True)
    )


def report(name: str, counts: Counter) -> float:
    """Print and return the share of calls that succeeded."""
    total = counts["ok"] + counts["refused"]
    share = counts["ok"] / total
    print(f"\nfuzz {name}: {counts['ok']} of {total} calls succeeded ({share:.0%})")
    return share


@pytest.fixture
def fuzz_db(data_dir: Path):
    """One connection for the whole run, seeded with entries that correction and removal can target."""
    with open_db() as db:
        seed_entries(db, 20)
        yield db


def seed_entries(db, n: int) -> None:
    """Short entries spread over past days, so no day is near its 16 hours."""
    for i in range(n):
        time_log.log_time(
            db, SESSION_IDS[i % len(SESSION_IDS)], 5, TODAY - dt.timedelta(days=(i * 37) % 900), "seed", today=TODAY
        )


def test_log_time_stores_valid_input_and_refuses_broken_input(fuzz_db) -> None:
    counts: Counter = Counter()

    @FUZZ
    @given(
        broken=st.sampled_from(BROKEN_LOG),
        session=st.sampled_from(SESSION_IDS),
        minutes=good_minutes,
        logged_on=good_dates,
        note=notes,
        data=st.data(),
    )
    def run(broken, session, minutes, logged_on, note, data) -> None:
        if broken == "session":
            session = data.draw(bad_sessions)
        elif broken == "minutes":
            minutes = data.draw(bad_minutes)
        elif broken == "date":
            logged_on = data.draw(bad_dates)
        field = broken
        if field is None and minutes_on(fuzz_db, expected_day(logged_on)) + expected_minutes(minutes) > 960:
            field = "minutes"  # valid on its own, but the day would pass 16 hours
        entry_id, before = outcome(
            fuzz_db,
            lambda: time_log.log_time(fuzz_db, session, minutes, logged_on, note, today=TODAY),
            field,
        )
        counts["refused" if field else "ok"] += 1
        if field is None:
            assert stored_entry(fuzz_db, entry_id) == {
                "day_id": DAY_OF_SESSION[session],
                "session_id": session,
                "minutes": expected_minutes(minutes),
                "logged_on": expected_day(logged_on).isoformat(),
                "note": str(note or "").strip(),
                "replaces_id": None,
                "deleted": 0,
            }
            assert table_counts(fuzz_db) == {**before, "time_log": before["time_log"] + 1}

    run()
    share = report("log_time", counts)
    assert SUCCESS_BAND[0] <= share <= SUCCESS_BAND[1]


BROKEN_CORRECTION = [None] * 10 + ["entry", "session", "minutes", "date"]
bad_entry_ids = st.one_of(
    st.integers(min_value=10**6, max_value=2**62),
    st.integers(max_value=0),
    st.sampled_from([None, "1", 1.0, True, [1], 2**64]),
)


def current_ids(db) -> list[int]:
    """Entries in force, topped up when corrections and removals have used most of them."""
    ids = [int(i) for i in time_log.current_time_entries(db)["id"]]
    if len(ids) < 5:
        seed_entries(db, 10)
        ids = [int(i) for i in time_log.current_time_entries(db)["id"]]
    return ids


def pick(ids: list[int], data) -> int:
    """One of ``ids``, drawn by position so the draw does not depend on what earlier examples stored."""
    return ids[data.draw(st.integers(min_value=0, max_value=10**6)) % len(ids)]


def test_correct_time_replaces_an_entry_or_refuses(fuzz_db) -> None:
    counts: Counter = Counter()

    @FUZZ
    @given(broken=st.sampled_from(BROKEN_CORRECTION), data=st.data())
    def run(broken, data) -> None:
        entry_id = pick(current_ids(fuzz_db), data)
        old = stored_entry(fuzz_db, entry_id)
        session = data.draw(st.one_of(st.none(), st.sampled_from(SESSION_IDS)))
        minutes = data.draw(st.one_of(st.none(), good_minutes))
        logged_on = data.draw(st.one_of(st.none(), good_dates))
        note = data.draw(st.one_of(st.none(), st.text(max_size=50)))
        if broken == "entry":
            replaced = [r for (r,) in fuzz_db.conn.execute("SELECT replaces_id FROM time_log WHERE replaces_id > 0")]
            entry_id = pick(replaced or [10**7], data) if data.draw(st.booleans()) else data.draw(bad_entry_ids)
        elif broken == "session":
            session = data.draw(bad_sessions.filter(bool))
        elif broken == "minutes":
            minutes = data.draw(bad_minutes.filter(lambda v: v is not None))
        elif broken == "date":
            logged_on = data.draw(bad_dates.filter(lambda v: v is not None))
        field = broken
        if field is None:
            day = expected_day(old["logged_on"] if logged_on is None else logged_on)
            mins = old["minutes"] if minutes is None else expected_minutes(minutes)
            if minutes_on(fuzz_db, day, excluding=entry_id) + mins > 960:
                field = "minutes"
        new_id, before = outcome(
            fuzz_db,
            lambda: time_log.correct_time(
                fuzz_db, entry_id, session_id=session, minutes=minutes, logged_on=logged_on, note=note, today=TODAY
            ),
            field,
        )
        counts["refused" if field else "ok"] += 1
        if field is None:
            session_id = session or old["session_id"]
            assert stored_entry(fuzz_db, new_id) == {
                "day_id": DAY_OF_SESSION[session_id],
                "session_id": session_id,
                "minutes": mins,
                "logged_on": day.isoformat(),
                "note": old["note"] if note is None else note.strip(),
                "replaces_id": entry_id,
                "deleted": 0,
            }
            current = set(time_log.current_time_entries(fuzz_db)["id"])
            assert new_id in current and entry_id not in current
            assert table_counts(fuzz_db) == {**before, "time_log": before["time_log"] + 1}

    run()
    share = report("correct_time", counts)
    assert SUCCESS_BAND[0] <= share <= SUCCESS_BAND[1]


def test_remove_time_removes_an_entry_once_or_refuses(fuzz_db) -> None:
    counts: Counter = Counter()

    @FUZZ
    @given(broken=st.sampled_from([None] * 3 + ["entry"]), data=st.data())
    def run(broken, data) -> None:
        entry_id = pick(current_ids(fuzz_db), data)
        if broken:
            entry_id = data.draw(bad_entry_ids)
        removal_id, before = outcome(
            fuzz_db, lambda: time_log.remove_time(fuzz_db, entry_id), "entry" if broken else None
        )
        counts["refused" if broken else "ok"] += 1
        if not broken:
            assert removal_id is None
            assert entry_id not in set(time_log.current_time_entries(fuzz_db)["id"])
            (removal,) = fuzz_db.conn.execute(
                "SELECT deleted FROM time_log WHERE replaces_id = ?", (entry_id,)
            ).fetchall()
            assert removal == (1,)
            assert table_counts(fuzz_db) == {**before, "time_log": before["time_log"] + 1}
            # Removing the same entry twice is refused: it is no longer current.
            outcome(fuzz_db, lambda: time_log.remove_time(fuzz_db, entry_id), "entry")

    run()
    share = report("remove_time", counts)
    assert SUCCESS_BAND[0] <= share <= SUCCESS_BAND[1]
