"""Reading a date the user gave (date, datetime or ISO text) with a message that names the field."""

from __future__ import annotations

import datetime as dt

from lib.core import clock
from lib.core.errors import InputError


def parse_date(value: object, field: str) -> dt.date:
    """A ``datetime.date`` from a date, a datetime or 'YYYY-MM-DD' text; InputError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"'{value}' is not a date (use YYYY-MM-DD)", field=field) from None
    if not isinstance(value, dt.date):
        raise InputError("not a date", field=field)
    return value


def not_in_future(value: dt.date, field: str, today: dt.date, hint: str = "") -> dt.date:
    """``value`` unless it is after ``today``."""
    if value > today:
        raise InputError(f"{value.isoformat()} is in the future{hint}", field=field)
    return value


def date_text(day: dt.date, today: dt.date, weekday: bool = False) -> str:
    """A calendar date as "6 Nov" (or "Fri 6 Nov"), with the year when it is not ``today``'s year."""
    text = f"{day:%a} {day.day} {day:%b}" if weekday else f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def instant_text(value: str | dt.datetime, today: dt.date | None = None) -> str:
    """A stored instant in local time as "6 Nov 14:05", with the year when it is not this year."""
    when = clock.local(value)
    return f"{date_text(when.date(), today or clock.today())} {when:%H:%M}"
