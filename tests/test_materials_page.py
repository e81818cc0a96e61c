"""The Job materials page under AppTest: ticks, start fresh, journal entries shown as plain text."""

from __future__ import annotations

from lib.materials import checklists as materials
from lib.storage.db import open_db
from tests.conftest import run_page


def test_ticking_a_resume_item_appends_an_event() -> None:
    at = run_page("pages/job_materials.py")
    at.checkbox(key="job_materials_resume_quantify").check().run()
    assert not at.exception
    with open_db() as db:
        assert materials.done_items(db) == {"resume": {"quantify"}}
    assert at.checkbox(key="job_materials_resume_quantify").value


def test_start_fresh_clears_the_before_list() -> None:
    with open_db() as db:
        materials.set_item_done(db, "before-interview", "sleep", True)
    at = run_page("pages/job_materials.py")
    at.button(key="job_materials_clear_before-interview").click().run()
    assert not at.exception
    assert not at.checkbox(key="job_materials_before-interview_sleep").value


def test_reflection_entry_is_saved_and_shown_literally() -> None:
    at = run_page("pages/job_materials.py")
    at.text_area(key="job_materials_reflection_text").set_value("**Not bold** <script>x</script>")
    at.button(key="FormSubmitter:job_materials_reflection_form-Add to journal").click().run()
    assert not at.exception
    assert any(t.value == "**Not bold** <script>x</script>" for t in at.text)


def test_empty_reflection_shows_an_error() -> None:
    at = run_page("pages/job_materials.py")
    at.button(key="FormSubmitter:job_materials_reflection_form-Add to journal").click().run()
    assert any("write something" in e.value for e in at.error)
    with open_db() as db:
        assert db["reflection_entries"].count == 0
