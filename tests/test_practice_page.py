"""The Practice page under AppTest: answer, submit, review, history, drafts, custom questions and bad input."""

from __future__ import annotations

from lib.practice import attempts as practice
from lib.practice import questions, rehearsal, schedule
from lib.storage.db import open_db
from tests.conftest import run_page

QID = "ps-design-an-ai-writing-assistant-for-students"


def _open_question(at, qid=QID):
    at.selectbox(key="practice_pick").set_value(qid).run()
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
    assert len(hist) == 1
    assert (
        hist.iloc[0]["answer_text"]
        == "Clarify\nWhich students? High school essays.\n\nSummarize\nCoach, don't ghost-write."
    )
    assert _section(at, 0).value == ""

    at.checkbox(key=f"practice_review_guide_{int(hist.iloc[0]['id'])}_0").check()
    for dim in practice.DIMENSIONS:
        at.slider(key=f"practice_review_rate_{dim}").set_value(2)
    at.text_area(key="practice_review_notes").input("Open with the user")
    at.button(key="FormSubmitter:practice_review_form-Save review").click().run()
    assert not at.exception
    assert any("Review saved" in s.value for s in at.success)
    with open_db() as db:
        row = practice.attempts(db, QID).iloc[0]
        assert row["guide_checked"] == [0] and row["structure"] == 2 and row["notes"] == "Open with the user"
        assert len(rehearsal.review_history(db, "question", QID)) == 1
    assert len(at.dataframe) >= 1
    assert any("Which students" in c.value for c in at.code)

    assert at.slider(key="practice_rereview_rate_structure").value == 2
    at.slider(key="practice_rereview_rate_structure").set_value(4)
    at.button(key="FormSubmitter:practice_rereview_form-Save review").click().run()
    assert not at.exception
    with open_db() as db:
        row = practice.attempts(db, QID).iloc[0]
        assert row["structure"] == 4 and row["guide_checked"] == [0] and row["notes"] == "Open with the user"
        assert db.conn.execute("SELECT COUNT(*) FROM practice_reviews").fetchone()[0] == 2
        assert len(rehearsal.review_history(db, "question", QID)) == 1


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
    at = run_page("pages/practice.py")
    at.text_area(key="practice_custom_text").input("How would you price an AI add-on?")
    at.button(key="FormSubmitter:practice_custom_form-Add question").click().run()
    assert any("field 'type'" in e.value for e in at.error)
    at.selectbox(key="practice_custom_type").set_value("strategy")
    at.text_area(key="practice_custom_text").input("How would you price an AI add-on?")
    at.selectbox(key="practice_custom_subtype").set_value("metrics")
    at.button(key="FormSubmitter:practice_custom_form-Add question").click().run()
    assert any("field 'sub-type'" in e.value for e in at.error)
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
    table = next(d.value for d in at.dataframe if "rank" in d.value.columns)
    assert list(table["feature"])[0] == "Smart reply suggestions"
    assert list(table["rank"]) == [1, 2, 3]


def test_custom_question_text_is_shown_literally():
    with open_db() as db:
        qid = questions.add_custom_question(
            db, "technical", "Explain **attention** <script>alert(1)</script> [x](http://e.x)"
        )
    at = _open_question(run_page("pages/practice.py"), qid)
    shown = next(m.value for m in at.markdown if "attention" in m.value)
    assert "\\*\\*attention\\*\\*" in shown and "\\<script\\>" in shown and "\\[x\\]\\(http" in shown
