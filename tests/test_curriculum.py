"""Hours logging, corrections, activity ticks, day status, and the curriculum charts."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from lib.core.errors import InputError
from lib.demo import plan as demo_plan
from lib.plan import charts, curriculum, progress, time_log
from lib.storage.db import open_db

TODAY = dt.date(2026, 11, 27)  # a Friday


def _hours(db, day_id: str) -> float:
    table = progress.progress_table(db).set_index("day_id")
    return float(table.loc[day_id, "hours"])


def test_log_time_adds_to_the_day(db) -> None:
    time_log.log_time(db, "mon-morning", 90, TODAY, "CIRCLES drills", today=TODAY)
    time_log.log_time(db, "mon-evening", "30", TODAY.isoformat(), today=TODAY)
    assert _hours(db, "mon") == pytest.approx(2.0)
    assert time_log.total_hours(db) == pytest.approx(2.0)
    entries = time_log.current_time_entries(db)
    assert list(entries["minutes"]) == [90, 30]
    assert entries.iloc[0]["note"] == "CIRCLES drills"


@pytest.mark.parametrize(
    "minutes, message",
    [
        (0, "more than zero"),
        (-15, "more than zero"),
        ("abc", "not a number"),
        (None, "not a number"),
        (12.5, "whole minutes"),
        (float("nan"), "number of minutes"),
        (True, "number of minutes"),
        (17 * 60, "16 hours"),
    ],
)
def test_bad_minutes_are_refused_and_nothing_is_stored(db, minutes, message) -> None:
    with pytest.raises(InputError, match=message) as err:
        time_log.log_time(db, "mon-morning", minutes, TODAY, today=TODAY)
    assert err.value.field == "minutes"
    assert db["time_log"].count == 0


@pytest.mark.parametrize(
    "when, message",
    [
        ("2026-13-01", "not a date"),
        ("yesterday", "not a date"),
        (dt.date(2026, 11, 28), "in the future"),
        (dt.date(1999, 1, 1), "sensible range"),
        (dt.date(2019, 1, 1), "sensible range"),
    ],
)
def test_bad_dates_are_refused(db, when, message) -> None:
    with pytest.raises(InputError, match=message) as err:
        time_log.log_time(db, "tue-morning", 30, when, today=TODAY)
    assert err.value.field == "date"
    assert db["time_log"].count == 0


def test_more_than_16_hours_on_one_day_is_refused(db) -> None:
    time_log.log_time(db, "mon-morning", 600, TODAY, today=TODAY)
    time_log.log_time(db, "mon-evening", 300, TODAY, today=TODAY)
    with pytest.raises(InputError, match="more than 16 hours in one day"):
        time_log.log_time(db, "tue-morning", 61, TODAY, today=TODAY)
    time_log.log_time(db, "tue-morning", 60, TODAY, today=TODAY)  # exactly 16 h is allowed
    assert time_log.total_hours(db) == pytest.approx(16)


def test_unknown_session_is_refused(db) -> None:
    with pytest.raises(InputError, match="unknown session 'mon-night'"):
        time_log.log_time(db, "mon-night", 30, TODAY, today=TODAY)


def test_correction_and_removal_append_history(db) -> None:
    first = time_log.log_time(db, "wed-morning", 120, TODAY, today=TODAY)
    fixed = time_log.correct_time(db, first, minutes=150, today=TODAY)
    assert _hours(db, "wed") == pytest.approx(2.5)
    with pytest.raises(InputError, match="already changed"):
        time_log.correct_time(db, first, minutes=10, today=TODAY)
    time_log.remove_time(db, fixed)
    assert _hours(db, "wed") == 0
    assert db["time_log"].count == 3  # original, correction, removal: nothing overwritten
    assert time_log.current_time_entries(db).empty


def test_correction_is_validated(db) -> None:
    entry = time_log.log_time(db, "wed-morning", 120, TODAY, today=TODAY)
    with pytest.raises(InputError, match="more than zero"):
        time_log.correct_time(db, entry, minutes=-5, today=TODAY)
    assert _hours(db, "wed") == pytest.approx(2.0)


def test_status_is_derived_from_time_and_ticks(db) -> None:
    cur = curriculum.load_curriculum()
    table = progress.progress_table(db).set_index("day_id")
    assert set(table["status"]) == {"not_started"}
    time_log.log_time(db, "thu-morning", 30, TODAY, today=TODAY)
    assert progress.progress_table(db).set_index("day_id").loc["thu", "status"] == "in_progress"
    for activity in cur.day("fri").activities:
        progress.set_activity_done(db, activity.id, True)
    table = progress.progress_table(db).set_index("day_id")
    assert table.loc["fri", "status"] == "done"
    assert table.loc["fri", "activities_done"] == table.loc["fri", "activities_total"]
    progress.set_activity_done(db, cur.day("fri").activities[0].id, False)
    assert progress.progress_table(db).set_index("day_id").loc["fri", "status"] == "in_progress"


def test_manual_override_and_back_to_auto(db) -> None:
    progress.set_day_status(db, "mon", "done")
    row = progress.progress_table(db).set_index("day_id").loc["mon"]
    assert (row["status"], row["status_source"]) == ("done", "manual")
    progress.set_day_status(db, "mon", "auto")
    row = progress.progress_table(db).set_index("day_id").loc["mon"]
    assert (row["status"], row["status_source"]) == ("not_started", "derived")
    with pytest.raises(InputError):
        progress.set_day_status(db, "mon", "finished")
    with pytest.raises(InputError):
        progress.set_activity_done(db, "no-such-activity", True)


def test_week_start_decides_today(db) -> None:
    curriculum.set_week_start(db, dt.date(2026, 11, 23))
    plan = progress.today_plan(db, TODAY)
    assert plan["day"].id == "fri"
    plan = progress.today_plan(db, dt.date(2026, 11, 29))
    assert plan["day"].id == "weekend" and [s.id for s in plan["sessions"]] == ["sun-morning", "sun-afternoon"]
    assert progress.today_plan(db, dt.date(2026, 11, 20))["day"] is None
    progress.set_activity_done(db, "fri-am-review", True)
    remaining = [a.id for a in progress.today_plan(db, TODAY)["remaining"]]
    assert "fri-am-review" not in remaining and "fri-am-product-sense" in remaining


def test_charts_reflect_the_data(db) -> None:
    time_log.log_time(db, "mon-morning", 90, TODAY - dt.timedelta(days=4), today=TODAY)
    time_log.log_time(db, "tue-morning", 120, TODAY - dt.timedelta(days=3), today=TODAY)
    table = progress.progress_table(db)
    fig = charts.hours_per_day(table)
    logged = next(t for t in fig.data if t.name == "Logged")
    assert list(logged.y[:2]) == [1.5, 2.0]
    target = next(t for t in fig.data if t.name == "Target")
    assert sum(target.y) == 35
    cum = charts.cumulative_hours(time_log.cumulative_hours(db), 35, TODAY - dt.timedelta(days=4))
    assert list(cum.data[0].y)[:2] == [1.5, 3.5]
    assert charts.activities_per_day(table).note.startswith("Activities done per day appear")
    first = curriculum.load_curriculum().activity_ids[0]
    progress.set_activity_done(db, first, True)
    acts = charts.activities_per_day(progress.progress_table(db))
    assert sum(acts.data[0].y) == 1
    assert sum(acts.data[0].y) + sum(acts.data[1].y) == len(curriculum.load_curriculum().activity_ids)


def test_demo_fills_a_partly_done_week(db) -> None:
    demo_plan.demo(db, 1, random.Random(1), TODAY)
    table = progress.progress_table(db).set_index("day_id")
    assert table.loc["mon", "hours"] >= 4
    assert table.loc["weekend", "hours"] == 0  # the weekend is still ahead
    assert curriculum.week_start(db) == dt.date(2026, 11, 23)


def test_demo_scale_multiplies_rows_not_hours(data_dir) -> None:
    with open_db() as db:
        demo_plan.demo(db, 1, random.Random(1), TODAY)
        small_rows, small_hours = db["time_log"].count, time_log.total_hours(db)
        db.execute("DELETE FROM time_log")
        demo_plan.demo(db, 20, random.Random(1), TODAY)
        assert db["time_log"].count > 10 * small_rows
        assert time_log.total_hours(db) == pytest.approx(small_hours)


def test_time_input_is_a_validated_model() -> None:
    entry = time_log.check_time(" 45 ", "2026-11-27", TODAY)
    assert entry == time_log.TimeInput(minutes=45, logged_on=TODAY)
    with pytest.raises(InputError, match="is in the future; log time you have spent") as err:
        time_log.check_time(30, "2026-11-28", TODAY)
    assert err.value.field == "date"
    with pytest.raises(InputError, match="more than zero minutes") as err:
        time_log.check_time(0, "2026-11-28", TODAY)
    assert err.value.field == "minutes"  # the first field in error is the one reported
