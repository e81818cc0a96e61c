"""Cell checks every format shares: ISO dates in a sensible range, stage histories, required text."""

from __future__ import annotations

import datetime as dt

from lib.core.errors import ImportFileError
from lib.jobsearch.imports.rows import Row


def iso_date(value: str) -> str | None:
    """'2024-03-05' as an ISO date; None when it is not one."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def check_date(value: str | None, raw: str, where: str, line: int, field_name: str, today: dt.date) -> str:
    """A parsed date (``value``, None when ``raw`` was not a date) from 2000 up to ``today``; refused otherwise."""
    if value is None:
        raise ImportFileError(f"'{raw}' is not a date", where=f"{where}, line {line}", field=field_name)
    if value > today.isoformat() or value < "2000-01-01":
        raise ImportFileError(
            f"{value} is outside a sensible range (2000 to today)", where=f"{where}, line {line}", field=field_name
        )
    return value


def history(
    value: str, kinds: tuple[str, ...] | dict, where: str, line: int, field_name: str, today: dt.date
) -> list[tuple[str, str]]:
    """'2024-01-02 applied; 2024-01-09 rejected' as [(date, kind), …] in the file's order."""
    events = []
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        day, _, kind = part.partition(" ")
        kind = kind.strip()
        if kind not in kinds:
            raise ImportFileError(
                f"unknown stage or event '{kind}' in '{part}'", where=f"{where}, line {line}", field=field_name
            )
        events.append((check_date(iso_date(day), day, where, line, field_name, today), kind))
    for (a, _), (b, _) in zip(events, events[1:], strict=False):
        if b < a:
            raise ImportFileError(
                f"dates go backwards ({b} after {a})", where=f"{where}, line {line}", field=field_name
            )
    return events


def required_text(row: Row, name: str, where: str, line: int) -> str:
    """A cell's text on one line; an empty cell is refused, naming the column as the file spells it."""
    value = " ".join(row[name].split())
    if not value:
        raise ImportFileError("empty", where=f"{where}, line {line}", field=row.label(name))
    return value
