"""The Curriculum page: logging time through the form, bad input answered at the form."""

from __future__ import annotations

from lib.plan import progress, time_log
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


def test_ticking_an_activity_is_stored() -> None:
    at = run_page("pages/curriculum.py")
    at.checkbox(key="curriculum_act_mon-pm-q1").check()
    at.run()
    assert not at.exception
    with open_db() as db:
        assert "mon-pm-q1" in progress.done_activities(db)
