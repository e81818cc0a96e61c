"""Networking: contacts, what happened with each of them, follow-ups, warm introductions.

Every outreach, reply, chat and referral is a row in ``contact_events``; a
contact's status is derived from them. A contact works at a target company when
their company matches one on the Companies page (up to case and spacing).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import sqlite_utils
from pydantic import BaseModel, field_validator

from lib.core import clock, csvsafe
from lib.core.dates import date_text
from lib.core.due import DueItem
from lib.core.errors import InputError
from lib.jobsearch.common import LIMITS, checked, clean_text, one_line_name, parse_day, url_key, valid_id
from lib.jobsearch.companies import find_company
from lib.storage.db import transaction

EVENT_KINDS = {
    "outreach": "Outreach sent",
    "follow_up": "Follow-up sent",
    "reply": "They replied",
    "chat_scheduled": "Chat scheduled",
    "chat_held": "Chat held",
    "referral": "Referral",
}
WARMTH = ("warm", "cold")
# The labels of the Networking page's form, which messages name.
CONTACT_LABELS = {"name": "Name", "warmth": "Warm or cold", "email": "Email"}
# How far along the relationship each event shows it went (for the funnel).
FUNNEL_STEPS = ("contacted", "replied", "chatted", "referral")
_EVENT_RANK = {"outreach": 0, "follow_up": 0, "reply": 1, "chat_scheduled": 1, "chat_held": 2, "referral": 3}
_PM_ROLE = re.compile(r"\bproduct\b|\bPM\b|\bGPM\b|\bTPM\b", re.IGNORECASE)


def _looks_like_email(text: str) -> bool:
    """One @, no spaces, and a dot inside the domain: string tests, linear in the text (a pattern backtracked)."""
    local, at, domain = text.partition("@")
    return bool(local and at and "@" not in domain and "." in domain[1:-1]) and not any(c.isspace() for c in text)


FOLLOW_UP_DAYS = {"outreach": 7, "follow_up": 7, "reply": 2, "chat_held": 1}
FOLLOW_UP_TEXT = {
    "outreach": "no reply since your outreach on {d}; send a short follow-up",
    "follow_up": "no reply since your follow-up on {d}; one more try or move on",
    "reply": "replied on {d}; answer and suggest a time to chat",
    "chat_held": "chat on {d}; send thanks and the follow-up you promised",
}


def is_pm(role: str) -> bool:
    """Whether a job title is a product role (the seed asks to reach 5 PMs)."""
    return bool(_PM_ROLE.search(role or ""))


class ContactFields(BaseModel):
    """A contact as the user enters them: a one-line name, warm or cold, an email address or none."""

    name: str
    warmth: str
    email: str

    @field_validator("name", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> str:
        return one_line_name(value, "enter the contact's name", LIMITS["name"])

    @field_validator("warmth", mode="before")
    @classmethod
    def _warm_or_cold(cls, value: object) -> str:
        if value not in WARMTH:
            raise ValueError("choose warm or cold")
        return str(value)

    @field_validator("email", mode="before")
    @classmethod
    def _address(cls, value: object) -> str:
        text = clean_text(value, LIMITS["email"], "Email")
        if text and not _looks_like_email(text):
            raise ValueError(f"'{text}' is not an email address")
        return text


def _company_for(db: sqlite_utils.Database, company_name: str) -> int | None:
    found = find_company(db, company_name) if company_name.strip() else None
    return found[0] if found else None


def add_contact(
    db: sqlite_utils.Database,
    name: str,
    company: str = "",
    role: str = "",
    *,
    how_met: str = "",
    profile_url: str = "",
    email: str = "",
    warmth: str = "cold",
    connected_on: object = None,
) -> int:
    """Add a person to the networking tracker; returns their id."""
    fields = checked(ContactFields, {"name": name, "warmth": warmth, "email": email}, CONTACT_LABELS)
    connected = parse_day(connected_on, "Connected on").isoformat() if connected_on else ""
    company = clean_text(company, LIMITS["company"], "Company")
    details = {
        "role": clean_text(role, LIMITS["contact_role"], "Role"),
        "how_met": clean_text(how_met, LIMITS["how_met"], "How you met"),
        "profile_url": clean_text(profile_url, LIMITS["profile_url"], "Profile URL"),
    }
    key = url_key(details["profile_url"])
    with transaction(db):
        if key:
            dup = next(db["contacts"].rows_where("url_key = ?", [key], select="name", limit=1), None)
            if dup:
                raise InputError(f"this profile is already saved as {dup['name']}", field="Profile URL")
        return (
            db["contacts"]
            .insert(
                {
                    "name": fields.name,
                    "company_id": _company_for(db, company),
                    "company_name": company,
                    **details,
                    "url_key": key,
                    "email": fields.email,
                    "warmth": fields.warmth,
                    "connected_on": connected,
                    "created_at": clock.now_iso(),
                }
            )
            .last_pk
        )


def log_event(
    db: sqlite_utils.Database,
    contact_id: int,
    kind: str,
    on_date: object = None,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> int:
    """Append what happened with a contact (outreach, reply, chat, referral, follow-up)."""
    if kind not in EVENT_KINDS:
        raise InputError(f"unknown event '{kind}'", field="Event")
    today = today or clock.today()
    # A chat can be scheduled ahead; everything else has already happened.
    when = parse_day(
        on_date if on_date is not None else today, "Date", today=today, allow_future=kind == "chat_scheduled"
    )
    contact_id = valid_id(contact_id, "Contact")
    with transaction(db):
        if not db["contacts"].count_where("id = ?", [contact_id]):
            raise InputError(f"contact {contact_id} does not exist", field="contact")
        return (
            db["contact_events"]
            .insert(
                {
                    "contact_id": contact_id,
                    "kind": kind,
                    "on_date": when.isoformat(),
                    "note": clean_text(note, LIMITS["notes"], "Note"),
                    "created_at": clock.now_iso(),
                }
            )
            .last_pk
        )


# ---------------------------------------------------------------- reading

_LAST_SQL = """SELECT contact_id, kind, on_date FROM (
    SELECT contact_id, kind, on_date, ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY on_date DESC, id DESC) AS rn
    FROM contact_events)
    WHERE rn = 1"""


def contacts_table(db: sqlite_utils.Database) -> pd.DataFrame:
    """Contacts with their company (the target's spelling when linked), last event and number of events."""
    df = pd.read_sql_query(
        f"""SELECT p.id, p.name, COALESCE(c.name, p.company_name) AS company, p.company_id IS NOT NULL AS at_target,
                   p.role, p.warmth,
                   p.how_met, p.profile_url, p.email, p.connected_on, last.kind AS last_event, last.on_date AS last_on,
                   (SELECT COUNT(*) FROM contact_events e WHERE e.contact_id = p.id) AS events
            FROM contacts p LEFT JOIN companies c ON c.id = p.company_id
            LEFT JOIN ({_LAST_SQL}) last ON last.contact_id = p.id
            ORDER BY COALESCE(last.on_date, p.created_at) DESC, p.id DESC""",
        db.conn,
    )
    df["at_target"] = df["at_target"].astype(bool)
    df["is_pm"] = df["role"].map(is_pm)
    return df


def contact_history(db: sqlite_utils.Database, contact_id: int) -> pd.DataFrame:
    """Every event with one contact, oldest first."""
    return pd.read_sql_query(
        "SELECT kind, on_date, note FROM contact_events WHERE contact_id = ? ORDER BY on_date, id",
        db.conn,
        params=(contact_id,),
    )


def contact_funnel(db: sqlite_utils.Database) -> pd.DataFrame:
    """Contacts who were ever contacted, replied, chatted and referred you (each counted at every step they passed)."""
    rank_sql = "CASE kind " + " ".join(f"WHEN '{k}' THEN {r}" for k, r in _EVENT_RANK.items()) + " END"
    rows = dict(
        db.conn.execute(
            f"SELECT r, COUNT(*) FROM (SELECT MAX({rank_sql}) AS r FROM contact_events GROUP BY contact_id) GROUP BY r"
        ).fetchall()
    )
    counts = [sum(n for r, n in rows.items() if r is not None and r >= step) for step in range(len(FUNNEL_STEPS))]
    return pd.DataFrame(
        {"step": FUNNEL_STEPS, "label": ["Contacted", "Replied", "Chatted", "Referral"], "contacts": counts}
    )


def pms_reached(db: sqlite_utils.Database) -> int:
    """PMs at target companies you have reached out to (the seed: reach out to 5 PMs at target companies)."""
    rows = db.conn.execute(
        "SELECT role FROM contacts p WHERE company_id IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM contact_events e WHERE e.contact_id = p.id)"
    ).fetchall()
    return sum(1 for (role,) in rows if is_pm(role))


def warm_introductions(db: sqlite_utils.Database) -> pd.DataFrame:
    """Contacts who work at a target company, with the open applications there."""
    return pd.read_sql_query(
        f"""SELECT p.id, p.name, c.name AS company, p.role, p.warmth, COALESCE(last.kind, '') AS last_event,
                   last.on_date AS last_on,
                   (SELECT COUNT(*) FROM applications a WHERE a.company_id = c.id) AS applications_there
            FROM contacts p JOIN companies c ON c.id = p.company_id
            LEFT JOIN ({_LAST_SQL}) last ON last.contact_id = p.id
            ORDER BY p.warmth = 'warm' DESC, applications_there DESC, c.name, p.name""",
        db.conn,
    )


def scheduled_chats(db: sqlite_utils.Database, today: dt.date | None = None) -> pd.DataFrame:
    """Chats scheduled for today or later that have not been marked held (the seed's 'conversations scheduled')."""
    today = today or clock.today()
    return pd.read_sql_query(
        """SELECT p.id, p.name, COALESCE(c.name, p.company_name) AS company, p.role, e.on_date, e.note
           FROM contact_events e JOIN contacts p ON p.id = e.contact_id LEFT JOIN companies c ON c.id = p.company_id
           WHERE e.kind = 'chat_scheduled' AND e.on_date >= ?
             AND NOT EXISTS (SELECT 1 FROM contact_events h
                             WHERE h.contact_id = e.contact_id AND h.kind = 'chat_held' AND h.id > e.id)
           ORDER BY e.on_date, p.name""",
        db.conn,
        params=(today.isoformat(),),
    )


def follow_ups(db: sqlite_utils.Database, today: dt.date | None = None) -> list[DueItem]:
    """What to do next with each contact, from their latest event: no reply in 7 days, a reply to answer, thanks."""
    today = today or clock.today()  # dates in the titles carry their year only when it is not this one
    items = []
    for name, company, kind, on_date in db.conn.execute(
        f"SELECT p.name, COALESCE(c.name, p.company_name), last.kind, last.on_date FROM ({_LAST_SQL}) last "
        "JOIN contacts p ON p.id = last.contact_id LEFT JOIN companies c ON c.id = p.company_id"
    ):
        if kind not in FOLLOW_UP_DAYS:
            continue
        day = dt.date.fromisoformat(on_date)
        who = f"{name} ({company})" if company else name
        title = f"{who}: {FOLLOW_UP_TEXT[kind].format(d=date_text(day, today))}"
        items.append(DueItem("Contact follow-up", title, day + dt.timedelta(days=FOLLOW_UP_DAYS[kind]), "networking"))
    return sorted(items, key=lambda i: (i.due, i.title))


def due_follow_ups(db: sqlite_utils.Database, today: dt.date) -> list[DueItem]:
    """Contact follow-ups, for the Overview's due list."""
    return follow_ups(db, today)


# ---------------------------------------------------------------- export

CONTACT_COLUMNS = [
    "name",
    "company",
    "role",
    "how_met",
    "profile_url",
    "email",
    "warmth",
    "connected_on",
    "last_event",
    "last_on",
    "history",
]


def export_networking(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """networking.csv: one row per contact with their history as 'YYYY-MM-DD kind; …'."""
    history: dict[int, list[str]] = {}
    for cid, kind, on_date in db.conn.execute(
        "SELECT contact_id, kind, on_date FROM contact_events ORDER BY contact_id, on_date, id"
    ):
        history.setdefault(cid, []).append(f"{on_date} {kind}")
    path = Path(out_dir) / "networking.csv"
    table = contacts_table(db).sort_values("id")
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csvsafe.writer(f)
        w.writerow(CONTACT_COLUMNS)
        for r in table.itertuples():
            w.writerow(
                [
                    r.name,
                    r.company,
                    r.role,
                    r.how_met,
                    r.profile_url,
                    r.email,
                    r.warmth,
                    r.connected_on,
                    r.last_event or "",
                    r.last_on or "",
                    "; ".join(history.get(r.id, [])),
                ]
            )
    return [path]
