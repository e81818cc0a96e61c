"""This app's own applications.csv and networking.csv (what the Deliverables page exports), row by row."""

from __future__ import annotations

import datetime as dt

from lib.core.errors import ImportFileError
from lib.jobsearch.common import LIMITS, url_key
from lib.jobsearch.imports.fields import check_date, history, iso_date, required_text
from lib.jobsearch.imports.rows import Row, check_limits
from lib.jobsearch.networking import EVENT_KINDS, WARMTH
from lib.jobsearch.stages import ALL_STAGES

OWN_APPLICATIONS_REQUIRED = ["company", "role"]
OWN_CONTACTS_REQUIRED = ["name"]
# A chat can be scheduled ahead, as far as the Networking form allows.
FUTURE_EVENTS = dt.timedelta(days=2 * 366)
APPLICATION_LIMITS = {
    name: LIMITS[name]
    for name in ("company", "role", "job_url", "source", "resume_version", "salary_range", "notes", "next_action")
} | {"contact_email": LIMITS["contact_email"], "contact_phone": LIMITS["contact_phone"]}
CONTACT_LIMITS = {
    "name": LIMITS["name"],
    "company": LIMITS["company"],
    "role": LIMITS["contact_role"],
    "how_met": LIMITS["how_met"],
    "profile_url": LIMITS["profile_url"],
    "email": LIMITS["email"],
}


def application(row: Row, where: str, line: int, today: dt.date) -> dict:
    """One row of applications.csv: its stage history (or current stage), next action and details."""
    check_limits(row, APPLICATION_LIMITS, where, line)
    events = history(row["stage_history"], ALL_STAGES, where, line, row.label("stage_history"), today)
    if not events:
        stage = row["stage"] or "applied"
        if stage not in ALL_STAGES:
            raise ImportFileError(f"unknown stage '{stage}'", where=f"{where}, line {line}", field=row.label("stage"))
        raw = row["stage_on"] or row["applied_on"] or today.isoformat()
        column = row.label("stage_on" if row["stage_on"] else "applied_on" if row["applied_on"] else "stage_on")
        events = [(check_date(iso_date(raw), raw, where, line, column, today), stage)]
    due_raw = row["next_action_due"]
    due = iso_date(due_raw) if due_raw else None
    if due_raw and due is None:
        raise ImportFileError(
            f"'{due_raw}' is not a date", where=f"{where}, line {line}", field=row.label("next_action_due")
        )
    url = row["job_url"]
    return {
        "company": required_text(row, "company", where, line),
        "role": required_text(row, "role", where, line),
        "job_url": url,
        "url_key": url_key(url),
        "source": row["source"],
        "resume_version": row["resume_version"],
        "salary_range": row["salary_range"],
        "notes": row["notes"],
        "contact_email": row["contact_email"],
        "contact_phone": row["contact_phone"],
        "questions_answers": row["questions_answers"],
        "events": events,
        "action": (row["next_action"], due) if row["next_action"] else None,
    }


def contact(row: Row, where: str, line: int, today: dt.date) -> dict:
    """One row of networking.csv: the contact and their history of outreach, replies and chats."""
    check_limits(row, CONTACT_LIMITS, where, line)
    name = required_text(row, "name", where, line)
    warmth = row["warmth"] or "cold"
    if warmth not in WARMTH:
        raise ImportFileError(
            f"'{warmth}' is neither warm nor cold", where=f"{where}, line {line}", field=row.label("warmth")
        )
    raw = row["connected_on"]
    connected = check_date(iso_date(raw), raw, where, line, row.label("connected_on"), today) if raw else ""
    url = row["profile_url"]
    return {
        "name": name,
        "company": row["company"],
        "role": row["role"],
        "how_met": row["how_met"],
        "profile_url": url,
        "url_key": url_key(url),
        "email": row["email"],
        "warmth": warmth,
        "connected_on": connected,
        "events": history(row["history"], tuple(EVENT_KINDS), where, line, row.label("history"), today + FUTURE_EVENTS),
    }
