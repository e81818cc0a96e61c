"""Practice attempts, self-reviews, rehearsal scheduling, filters, chart data, exports and demo data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

import pandas as pd
import pytest

from lib.core.errors import InputError
from lib.demo import practice as demo_practice
from lib.practice import anki, progress, questions, rehearsal, schedule
from lib.practice import attempts as practice
from lib.practice import charts as practice_charts
from lib.practice import export as practice_export
from lib.storage.db import open_db

QID = "ps-design-an-ai-writing-assistant-for-students"
GOOD = {"structure": 5, "clarity": 5, "depth": 4, "ai_specifics": 5}
POOR = {"structure": 1, "clarity": 2, "depth": 1, "ai_specifics": 1}
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _answer(db, qid=QID, text="Students need feedback, not ghost-writing.", when=T0, seconds=1500):
    return practice.submit_attempt(db, qid, {"Clarify": text}, seconds, when=when)


def test_empty_answer_is_refused_and_nothing_is_stored():
    with open_db() as db:
        for sections in ({}, {"Clarify": "   ", "Identify": ""}):
            with pytest.raises(InputError) as err:
                practice.submit_attempt(db, QID, sections, 60)
            assert err.value.field == "answer"
        assert practice.attempts(db).empty


def test_attempts_are_appended_and_numbered_per_question():
    with open_db() as db:
        first = _answer(db, text="First try")
        second = _answer(db, text="Second try", when=T0 + dt.timedelta(days=1))
        _answer(db, qid="te-how-does-rag-work", when=T0 + dt.timedelta(days=2))
        hist = practice.attempts(db, QID)
        assert list(hist["id"]) == [first, second]
        assert list(hist["attempt_no"]) == [1, 2]
        assert hist.iloc[0]["answer_text"] == "Clarify\nFirst try"
        assert hist.iloc[1]["target_minutes"] == 25


def test_review_is_appended_and_latest_counts_but_schedules_once():
    with open_db() as db:
        att = _answer(db)
        due = practice.review_attempt(db, att, POOR, [0, 1], "missed metrics", when=T0 + dt.timedelta(minutes=5))
        assert due is not None
        assert practice.review_attempt(db, att, GOOD, [0, 1, 2], "re-read", when=T0 + dt.timedelta(minutes=9)) is None
        row = practice.attempts(db, QID).iloc[0]
        assert row["structure"] == 5 and row["guide_checked"] == [0, 1, 2] and row["notes"] == "re-read"
        assert db.conn.execute("SELECT COUNT(*) FROM practice_reviews").fetchone()[0] == 2
        assert len(rehearsal.review_history(db, "question", QID)) == 1


def test_low_self_rating_brings_the_question_back_sooner_than_a_high_one():
    with open_db() as db:
        low = _answer(db, qid=QID)
        high = _answer(db, qid="ex-how-would-you-launch-an-ai-feature")
        due_low = practice.review_attempt(db, low, POOR, when=T0)
        due_high = practice.review_attempt(db, high, GOOD, when=T0)
        assert due_low < due_high
        due_ids = set(schedule.due_questions(db, (due_low + dt.timedelta(days=1)).date())["item_id"])
        assert QID in due_ids


@pytest.mark.parametrize(
    ("scores", "field"),
    [
        ({**GOOD, "clarity": 0}, "Clarity"),
        ({**GOOD, "depth": 6}, "Depth"),
        ({k: v for k, v in GOOD.items() if k != "structure"}, "Structure"),
    ],
)
def test_bad_ratings_name_the_dimension(scores, field):
    with open_db() as db:
        att = _answer(db)
        with pytest.raises(InputError) as err:
            practice.review_attempt(db, att, scores)
        assert err.value.field == field
        assert db.conn.execute("SELECT COUNT(*) FROM practice_reviews").fetchone()[0] == 0
        assert rehearsal.cards(db, "question").empty


def test_ticking_a_point_outside_the_guide_is_refused():
    with open_db() as db:
        att = _answer(db)
        with pytest.raises(InputError):
            practice.review_attempt(db, att, GOOD, [0, 99])


def test_filters_never_tried_due_and_type():
    with open_db() as db:
        att = _answer(db)
        practice.review_attempt(db, att, POOR, when=T0)
        status = schedule.question_status(db)
        later = T0.date() + dt.timedelta(days=30)
        assert list(schedule.filter_questions(status, later, due_only=True)["id"]) == [QID]
        never = schedule.filter_questions(status, later, qtype="product_sense", never_tried=True)
        assert QID not in set(never["id"]) and (never["type"] == "product_sense").all()
        design = schedule.filter_questions(status, later, subtype="design")
        assert set(design["subtype"]) == {"design"}
        assert schedule.next_due(db, later) == QID
        assert schedule.surprise(never, random.Random(1)) in set(never["id"])


def test_due_items_feed_the_overview():
    with open_db() as db:
        att = _answer(db)
        practice.review_attempt(db, att, POOR, when=T0)
        items = schedule.due_items(db, T0.date() + dt.timedelta(days=30))
        assert [i.page for i in items] == ["practice"]
        assert items[0].title == "Design an AI writing assistant for students"


def test_countdown_label():
    assert practice.countdown_label(25 * 60) == "25:00"
    assert practice.countdown_label(61) == "01:01"
    assert practice.countdown_label(-75) == "+01:15"
    assert practice.elapsed_seconds(100.0, 90.0) == 0


def test_charts_carry_the_numbers():
    with open_db() as db:
        for i in range(3):
            att = _answer(db, when=T0 + dt.timedelta(hours=i), seconds=1800)
            practice.review_attempt(db, att, GOOD if i else POOR, when=T0 + dt.timedelta(hours=i, minutes=5))
        plan = progress.plan_progress(db)
        fig = practice_charts.attempts_vs_plan(plan)
        bars = {t.name: list(t.y) for t in fig.data}
        assert bars["Planned"] == [4, 4, 2, 0, 0] and bars["Attempts"][0] == 3
        trend = practice_charts.rating_trend(progress.rating_trend(db))
        assert {t.name for t in trend.data} == {"Structure", "Clarity", "Depth", "AI specifics"}
        times = practice_charts.time_vs_target(progress.time_vs_target(db))
        assert [t.name for t in times.data] == ["Product sense"]
        assert list(times.data[0].y) == [120.0, 120.0, 120.0]


def test_interview_prep_markdown_has_frameworks_questions_and_latest_answer(tmp_path):
    with open_db() as db:
        _answer(db, text="Old answer")
        att = _answer(db, text="Newest answer with ``` fences", when=T0 + dt.timedelta(days=1))
        practice.review_attempt(db, att, GOOD, [1], "use a metric tree")
        custom = questions.add_custom_question(db, "strategy", "Should Acme open-source its model?")
        paths = practice_export.export_interview_prep(db, tmp_path)
    text = paths[0].read_text(encoding="utf-8")
    assert paths[0].name == "interview-prep.md"
    for heading in (
        "## Product sense",
        "## Execution",
        "## Strategy",
        "## Technical knowledge areas",
        "## Behavioural frameworks",
    ):
        assert heading in text
    assert "CIRCLES Method" in text and "STAR Format" in text and "Transformers" not in text
    assert "LLMs (how they work, prompting, fine-tuning, RAG)" in text
    assert "Newest answer with ``` fences\n````" in text and "Old answer" not in text
    assert "Self-review: Structure 5/5" in text and "use a metric tree" in text
    assert "Should Acme open-source its model? *(my question)*" in text
    assert custom.startswith("custom-")


def test_anki_export_has_headers_and_one_note_per_question(tmp_path):
    with open_db() as db:
        _answer(db, text='Line one\n\tindented "quoted"')
        paths = anki.export_anki(db, tmp_path)
        n_questions = len(questions.all_questions(db))
    text = paths[0].read_text(encoding="utf-8")
    lines = text.split("\n")
    header = [line for line in lines[:10] if line.startswith("#")]
    assert header[0] == "#separator:tab" and header[1] == "#html:false"
    assert "#columns:GUID\tFront\tBack\tTags" in header
    body = "\n".join(lines[len(header) :])
    rows = [r for r in csv.reader(io.StringIO(body), delimiter="\t") if r]
    assert len(rows) == n_questions and all(len(r) == 4 for r in rows)
    mine = next(r for r in rows if r[0] == QID)
    assert 'Line one\n\tindented "quoted"' in mine[2]
    assert "product_sense::design" in mine[3]


def test_demo_fills_all_types_reviews_and_due_cards():
    today = dt.date(2026, 3, 6)
    with open_db() as db:
        demo_practice.demo(db, 1, random.Random(12), today)
        att = practice.attempts_with_questions(db)
        assert set(att["type"]) == set(questions.QUESTION_TYPES)
        assert att["score"].notna().all()
        assert len(schedule.due_questions(db, today)) > 0
        assert (att["attempt_no"] == 2).any()
        base = len(att)
    with open_db() as db:
        db.execute("DELETE FROM practice_reviews")
        db.execute("DELETE FROM practice_attempts")
        db.execute("DELETE FROM rehearsal_reviews")
        demo_practice.demo(db, 3, random.Random(12), today)
        assert len(practice.attempts(db)) > 2 * base


def test_question_status_counts_and_scores_as_the_full_attempts_do(demo_dir) -> None:
    """The status reads a light query; it must agree with every attempt's own row, last review wins."""
    with open_db() as db:
        status = schedule.question_status(db).set_index("id")
        full = practice.attempts(db)
    assert len(full) > 0
    for question_id, rows in full.groupby("question_id"):
        row = status.loc[question_id]
        assert row["attempts"] == len(rows)
        assert row["last_attempt"] == rows["submitted_at"].max()
        reviewed = rows["score"].dropna()
        assert (pd.isna(row["last_score"]) and reviewed.empty) or row["last_score"] == reviewed.iloc[-1]
    assert (status.drop(index=full["question_id"].unique())["attempts"] == 0).all()
