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


def test_a_refused_journal_entry_stays_to_fix_and_a_saved_one_empties_the_form() -> None:
    too_long = "word " * (materials.MAX_REFLECTION_CHARS // 5 + 10)
    at = run_page("pages/job_materials.py")
    at.text_area(key="job_materials_reflection_text").set_value(too_long)
    at.button(key="FormSubmitter:job_materials_reflection_form-Add to journal").click().run()
    assert at.error, "an over-long entry is refused"
    assert at.text_area(key="job_materials_reflection_text").value == too_long  # not lost
    at.text_area(key="job_materials_reflection_text").set_value("A shorter entry")
    at.button(key="FormSubmitter:job_materials_reflection_form-Add to journal").click().run()
    assert not at.exception and not at.error
    assert not [a.value for a in at.text_area if a.value]  # the form starts empty after a save
    assert any(t.value == "A shorter entry" for t in at.text)
