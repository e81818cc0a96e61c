"""Shared pieces of the job search: name and URL keys, ids, text and date checks, table search.

Companies, applications, interviews and networking each have their own module;
this one holds what they share.
"""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
from typing import TypeVar

import pandas as pd
from pydantic import BaseModel, ValidationError

from lib.core import clock
from lib.core.dates import date_text, parse_date
from lib.core.errors import InputError
from lib.core.urls import url_key as url_key  # the job and profile key lives in the core: migrations use it

EARLIEST_DATE = dt.date(2000, 1, 1)
# The longest text each field keeps, shared by the forms and the importers.
LIMITS = {
    "company": 200,
    "role": 300,
    "job_url": 1000,
    "source": 200,
    "resume_version": 200,
    "salary_range": 200,
    "notes": 5000,
    "next_action": 500,
    "contact_email": 320,
    "contact_phone": 200,
    "name": 200,
    "contact_role": 200,
    "how_met": 500,
    "profile_url": 1000,
    "email": 320,
}
TABLE_ROWS = 100  # rows a page table shows at once; a search finds the rest
M = TypeVar("M", bound=BaseModel)


def name_key(name: str) -> str:
    """A company name reduced to what makes two spellings the same company.

    Case and spacing do not tell companies apart ("Open AI" and "openai");
    accents and scripts do, so they are kept (after Unicode normalisation).
    """
    return "".join(unicodedata.normalize("NFC", str(name)).casefold().split())


def valid_id(value: object, field: str) -> int:
    """A row id as SQLite can hold it; anything else (text, floats, lists, huge numbers) is refused."""
    try:
        number = operator.index(value)  # ints, including numpy's, and nothing that only looks like one
    except TypeError:
        number = None
    if isinstance(value, bool) or number is None or not 1 <= number < 2**63:
        raise InputError(f"{value!r} is not a valid choice", field=field)
    return number


def find_rows(table: pd.DataFrame, text: str, columns: list[str], limit: int = TABLE_ROWS) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows whose ``columns`` contain ``text`` (any case), and how many rows match.

    Tables are ordered newest first, so without a search this is the latest
    activity. Sending thousands of rows to the browser on every rerun is what
    made the job-search pages slow down as the search went on.
    """
    needle = text.strip().casefold()
    if needle:
        haystack = table[columns].fillna("").astype(str).agg(" ".join, axis=1).str.casefold()
        table = table[haystack.str.contains(needle, regex=False)]
    return table.head(limit), len(table)


def plain_text(value: object) -> str:
    """Text as it can be stored, exported and read back: no NUL, no lone surrogate, '\\n' line ends."""
    text = "" if value is None else str(value)
    if not text.isascii():
        text = text.encode("utf-8", "ignore").decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def one_line_name(value: object, missing: str, limit: int) -> str:
    """A name on one line with its spaces folded; ValueError (for a pydantic validator) when empty or too long."""
    text = " ".join(plain_text(value).split())
    if not text:
        raise ValueError(missing)
    if len(text) > limit:
        raise ValueError(f"longer than {limit} characters ({len(text)})")
    return text


def clean_text(value: object, limit: int, field: str) -> str:
    """User text trimmed, with plain newlines; refuses absurdly long values, naming the field as the user sees it.

    NUL characters and lone surrogates cannot be written to a UTF-8 export and
    read back, so they are dropped; Windows and old-Mac line ends become plain
    newlines, so that what is stored is what an export gives back.
    """
    text = plain_text(value).strip()
    if len(text) > limit:
        raise InputError(f"longer than {limit} characters ({len(text)})", field=field)
    return text


def one_line(value: object, limit: int, field: str) -> str:
    """A name or title: clean_text with every run of whitespace (newlines too) made one space."""
    return " ".join(clean_text(value, limit, field).split())


def parse_day(value: object, field: str, *, today: dt.date | None = None, allow_future: bool = False) -> dt.date:
    """A date from a date, datetime or ISO string, within a sensible range."""
    value = parse_date(value, field)
    today = today or clock.today()
    if value < EARLIEST_DATE:
        raise InputError(f"{date_text(value, today)} is before {EARLIEST_DATE.year}", field=field)
    if not allow_future and value > today:
        raise InputError(f"{date_text(value, today)} is in the future", field=field)
    if value > today + dt.timedelta(days=2 * 366):
        raise InputError(f"{date_text(value, today)} is too far in the future", field=field)
    return value


def checked(model: type[M], values: dict[str, object], labels: dict[str, str] | None = None) -> M:
    """``values`` validated by ``model``, or an InputError with the first wrong field's own message and label."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        error = first.get("ctx", {}).get("error")
        name = str(first["loc"][0]) if first["loc"] else ""
        raise InputError(str(error or first["msg"]), field=(labels or {}).get(name, name)) from None
