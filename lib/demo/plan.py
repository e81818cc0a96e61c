"""Sample week for the demo: time logged on the days so far, most of their activities ticked."""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils

from lib.core import clock
from lib.plan.curriculum import load_curriculum
from lib.storage import settings
from lib.storage.db import transaction

_NOTES = ("", "Focused block", "Timed answers", "Notes in prep doc")


def _evening(day: dt.date, hour: int) -> str:
    return clock.stamp(dt.datetime.combine(day, dt.time(hour)))


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """A partly-done week: days before today mostly done, today in progress.

    ``scale`` splits each session's time into that many entries, so the row
    count grows while the week's totals stay realistic. Rows go in as one batch:
    at large scales one transaction per entry would take minutes.
    """
    cur = load_curriculum()
    start = today - dt.timedelta(days=today.weekday())
    settings.put(db, "week_start", start.isoformat())
    rows, events = [], []
    for d in cur.days:
        for s in d.sessions:
            when = start + dt.timedelta(days=s.day_offset)
            if when > today:
                continue
            planned = int(s.hours_max * 60 if rng.random() < 0.5 else s.hours_min * 60)
            if when == today:
                planned = min(90, planned)
            pieces = max(1, min(scale, planned))
            sizes = [planned // pieces + (1 if i < planned % pieces else 0) for i in range(pieces)]
            for mins in sizes:
                rows.append(
                    {
                        "day_id": d.id,
                        "session_id": s.id,
                        "minutes": mins,
                        "logged_on": when.isoformat(),
                        "note": _NOTES[len(rows) % len(_NOTES)],
                        "created_at": _evening(when, 20),
                        "replaces_id": None,
                        "deleted": 0,
                    }
                )
            for a in s.activities:
                if (when < today and rng.random() < 0.85) or (when == today and rng.random() < 0.3):
                    events.append({"activity_id": a.id, "done": 1, "at": _evening(when, 21)})
    with transaction(db):
        db["time_log"].insert_all(rows, batch_size=1000)
        db["activity_events"].insert_all(events, batch_size=1000)
