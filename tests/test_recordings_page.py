"""The Recordings page under AppTest: review, compare, delete, missing files, partner feedback, charts."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from lib.core import config
from lib.demo.media_clips import write_demo_take
from lib.media import paths, recovery, reviews, takes
from lib.storage.db import open_db
from tests.conftest import run_page

PAGE = "pages/recordings.py"


def _add_take(title: str = "Design an AI writing assistant for students") -> int:
    relative, path = paths.new_take_path()
    write_demo_take(path, seconds=1.0)
    with open_db() as db:
        return takes.save_take(db, takes.TakePlan("question", title, question_id="q1", target_seconds=600), relative)


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _fill_review(at, prefix: str, improvement: str = "") -> None:
    at.slider(key=f"{prefix}_clarity").set_value(4)
    at.slider(key=f"{prefix}_eye_contact").set_value(2)
    at.number_input(key=f"{prefix}_filler").set_value(9)
    at.checkbox(key=f"{prefix}_stopped").check()
    at.text_input(key=f"{prefix}_improve_1").input(improvement)
    at.text_area(key=f"{prefix}_notes").input("Rushed the summary")


def _stored_reviews():
    with open_db() as db:
        return reviews.reviews(db)


def test_empty_page_points_to_the_mock_interview_page() -> None:
    at = run_page(PAGE)
    assert not at.exception
    assert any("No takes yet" in i.value for i in at.info)


def test_review_form_stores_a_review() -> None:
    take_id = _add_take()
    at = run_page(PAGE)
    assert at.selectbox(key="recordings_take").value == take_id
    assert at.get("video"), "the take plays"
    _fill_review(at, "recordings_review", "Summarize the recommendation at the end")
    _button(at, "Save review").click().run()
    assert not at.exception and not at.error
    stored = _stored_reviews().iloc[0]
    assert (stored["clarity"], stored["structure"], stored["eye_contact"], stored["filler_words"]) == (4, 3, 2, 9)
    assert stored["stopped_or_restarted"] == 1 and stored["improve_1"] == "Summarize the recommendation at the end"


def test_review_without_anything_to_improve_shows_an_error_and_stores_nothing() -> None:
    _add_take()
    at = run_page(PAGE)
    _fill_review(at, "recordings_review", "")
    _button(at, "Save review").click().run()
    assert any("Identify 3 areas to improve" in e.value for e in at.error)
    assert not at.get("help"), "the error element itself is not printed by Streamlit's magic"
    assert _stored_reviews().empty


def test_missing_file_is_shown_as_missing() -> None:
    take_id = _add_take()
    with open_db() as db:
        paths.recording_file(db, take_id).unlink()
    at = run_page(PAGE)
    assert not at.exception
    assert any("missing" in w.value for w in at.warning)
    assert not at.get("video")


def test_delete_needs_confirmation() -> None:
    take_id = _add_take()
    at = run_page(PAGE)
    assert at.button(key="recordings_delete").disabled
    at.checkbox(key="recordings_delete_confirm").check().run()
    at.button(key="recordings_delete").click().run()
    assert not at.exception
    with open_db() as db:
        assert db["recordings"].count == 0
    assert not list(config.recordings_dir().glob("*.mp4")), f"take {take_id} file is gone"


def test_compare_shows_two_takes_side_by_side() -> None:
    first, second = _add_take("First"), _add_take("Second")
    with open_db() as db:
        reviews.add_review(db, first, reviews.Review(2, 2, 2, 2, improvements=["Slow down"]))
    at = run_page(PAGE)
    values = {at.selectbox(key="recordings_compare_0").value, at.selectbox(key="recordings_compare_1").value}
    assert values == {first, second}
    assert len(at.get("video")) >= 3  # the watched take plus both compared ones


def test_partner_feedback_without_a_recording() -> None:
    at = run_page(PAGE)
    at.text_input(key="recordings_partner_name").input("Sam")
    at.date_input(key="recordings_partner_date").set_value(dt.date.today())
    at.selectbox(key="recordings_partner_type").select("Execution")
    _fill_review(at, "recordings_partner", "Clarify the goal first")
    _button(at, "Save partner feedback").click().run()
    assert not at.exception and not at.error
    stored = _stored_reviews().iloc[0]
    assert (stored["source"], stored["reviewer"], stored["interview_type"]) == ("partner", "Sam", "Execution")
    assert pd.isna(stored["recording_id"]), "no take"


def test_partner_feedback_needs_a_name() -> None:
    at = run_page(PAGE)
    _fill_review(at, "recordings_partner", "Clarify the goal first")
    _button(at, "Save partner feedback").click().run()
    assert any("partner" in e.value for e in at.error)
    assert _stored_reviews().empty


def test_demo_data_renders_with_charts(demo_dir) -> None:
    at = run_page(PAGE)
    assert not at.exception
    keys = {chart.key for chart in at.get("plotly_chart")}
    assert {
        "recordings_scores_chart",
        "recordings_improve_chart",
        "recordings_filler_chart",
        "recordings_duration_chart",
    } <= keys
    assert at.get("download_button")


def test_a_take_cut_short_is_recovered_and_announced() -> None:
    import os
    import time

    _, path = paths.new_take_path()
    recovery.write_take_plan(path, takes.TakePlan("story", "Why AI PM", story_id="s1", target_seconds=180))
    old = time.time() - recovery.RECOVER_AFTER_S - 5
    os.utime(path.with_suffix(".plan.json"), (old, old))
    at = run_page(PAGE)
    assert not at.exception
    assert any("recovered" in i.value for i in at.info)
    with open_db() as db:
        take = takes.list_recordings(db).iloc[0]
    assert (take["mode"], take["status"], take["file"]) == ("story", "failed", "no file")
