"""Tables a person reads: labelled columns, no ids, local dates, blanks, ticks and words."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.core import clock
from lib.core.dates import instant_text
from lib.ui import navigation
from lib.ui.tables import TICK, readable
from tests.conftest import run_page

CODE_NAME = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")
ISO_WITH_OFFSET = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)")


def unreadable(frame: pd.DataFrame) -> list[str]:
    """What in a shown table reads like code: column names, None/nan cells, stored timestamps."""
    found = [f"column {c!r}" for c in frame.columns if str(c) == "id" or CODE_NAME.match(str(c))]
    for column in frame.columns:
        for value in frame[column].tolist():
            text = str(value)
            if value is None or text in ("None", "nan", "NaN", "NaT", "<NA>") or ISO_WITH_OFFSET.search(text):
                found.append(f"cell {text!r} in {column!r}")
                break
    return found


@pytest.mark.parametrize("page_path", [p.path for p in navigation.PAGES])
def test_every_table_on_demo_data_reads_as_words(page_path: str, demo_dir) -> None:
    at = run_page(page_path)
    assert not at.exception, [e.value for e in at.exception]
    problems = [p for frame in at.dataframe for p in unreadable(frame.value)]
    assert not problems, problems


# ---------------------------------------------------------------- the helper


TODAY = dt.date(2026, 12, 1)


def test_columns_are_labelled_and_ids_hidden() -> None:
    frame = pd.DataFrame({"id": [1], "story_id": ["a"], "stage_on": ["2026-11-06"], "days_in_stage": [3]})
    shown = readable(frame, labels={"stage_on": "In stage since"}, today=TODAY)
    assert list(shown.columns) == ["In stage since", "Days in stage"]
    assert shown.iloc[0].tolist() == ["6 Nov", 3]


def test_a_labelled_id_column_is_kept_and_its_codes_become_words() -> None:
    frame = pd.DataFrame({"theme_id": ["t1", "t2", None]})
    shown = readable(frame, labels={"theme_id": "Theme"}, words={"theme_id": {"t1": "Leadership"}}, today=TODAY)
    assert shown["Theme"].tolist() == ["Leadership", "t2", ""]
    by_function = readable(pd.DataFrame({"code": ["we_over_i"]}), words={"code": str.upper}, today=TODAY)
    assert by_function["Code"].tolist() == ["WE_OVER_I"]


def test_dates_carry_the_year_only_when_it_is_not_this_year() -> None:
    shown = readable(pd.DataFrame({"on": ["2026-11-06", "2025-11-06", dt.date(2024, 1, 2)]}), today=TODAY)
    assert shown["On"].tolist() == ["6 Nov", "6 Nov 2025", "2 Jan 2024"]


def test_stored_instants_read_in_local_time() -> None:
    stored = "2026-03-05T14:07:00+00:00"
    local = clock.local(stored)
    shown = readable(pd.DataFrame({"at": [stored], "ts": [pd.Timestamp(stored)]}), today=TODAY)
    assert shown.iloc[0].tolist() == [f"{local.day} {local:%b} {local:%H:%M}"] * 2
    next_year = readable(pd.DataFrame({"at": [stored]}), today=dt.date(2027, 1, 1))
    assert next_year["At"].tolist() == [f"{local.day} {local:%b} {local.year} {local:%H:%M}"]


def test_missing_values_are_blank_and_booleans_ticks() -> None:
    frame = pd.DataFrame(
        {"note": [None, "x"], "score": [float("nan"), 4.0], "done": [True, False], "is_pm": [1, 0], "n": [1, 2]}
    )
    shown = readable(frame, ticks=["is_pm"], today=TODAY)
    assert shown["Note"].tolist() == ["", "x"]
    assert shown["Score"].tolist() == ["", "4"]
    assert shown["Done"].tolist() == [TICK, ""]
    assert shown["Is pm"].tolist() == [TICK, ""]
    assert shown["N"].tolist() == [1, 2]  # numbers without gaps stay numbers, so they sort as numbers


def test_a_mapping_of_lists_is_a_table_too() -> None:
    assert readable({"checklist": ["Clarity"], "score": [4]}, today=TODAY).columns.tolist() == ["Checklist", "Score"]


_names = st.from_regex(r"[a-z]{1,6}(_[a-z]{1,6}){0,2}", fullmatch=True)
_values = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_infinity=False),
    st.integers(-(10**6), 10**6),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), timezones=st.just(dt.UTC)).map(clock.stamp),
    st.dates(min_value=dt.date(1990, 1, 1)).map(dt.date.isoformat),
    st.text(max_size=8),
)


@given(st.dictionaries(_names, st.lists(_values, min_size=3, max_size=3), min_size=1, max_size=5))
@settings(max_examples=150, deadline=None)
def test_no_table_reads_like_code(columns: dict[str, list]) -> None:
    shown = readable(pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()}), today=TODAY)
    assert not unreadable(shown), shown


# ---------------------------------------------------------------- messages in the user's words


def test_an_error_names_its_field_as_the_user_knows_it() -> None:
    from lib.core.errors import InputError

    err = InputError("unknown stage 'interviewing'", where="broken.csv, line 2", field="next_action_due")
    assert str(err) == "broken.csv, line 2, next action due: unknown stage 'interviewing'"
    assert str(InputError("is empty", field="theme")) == "theme: is empty"


def test_an_instant_in_a_sentence_reads_as_a_date_with_the_year_only_when_not_this_year() -> None:

    today = dt.date(2026, 12, 1)
    this_year = dt.datetime(2026, 11, 27, 20, 30, tzinfo=dt.UTC)
    last_year = dt.datetime(2025, 3, 5, 10, 0, tzinfo=dt.UTC)
    here, before = clock.local(this_year), clock.local(last_year)
    assert instant_text(this_year.isoformat(), today) == f"{here.day} {here:%b} {here:%H:%M}"
    assert instant_text(last_year, today) == f"{before.day} {before:%b} {before.year} {before:%H:%M}"
