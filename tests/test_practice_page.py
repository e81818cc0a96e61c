"""The Practice page under AppTest: answer, submit, review, history, drafts, custom questions and bad input."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lib.coach import attempts as coached
from lib.practice import attempts as practice
from lib.practice import charts as practice_charts
from lib.practice import questions, rehearsal, schedule
from lib.storage.db import open_db
from tests import audio
from tests.conftest import run_page

QID = "ps-design-an-ai-writing-assistant-for-students"


def _open_question(at, qid=QID):
    at.selectbox(key="practice_pick").set_value(qid).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _open_tab(at, label):
    """Open one of the page's tabs, as a click on it does: only the open tab is drawn."""
    at.session_state["practice_tab"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _section(at, index, qid=QID):
    return at.text_area(key=f"practice_ans_{qid}_{index}")


def test_answer_submit_review_and_history():
    at = _open_question(run_page("pages/practice.py"))
    assert any("Design an AI writing assistant for students" in m.value for m in at.markdown)
    assert _section(at, 0).label == "Clarify"
    _section(at, 0).input("Which students? High school essays.").run()
    _section(at, 6).input("Coach, don't ghost-write.").run()
    assert at.metric[0].label == "Time left"
    at.button(key="practice_submit").click().run()
    assert not at.exception and not at.error
    with open_db() as db:
        hist = practice.attempts(db, QID)
        feedback = coached.attempt_feedback(db, int(hist.iloc[0]["id"]))
    assert len(hist) == 1 and feedback is not None
    assert (
        hist.iloc[0]["answer_text"]
        == "Clarify\nWhich students? High school essays.\n\nSummarize\nCoach, don't ghost-write."
    )
    aid = int(hist.iloc[0]["id"])
    # The answer stays on screen, beside the coach's feedback.
    assert [t.value for t in at.text][:2] == ["Which students? High school essays.", "Coach, don't ghost-write."]
    assert any(m.label == "Coach's score (of 100)" and m.value == str(feedback.score) for m in at.metric)
    at.button(key="practice_again").click().run()
    assert _section(at, 0).value == ""

    at.checkbox(key=f"practice_review_guide_{aid}_0").check()
    for dim in practice.DIMENSIONS:
        at.slider(key=f"practice_review_rate_{aid}_{dim}").set_value(2)
    at.text_area(key=f"practice_review_notes_{aid}").input("Open with the user")
    at.button(key="FormSubmitter:practice_review_form-Save review").click().run()
    assert not at.exception
    assert any("Review saved" in s.value for s in at.success)
    with open_db() as db:
        row = practice.attempts(db, QID).iloc[0]
        assert 0 in row["guide_checked"] and row["structure"] == 2 and row["notes"] == "Open with the user"
        assert len(rehearsal.review_history(db, "question", QID)) == 1
    _open_tab(at, "History")
    assert len(at.dataframe) >= 1
    assert any("Which students" in c.value for c in at.code)

    _open_tab(at, "Answer")
    at.session_state["practice_rereview_open"] = True  # the expander, opened: its form is drawn only then
    at.run()
    assert at.slider(key=f"practice_rereview_rate_{aid}_structure").value == 2
    at.slider(key=f"practice_rereview_rate_{aid}_structure").set_value(4)
    at.button(key="FormSubmitter:practice_rereview_form-Save review").click().run()
    assert not at.exception
    with open_db() as db:
        row = practice.attempts(db, QID).iloc[0]
        assert row["structure"] == 4 and 0 in row["guide_checked"] and row["notes"] == "Open with the user"
        assert db.conn.execute("SELECT COUNT(*) FROM practice_reviews").fetchone()[0] == 2
        assert len(rehearsal.review_history(db, "question", QID)) == 1


def test_a_refused_review_keeps_what_was_entered_with_the_message_beside_it():
    at = _open_question(run_page("pages/practice.py"))
    _section(at, 0).input("Which students? High school essays.").run()
    at.button(key="practice_submit").click().run()
    with open_db() as db:
        aid = int(practice.attempts(db, QID).iloc[0]["id"])
    at.slider(key=f"practice_review_rate_{aid}_depth").set_value(5)
    too_long = "x" * (practice.MAX_NOTES_CHARS + 1)
    at.text_area(key=f"practice_review_notes_{aid}").input(too_long)
    at.button(key="FormSubmitter:practice_review_form-Save review").click().run()
    assert not at.exception
    assert any("notes under" in e.value for e in at.error) and not at.success
    assert at.text_area(key=f"practice_review_notes_{aid}").value == too_long
    assert at.slider(key=f"practice_review_rate_{aid}_depth").value == 5
    with open_db() as db:
        assert db.conn.execute("SELECT COUNT(*) FROM practice_reviews").fetchone()[0] == 0
    at.text_area(key=f"practice_review_notes_{aid}").input("Shorter")
    at.button(key="FormSubmitter:practice_review_form-Save review").click().run()
    assert any("Review saved" in s.value for s in at.success) and not at.error
    with open_db() as db:
        row = practice.attempts(db, QID).iloc[0]
        assert row["notes"] == "Shorter" and row["depth"] == 5


def test_empty_answer_shows_an_error_and_keeps_nothing():
    at = _open_question(run_page("pages/practice.py"))
    at.button(key="practice_submit").click().run()
    assert not at.exception
    assert any("write an answer" in e.value for e in at.error)
    with open_db() as db:
        assert practice.attempts(db).empty


def test_draft_survives_a_page_switch():
    at = _open_question(run_page("pages/practice.py"))
    _section(at, 1).input("Students who write essays").run()
    at.switch_page("pages/cheat_sheets.py").run()
    at.switch_page("pages/practice.py").run()
    assert not at.exception
    assert at.selectbox(key="practice_pick").value == QID
    assert _section(at, 1).value == "Students who write essays"


def test_custom_question_needs_type_and_text_then_joins_the_bank():
    at = _open_tab(run_page("pages/practice.py"), "Add a question")
    at.text_area(key="practice_custom_text").input("How would you price an AI add-on?")
    at.button(key="FormSubmitter:practice_custom_form-Add question").click().run()
    assert any("type:" in e.value.replace("\\", "") for e in at.error)
    at.selectbox(key="practice_custom_type").set_value("strategy")
    at.text_area(key="practice_custom_text").input("How would you price an AI add-on?")
    at.selectbox(key="practice_custom_subtype").set_value("metrics")
    at.button(key="FormSubmitter:practice_custom_form-Add question").click().run()
    assert any("sub-type:" in e.value.replace("\\", "") for e in at.error)
    at.selectbox(key="practice_custom_type").set_value("strategy")
    at.text_area(key="practice_custom_text").input("How would you price an AI add-on?")
    at.selectbox(key="practice_custom_subtype").set_value("pricing")
    at.text_area(key="practice_custom_guide").input("Value\n- Cost to serve\nTiers")
    at.button(key="FormSubmitter:practice_custom_form-Add question").click().run()
    assert not at.exception and not at.error
    assert at.selectbox(key="practice_pick").value == "custom-1"
    assert _section(at, 0, "custom-1").label == "Understand the business context"
    at.selectbox(key="practice_filter_type").set_value("strategy").run()
    at.selectbox(key="practice_filter_subtype").set_value("pricing").run()
    options = at.selectbox(key="practice_pick").options
    pricing = [q for q in questions.load_question_bank().questions if q.subtype == "pricing"]
    assert "Strategy · How would you price an AI add-on?" in options
    assert len(options) == len(pricing) + 1 and all(o.startswith("Strategy · ") for o in options)


def test_filters_and_surprise_me_pick_a_matching_question():
    at = run_page("pages/practice.py")
    at.selectbox(key="practice_filter_type").set_value("technical").run()
    at.button(key="practice_surprise").click().run()
    assert not at.exception
    assert at.selectbox(key="practice_pick").value.startswith("te-")


def test_due_questions_on_demo_data(demo_dir):
    at = run_page("pages/practice.py")
    assert any("due for rehearsal today" in i.value for i in at.info)
    at.button(key="practice_next_due").click().run()
    assert not at.exception
    with open_db() as db:
        assert at.selectbox(key="practice_pick").value == schedule.next_due(db)


def test_cheat_sheets_show_frameworks_and_rank_rice():
    at = run_page("pages/cheat_sheets.py")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    for name in (
        "CIRCLES Method",
        "Framework for Execution",
        "Framework for Strategy",
        "STAR Format",
        "HEART",
        "RICE",
        "AARRR",
    ):
        assert name in text, name
    table = next(d.value for d in at.dataframe if "Rank" in d.value.columns)
    assert list(table["Feature"])[0] == "Smart reply suggestions"
    assert list(table["Rank"]) == [1, 2, 3]


def test_custom_question_text_is_shown_literally():
    with open_db() as db:
        qid = questions.add_custom_question(
            db, "technical", "Explain **attention** <script>alert(1)</script> [x](http://e.x)"
        )
    at = _open_question(run_page("pages/practice.py"), qid)
    shown = next(m.value for m in at.markdown if "attention" in m.value)
    assert "\\*\\*attention\\*\\*" in shown and "\\<script\\>" in shown and "\\[x\\]\\(http" in shown


STRONG_SECTIONS = {
    1: "Their needs are getting started on a blank page, structuring an argument, and feedback on drafts.",
    6: "So my recommendation: a coaching mode, not ghost-writing, with teacher visibility for academic integrity.",
}


def _submit_typed(at, sections=STRONG_SECTIONS, qid=QID):
    for index, body in sections.items():
        _section(at, index, qid).input(body).run()
    at.button(key="practice_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with open_db() as db:
        row = practice.attempts(db, qid).iloc[-1]
        return row, coached.attempt_feedback(db, int(row["id"]))


def test_the_review_starts_from_the_coach_and_fsrs_uses_the_users_final_rating():
    at = _open_question(run_page("pages/practice.py"))
    row, feedback = _submit_typed(at)
    aid = int(row["id"])
    ticked, suggested = coached.suggested_review(feedback, questions.question(None, QID)["guide"])
    assert ticked, "the strong answer covers at least one guide point"
    guide = questions.question(None, QID)["guide"]
    for i in range(len(guide)):
        assert at.checkbox(key=f"practice_review_guide_{aid}_{i}").value == (i in ticked)
    for dim in practice.DIMENSIONS:
        assert at.slider(key=f"practice_review_rate_{aid}_{dim}").value == suggested[dim]
    # Evidence quotes are the answer's own words, shown literally.
    captions = " ".join(c.value for c in at.caption)
    for check in feedback.guide:
        if check.covered:
            assert check.evidence in row["answer_text"]
            assert check.evidence.split()[0] in captions
    final = dict.fromkeys(practice.DIMENSIONS, 5)
    for dim, value in final.items():
        at.slider(key=f"practice_review_rate_{aid}_{dim}").set_value(value)
    at.checkbox(key=f"practice_review_guide_{aid}_{ticked[0]}").uncheck()
    at.button(key="FormSubmitter:practice_review_form-Save review").click().run()
    assert not at.exception
    with open_db() as db:
        saved = practice.attempts(db, QID).iloc[0]
        assert ticked[0] not in saved["guide_checked"]
        assert rehearsal.review_history(db, "question", QID)["rating"].tolist() == [rehearsal.rating_from_score(5)]


def test_history_shows_feedback_and_newly_covered_points():
    at = _open_question(run_page("pages/practice.py"))
    _, first = _submit_typed(at, {0: "It would be an app for students."})
    at.button(key="practice_again").click().run()
    _, second = _submit_typed(at)
    newly = coached.compare(first, second).newly_covered
    assert newly
    _open_tab(at, "History")
    text = " ".join(m.value for m in at.markdown)
    assert "Attempt 2 against attempt 1" in text
    for point in newly:
        assert questions.question(None, QID)["guide"].index(point) >= 0
        assert any(point.split()[0] in m.value for m in at.markdown if "Newly covered" in m.value)


def test_typed_path_on_demo_data(demo_dir):
    at = _open_question(run_page("pages/practice.py"))
    with open_db() as db:
        before = len(practice.attempts(db, QID))
    row, feedback = _submit_typed(at)
    assert feedback is not None and int(row["attempt_no"]) == before + 1
    assert any(m.label == "Coach's score (of 100)" for m in at.metric)


def test_user_text_in_the_answer_is_never_markup():
    at = _open_question(run_page("pages/practice.py"))
    evil = "Students **bold** <img src=x onerror=alert(1)> [link](http://e.x) need feedback on drafts."
    _submit_typed(at, {1: evil})
    assert evil in [t.value for t in at.text]
    assert not any("<img" in m.value and "\\<img" not in m.value for m in [*at.markdown, *at.caption])


needs_speech = pytest.mark.skipif(not audio.tools_available(), reason="espeak-ng and sox make the spoken clip")


@needs_speech
def test_answer_out_loud_transcribes_coaches_and_keeps_the_audio(tmp_path, data_dir):
    clip = audio.spoken_clip(
        tmp_path / "answer.wav",
        [
            "I would start with high school students who write essays and want to learn",
            "Their needs are getting started, structuring an argument and feedback on drafts",
        ],
        [0.6],
    )
    at = _open_question(run_page("pages/practice.py"))
    at.segmented_control(key="practice_mode").set_value("Out loud").run()
    assert at.button(key="practice_submit_audio").disabled
    at.audio_input[0].set_value(("answer.wav", clip.path.read_bytes(), "audio/wav")).run()
    at.button(key="practice_submit_audio").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with open_db() as db:
        row = practice.attempts(db, QID).iloc[0]
        feedback = coached.attempt_feedback(db, int(row["id"]))
    assert (data_dir / row["audio_path"]).exists() and "students" in row["transcript"].lower()
    assert feedback is not None and feedback.transcript == row["transcript"]
    labels = {m.label for m in at.metric}
    assert {"Pace", "Talk time", "Fillers / min", "Coach's score (of 100)"} <= labels
    assert any("students" in m.value.lower() for m in at.markdown)  # the transcript beside the feedback


def test_only_the_open_tab_is_drawn_and_each_tab_can_be_opened(demo_dir):
    at = run_page("pages/practice.py")
    # The first view sends the answer boxes only: no chart, no due rows, no form to add a question.
    assert not at.get("plotly_chart")
    assert not [b for b in at.button if str(b.key).startswith("practice_due_")]
    assert not [t for t in at.text_area if t.key == "practice_custom_text"]
    assert not [t for t in at.text_input if t.key == "practice_llm_base_url"]
    _open_tab(at, "Charts")
    assert {c.key for c in at.get("plotly_chart")} == {
        "practice_plan_chart",
        "practice_trend_chart",
        "practice_time_chart",
    }
    assert not [t for t in at.text_area if str(t.key).startswith("practice_ans_")]
    _open_tab(at, "Due")
    assert [b for b in at.button if str(b.key).startswith("practice_due_")]
    _open_tab(at, "Add a question")
    assert at.text_area(key="practice_custom_text")
    at.session_state["practice_llm_open"] = True  # the model coach's settings, opened
    at.run()
    assert at.text_input(key="practice_llm_base_url")


def test_practise_from_the_due_tab_opens_the_question_to_answer(demo_dir):
    at = _open_tab(run_page("pages/practice.py"), "Due")
    first = next(b for b in at.button if str(b.key).startswith("practice_due_"))
    qid = first.key.removeprefix("practice_due_")
    first.click().run()
    assert not at.exception
    assert at.selectbox(key="practice_pick").value == qid
    assert at.session_state["practice_tab"] == "Answer"
    assert any(str(t.key).startswith(f"practice_ans_{qid}_") for t in at.text_area)


def test_a_due_date_from_last_year_shows_its_year():
    today = dt.date.today()
    last_year = dt.datetime(today.year - 1, 3, 10, 12, tzinfo=dt.UTC)
    with open_db() as db:
        aid = practice.submit_attempt(db, QID, {"Clarify": "Too short."}, 60, when=last_year)
        practice.review_attempt(db, aid, dict.fromkeys(practice.DIMENSIONS, 1), when=last_year)
        due = schedule.due_questions(db, today).iloc[0]["due"].to_pydatetime().astimezone().date()
    assert due.year == today.year - 1
    at = _open_tab(run_page("pages/practice.py"), "Due")
    line = next(m.value for m in at.markdown if "Design an AI writing assistant" in m.value)
    assert line.endswith(f"due {due:%a} {due.day} {due:%b} {due.year}]"), line


def test_the_rating_trend_over_many_reviews_has_automatic_ticks():
    """A tick per review over hundreds of reviews kept the browser busy for minutes drawing the Charts tab."""
    many = pd.DataFrame(
        {
            "reviewed_at": pd.Timestamp("2026-01-01", tz="UTC"),
            "dimension": [d for _ in range(400) for d in practice.DIMENSION_LABELS.values()],
            "rating": [3] * 1600,
        }
    )
    fig = practice_charts.rating_trend(many)
    assert fig.layout.xaxis.dtick is None and all(t.mode == "lines" for t in fig.data)
    few = practice_charts.rating_trend(many.head(4 * 5))
    assert few.layout.xaxis.dtick == 1 and all(t.mode == "lines+markers" for t in few.data)
