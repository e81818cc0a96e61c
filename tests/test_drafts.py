"""Drafts: the unsent text of answer and story boxes, kept in SQLite as it is typed."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.storage import drafts, migrations
from lib.storage.db import open_db

words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200).filter(str.strip)


def test_save_load_replace_and_discard(db):
    assert not drafts.load(db, "practice", "q1")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    drafts.save(db, "practice", "q1", {"Clarify": "Which users?"})
    drafts.save(db, "practice", "q1", {"Goals": "Retention"})
    drafts.save(db, "practice", "q1", {"Clarify": "Which students?"})  # replaced, not appended
    kept = drafts.load(db, "practice", "q1")
    assert kept.fields == {"Clarify": "Which students?", "Goals": "Retention"}
    assert kept.saved_at is not None and kept.saved_at.tzinfo is not None and kept.saved_at >= before
    assert db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 2
    stored = db.execute("SELECT saved_at FROM drafts LIMIT 1").fetchone()[0]
    assert stored.endswith("+00:00")  # the one clock: UTC with offset
    # Another kind or item is another draft.
    assert not drafts.load(db, "story", "q1") and not drafts.load(db, "practice", "q2")
    drafts.discard(db, "practice", "q1")
    assert not drafts.load(db, "practice", "q1")


def test_an_emptied_box_is_dropped(db):
    drafts.save(db, "story", "new", {"title": "Launch", "situation": "We shipped"})
    drafts.save(db, "story", "new", {"title": "   "})
    assert drafts.load(db, "story", "new").fields == {"situation": "We shipped"}


def test_send_discards_only_when_the_write_commits(db):
    drafts.save(db, "story", "new", {"title": "Launch"})

    def failing(conn, value):
        conn.execute("INSERT INTO settings (key, value) VALUES ('x', ?)", (value,))
        raise ValueError("refused")

    with pytest.raises(ValueError):
        drafts.send(db, "story", "new", failing, "1")
    assert drafts.load(db, "story", "new").fields == {"title": "Launch"}  # all or nothing
    assert db.execute("SELECT COUNT(*) FROM settings WHERE key = 'x'").fetchone()[0] == 0
    result = drafts.send(db, "story", "new", lambda conn: conn.execute("SELECT 7").fetchone()[0])
    assert result == 7 and not drafts.load(db, "story", "new")


def test_a_save_is_one_transaction(db):
    db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON drafts WHEN NEW.field = 'bad' BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(sqlite3.DatabaseError):
        drafts.save(db, "practice", "q1", {"good": "kept?", "bad": "x"})
    assert not drafts.load(db, "practice", "q1")


def test_drafts_survive_reopening_the_database():
    with open_db() as db:
        drafts.save(db, "practice", "q1", {"Clarify": "Who?"})
    migrations.prepare()  # a restart
    with open_db() as db:
        assert drafts.load(db, "practice", "q1").fields == {"Clarify": "Who?"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(words, words, min_size=1, max_size=6), item=words)
def test_any_text_comes_back_exactly(db, fields, item):
    drafts.save(db, "practice", item, fields)
    assert drafts.load(db, "practice", item).fields == fields
    drafts.discard(db, "practice", item)
    assert not drafts.load(db, "practice", item)


# ---------------------------------------------------------------- the pages keep drafts

QID = "ps-design-an-ai-writing-assistant-for-students"


def _practice(qid=QID):
    from tests.conftest import run_page

    at = run_page("pages/practice.py")
    at.selectbox(key="practice_pick").set_value(qid).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_a_practice_answer_comes_back_in_a_new_session_and_goes_on_submit():
    from lib.practice import attempts as practice

    at = _practice()
    at.text_area(key=f"practice_ans_{QID}_0").input("Which students? High school essays.").run()
    assert not at.exception
    again = _practice()  # a new session: a reload, or the app started again
    assert again.text_area(key=f"practice_ans_{QID}_0").value == "Which students? High school essays."
    assert any(c.startswith("Draft from ") for c in _captions(again))
    again.button(key="practice_submit").click().run()
    assert not again.exception and not again.error
    with open_db() as db:
        assert len(practice.attempts(db, QID)) == 1
        assert not drafts.load(db, "practice", QID)
    fresh = _practice()
    assert fresh.text_area(key=f"practice_ans_{QID}_0").value == ""
    assert not any(c.startswith("Draft from ") for c in _captions(fresh))


def test_discard_draft_empties_the_boxes_and_the_store():
    at = _practice()
    at.text_area(key=f"practice_ans_{QID}_1").input("Retention first").run()
    at.button(key="practice_discard").click().run()
    assert not at.exception
    assert at.text_area(key=f"practice_ans_{QID}_1").value == ""
    with open_db() as db:
        assert not drafts.load(db, "practice", QID)
    assert _practice().text_area(key=f"practice_ans_{QID}_1").value == ""


def test_the_timer_sits_in_the_sidebar_and_paused_time_does_not_count(monkeypatch):
    import time

    from lib.practice import attempts as practice

    clock_now = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock_now[0])
    at = _practice()
    at.text_area(key=f"practice_ans_{QID}_0").input("Who?").run()
    assert [m.label for m in at.sidebar.metric] == ["Time left"]
    clock_now[0] += 30
    at.sidebar.button(key="practice_pause").click().run()
    assert at.sidebar.metric[0].label == "Time left (paused)"
    clock_now[0] += 600  # a long pause
    at.sidebar.button(key="practice_pause").click().run()
    clock_now[0] += 15
    at.button(key="practice_submit").click().run()
    assert not at.exception
    with open_db() as db:
        assert int(practice.attempts(db, QID).iloc[0]["seconds_taken"]) == 45


def _theme() -> str:
    from lib.stories.themes import load_themes

    return load_themes().themes[0].id


def _stories():
    from tests.conftest import run_page

    at = run_page("pages/stories.py")
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_new_story_draft_comes_back_in_a_new_session_and_goes_on_save():
    from lib.stories import store

    at = _stories()
    at.text_input(key="stories_title_new").input("Cut onboarding time").run()
    at.text_area(key="stories_situation_new").input("Sign-ups stalled at step three.").run()
    assert not at.exception
    again = _stories()
    assert again.text_input(key="stories_title_new").value == "Cut onboarding time"
    assert again.text_area(key="stories_situation_new").value == "Sign-ups stalled at step three."
    assert any(c.startswith("Draft from ") for c in _captions(again))
    again.selectbox(key="stories_theme_new").set_value(_theme())
    for name, words in [("task", "Lift activation."), ("action", "I cut two steps."), ("result", "Up 12%.")]:
        again.text_area(key=f"stories_{name}_new").input(words)
    again.button(key="stories_save_new").click().run()
    assert not again.exception and not again.error, [e.value for e in again.error]
    with open_db() as db:
        assert len(store.bank_report(db)) == 1
        assert not drafts.load(db, "story", "new")
    fresh = _stories()
    assert fresh.text_input(key="stories_title_new").value == ""


def test_an_edit_in_progress_comes_back_and_discard_drops_it():
    from lib.stories import store

    with open_db() as db:
        sid = store.save_story(
            db,
            {"title": "Launch", "theme_id": _theme(), "source": None, "tags": "", "situation": "Old words"},
        )
    at = _stories()
    at.selectbox(key="stories_pick").set_value(sid).run()
    at.text_area(key=f"stories_situation_{sid}").input("New words, not saved yet").run()
    again = _stories()
    again.selectbox(key="stories_pick").set_value(sid).run()
    assert again.text_area(key=f"stories_situation_{sid}").value == "New words, not saved yet"
    again.button(key=f"stories_discard_{sid}").click().run()
    assert again.text_area(key=f"stories_situation_{sid}").value == "Old words"
    with open_db() as db:
        assert not drafts.load(db, "story", sid)


def test_an_emptied_box_of_an_edit_is_kept_as_empty(db):
    drafts.save(db, "story", "s1", {"situation": ""}, keep_empty=True)
    assert drafts.load(db, "story", "s1").fields == {"situation": ""}
