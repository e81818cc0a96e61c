"""An iCalendar file of interviews and follow-ups due, for any calendar app.

Interview times are written in the user's local wall-clock time as floating
times: the calendar shows them at the hour the user entered wherever it runs.
Scheduled chats and follow-ups are all-day events on their date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import sqlite_utils
from icalendar import Calendar, Event

from lib.core import clock
from lib.jobsearch import applications, interviews, networking

CALENDAR_FILE = "interviews-and-follow-ups.ics"
UID_DOMAIN = "interview-prep.local"


def _uid(*parts: object) -> str:
    """A stable UID, so re-importing the file updates events instead of duplicating them."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"{digest}@{UID_DOMAIN}"


def build_calendar(db: sqlite_utils.Database, today: dt.date | None = None) -> Calendar:
    """A VCALENDAR with one event per interview and all-day events for scheduled chats and follow-ups."""
    today = today or clock.today()
    stamp = clock.now().replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Interview Prep Dashboard//job search//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Job search")
    for r in interviews.interviews_table(db).itertuples():
        start = dt.datetime.fromisoformat(r.starts_at)  # local wall-clock time, naive: a floating time
        event = Event()
        event.add("uid", _uid("interview", r.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=int(r.duration_min or 45)))
        event.add(
            "summary", f"{interviews.ROUND_TYPES.get(r.round_type, r.round_type)} interview — {r.company} ({r.role})"
        )
        details = [
            f"Interviewers: {r.interviewers}" if r.interviewers else "",
            f"Prep: {r.prep_notes}" if r.prep_notes else "",
        ]
        if any(details):
            event.add("description", "\n".join(d for d in details if d))
        cal.add_component(event)
    for r in networking.scheduled_chats(db, today).itertuples():
        event = Event()
        event.add("uid", _uid("chat", r.id, r.on_date))
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.date.fromisoformat(r.on_date))
        event.add("dtend", dt.date.fromisoformat(r.on_date) + dt.timedelta(days=1))
        event.add("summary", f"Informational chat — {r.name}" + (f" ({r.company})" if r.company else ""))
        cal.add_component(event)
    for item in applications.follow_ups(db, today) + networking.follow_ups(db, today):
        event = Event()
        event.add("uid", _uid("follow-up", item.kind, item.title))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", f"{item.kind}: {item.title}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def export_calendar(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write interviews-and-follow-ups.ics into the export folder."""
    path = Path(out_dir) / CALENDAR_FILE
    path.write_bytes(build_calendar(db).to_ical())
    return [path]
