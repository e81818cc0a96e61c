"""Progress against the plan: activity ticks, day status, the per-day table and today's plan.

A tick and a manual status are appended events; the latest event per activity
or day is in force, and a day's status is derived unless one was set by hand.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.core.errors import InputError
from lib.plan.curriculum import day_for_date, load_curriculum, week_start
from lib.plan.time_log import minutes_per_day
from lib.storage.db import transaction

DAY_STATUSES = ("not_started", "in_progress", "done")
STATUS_LABELS = {"not_started": "Not started", "in_progress": "In progress", "done": "Done"}


def set_activity_done(db: sqlite_utils.Database, activity_id: str, done: bool) -> None:
    """Tick or untick an activity (appends an event)."""
    if activity_id not in load_curriculum().activity_ids:
        raise InputError(f"unknown activity '{activity_id}'", field="activity")
    with transaction(db):
        db["activity_events"].insert({"activity_id": activity_id, "done": int(bool(done)), "at": clock.now_iso()})


def done_activities(db: sqlite_utils.Database) -> set[str]:
    """Activities whose latest event says done."""
    rows = db.conn.execute(
        """SELECT activity_id, done FROM activity_events e
           WHERE id = (SELECT MAX(id) FROM activity_events WHERE activity_id = e.activity_id)"""
    ).fetchall()
    return {a for a, done in rows if done}


def set_day_status(db: sqlite_utils.Database, day_id: str, status: str) -> None:
    """Override a day's derived status; 'auto' returns to the derived one."""
    load_curriculum().day(day_id)
    if status not in (*DAY_STATUSES, "auto"):
        raise InputError(f"unknown status '{status}'", field="status")
    with transaction(db):
        db["day_status_events"].insert({"day_id": day_id, "status": status, "at": clock.now_iso()})


def status_overrides(db: sqlite_utils.Database) -> dict[str, str]:
    """Latest manual status per day, where one is in force."""
    rows = db.conn.execute(
        """SELECT day_id, status FROM day_status_events e
           WHERE id = (SELECT MAX(id) FROM day_status_events WHERE day_id = e.day_id)"""
    ).fetchall()
    return {d: s for d, s in rows if s != "auto"}


def derive_status(minutes: int, done: int, total: int) -> str:
    """Not started / in progress / done from time logged and activities ticked."""
    if total and done >= total:
        return "done"
    if minutes > 0 or done > 0:
        return "in_progress"
    return "not_started"


def status_label(status: str) -> str:
    """Readable label for a day status code."""
    return STATUS_LABELS.get(status, status)


def progress_table(db: sqlite_utils.Database) -> pd.DataFrame:
    """One row per day: hours against target, activities done, status (derived or overridden)."""
    cur = load_curriculum()
    minutes = minutes_per_day(db)
    done = done_activities(db)
    overrides = status_overrides(db)
    rows = []
    for d in cur.days:
        ids = [a.id for a in d.activities]
        n_done = sum(1 for i in ids if i in done)
        mins = minutes.get(d.id, 0)
        derived = derive_status(mins, n_done, len(ids))
        rows.append(
            {
                "day_id": d.id,
                "day": d.short,
                "topic": d.title,
                "hours": mins / 60,
                "target_hours": d.target_hours,
                "activities_done": n_done,
                "activities_total": len(ids),
                "status": overrides.get(d.id, derived),
                "status_source": "manual" if d.id in overrides else "derived",
            }
        )
    return pd.DataFrame(rows)


def today_plan(db: sqlite_utils.Database, today: dt.date | None = None) -> dict:
    """Today's day of the plan, its sessions and the activities not yet done."""
    cur = load_curriculum()
    today = today or clock.today()
    start = week_start(db, today)
    day = day_for_date(cur, start, today)
    offset = (today - start).days
    done = done_activities(db)
    if day is None:
        return {"day": None, "offset": offset, "week_start": start, "sessions": [], "remaining": []}
    sessions = [s for s in day.sessions if s.day_offset == offset] or day.sessions
    remaining = [a for s in sessions for a in s.activities if a.id not in done]
    return {"day": day, "offset": offset, "week_start": start, "sessions": sessions, "remaining": remaining}
