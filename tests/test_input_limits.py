"""The limits the input checks set, tested at the boundary: the last value accepted, the first refused."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.core.errors import ImportFileError, InputError
from lib.jobsearch.imports import applications as application_import
from lib.jobsearch.imports import contacts as contact_import
from lib.media import reviews
from lib.stories import store as stories
from lib.stories import themes as story_themes

TODAY = dt.date(2026, 3, 15)


def review(**changes) -> reviews.Review:
    """A complete checklist, with ``changes`` applied."""
    values = dict(clarity=4, structure=3, confidence=4, eye_contact=2, filler_words=7, improvements=["Pace"])
    return reviews.Review(**{**values, **changes})


def story(**changes) -> dict:
    """A valid story's fields, with ``changes`` applied."""
    theme = story_themes.load_themes().themes[0].id
    return {"title": "Shipped the redesign", "theme_id": theme, "result": "Conversion rose 4%.", **changes}


def test_a_tag_of_40_characters_is_kept_and_one_of_41_is_refused(db) -> None:
    story_id = stories.save_story(db, story(tags=["t" * 40, "short"]))
    assert stories.get_story(db, story_id)["tags"] == ["t" * 40, "short"]
    with pytest.raises(InputError) as caught:
        stories.save_story(db, story(title="Another", tags="ok, " + "t" * 41))
    assert caught.value.field == "tags" and "longer than 40 characters" in caught.value.message


def test_a_title_of_120_characters_is_kept_and_one_of_121_is_refused(db) -> None:
    assert stories.get_story(db, stories.save_story(db, story(title="T" * 120)))["title"] == "T" * 120
    with pytest.raises(InputError) as caught:
        stories.save_story(db, story(title="T" * 121))
    assert caught.value.field == "title"


def test_filler_words_up_to_100000_are_counted_and_more_are_refused(db) -> None:
    reviews.add_partner_feedback(db, "Sam", TODAY, "Execution", review(filler_words=100_000))
    assert list(reviews.reviews(db)["filler_words"]) == [100_000]
    with pytest.raises(InputError) as caught:
        reviews.add_partner_feedback(db, "Sam", TODAY, "Execution", review(filler_words=100_001))
    assert "more filler words than a 90-minute take" in caught.value.message
    assert len(reviews.reviews(db)) == 1


def test_a_partner_name_of_120_characters_is_kept_and_one_of_121_is_refused(db) -> None:
    reviews.add_partner_feedback(db, "P" * 120, TODAY, "Execution", review())
    assert list(reviews.reviews(db)["reviewer"]) == ["P" * 120]
    with pytest.raises(InputError) as caught:
        reviews.add_partner_feedback(db, "P" * 121, TODAY, "Execution", review())
    assert caught.value.field == "partner" and "under 120 characters" in caught.value.message


@pytest.mark.parametrize(
    ("day", "accepted"),
    [("2000-01-01", True), ("1999-12-31", False), (TODAY.isoformat(), True), ("2026-03-16", False)],
)
def test_imported_dates_run_from_2000_to_today(db, day: str, accepted: bool) -> None:
    applications_csv = f"company,role,stage,stage_on\nAcme,PM,applied,{day}\n"
    contacts_csv = f"name,company,connected_on\nAna,Acme,{day}\n"
    if accepted:
        assert application_import.import_applications(db, applications_csv, "a.csv", today=TODAY).added == 1
        assert contact_import.import_contacts(db, contacts_csv, "c.csv", today=TODAY).added == 1
        return
    for call, field in (
        (lambda: application_import.import_applications(db, applications_csv, "a.csv", today=TODAY), "stage_on"),
        (lambda: contact_import.import_contacts(db, contacts_csv, "c.csv", today=TODAY), "connected_on"),
    ):
        with pytest.raises(ImportFileError) as caught:
            call()
        assert caught.value.field == field and caught.value.where.endswith(", line 2")
        assert caught.value.message == f"{day} is outside a sensible range (2000 to today)"
