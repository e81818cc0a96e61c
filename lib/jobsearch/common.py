"""Shared pieces of the job search: name and URL keys, ids, text and date checks, table search.

Companies, applications, interviews and networking each have their own module;
this one holds what they share.
"""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
from typing import TypeVar
from urllib.parse import urlsplit

import pandas as pd
from pydantic import BaseModel, ValidationError

from lib.core import clock
from lib.core.dates import parse_date
from lib.core.errors import InputError

EARLIEST_DATE = dt.date(2000, 1, 1)
TABLE_ROWS = 100  # rows a page table shows at once; a search finds the rest
M = TypeVar("M", bound=BaseModel)


def name_key(name: str) -> str:
    """A company name reduced to what makes two spellings the same company.

    Case and spacing do not tell companies apart ("Open AI" and "openai");
    accents and scripts do, so they are kept (after Unicode normalisation).
    """
    return "".join(unicodedata.normalize("NFC", str(name)).casefold().split())


def url_key(url: str) -> str:
    """A URL reduced for de-duplication: lower-case host without 'www.', no scheme, query, fragment or trailing slash.

    LinkedIn and job boards add tracking parameters; the job is the host and path.
    A URL typed without a scheme ('linkedin.com/in/x') names the same page.
    """
    url = str(url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        if not (parts.scheme and url[len(parts.scheme) :].startswith("://")):
            parts = urlsplit("//" + url)  # no scheme: the text starts with the host
    except ValueError:  # a host urllib refuses (an unclosed '[' for IPv6): the text itself is the key
        return "https://" + url.lower()
    return "https://" + parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")


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


def clean_text(value: object, limit: int = 5000) -> str:
    """User text trimmed; refuses absurdly long values instead of storing them."""
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise InputError(f"longer than {limit} characters", field="text")
    return text


def parse_day(value: object, field: str, *, today: dt.date | None = None, allow_future: bool = False) -> dt.date:
    """A date from a date, datetime or ISO string, within a sensible range."""
    value = parse_date(value, field)
    today = today or clock.today()
    if value < EARLIEST_DATE:
        raise InputError(f"{value.isoformat()} is before {EARLIEST_DATE.year}", field=field)
    if not allow_future and value > today:
        raise InputError(f"{value.isoformat()} is in the future", field=field)
    if value > today + dt.timedelta(days=2 * 366):
        raise InputError(f"{value.isoformat()} is too far in the future", field=field)
    return value


def checked(model: type[M], values: dict[str, object]) -> M:
    """``values`` validated by ``model``, or an InputError with the first wrong field's own message."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        error = first.get("ctx", {}).get("error")
        raise InputError(str(error or first["msg"]), field=str(first["loc"][0])) from None
