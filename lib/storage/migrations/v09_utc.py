"""Schema version 9: every stored instant in UTC with an offset.

Older versions of the app wrote some instants in the machine's local time
without an offset and others in UTC. This step rewrites the local ones as UTC
(``2026-03-01T19:30:00+00:00``) so that text order is time order and every
reader can treat a stored instant the same way. Values that already carry an
offset and plain ``YYYY-MM-DD`` dates are left as they are.

Shipped migration: never edit it. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

# Every column that holds an instant, as of schema version 8. Calendar dates
# (logged_on, on_date, due_on, session_date, written_on, connected_on) are not
# instants and stay in the user's own calendar.
INSTANT_COLUMNS: dict[str, tuple[str, ...]] = {
    "time_log": ("created_at",),
    "activity_events": ("at",),
    "day_status_events": ("at",),
    "rehearsal_reviews": ("reviewed_at",),
    "rehearsal_cards": ("due", "last_review"),
    "custom_questions": ("created_at",),
    "practice_attempts": ("started_at", "submitted_at"),
    "practice_reviews": ("reviewed_at",),
    "story_versions": ("created_at",),
    "story_links": ("at",),
    "story_rehearsals": ("at",),
    "companies": ("created_at",),
    "company_research": ("at",),
    "applications": ("created_at",),
    "stage_events": ("created_at",),
    "application_actions": ("at",),
    "interviews": ("starts_at", "created_at"),
    "interview_events": ("at",),
    "contacts": ("created_at",),
    "contact_events": ("created_at",),
    "recordings": ("created_at",),
    "mock_reviews": ("created_at",),
    "recording_analyses": ("created_at",),
    "case_study_versions": ("saved_at",),
    "checklist_events": ("at",),
    "reflection_entries": ("created_at",),
    "deliverable_ticks": ("at",),
}


def local_to_utc(value: str | None) -> str | None:
    """A stored value without an offset, read as local time, as UTC ISO 8601; anything else unchanged."""
    # A plain date is at most ten characters (2026-03-01); it names a day, not an instant.
    if not isinstance(value, str) or len(value.strip()) <= 10:
        return value
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return value
    if parsed.tzinfo is not None:
        return value
    # astimezone() on a naive datetime reads it in the machine's local time zone.
    return parsed.astimezone(dt.UTC).isoformat()


def m009_utc_instants(db: sqlite_utils.Database) -> None:
    """Rewrite instants stored in local time without an offset as UTC with +00:00."""
    for table, columns in INSTANT_COLUMNS.items():
        for column in columns:
            rows = db.execute(f'SELECT rowid, "{column}" FROM "{table}" WHERE length("{column}") > 10').fetchall()
            changed = [(new, rowid) for rowid, old in rows if (new := local_to_utc(old)) != old]
            if changed:
                db.conn.executemany(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', changed)
