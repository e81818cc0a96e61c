"""The week's plan (data/curriculum.json) and the user's progress against it.

Progress is history: every logged block of time, every tick of an activity and
every manual status override is a new row. Corrections and removals of a time
entry append a row that replaces the old one; the current view is derived.
"""

from __future__ import annotations

import datetime as dt
import numbers
import random
from typing import Literal

import pandas as pd
import sqlite_utils
from pydantic import Field, model_validator

from lib.core import content
from lib.core.dates import not_in_future, parse_date
from lib.core.errors import InputError
from lib.storage import settings
from lib.storage.db import transaction

MAX_MINUTES_PER_DAY = 16 * 60
EARLIEST_DATE = dt.date(2000, 1, 1)
DAY_STATUSES = ("not_started", "in_progress", "done")
STATUS_LABELS = {"not_started": "Not started", "in_progress": "In progress", "done": "Done"}


# ---------------------------------------------------------------- content model


class Resource(content.StrictModel):
    title: str = Field(min_length=1)
    url: str
    note: str = ""


class Block(content.StrictModel):
    title: str = Field(min_length=1)
    ordered: bool
    items: list[str] = Field(min_length=1)


class Activity(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    text: str = Field(min_length=1)
    page: str = ""  # the page of the app where the activity is done, if any


class Session(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    name: str
    part: Literal["morning", "afternoon", "evening"]
    day_offset: int = Field(ge=0, le=6)
    hours_min: float = Field(gt=0)
    hours_max: float = Field(gt=0)
    topic: str = Field(min_length=1)
    blocks: list[Block]
    resources: list[Resource]
    activities: list[Activity]

    @property
    def hours_label(self) -> str:
        lo, hi = _fmt_hours(self.hours_min), _fmt_hours(self.hours_max)
        return f"{lo} hours" if lo == hi else f"{lo}-{hi} hours"


class Day(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    label: str
    short: str
    title: str
    day_offsets: list[int] = Field(min_length=1)
    target_hours: float = Field(gt=0)
    sessions: list[Session] = Field(min_length=1)
    deliverables: list[str]

    @property
    def activities(self) -> list[Activity]:
        return [a for s in self.sessions for a in s.activities]


class ResourceGroup(content.StrictModel):
    group: str
    items: list[Resource]


class InterviewStack(content.StrictModel):
    frameworks: list[str]
    artifacts: list[str]


class ProgramComplete(content.StrictModel):
    accomplished: list[str]
    you_are_now: list[str]
    next_steps: list[str]
    closing: str


class DeepDive(content.StrictModel):
    title: str
    note: str


class Curriculum(content.StrictModel):
    week: int
    title: str
    tagline: str
    overview: str
    focus: list[str]
    week_deliverables: list[str]
    deep_dive: DeepDive
    learning_objectives: list[str]
    total_target_hours: float
    days: list[Day] = Field(min_length=1)
    recommended_resources: list[ResourceGroup]
    interview_stack: InterviewStack
    success_criteria: list[str]
    program_complete: ProgramComplete

    @model_validator(mode="after")
    def _consistent(self) -> Curriculum:
        ids = [a.id for d in self.days for a in d.activities] + [s.id for d in self.days for s in d.sessions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate ids: {', '.join(dupes)}")
        total = sum(d.target_hours for d in self.days)
        if abs(total - self.total_target_hours) > 1e-9:
            raise ValueError(f"day targets add up to {total:g} h, not total_target_hours {self.total_target_hours:g}")
        for d in self.days:
            for s in d.sessions:
                if s.day_offset not in d.day_offsets:
                    raise ValueError(f"session '{s.id}' has day_offset {s.day_offset}, outside day '{d.id}'")
                if s.hours_max < s.hours_min:
                    raise ValueError(f"session '{s.id}': hours_max is below hours_min")
        return self

    def day(self, day_id: str) -> Day:
        for d in self.days:
            if d.id == day_id:
                return d
        raise InputError(f"unknown day '{day_id}'", field="day")

    def session(self, session_id: str) -> Session:
        for d in self.days:
            for s in d.sessions:
                if s.id == session_id:
                    return s
        raise InputError(f"unknown session '{session_id}'", field="session")

    def day_of_session(self, session_id: str) -> Day:
        for d in self.days:
            if any(s.id == session_id for s in d.sessions):
                return d
        raise InputError(f"unknown session '{session_id}'", field="session")

    @property
    def activity_ids(self) -> list[str]:
        return [a.id for d in self.days for a in d.activities]


def _fmt_hours(h: float) -> str:
    return f"{h:g}"


def load_curriculum() -> Curriculum:
    """The shipped week plan, validated."""
    return content.load("curriculum.json", Curriculum)


# ---------------------------------------------------------------- week calendar


def week_start(db: sqlite_utils.Database, today: dt.date | None = None) -> dt.date:
    """The Monday (or chosen day) the week starts; defaults to this week's Monday."""
    stored = settings.get(db, "week_start")
    if stored:
        try:
            return dt.date.fromisoformat(stored)
        except ValueError:
            pass
    today = today or dt.date.today()
    return today - dt.timedelta(days=today.weekday())


def set_week_start(db: sqlite_utils.Database, start: dt.date) -> None:
    """Choose the date of Day 1; decides which day is 'today'."""
    if not isinstance(start, dt.date):
        raise InputError("not a date", field="week start")
    if start < EARLIEST_DATE or start > dt.date.today() + dt.timedelta(days=366):
        raise InputError(f"{start.isoformat()} is outside a sensible range", field="week start")
    settings.put(db, "week_start", start.isoformat())


def day_for_date(cur: Curriculum, start: dt.date, when: dt.date) -> Day | None:
    """The plan's day that falls on ``when``, or None outside the week."""
    offset = (when - start).days
    for d in cur.days:
        if offset in d.day_offsets:
            return d
    return None


def date_for_session(cur: Curriculum, start: dt.date, session_id: str) -> dt.date:
    """The calendar date a session is planned for."""
    return start + dt.timedelta(days=cur.session(session_id).day_offset)


# ---------------------------------------------------------------- time log


def _validate_minutes(minutes: object) -> int:
    if isinstance(minutes, bool):
        raise InputError("enter a number of minutes", field="minutes")
    try:
        value = float(minutes)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"'{minutes}' is not a number of minutes", field="minutes") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError("enter a number of minutes", field="minutes")
    if value <= 0:
        raise InputError("time must be more than zero minutes", field="minutes")
    if value != int(value):
        raise InputError("enter whole minutes", field="minutes")
    if value > MAX_MINUTES_PER_DAY:
        raise InputError("more than 16 hours in one entry", field="minutes")
    return int(value)


def _validate_date(value: object, today: dt.date) -> dt.date:
    value = not_in_future(parse_date(value, "date"), "date", today, "; log time you have spent")
    if value < EARLIEST_DATE or (today - value).days > 3 * 366:
        raise InputError(f"{value.isoformat()} is outside a sensible range", field="date")
    return value


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def current_time_entries(db: sqlite_utils.Database) -> pd.DataFrame:
    """Time entries in force: not replaced by a correction, not removed."""
    sql = """
        SELECT t.id, t.day_id, t.session_id, t.minutes, t.logged_on, t.note, t.created_at
        FROM time_log t
        WHERE t.deleted = 0
          AND NOT EXISTS (SELECT 1 FROM time_log r WHERE r.replaces_id = t.id)
        ORDER BY t.logged_on, t.id
    """
    return pd.read_sql_query(sql, db.conn)


def _minutes_on(db: sqlite_utils.Database, logged_on: dt.date, excluding: int | None = None) -> int:
    row = db.conn.execute(
        """SELECT COALESCE(SUM(t.minutes), 0) FROM time_log t
           WHERE t.deleted = 0 AND t.logged_on = ? AND t.id IS NOT ?
             AND NOT EXISTS (SELECT 1 FROM time_log r WHERE r.replaces_id = t.id)""",
        (logged_on.isoformat(), excluding),
    ).fetchone()
    return int(row[0])


def log_time(
    db: sqlite_utils.Database,
    session_id: str,
    minutes: object,
    logged_on: object,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> int:
    """Append a block of study time to a session; returns the new entry's id."""
    cur = load_curriculum()
    day = cur.day_of_session(session_id)
    mins = _validate_minutes(minutes)
    when = _validate_date(logged_on, today or dt.date.today())
    note = str(note or "").strip()
    with transaction(db):
        already = _minutes_on(db, when)
        if already + mins > MAX_MINUTES_PER_DAY:
            raise InputError(
                f"that would make {(already + mins) / 60:.1f} hours on {when.isoformat()}, more than 16 hours in one day",
                field="minutes",
            )
        return (
            db["time_log"]
            .insert(
                {
                    "day_id": day.id,
                    "session_id": session_id,
                    "minutes": mins,
                    "logged_on": when.isoformat(),
                    "note": note,
                    "created_at": _now(),
                    "replaces_id": None,
                    "deleted": 0,
                }
            )
            .last_pk
        )


def _valid_entry_id(entry_id: object) -> int:
    # sqlite3 rejects lists and ints beyond 64 bits with its own errors; answer
    # any such id as the missing entry it is.
    if isinstance(entry_id, bool) or not isinstance(entry_id, numbers.Integral) or not 0 < entry_id < 2**63:
        raise InputError(f"time entry {entry_id!r} does not exist", field="entry")
    return int(entry_id)


def _current_entry(db: sqlite_utils.Database, entry_id: int) -> dict:
    entry_id = _valid_entry_id(entry_id)
    row = db.conn.execute(
        """SELECT id, day_id, session_id, minutes, logged_on, note FROM time_log t
           WHERE t.id = ? AND t.deleted = 0
             AND NOT EXISTS (SELECT 1 FROM time_log r WHERE r.replaces_id = t.id)""",
        (entry_id,),
    ).fetchone()
    if row is None:
        raise InputError(f"time entry {entry_id} does not exist or was already changed", field="entry")
    return dict(zip(("id", "day_id", "session_id", "minutes", "logged_on", "note"), row, strict=False))


def correct_time(
    db: sqlite_utils.Database,
    entry_id: int,
    *,
    session_id: str | None = None,
    minutes: object = None,
    logged_on: object = None,
    note: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Replace an entry with a corrected one (the old row stays as history)."""
    cur = load_curriculum()
    with transaction(db):
        old = _current_entry(db, entry_id)
        session_id = session_id or old["session_id"]
        day = cur.day_of_session(session_id)
        mins = _validate_minutes(old["minutes"] if minutes is None else minutes)
        when = _validate_date(old["logged_on"] if logged_on is None else logged_on, today or dt.date.today())
        if _minutes_on(db, when, excluding=entry_id) + mins > MAX_MINUTES_PER_DAY:
            raise InputError(f"more than 16 hours on {when.isoformat()}", field="minutes")
        return (
            db["time_log"]
            .insert(
                {
                    "day_id": day.id,
                    "session_id": session_id,
                    "minutes": mins,
                    "logged_on": when.isoformat(),
                    "note": old["note"] if note is None else str(note).strip(),
                    "created_at": _now(),
                    "replaces_id": entry_id,
                    "deleted": 0,
                }
            )
            .last_pk
        )


def remove_time(db: sqlite_utils.Database, entry_id: int) -> None:
    """Remove an entry from the totals by appending a removal row."""
    with transaction(db):
        old = _current_entry(db, entry_id)
        db["time_log"].insert({**old, "id": None, "created_at": _now(), "replaces_id": entry_id, "deleted": 1})


# ---------------------------------------------------------------- activities and status


def set_activity_done(db: sqlite_utils.Database, activity_id: str, done: bool) -> None:
    """Tick or untick an activity (appends an event)."""
    if activity_id not in load_curriculum().activity_ids:
        raise InputError(f"unknown activity '{activity_id}'", field="activity")
    with transaction(db):
        db["activity_events"].insert({"activity_id": activity_id, "done": int(bool(done)), "at": _now()})


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
        db["day_status_events"].insert({"day_id": day_id, "status": status, "at": _now()})


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


def progress_table(db: sqlite_utils.Database) -> pd.DataFrame:
    """One row per day: hours against target, activities done, status (derived or overridden)."""
    cur = load_curriculum()
    minutes = dict(
        db.conn.execute(
            """SELECT day_id, SUM(minutes) FROM time_log t WHERE deleted = 0
               AND NOT EXISTS (SELECT 1 FROM time_log r WHERE r.replaces_id = t.id) GROUP BY day_id"""
        ).fetchall()
    )
    done = done_activities(db)
    overrides = status_overrides(db)
    rows = []
    for d in cur.days:
        ids = [a.id for a in d.activities]
        n_done = sum(1 for i in ids if i in done)
        mins = int(minutes.get(d.id, 0) or 0)
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
    today = today or dt.date.today()
    start = week_start(db, today)
    day = day_for_date(cur, start, today)
    offset = (today - start).days
    done = done_activities(db)
    if day is None:
        return {"day": None, "offset": offset, "week_start": start, "sessions": [], "remaining": []}
    sessions = [s for s in day.sessions if s.day_offset == offset] or day.sessions
    remaining = [a for s in sessions for a in s.activities if a.id not in done]
    return {"day": day, "offset": offset, "week_start": start, "sessions": sessions, "remaining": remaining}


def cumulative_hours(db: sqlite_utils.Database) -> pd.DataFrame:
    """Hours per calendar date and running total, for the week chart."""
    df = pd.read_sql_query(
        """SELECT logged_on, SUM(minutes) AS minutes FROM time_log t WHERE deleted = 0
           AND NOT EXISTS (SELECT 1 FROM time_log r WHERE r.replaces_id = t.id)
           GROUP BY logged_on ORDER BY logged_on""",
        db.conn,
    )
    df["hours"] = df["minutes"] / 60
    df["cumulative_hours"] = df["hours"].cumsum()
    return df


def total_hours(db: sqlite_utils.Database) -> float:
    """All current logged time, in hours."""
    row = db.conn.execute(
        """SELECT COALESCE(SUM(minutes), 0) FROM time_log t WHERE deleted = 0
           AND NOT EXISTS (SELECT 1 FROM time_log r WHERE r.replaces_id = t.id)"""
    ).fetchone()
    return row[0] / 60


# ---------------------------------------------------------------- demo


_DEMO_NOTES = ("", "Focused block", "Timed answers", "Notes in prep doc")


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """A partly-done week: days before today mostly done, today in progress.

    ``scale`` splits each session's time into that many entries, so the row
    count grows while the week's totals stay realistic.
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
                        "note": _DEMO_NOTES[len(rows) % len(_DEMO_NOTES)],
                        "created_at": f"{when.isoformat()}T20:00:00",
                        "replaces_id": None,
                        "deleted": 0,
                    }
                )
            for a in s.activities:
                if (when < today and rng.random() < 0.85) or (when == today and rng.random() < 0.3):
                    events.append({"activity_id": a.id, "done": 1, "at": f"{when.isoformat()}T21:00:00"})
    with transaction(db):
        db["time_log"].insert_all(rows, batch_size=1000)
        db["activity_events"].insert_all(events, batch_size=1000)
