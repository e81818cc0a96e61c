"""The one clock: every stored timestamp is UTC ISO 8601 with an offset; local time is for display only.

Dates the user thinks in (the day time was logged, the day of an interview
round) stay plain ``YYYY-MM-DD`` dates in the user's own calendar; instants
(when a row was written, when a take was recorded) are stored as
``2026-12-01T14:56:28+00:00`` and turned into local time only where shown.
"""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """The current instant, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def now_iso() -> str:
    """The current instant as stored: UTC, ISO 8601, whole seconds, with offset."""
    return stamp(now())


def stamp(when: dt.datetime) -> str:
    """``when`` as stored: UTC ISO 8601 with offset, whole seconds; a naive value is taken as local time."""
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


def today() -> dt.date:
    """Today in the user's local calendar."""
    return dt.datetime.now().astimezone().date()


def parse(value: str) -> dt.datetime:
    """A stored timestamp as an aware datetime; a value without offset (older rows) is taken as local time."""
    parsed = dt.datetime.fromisoformat(value)
    return parsed.astimezone() if parsed.tzinfo is None else parsed


def local(value: str | dt.datetime) -> dt.datetime:
    """A stored timestamp (or aware datetime) in the machine's local time zone, for display."""
    when = parse(value) if isinstance(value, str) else value
    return when.astimezone()


def local_text(value: str | dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored timestamp formatted in local time; empty for a missing value."""
    if value is None or value == "":
        return ""
    return local(value).strftime(fmt)
