"""Which question to practise next: each question's status, the page's filters, what is due, a surprise pick."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.core.due import DueItem
from lib.core.textsafe import one_line
from lib.practice import questions, rehearsal
from lib.practice.attempts import DIMENSIONS


def _attempt_scores(db: sqlite_utils.Database) -> pd.DataFrame:
    """Each attempt's question, time and score (its latest review's mean), oldest first: ``attempts`` without the
    answers, which the status never shows and which are most of what a long history weighs."""
    sql = f"""
        SELECT a.id, a.question_id, a.submitted_at, {", ".join(f"r.{d}" for d in DIMENSIONS)}
        FROM practice_attempts a
        LEFT JOIN practice_reviews r ON r.id = (SELECT MAX(id) FROM practice_reviews WHERE attempt_id = a.id)
        ORDER BY a.submitted_at, a.id
    """
    df = pd.read_sql_query(sql, db.conn)
    for col in DIMENSIONS:
        df[col] = pd.to_numeric(df[col])
    df["score"] = df[list(DIMENSIONS)].mean(axis=1)
    df["submitted_at"] = pd.to_datetime(df["submitted_at"], utc=True, format="ISO8601")
    return df


def question_status(db: sqlite_utils.Database) -> pd.DataFrame:
    """Per question: attempts so far, last attempt, last score and when it is due for rehearsal."""
    qs = questions.all_questions(db)
    att = _attempt_scores(db)
    per = att.groupby("question_id").agg(
        attempts=("id", "size"), last_attempt=("submitted_at", "max"), last_score=("score", "last")
    )
    cards = rehearsal.cards(db, "question").set_index("item_id")[["due"]]
    out = qs.set_index("id").join(per).join(cards).reset_index().rename(columns={"index": "id"})
    out["attempts"] = out["attempts"].fillna(0).astype(int)
    return out


def end_of_day_utc(today: dt.date) -> pd.Timestamp:
    """The end of ``today`` in local time, as a UTC timestamp."""
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()).astimezone()
    return pd.Timestamp(end).tz_convert("UTC")


def filter_questions(
    status: pd.DataFrame,
    today: dt.date,
    qtype: str | None = None,
    subtype: str | None = None,
    never_tried: bool = False,
    due_only: bool = False,
) -> pd.DataFrame:
    """Questions matching the Practice page's filters."""
    mask = pd.Series(True, index=status.index)
    if qtype:
        mask &= status["type"] == qtype
    if subtype:
        mask &= status["subtype"] == subtype
    if never_tried:
        mask &= status["attempts"] == 0
    if due_only:
        mask &= status["due"].notna() & (status["due"] < end_of_day_utc(today))
    return status[mask]


def due_questions(db: sqlite_utils.Database, today: dt.date | None = None) -> pd.DataFrame:
    """Questions due for rehearsal by the end of ``today``, most overdue first."""
    today = today or clock.today()
    due = rehearsal.due_cards(db, today, "question")
    qs = questions.all_questions(db).rename(columns={"id": "item_id"})
    return due.merge(qs, on="item_id", how="inner")


def next_due(db: sqlite_utils.Database, today: dt.date | None = None) -> str | None:
    """The id of the most overdue question, or None when nothing is due."""
    return next_due_from(due_questions(db, today))


def next_due_from(due: pd.DataFrame) -> str | None:
    """The most overdue question id in a ``due_questions`` frame, or None."""
    return None if due.empty else str(due.iloc[0]["item_id"])


def surprise(candidates: pd.DataFrame, rng: random.Random | None = None) -> str | None:
    """A random question from the candidates, favouring ones never tried."""
    if candidates.empty:
        return None
    rng = rng or random.Random()
    fresh = candidates[candidates["attempts"] == 0]
    pool = fresh if len(fresh) else candidates
    return str(pool.iloc[rng.randrange(len(pool))]["id"])


def due_items(db: sqlite_utils.Database, today: dt.date) -> list[DueItem]:
    """Practice questions due for rehearsal, for the Overview."""
    items = []
    for r in due_questions(db, today).itertuples():
        local_day = r.due.to_pydatetime().astimezone().date()
        items.append(DueItem("Rehearse", one_line(r.text, 90), local_day, "practice"))
    return items
