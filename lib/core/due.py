"""Items due soon across the app (rehearsals, thank-you notes, follow-ups), for the Overview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from lib import registry


@dataclass(frozen=True)
class DueItem:
    kind: str  # e.g. "Rehearse", "Thank-you note", "Follow-up"
    title: str  # plain text; rendered escaped
    due: dt.date
    page: str  # navigation url_path of the page where it is handled


def all_due(db: sqlite_utils.Database, today: dt.date | None = None, horizon_days: int = 0) -> list[DueItem]:
    """Everything due by ``today + horizon_days``, overdue first."""
    today = today or dt.date.today()
    limit = today + dt.timedelta(days=horizon_days)
    items: list[DueItem] = []
    for dotted in registry.DUE_SOURCES:
        items.extend(i for i in registry.resolve(dotted)(db, today) if i.due <= limit)
    return sorted(items, key=lambda i: (i.due, i.kind, i.title))
