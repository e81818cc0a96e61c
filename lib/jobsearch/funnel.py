"""The pipeline's numbers: the funnel, stage-to-stage flows, applications per week, time in each stage.

The funnel counts every stage an application ever reached: one rejected after
the onsite still counts at the onsite and at every stage before it.
Aggregates run in SQL so the pages stay quick on big data.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.jobsearch.stages import RANK_SQL, STAGE_LABELS, STAGES


def funnel_counts(db: sqlite_utils.Database) -> pd.DataFrame:
    """Applications that ever reached each stage, and the conversion from the stage before."""
    rows = dict(
        db.conn.execute(
            f"""SELECT reached, COUNT(*) FROM (
                    SELECT MAX({RANK_SQL}) AS reached FROM stage_events
                    WHERE stage IN ({",".join("?" * len(STAGES))}) GROUP BY application_id)
                GROUP BY reached""",
            STAGES,
        ).fetchall()
    )
    counts, running = [], 0
    for rank in range(len(STAGES) - 1, -1, -1):
        running += rows.get(rank, 0)
        counts.append(running)
    counts.reverse()
    conversion = [None] + [(counts[i] / counts[i - 1]) if counts[i - 1] else None for i in range(1, len(STAGES))]
    return pd.DataFrame(
        {"stage": STAGES, "label": [STAGE_LABELS[s] for s in STAGES], "reached": counts, "conversion": conversion}
    )


def sankey_flows(db: sqlite_utils.Database) -> pd.DataFrame:
    """How many applications moved from each stage straight to each next stage (exits included)."""
    return pd.read_sql_query(
        """SELECT source, target, COUNT(*) AS count FROM (
               SELECT LAG(stage) OVER (PARTITION BY application_id ORDER BY on_date, id) AS source, stage AS target
               FROM stage_events)
           WHERE source IS NOT NULL GROUP BY source, target ORDER BY count DESC""",
        db.conn,
    )


def applications_per_week(db: sqlite_utils.Database) -> pd.DataFrame:
    """Applications sent per week (Monday), by the date each first left the wishlist."""
    return pd.read_sql_query(
        """SELECT date(applied_on, '-' || ((CAST(strftime('%w', applied_on) AS INTEGER) + 6) % 7) || ' days') AS week,
                  COUNT(*) AS applications
           FROM (SELECT MIN(on_date) AS applied_on FROM stage_events WHERE stage != 'wishlist' GROUP BY application_id)
           GROUP BY week ORDER BY week""",
        db.conn,
    )


def time_in_stage(db: sqlite_utils.Database, today: dt.date | None = None) -> pd.DataFrame:
    """Average and median days spent in each stage before the next event (or until today, if still there)."""
    today = today or clock.today()
    df = pd.read_sql_query(
        """SELECT stage, julianday(COALESCE(nxt, ?)) - julianday(on_date) AS days FROM (
               SELECT stage, on_date, LEAD(on_date) OVER (PARTITION BY application_id ORDER BY on_date, id) AS nxt
               FROM stage_events)
           WHERE stage IN ('wishlist', 'applied', 'recruiter_screen', 'hiring_manager', 'onsite', 'offer')""",
        db.conn,
        params=(today.isoformat(),),
    )
    if df.empty:
        return pd.DataFrame(
            {
                "stage": pd.Series(dtype=str),
                "label": pd.Series(dtype=str),
                "mean_days": pd.Series(dtype=float),
                "median_days": pd.Series(dtype=float),
                "applications": pd.Series(dtype=int),
            }
        )
    out = df.groupby("stage")["days"].agg(mean_days="mean", median_days="median", applications="count").reset_index()
    out["order"] = out["stage"].map(STAGES.index)
    out = out.sort_values("order").drop(columns="order").reset_index(drop=True)
    out.insert(1, "label", out["stage"].map(STAGE_LABELS))
    return out


def applied_count(db: sqlite_utils.Database) -> int:
    """Applications that went beyond the wishlist (the seed's 'apply to 5-10 roles')."""
    return db.conn.execute(
        "SELECT COUNT(DISTINCT application_id) FROM stage_events WHERE stage != 'wishlist'"
    ).fetchone()[0]
