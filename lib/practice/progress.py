"""What the Practice charts plot: attempts against the week's plan, ratings over time, time against target."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from lib.practice import questions
from lib.practice.attempts import DIMENSION_LABELS, DIMENSIONS, attempts_with_questions

# The week's plan: Monday 4 product-sense answers; Tuesday 4 execution + 2 strategy.
WEEK_PLAN = {"product_sense": 4, "execution": 4, "strategy": 2}


def plan_progress(db: sqlite_utils.Database) -> pd.DataFrame:
    """Attempts per question type against the week's plan (types without a plan target have 0)."""
    att = attempts_with_questions(db)
    counts = att.groupby("type").size() if len(att) else pd.Series(dtype=int)
    rows = [
        {
            "type": t,
            "label": questions.TYPE_LABELS[t],
            "attempts": int(counts.get(t, 0)),
            "planned": WEEK_PLAN.get(t, 0),
        }
        for t in questions.QUESTION_TYPES
    ]
    return pd.DataFrame(rows)


def rating_trend(db: sqlite_utils.Database) -> pd.DataFrame:
    """Self-ratings in review order, long form: reviewed_at, dimension, rating."""
    df = pd.read_sql_query(
        "SELECT reviewed_at, structure, clarity, depth, ai_specifics FROM practice_reviews ORDER BY reviewed_at, id",
        db.conn,
    )
    df["reviewed_at"] = pd.to_datetime(df["reviewed_at"], utc=True, format="ISO8601")
    long = df.melt(id_vars="reviewed_at", value_vars=list(DIMENSIONS), var_name="dimension", value_name="rating")
    long["dimension"] = long["dimension"].map(DIMENSION_LABELS)
    return long


def time_vs_target(db: sqlite_utils.Database) -> pd.DataFrame:
    """Per attempt: minutes taken and the question's target minutes, with its type."""
    att = attempts_with_questions(db)
    out = att[["id", "question_id", "attempt_no", "type", "text", "submitted_at", "target_minutes"]].copy()
    out["minutes_taken"] = (att["seconds_taken"] / 60).round(1)
    out["type_label"] = out["type"].map(questions.TYPE_LABELS)
    return out
