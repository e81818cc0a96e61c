"""The stages an application moves through, and its stage history.

A stage change appends a row to ``stage_events``; the current stage is the
latest event (by date, then by id). Nothing here writes: applications.py adds
and moves applications, funnel.py counts what the history shows.
"""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from lib.core.errors import InputError
from lib.jobsearch.common import valid_id

STAGES = ("wishlist", "applied", "recruiter_screen", "hiring_manager", "onsite", "offer", "accepted")
EXITS = ("rejected", "withdrawn", "no_response")
ALL_STAGES = STAGES + EXITS
STAGE_LABELS = {
    "wishlist": "Wishlist",
    "applied": "Applied",
    "recruiter_screen": "Recruiter screen",
    "hiring_manager": "Hiring manager",
    "onsite": "Onsite / loop",
    "offer": "Offer",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_response": "No response",
}
# A stage's place in the forward path, for "the furthest stage reached".
RANK_SQL = "CASE stage " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STAGES)) + " END"
# (application_id, stage, on_date) of each application's latest event: its current stage.
CURRENT_SQL = """
    SELECT application_id, stage, on_date FROM (
        SELECT application_id, stage, on_date,
               ROW_NUMBER() OVER (PARTITION BY application_id ORDER BY on_date DESC, id DESC) AS rn
        FROM stage_events) WHERE rn = 1
"""


def stage_label(stage: str) -> str:
    """Readable name of a stage code."""
    return STAGE_LABELS.get(stage, stage)


def valid_stage(stage: str) -> str:
    """``stage`` when it is a known stage code; refused otherwise."""
    if stage not in ALL_STAGES:
        raise InputError(f"unknown stage '{stage}'; use one of: {', '.join(ALL_STAGES)}", field="Stage")
    return stage


def history_bounds(db: sqlite_utils.Database, application_id: object) -> tuple[str, str, str]:
    """(first date, current stage, latest date) of an application's history; refuses an unknown application."""
    application_id = valid_id(application_id, "Application")
    row = db.conn.execute(
        """SELECT MIN(on_date),
                  (SELECT stage FROM stage_events WHERE application_id = ? ORDER BY on_date DESC, id DESC LIMIT 1),
                  MAX(on_date) FROM stage_events WHERE application_id = ?""",
        (application_id, application_id),
    ).fetchone()
    if row is None or row[0] is None:
        raise InputError(f"application {application_id} does not exist", field="Application")
    return row[0], row[1], row[2]


def stage_history(db: sqlite_utils.Database, application_id: int) -> pd.DataFrame:
    """Every stage event of one application, oldest first."""
    return pd.read_sql_query(
        "SELECT id, stage, on_date, note FROM stage_events WHERE application_id = ? ORDER BY on_date, id",
        db.conn,
        params=(application_id,),
    )


def history_strings(db: sqlite_utils.Database) -> dict[int, str]:
    """Each application's stage history as 'YYYY-MM-DD stage; …' (what applications.csv carries)."""
    out: dict[int, list[str]] = {}
    for app_id, stage, on_date in db.conn.execute(
        "SELECT application_id, stage, on_date FROM stage_events ORDER BY application_id, on_date, id"
    ):
        out.setdefault(app_id, []).append(f"{on_date} {stage}")
    return {k: "; ".join(v) for k, v in out.items()}
