"""The Curriculum page: logging time through the form, bad input answered at the form."""

from __future__ import annotations

import datetime as dt
import re

from lib.core import clock
from lib.core.dates import date_text
from lib.plan import curriculum, progress, time_log
from lib.storage.db import open_db
from tests.conftest import run_page


def _submit_log(at, minutes: int):
    at.number_input(key="curriculum_log_minutes").set_value(minutes)
    next(b for b in at.button if b.label == "Log time").click()
    return at.run()


def test_logging_time_through_the_form_updates_the_plan() -> None:
    at = run_page("pages/curriculum.py")
    at.selectbox(key="curriculum_log_session").set_value("mon-morning")
    at = _submit_log(at, 90)
    assert not at.exception and not at.error
    with open_db() as db:
        assert time_log.total_hours(db) == 1.5
    assert any("1.5 / 5 h" in e.label for e in at.expander)


def test_zero_minutes_shows_a_message_and_stores_nothing() -> None:
    at = run_page("pages/curriculum.py")
    at = _submit_log(at, 0)
    assert any("more than zero minutes" in e.value for e in at.error)
    with open_db() as db:
        assert db["time_log"].count == 0


def test_one_click_logs_the_time_shows_it_and_starts_the_form_over() -> None:
    """The write happens in the button's callback, so the run the click causes already shows the new hours."""
    at = run_page("pages/curriculum.py")
    at.selectbox(key="curriculum_log_session").set_value("mon-morning")
    at.text_input(key="curriculum_log_note").input("framework drill")
    at = _submit_log(at, 90)
    assert not at.exception and not at.error
    assert [t.value for t in at.toast] == ["Logged 90 minutes"]
    assert any("1.5 / 5 h" in e.label for e in at.expander)  # no second run needed to see it
    with open_db() as db:
        assert [(r["minutes"], r["note"]) for r in db["time_log"].rows] == [(90, "framework drill")]
    assert at.number_input(key="curriculum_log_minutes").value == 60
    assert at.text_input(key="curriculum_log_note").value == ""
    at.run()  # a later run neither logs again nor toasts again
    assert not at.toast
    with open_db() as db:
        assert db["time_log"].count == 1


def test_a_refused_entry_keeps_what_was_typed_with_the_message_beside_it() -> None:
    at = run_page("pages/curriculum.py")
    at.selectbox(key="curriculum_log_session").set_value("tue-morning")
    at.text_input(key="curriculum_log_note").input("still drafting")
    at = _submit_log(at, 0)
    assert [e.value for e in at.error if "more than zero minutes" in e.value]
    assert not at.toast
    assert at.selectbox(key="curriculum_log_session").value == "tue-morning"
    assert at.number_input(key="curriculum_log_minutes").value == 0
    assert at.text_input(key="curriculum_log_note").value == "still drafting"
    at = _submit_log(at, 30)  # fixed, it saves, and the message is gone
    assert not at.error
    with open_db() as db:
        assert [(r["session_id"], r["minutes"], r["note"]) for r in db["time_log"].rows] == [
            ("tue-morning", 30, "still drafting")
        ]


def test_ticking_a_day_status_and_correcting_an_entry_each_write_once() -> None:
    at = run_page("pages/curriculum.py")
    at.session_state["curriculum_day_mon"] = True
    at.run()
    at.selectbox(key="curriculum_status_mon").set_value("done")
    at.run()
    assert not at.exception
    with open_db() as db:
        assert progress.progress_table(db).set_index("day_id").loc["mon", "status"] == "done"
        time_log.log_time(db, "mon-morning", 90, clock.today())
    at.session_state["curriculum_tab"] = "Time log"
    at.run()
    at.number_input(key="curriculum_fix_minutes").set_value(45)
    next(b for b in at.button if b.label == "Apply").click()
    at.run()
    assert not at.error
    with open_db() as db:
        assert time_log.current_time_entries(db)["minutes"].tolist() == [45]  # the correction replaced it
    at.radio(key="curriculum_fix_action").set_value("Remove entry")
    next(b for b in at.button if b.label == "Apply").click()
    at.run()
    assert any("Yes, remove this entry" in e.value for e in at.error)
    with open_db() as db:
        assert len(time_log.current_time_entries(db)) == 1


def test_ticking_an_activity_is_stored() -> None:
    at = run_page("pages/curriculum.py")
    at.session_state["curriculum_day_mon"] = True  # a day's activities are built while its expander is open
    at.run()
    at.checkbox(key="curriculum_act_mon-pm-q1").check()
    at.run()
    assert not at.exception
    with open_db() as db:
        assert "mon-pm-q1" in progress.done_activities(db)


def test_the_correction_picker_names_an_entry_by_what_the_person_knows_never_its_id() -> None:
    today = clock.today()
    with open_db() as db:
        for _ in range(11):  # ids reach two digits, as they do after a few days of logging
            time_log.log_time(db, "mon-evening", 25, today - dt.timedelta(days=1))
        newest = time_log.log_time(db, "mon-morning", 90, today)
    at = run_page("pages/curriculum.py")
    at.session_state["curriculum_tab"] = "Time log"
    at.run()
    shown = at.selectbox(key="curriculum_fix_entry").options
    assert len(shown) == 12
    assert shown[0].startswith(f"90 min on {date_text(today, today, weekday=True)} — Mon · Morning Session")
    assert "(logged " in shown[0]
    yesterday = date_text(today - dt.timedelta(days=1), today, weekday=True)
    assert all(s.startswith(f"25 min on {yesterday} — Mon · Evening Session") for s in shown[1:])
    for label in shown:
        assert "#" not in label and not re.search(rf"\b{newest}\b", label.split("(logged")[0].replace("25", "")), label


def test_the_week_start_and_the_plan_ahead_carry_the_year_when_it_is_not_this_year() -> None:
    today = clock.today()
    start = today + dt.timedelta(days=366)  # always in a later year, and still a start the app accepts
    with open_db() as db:
        curriculum.set_week_start(db, start)
    at = run_page("pages/curriculum.py")
    assert any(e.label.endswith(f"{start.year}") for e in at.expander if e.label.startswith("Week start"))
    at = run_page()
    shown = [m.value for m in at.markdown] + [i.value for i in at.info]
    assert any(date_text(start, today, weekday=True) in t and str(start.year) in t for t in shown)
    assert any("Your week starts on" in i.value and str(start.year) in i.value for i in at.info)


def test_only_what_is_open_is_built_and_every_part_is_reachable(demo_dir) -> None:
    at = run_page("pages/curriculum.py")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0 and not [s for s in at.selectbox if s.key == "curriculum_fix_entry"]
    cur = curriculum.load_curriculum()
    with open_db() as db:
        today_day = curriculum.day_for_date(cur, curriculum.week_start(db, clock.today()), clock.today())
    todays = {f"curriculum_act_{a.id}" for s in (today_day.sessions if today_day else []) for a in s.activities}
    built = {c.key for c in at.checkbox if c.key.startswith("curriculum_act_")}
    assert built == todays  # the other days' activities wait until their day is opened
    at.session_state["curriculum_tab"] = "Charts"
    assert len(at.run().get("plotly_chart")) == 3
    at.session_state["curriculum_tab"] = "Time log"
    assert at.run().selectbox(key="curriculum_fix_entry").options
