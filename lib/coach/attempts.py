"""The coach's feedback kept with practice attempts and takes, and what it says about progress.

Feedback is appended to ``coach_feedback``, never overwritten: an attempt or a
take may be coached again (by the built-in coach after an update, or by the
user's model) and the latest row is its current feedback. A typed answer and
its feedback are stored in one transaction, so an attempt is never half-saved.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd
import sqlite_utils

from lib.coach.engine import coach_answer
from lib.coach.feedback import Feedback
from lib.core import clock
from lib.core.errors import InputError
from lib.practice import attempts as practice_attempts
from lib.practice import questions
from lib.storage.db import transaction

DIMENSIONS = practice_attempts.DIMENSIONS
# Which scored parts of the coach's reading start each self-review slider; the first found wins a share.
_DIMENSION_PARTS = {
    "structure": ("Framework", "Structure"),
    "clarity": ("Structure", "Length"),
    "depth": ("Guide points", "Specificity"),
    "ai_specifics": ("AI checks",),
}


@dataclass(frozen=True)
class Coached:
    """A stored attempt, the coach's feedback on it, and why there is none when the coach could not read it."""

    attempt_id: int
    feedback: Feedback | None
    note: str = ""


@dataclass(frozen=True)
class Progress:
    """What changed in the coach's reading from one attempt at a question to the next."""

    newly_covered: tuple[str, ...]
    no_longer_covered: tuple[str, ...]
    still_missing: tuple[str, ...]
    score_change: int


def coach_or_note(question_id: str, text: str, **kwargs) -> tuple[Feedback | None, str]:
    """The built-in coach's feedback, or None and the reason in one line (the attempt is kept either way)."""
    try:
        return coach_answer(question_id, text, **kwargs), ""
    except InputError as exc:
        return None, f"The coach could not read this answer: {exc.message}"


def store_feedback(
    db: sqlite_utils.Database,
    feedback: Feedback,
    *,
    attempt_id: int | None = None,
    recording_id: int | None = None,
    when: dt.datetime | None = None,
) -> int:
    """Append feedback on an attempt or a take; returns its row id."""
    if (attempt_id is None) == (recording_id is None):
        raise InputError("feedback belongs to one attempt or one take", field="feedback")
    with transaction(db):
        return (
            db["coach_feedback"]
            .insert(
                {
                    "attempt_id": None if attempt_id is None else int(attempt_id),
                    "recording_id": None if recording_id is None else int(recording_id),
                    "engine": feedback.engine,
                    "score": int(feedback.score),
                    "feedback_json": json.dumps(feedback.as_json(), ensure_ascii=False),
                    "created_at": clock.stamp(when or clock.now()),
                }
            )
            .last_pk
        )


def submit_typed(
    db: sqlite_utils.Database,
    question_id: str,
    sections: dict[str, str],
    seconds_taken: float,
    *,
    started_at: dt.datetime | None = None,
) -> Coached:
    """Store a typed answer and the coach's feedback on it together; returns both."""
    clean = {str(k): str(v or "") for k, v in (sections or {}).items()}
    text = practice_attempts.compose_answer(clean)
    feedback, note = coach_or_note(question_id, text, sections=clean) if text.strip() else (None, "")
    with transaction(db):
        attempt_id = practice_attempts.submit_attempt(db, question_id, clean, seconds_taken, started_at=started_at)
        if feedback is not None:
            store_feedback(db, feedback, attempt_id=attempt_id)
    return Coached(int(attempt_id), feedback, note)


def _latest_rows(db: sqlite_utils.Database, column: str, ids: list[int]) -> dict[int, Feedback]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.conn.execute(
        f"SELECT {column}, feedback_json FROM coach_feedback WHERE id IN ("
        f"SELECT MAX(id) FROM coach_feedback WHERE {column} IN ({marks}) GROUP BY {column})",
        [int(i) for i in ids],
    ).fetchall()
    return {int(owner): Feedback.from_json(json.loads(payload)) for owner, payload in rows}


def attempt_feedback(db: sqlite_utils.Database, attempt_id: int) -> Feedback | None:
    """The attempt's current feedback (its latest), or None when it was never coached."""
    return _latest_rows(db, "attempt_id", [int(attempt_id)]).get(int(attempt_id))


def question_feedback(db: sqlite_utils.Database, question_id: str) -> dict[int, Feedback]:
    """Attempt id -> current feedback, for every coached attempt at one question."""
    ids = [r[0] for r in db.conn.execute("SELECT id FROM practice_attempts WHERE question_id = ?", (str(question_id),))]
    return _latest_rows(db, "attempt_id", ids)


def take_feedback_row(db: sqlite_utils.Database, recording_id: int) -> tuple[Feedback, str] | None:
    """A take's current feedback and when it was written, or None."""
    row = db.conn.execute(
        "SELECT feedback_json, created_at FROM coach_feedback WHERE recording_id = ? ORDER BY id DESC LIMIT 1",
        (int(recording_id),),
    ).fetchone()
    return None if row is None else (Feedback.from_json(json.loads(row[0])), row[1])


def feedback_history(db: sqlite_utils.Database, attempt_id: int) -> pd.DataFrame:
    """Every feedback written on one attempt, oldest first: when, engine, score."""
    return pd.read_sql_query(
        "SELECT created_at, engine, score FROM coach_feedback WHERE attempt_id = ? ORDER BY id",
        db.conn,
        params=(int(attempt_id),),
    )


def compare(previous: Feedback | None, current: Feedback) -> Progress:
    """Guide points newly covered, lost and still missing from the previous attempt to this one."""
    before = {c.name for c in previous.guide if c.covered} if previous else set()
    now = {c.name for c in current.guide if c.covered}
    order = [c.name for c in current.guide]
    return Progress(
        newly_covered=tuple(n for n in order if n in now - before),
        no_longer_covered=tuple(n for n in order if n in before - now),
        still_missing=tuple(n for n in order if n not in now),
        score_change=current.score - (previous.score if previous else 0),
    )


def _fraction(feedback: Feedback, names: tuple[str, ...]) -> float:
    parts = [p for p in feedback.parts if p.name in names and p.out_of > 0]
    if not parts:
        return feedback.score / 100
    return sum(p.points for p in parts) / sum(p.out_of for p in parts)


def suggested_review(feedback: Feedback, guide: list[str]) -> tuple[list[int], dict[str, int]]:
    """Where a self-review starts from the coach's reading: the guide points it found, and 1-5 ratings."""
    covered = {c.name for c in feedback.guide if c.covered}
    ticked = [i for i, point in enumerate(guide) if point in covered]
    scores = {}
    for dim, names in _DIMENSION_PARTS.items():
        # A framework without AI checks has nothing to say on AI specifics: the guide points stand in.
        share = _fraction(feedback, names if dim != "ai_specifics" or feedback.ai_checks else ("Guide points",))
        scores[dim] = max(1, min(5, 1 + round(4 * share)))
    return ticked, scores


def coverage(db: sqlite_utils.Database) -> pd.DataFrame:
    """Per question, the guide points covered in its latest coached answer (typed, spoken or a take)."""
    rows = db.conn.execute(
        """SELECT COALESCE(a.question_id, r.question_id) AS question_id, f.feedback_json, f.created_at
           FROM coach_feedback f
           LEFT JOIN practice_attempts a ON a.id = f.attempt_id
           LEFT JOIN recordings r ON r.id = f.recording_id
           WHERE COALESCE(a.question_id, r.question_id) IS NOT NULL
           ORDER BY f.created_at, f.id"""
    ).fetchall()
    latest: dict[str, dict] = {}
    for question_id, payload, _ in rows:
        latest[question_id] = json.loads(payload)
    records = [
        {
            "question_id": qid,
            "covered": sum(1 for c in data.get("guide", []) if c.get("covered")),
            "points": len(data.get("guide", [])),
            "score": int(data.get("score", 0)),
        }
        for qid, data in latest.items()
    ]
    return pd.DataFrame(records, columns=["question_id", "covered", "points", "score"])


def guide_of(db: sqlite_utils.Database, question_id: str) -> list[str]:
    """The question's guide points, in order."""
    return list(questions.question(db, question_id)["guide"])
