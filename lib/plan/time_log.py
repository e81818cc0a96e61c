"""Time logged against the plan's sessions: log, correct, remove, and the totals derived from them.

Every logged block of time is a row. A correction or a removal appends a row
that replaces the old one (``replaces_id``), so history stays and the current
entries are the rows nothing replaces.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers

import pandas as pd
import sqlite_utils
from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator

from lib.core import clock
from lib.core.dates import date_text, not_in_future, parse_date
from lib.core.errors import InputError
from lib.plan.curriculum import EARLIEST_DATE, load_curriculum
from lib.storage.db import transaction

MAX_MINUTES_PER_DAY = 16 * 60
# Rows in force: not removed and not replaced by a correction.
CURRENT = "t.deleted = 0 AND NOT EXISTS (SELECT 1 FROM time_log r WHERE r.replaces_id = t.id)"


class TimeInput(BaseModel):
    """A block of study time as the user gave it: whole minutes, spent on a date up to today."""

    minutes: int
    logged_on: dt.date

    @field_validator("minutes", mode="before")
    @classmethod
    def _whole_minutes(cls, value: object) -> int:
        if isinstance(value, bool):
            raise ValueError("enter a number of minutes")
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"'{value}' is not a number of minutes") from None
        if not math.isfinite(number):
            raise ValueError("enter a number of minutes")
        if number <= 0:
            raise ValueError("time must be more than zero minutes")
        if number != int(number):
            raise ValueError("enter whole minutes")
        if number > MAX_MINUTES_PER_DAY:
            raise ValueError("more than 16 hours in one entry")
        return int(number)

    @field_validator("logged_on", mode="before")
    @classmethod
    def _spent_date(cls, value: object, info: ValidationInfo) -> dt.date:
        today: dt.date = (info.context or {}).get("today") or clock.today()
        try:
            when = not_in_future(parse_date(value, "date"), "date", today, "; log time you have spent")
        except InputError as exc:
            raise ValueError(exc.message) from None
        if when < EARLIEST_DATE or (today - when).days > 3 * 366:
            raise ValueError(f"{when.isoformat()} is outside a sensible range")
        return when


# The field names the user sees in messages.
_SHOWN_FIELDS = {"minutes": "minutes", "logged_on": "date"}


def check_time(minutes: object, logged_on: object, today: dt.date) -> TimeInput:
    """``minutes`` and ``logged_on`` validated, or an InputError naming the first field that is wrong."""
    try:
        return TimeInput.model_validate({"minutes": minutes, "logged_on": logged_on}, context={"today": today})
    except ValidationError as exc:
        first = exc.errors()[0]
        error = first.get("ctx", {}).get("error")
        raise InputError(str(error or first["msg"]), field=_SHOWN_FIELDS[str(first["loc"][0])]) from None


def current_time_entries(db: sqlite_utils.Database) -> pd.DataFrame:
    """Time entries in force: not replaced by a correction, not removed."""
    sql = f"""
        SELECT t.id, t.day_id, t.session_id, t.minutes, t.logged_on, t.note, t.created_at
        FROM time_log t
        WHERE {CURRENT}
        ORDER BY t.logged_on, t.id
    """
    return pd.read_sql_query(sql, db.conn)


def _minutes_on(db: sqlite_utils.Database, logged_on: dt.date, excluding: int | None = None) -> int:
    row = db.conn.execute(
        f"SELECT COALESCE(SUM(t.minutes), 0) FROM time_log t WHERE {CURRENT} AND t.logged_on = ? AND t.id IS NOT ?",
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
    day = load_curriculum().day_of_session(session_id)
    entry = check_time(minutes, logged_on, today or clock.today())
    mins, when = entry.minutes, entry.logged_on
    note = str(note or "").strip()
    with transaction(db):
        already = _minutes_on(db, when)
        if already + mins > MAX_MINUTES_PER_DAY:
            raise InputError(
                f"that would make {(already + mins) / 60:.1f} hours on {date_text(when, today or clock.today())}, "
                "more than 16 hours in one day",
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
                    "created_at": clock.now_iso(),
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
        f"SELECT id, day_id, session_id, minutes, logged_on, note FROM time_log t WHERE t.id = ? AND {CURRENT}",
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
        entry = check_time(
            old["minutes"] if minutes is None else minutes,
            old["logged_on"] if logged_on is None else logged_on,
            today or clock.today(),
        )
        mins, when = entry.minutes, entry.logged_on
        if _minutes_on(db, when, excluding=entry_id) + mins > MAX_MINUTES_PER_DAY:
            raise InputError(f"more than 16 hours on {date_text(when, today or clock.today())}", field="minutes")
        return (
            db["time_log"]
            .insert(
                {
                    "day_id": day.id,
                    "session_id": session_id,
                    "minutes": mins,
                    "logged_on": when.isoformat(),
                    "note": old["note"] if note is None else str(note).strip(),
                    "created_at": clock.now_iso(),
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
        db["time_log"].insert({**old, "id": None, "created_at": clock.now_iso(), "replaces_id": entry_id, "deleted": 1})


def minutes_per_day(db: sqlite_utils.Database) -> dict[str, int]:
    """Current minutes logged per plan day id."""
    rows = db.conn.execute(f"SELECT day_id, SUM(minutes) FROM time_log t WHERE {CURRENT} GROUP BY day_id")
    return {day_id: int(total or 0) for day_id, total in rows.fetchall()}


def cumulative_hours(db: sqlite_utils.Database) -> pd.DataFrame:
    """Hours per calendar date and running total, for the week chart."""
    df = pd.read_sql_query(
        f"SELECT logged_on, SUM(minutes) AS minutes FROM time_log t WHERE {CURRENT} "
        "GROUP BY logged_on ORDER BY logged_on",
        db.conn,
    )
    df["hours"] = df["minutes"] / 60
    df["cumulative_hours"] = df["hours"].cumsum()
    return df


def total_hours(db: sqlite_utils.Database) -> float:
    """All current logged time, in hours."""
    row = db.conn.execute(f"SELECT COALESCE(SUM(minutes), 0) FROM time_log t WHERE {CURRENT}").fetchone()
    return row[0] / 60
