"""Timed practice answers and self-reviews against the answer guide.

Attempts and reviews are appended, never updated: every answer stays in the
history and the latest review of an attempt is its current self-review. The
first review of an attempt also becomes an FSRS review of the question
(``lib.practice.rehearsal``, item kind "question"), which decides when it is due again.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import pandas as pd
import sqlite_utils
from pydantic import BaseModel, Field, ValidationError

from lib.core import clock
from lib.core.errors import InputError
from lib.practice import questions, rehearsal
from lib.storage.db import transaction

DIMENSIONS = ("structure", "clarity", "depth", "ai_specifics")
DIMENSION_LABELS = {"structure": "Structure", "clarity": "Clarity", "depth": "Depth", "ai_specifics": "AI specifics"}
MAX_ANSWER_CHARS = 50_000
MAX_NOTES_CHARS = 5_000
MAX_SECONDS = 6 * 3600
ATTEMPT_COLUMNS = [
    "id",
    "question_id",
    "attempt_no",
    "framework_id",
    "sections",
    "answer_text",
    "seconds_taken",
    "target_minutes",
    "started_at",
    "submitted_at",
    *DIMENSIONS,
    "score",
    "guide_checked",
    "notes",
    "reviewed_at",
    "audio_path",
    "transcript",
    "delivery",
]


def compose_answer(sections: dict[str, str]) -> str:
    """The answer as one text: each non-empty section under its heading."""
    parts = [f"{name}\n{text.strip()}" for name, text in sections.items() if str(text or "").strip()]
    return "\n\n".join(parts)


def submit_attempt(
    db: sqlite_utils.Database,
    question_id: str,
    sections: dict[str, str],
    seconds_taken: float,
    *,
    started_at: dt.datetime | None = None,
    when: dt.datetime | None = None,
    transcript: str = "",
    audio_path: str = "",
    delivery: dict | None = None,
) -> int:
    """Store an answer with the time it took; returns the attempt id. An empty answer is refused.

    A spoken answer has no sections: its text is the ``transcript`` of the audio stored at ``audio_path``
    (relative to the data directory), with its delivery metrics.
    """
    q = questions.question(db, question_id)
    clean = {str(k): str(v or "") for k, v in (sections or {}).items()}
    transcript = str(transcript or "").strip()
    text = compose_answer(clean) or transcript
    if not text.strip():
        raise InputError("write an answer before submitting", field="answer")
    if len(text) > MAX_ANSWER_CHARS:
        raise InputError(f"the answer is longer than {MAX_ANSWER_CHARS:,} characters", field="answer")
    try:
        seconds = int(round(float(seconds_taken)))
    except (TypeError, ValueError):
        raise InputError("time taken is not a number", field="time taken") from None
    if not 0 <= seconds <= MAX_SECONDS:
        raise InputError("time taken must be between 0 and 6 hours", field="time taken")
    submitted = when or clock.now()
    with transaction(db):
        return (
            db["practice_attempts"]
            .insert(
                {
                    "question_id": q["id"],
                    "framework_id": q["framework_id"],
                    "sections_json": json.dumps(clean, ensure_ascii=False),
                    "answer_text": text,
                    "seconds_taken": seconds,
                    "target_minutes": q["target_minutes"],
                    "started_at": clock.stamp(started_at) if started_at else None,
                    "submitted_at": clock.stamp(submitted),
                    "audio_path": str(audio_path or ""),
                    "transcript": transcript,
                    "delivery_json": json.dumps(delivery, ensure_ascii=False) if delivery else "",
                }
            )
            .last_pk
        )


# A whole number from 1 to 5; strict, so True, 3.0 and "3" are refused rather than read as ratings.
Rating = Annotated[int, Field(strict=True, ge=1, le=5)]


class Scores(BaseModel):
    """A self-review's four ratings, in the order the form shows them."""

    structure: Rating
    clarity: Rating
    depth: Rating
    ai_specifics: Rating


def check_scores(scores: dict[str, int] | None) -> dict[str, int]:
    """The four 1–5 ratings, or InputError naming the first bad one."""
    try:
        return Scores.model_validate(scores or {}).model_dump()
    except ValidationError as exc:
        raise InputError("rate from 1 to 5", field=DIMENSION_LABELS[str(exc.errors()[0]["loc"][0])]) from None


def review_attempt(
    db: sqlite_utils.Database,
    attempt_id: int,
    scores: dict[str, int],
    guide_checked: list[int] | None = None,
    notes: str = "",
    *,
    when: dt.datetime | None = None,
) -> dt.datetime | None:
    """Append a self-review; the first one of an attempt schedules the question. Returns its next due time."""
    row = db.conn.execute("SELECT question_id FROM practice_attempts WHERE id = ?", (int(attempt_id),)).fetchone()
    if not row:
        raise InputError(f"no attempt #{attempt_id}", field="attempt")
    clean = check_scores(scores)
    guide_len = len(questions.question(db, row[0])["guide"])
    checked = sorted({int(i) for i in (guide_checked or [])})
    if any(i < 0 or i >= guide_len for i in checked):
        raise InputError("a ticked point is not in this question's guide", field="answer guide")
    notes = str(notes or "")
    if len(notes) > MAX_NOTES_CHARS:
        raise InputError(f"keep notes under {MAX_NOTES_CHARS:,} characters", field="notes")
    reviewed = when or clock.now()
    with transaction(db):
        first = not db.conn.execute(
            "SELECT 1 FROM practice_reviews WHERE attempt_id = ?", (int(attempt_id),)
        ).fetchone()
        db["practice_reviews"].insert(
            {
                "attempt_id": int(attempt_id),
                **clean,
                "guide_checked_json": json.dumps(checked),
                "notes": notes,
                "reviewed_at": clock.stamp(reviewed),
            }
        )
        if not first:
            return None
        score = sum(clean.values()) / len(clean)
        return rehearsal.record_review(
            db, "question", row[0], rehearsal.rating_from_score(score), when=reviewed, source="practice"
        )


def attempts(db: sqlite_utils.Database, question_id: str | None = None) -> pd.DataFrame:
    """Every attempt (oldest first) with its number per question and its latest self-review."""
    sql = """
        SELECT a.id, a.question_id, a.framework_id, a.sections_json, a.answer_text, a.seconds_taken,
               a.target_minutes, a.started_at, a.submitted_at, a.audio_path, a.transcript, a.delivery_json,
               r.structure, r.clarity, r.depth, r.ai_specifics, r.guide_checked_json, r.notes, r.reviewed_at
        FROM practice_attempts a
        LEFT JOIN practice_reviews r ON r.id = (
            SELECT MAX(id) FROM practice_reviews WHERE attempt_id = a.id)
    """
    params: tuple = ()
    if question_id is not None:
        sql += " WHERE a.question_id = ?"
        params = (str(question_id),)
    df = pd.read_sql_query(sql + " ORDER BY a.submitted_at, a.id", db.conn, params=params)
    df["attempt_no"] = df.groupby("question_id").cumcount() + 1 if len(df) else pd.Series(dtype=int)
    df["sections"] = df["sections_json"].map(json.loads)
    df["guide_checked"] = df["guide_checked_json"].map(lambda s: json.loads(s) if isinstance(s, str) else [])
    for col in ("seconds_taken", "target_minutes", *DIMENSIONS):
        df[col] = pd.to_numeric(df[col])
    df["score"] = df[list(DIMENSIONS)].mean(axis=1)
    df["submitted_at"] = pd.to_datetime(df["submitted_at"], utc=True, format="ISO8601")
    df["notes"] = df["notes"].fillna("")
    df["delivery"] = df["delivery_json"].map(lambda s: json.loads(s) if s else None)
    return df[ATTEMPT_COLUMNS]


def attempts_with_questions(db: sqlite_utils.Database) -> pd.DataFrame:
    """Attempts joined with their question's type, sub-type and text."""
    qs = questions.all_questions(db)[["id", "type", "subtype", "text"]].rename(columns={"id": "question_id"})
    return attempts(db).merge(qs, on="question_id", how="inner")


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """A question's attempts for display, newest first, with readable column names."""
    table = pd.DataFrame(
        {
            "Attempt": history["attempt_no"],
            "Submitted": history["submitted_at"].map(lambda t: clock.local_text(t.to_pydatetime())),
            "Minutes": (history["seconds_taken"] / 60).round(1),
            "Target": history["target_minutes"],
            **{DIMENSION_LABELS[d]: history[d] for d in DIMENSIONS},
            "Guide points": history["guide_checked"].map(len),
            "Notes": history["notes"],
        }
    )
    return table.iloc[::-1].reset_index(drop=True)


def awaiting_review(history: pd.DataFrame) -> pd.Series | None:
    """The latest attempt when it has no self-review yet, else None."""
    if history.empty or not pd.isna(history.iloc[-1]["score"]):
        return None
    return history.iloc[-1]


def review_defaults(attempt: pd.Series) -> dict[str, int]:
    """Starting slider values for a review form: the attempt's current ratings, else 3."""
    return {d: 3 if pd.isna(attempt[d]) else int(attempt[d]) for d in DIMENSIONS}


def elapsed_seconds(started: float, now: float) -> int:
    """Whole seconds since the timer started (never negative)."""
    return max(0, int(now - started))


def countdown_label(seconds_left: int) -> str:
    """'mm:ss' left, or '+mm:ss' over the target."""
    sign = "+" if seconds_left < 0 else ""
    s = abs(seconds_left)
    return f"{sign}{s // 60:02d}:{s % 60:02d}"


def latest_answers(db: sqlite_utils.Database) -> pd.DataFrame:
    """The latest attempt of each question, with its self-review."""
    att = attempts(db)
    if att.empty:
        return att
    return att.sort_values(["submitted_at", "id"]).groupby("question_id").tail(1).set_index("question_id", drop=False)
