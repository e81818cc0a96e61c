"""The Recordings page under AppTest: review, compare, delete, missing files, partner feedback, charts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from lib.core import clock, config
from lib.demo.media_clips import write_demo_take
from lib.media import paths, recovery, reviews, takes
from lib.storage.db import open_db
from lib.ui import recordings as recordings_ui
from tests.conftest import open_tab, run_page

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


def _open_tab(at, label: str):
    return open_tab(at, "recordings_tab", label)


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
    at = _open_tab(run_page(PAGE), "Compare two takes")
    values = {at.selectbox(key="recordings_compare_0").value, at.selectbox(key="recordings_compare_1").value}
    assert values == {first, second}
    assert len(at.get("video")) == 2  # both compared takes


def test_partner_feedback_without_a_recording() -> None:
    at = _open_tab(run_page(PAGE), "Partner mocks")
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
    at = _open_tab(run_page(PAGE), "Partner mocks")
    _fill_review(at, "recordings_partner", "Clarify the goal first")
    _button(at, "Save partner feedback").click().run()
    assert any("partner" in e.value for e in at.error)
    assert _stored_reviews().empty


def test_demo_data_renders_with_charts(demo_dir) -> None:
    at = _open_tab(run_page(PAGE), "Charts")
    assert not at.exception
    keys = {chart.key for chart in at.get("plotly_chart")}
    assert {
        "recordings_scores_chart",
        "recordings_improve_chart",
        "recordings_filler_chart",
        "recordings_duration_chart",
    } <= keys
    assert _open_tab(at, "Partner mocks").get("download_button")


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


def test_only_the_open_tab_is_drawn(demo_dir) -> None:
    at = run_page(PAGE)
    assert not at.exception
    keys = {chart.key for chart in at.get("plotly_chart")}
    assert not keys & {"recordings_scores_chart", "recordings_duration_chart", "recordings_delivery_trends"}
    assert not at.get("download_button"), "the Partner mocks tab is not sent while Watch & review is open"
    assert len(at.get("video")) == 1, "only the watched take, not the two compared ones"


def test_the_chosen_take_and_its_review_survive_a_tab_switch() -> None:
    first, second = _add_take("First"), _add_take("Second")
    with open_db() as db:
        reviews.add_review(db, first, reviews.Review(2, 4, 5, 1, improvements=["Slow down"]))
    at = run_page(PAGE)
    at.selectbox(key="recordings_take").set_value(first).run()
    assert at.slider(key="recordings_review_structure").value == 4
    _open_tab(at, "Charts")
    _open_tab(at, "Watch & review")
    assert not at.exception
    assert at.selectbox(key="recordings_take").value == first != second
    assert at.slider(key="recordings_review_structure").value == 4, "started again from the last review"
    assert at.text_input(key="recordings_review_improve_1").value == "Slow down"


def test_a_take_from_last_year_shows_its_year_and_one_from_this_year_does_not() -> None:
    this_year, last_year = _add_take("Recent"), _add_take("Old")
    today = dt.date.today()
    with open_db() as db:
        db["recordings"].update(this_year, {"created_at": f"{today.year}-01-02T12:00:00+00:00"})
        db["recordings"].update(last_year, {"created_at": f"{today.year - 1}-03-04T12:00:00+00:00"})
    at = run_page(PAGE)
    labels = at.selectbox(key="recordings_take").options
    old = next(label for label in labels if "Old" in label)
    recent = next(label for label in labels if "Recent" in label)
    assert f" 4 Mar {today.year - 1} " in old
    assert " 2 Jan " in recent and str(today.year) not in recent.split("·")[1]


def test_many_takes_offer_the_latest_and_a_search() -> None:
    with open_db() as db:
        db["recordings"].insert_all(
            {
                "created_at": f"2026-01-01T{i // 60:02d}:{i % 60:02d}:00+00:00",
                "mode": "question",
                "title": f"Question take {i}",
                "status": "ok",
            }
            for i in range(recordings_ui.TAKES_OFFERED + 20)
        )
    at = run_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.selectbox(key="recordings_take").options) == recordings_ui.TAKES_OFFERED
    at.text_input(key="recordings_take_search").input("Question take 3").run()
    options = at.selectbox(key="recordings_take").options
    assert options and all("Question take 3" in option for option in options)
    assert any(option.endswith("Question take 3") for option in options), "an old take is found"


@given(
    when=st.datetimes(
        min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2098, 12, 30), timezones=st.just(dt.UTC)
    ),
    today=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 1, 1)),
)
def test_a_take_label_carries_the_year_exactly_when_it_is_not_this_year(when: dt.datetime, today: dt.date) -> None:
    local = clock.local(when)
    text = takes.recorded_text(when.isoformat(), today)
    assert text.endswith(f"{local:%H:%M}") and f"{local.day} {local:%b}" in text
    assert (str(local.year) in text) == (local.year != today.year)


# ---------------------------------------------------------------- writes in the buttons' callbacks


def test_a_refused_review_keeps_what_was_entered_and_a_saved_one_toasts_and_starts_the_next_from_it() -> None:
    take_id = _add_take()
    at = run_page(PAGE)
    _fill_review(at, "recordings_review", "")
    _button(at, "Save review").click().run()
    assert any("Identify 3 areas to improve" in e.value for e in at.error) and not at.toast
    assert at.slider(key="recordings_review_clarity").value == 4, "what was entered stays beside the message"
    assert at.number_input(key="recordings_review_filler").value == 9
    assert at.text_area(key="recordings_review_notes").value == "Rushed the summary"
    assert _stored_reviews().empty
    at.text_input(key="recordings_review_improve_1").input("Land the recommendation")
    _button(at, "Save review").click().run()
    assert not at.exception and not at.error
    assert [t.value.replace("\\", "") for t in at.toast] == [f"Review of take #{take_id} saved"]
    stored = _stored_reviews().iloc[0]
    assert (stored["clarity"], stored["eye_contact"], stored["filler_words"]) == (4, 2, 9)
    assert stored["improve_1"] == "Land the recommendation"
    assert at.slider(key="recordings_review_clarity").value == 4, "the next review starts from this one"
    assert at.text_input(key="recordings_review_improve_1").value == "Land the recommendation"
    at.run()
    assert not at.toast and len(_stored_reviews()) == 1, "a later run neither saves nor toasts again"


def test_a_refused_partner_feedback_keeps_what_was_entered_and_a_saved_one_starts_the_form_over() -> None:
    at = _open_tab(run_page(PAGE), "Partner mocks")
    at.selectbox(key="recordings_partner_type").select("Strategy")
    _fill_review(at, "recordings_partner", "Clarify the goal first")
    at.text_area(key="recordings_partner_went_well").input("Crisp metrics")
    _button(at, "Save partner feedback").click().run()
    assert any("partner" in e.value for e in at.error) and not at.toast
    assert at.slider(key="recordings_partner_clarity").value == 4
    assert at.text_input(key="recordings_partner_improve_1").value == "Clarify the goal first"
    assert at.text_area(key="recordings_partner_went_well").value == "Crisp metrics"
    assert at.selectbox(key="recordings_partner_type").value == "Strategy"
    assert _stored_reviews().empty
    at.text_input(key="recordings_partner_name").input("  Sam   Lee ")
    _button(at, "Save partner feedback").click().run()
    assert not at.exception and not at.error
    assert [t.value.replace("\\", "") for t in at.toast] == ["Feedback from Sam Lee saved"]
    stored = _stored_reviews().iloc[0]
    assert (stored["reviewer"], stored["interview_type"], stored["clarity"]) == ("Sam Lee", "Strategy", 4)
    assert stored["went_well"] == "Crisp metrics"
    assert at.text_input(key="recordings_partner_name").value == ""
    assert at.text_input(key="recordings_partner_improve_1").value == ""
    assert at.slider(key="recordings_partner_clarity").value == 3
    assert at.text_area(key="recordings_partner_went_well").value == ""


def test_deleting_a_take_toasts_and_leaves_the_next_take_unarmed() -> None:
    first, second = _add_take("First"), _add_take("Second")
    at = run_page(PAGE)
    assert at.selectbox(key="recordings_take").value == second
    at.checkbox(key="recordings_delete_confirm").check().run()
    at.button(key="recordings_delete").click().run()
    assert not at.exception and not at.error
    assert [t.value.replace("\\", "") for t in at.toast] == [f"Take #{second} deleted"]
    with open_db() as db:
        assert [int(i) for i in takes.list_recordings(db)["id"]] == [first]
    assert at.selectbox(key="recordings_take").value == first
    assert not at.checkbox(key="recordings_delete_confirm").value, "one tick deletes one take, not the next too"
    assert at.button(key="recordings_delete").disabled
