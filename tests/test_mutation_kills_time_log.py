"""Hours logging at its edges: entry ids, the 16-hour day on corrections, what a correction keeps, removal rows."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.core.errors import InputError
from lib.plan import time_log

TODAY = dt.date(2026, 11, 27)


def _refusal(call) -> InputError:
    with pytest.raises(InputError) as err:
        call()
    return err.value


def _rows(db) -> list[dict]:
    return list(db["time_log"].rows_where(order_by="id"))


@pytest.mark.parametrize(
    "bad_id, shown",
    [
        (0, "0"),
        (-1, "-1"),
        (2**63, "9223372036854775808"),
        (2**64, "18446744073709551616"),
        ("1", "'1'"),
        (None, "None"),
    ],
)
def test_an_id_that_cannot_be_an_entry_is_refused_by_name(db, bad_id, shown) -> None:
    time_log.log_time(db, "mon-morning", 30, TODAY, today=TODAY)  # entry 1 exists: "1" must still not reach it
    for call in (lambda: time_log.remove_time(db, bad_id), lambda: time_log.correct_time(db, bad_id, minutes=5)):
        err = _refusal(call)
        assert (err.message, err.field) == (f"time entry {shown} does not exist", "entry")
    assert len(_rows(db)) == 1


def test_true_is_not_entry_one(db) -> None:
    assert time_log.log_time(db, "mon-morning", 30, TODAY, today=TODAY) == 1
    err = _refusal(lambda: time_log.remove_time(db, True))
    assert (err.message, err.field) == ("time entry True does not exist", "entry")
    assert time_log.total_hours(db) == pytest.approx(0.5)


@pytest.mark.parametrize("entry_id", [127, 2**63 - 1])
def test_the_largest_ids_are_looked_up_not_refused_as_malformed(db, entry_id) -> None:
    err = _refusal(lambda: time_log.remove_time(db, entry_id))
    assert (err.message, err.field) == (f"time entry {entry_id} does not exist or was already changed", "entry")


def test_a_correction_keeps_what_it_does_not_change(db) -> None:
    first = time_log.log_time(db, "wed-morning", 45, TODAY - dt.timedelta(days=2), " drills ", today=TODAY)
    fixed = time_log.correct_time(db, first, session_id="wed-evening", today=TODAY)
    row = db["time_log"].get(fixed)
    assert (row["session_id"], row["day_id"], row["minutes"], row["logged_on"], row["note"]) == (
        "wed-evening",
        "wed",
        45,
        "2026-11-25",
        "drills",
    )
    assert (row["replaces_id"], row["deleted"]) == (first, 0)


def test_a_correction_changes_each_field_it_is_given(db) -> None:
    first = time_log.log_time(db, "wed-morning", 45, TODAY, "drills", today=TODAY)
    fixed = time_log.correct_time(db, first, minutes="50", logged_on="2026-11-26", note="  mock  ", today=TODAY)
    row = db["time_log"].get(fixed)
    assert (row["minutes"], row["logged_on"], row["note"], row["session_id"]) == (
        50,
        "2026-11-26",
        "mock",
        "wed-morning",
    )


def test_a_correction_judges_the_date_against_the_given_today(db) -> None:
    # TODAY is days before the real date: a day after TODAY is in the future for this call.
    first = time_log.log_time(db, "wed-morning", 45, TODAY, today=TODAY)
    err = _refusal(lambda: time_log.correct_time(db, first, logged_on=TODAY + dt.timedelta(days=1), today=TODAY))
    assert err.field == "date" and "in the future" in err.message
    assert len(_rows(db)) == 1


def test_a_correction_may_fill_a_day_to_sixteen_hours_and_not_beyond(db) -> None:
    time_log.log_time(db, "mon-morning", 600, TODAY, today=TODAY)
    second = time_log.log_time(db, "mon-evening", 300, TODAY, today=TODAY)
    err = _refusal(lambda: time_log.correct_time(db, second, minutes=361, today=TODAY))
    assert (str(err), err.field) == ("minutes: more than 16 hours on 27 Nov", "minutes")
    assert len(_rows(db)) == 2
    # The entry being corrected does not count twice: 600 + 360 is exactly 16 hours.
    time_log.correct_time(db, second, minutes=360, today=TODAY)
    assert time_log.total_hours(db) == pytest.approx(16)


def test_a_lone_long_entry_can_be_corrected_upwards(db) -> None:
    only = time_log.log_time(db, "mon-morning", 600, TODAY, today=TODAY)
    time_log.correct_time(db, only, minutes=700, today=TODAY)
    assert time_log.total_hours(db) == pytest.approx(700 / 60)


def test_a_changed_entry_cannot_be_changed_again(db) -> None:
    first = time_log.log_time(db, "mon-morning", 30, TODAY, today=TODAY)
    time_log.remove_time(db, first)
    for call in (lambda: time_log.remove_time(db, first), lambda: time_log.correct_time(db, first, minutes=5)):
        err = _refusal(call)
        assert (str(err), err.field) == (
            f"entry: time entry {first} does not exist or was already changed",
            "entry",
        )


def test_a_removal_is_a_row_marking_the_entry_removed(db) -> None:
    first = time_log.log_time(db, "mon-morning", 30, TODAY, "note", today=TODAY)
    time_log.remove_time(db, first)
    removal = _rows(db)[-1]
    assert removal["id"] != first
    assert (removal["replaces_id"], removal["deleted"], removal["minutes"], removal["note"]) == (first, 1, 30, "note")
    assert removal["created_at"].endswith("+00:00")


def test_hours_per_date_run_up_to_the_total(db) -> None:
    time_log.log_time(db, "mon-morning", 90, TODAY - dt.timedelta(days=2), today=TODAY)
    time_log.log_time(db, "mon-evening", 30, TODAY - dt.timedelta(days=2), today=TODAY)
    time_log.log_time(db, "tue-morning", 60, TODAY, today=TODAY)
    table = time_log.cumulative_hours(db)
    assert table.to_dict("records") == [
        {"logged_on": "2026-11-25", "minutes": 120, "hours": 2.0, "cumulative_hours": 2.0},
        {"logged_on": "2026-11-27", "minutes": 60, "hours": 1.0, "cumulative_hours": 3.0},
    ]
    assert time_log.minutes_per_day(db) == {"mon": 120, "tue": 60}


def test_a_day_over_sixteen_hours_is_refused_saying_how_many_it_would_make(db) -> None:
    time_log.log_time(db, "mon-morning", 900, TODAY, today=TODAY)
    err = _refusal(lambda: time_log.log_time(db, "mon-evening", 90, TODAY, today=TODAY))
    assert (err.message, err.field) == (
        "that would make 16.5 hours on 27 Nov, more than 16 hours in one day",
        "minutes",
    )
    entry = time_log.log_time(db, "mon-evening", 60, TODAY, today=TODAY)
    assert db["time_log"].get(entry)["note"] == ""


@pytest.mark.parametrize(
    ("minutes", "day", "message", "field"),
    [
        (0, "2026-11-27", "time must be more than zero minutes", "minutes"),
        ("1.5", "2026-11-27", "enter whole minutes", "minutes"),
        ("abc", "2026-11-27", "'abc' is not a number of minutes", "minutes"),
        (961, "2026-11-27", "more than 16 hours in one entry", "minutes"),
        (30, "2000-01-01", "2000-01-01 is outside a sensible range", "date"),
    ],
)
def test_check_time_says_what_is_wrong_in_the_users_words(minutes, day, message, field) -> None:
    err = _refusal(lambda: time_log.check_time(minutes, day, TODAY))
    assert (err.message, err.field) == (message, field)
