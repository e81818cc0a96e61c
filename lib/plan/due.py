"""Everything due soon across the app (rehearsals, thank-you notes, follow-ups), for the Overview."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from lib.core import clock
from lib.core.due import DueItem
from lib.jobsearch import applications, networking
from lib.media import reviews
from lib.practice import schedule
from lib.stories import rehearsals as stories

# Each returns a feature's due items as source(db, today) -> list[DueItem].
DUE_SOURCES = (
    schedule.due_items,
    stories.due_stories,
    reviews.due_reviews,
    applications.due_follow_ups,
    networking.due_follow_ups,
)


def all_due(db: sqlite_utils.Database, today: dt.date | None = None, horizon_days: int = 0) -> list[DueItem]:
    """Everything due by ``today + horizon_days``, overdue first."""
    today = today or clock.today()
    limit = today + dt.timedelta(days=horizon_days)
    items = [item for source in DUE_SOURCES for item in source(db, today) if item.due <= limit]
    return sorted(items, key=lambda i: (i.due, i.kind, i.title))
