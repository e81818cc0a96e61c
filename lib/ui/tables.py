"""Tables a person reads: what the code calls a column or a value becomes what the user calls it.

``readable(frame, labels=..., words=..., ticks=...)`` returns the frame a page shows:
columns labelled (a mapping from the feature, else the column name in words), internal
ids hidden, stored instants in local time and dates without the year when it is this
year, blanks for missing values, ✓ for true, and codes turned into words. ``dataframe``
shows that frame with the app's table look.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from lib.core import clock
from lib.core.dates import date_text

TICK = "✓"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$")

Words = Mapping[Any, str] | Callable[[Any], str]


def is_id(column: str) -> bool:
    """True for a column that only joins tables (``id``, ``story_id``), which no one needs to read."""
    return column == "id" or column.endswith("_id")


def label(column: str) -> str:
    """A column name in words when no label was given: ``days_in_stage`` → "Days in stage"."""
    words = str(column).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def blank(value: Any) -> bool:
    """True for a missing value: None, NaN, NaT, pandas' NA."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def instant_text(when: dt.datetime, today: dt.date) -> str:
    """An instant in local time as "6 Nov 14:05", with the year when it is not this year."""
    when = when.to_pydatetime() if isinstance(when, pd.Timestamp) else when
    local = clock.local(when) if when.tzinfo is not None else when
    return f"{date_text(local.date(), today)} {local:%H:%M}"


def cell(value: Any, today: dt.date) -> Any:
    """One value as shown: blank, tick, local date or time; anything else unchanged."""
    if blank(value):
        return ""
    if isinstance(value, bool):
        return TICK if value else ""
    if isinstance(value, dt.datetime):
        return instant_text(value, today)
    if isinstance(value, dt.date):
        return date_text(value, today)
    if isinstance(value, str):
        if _DATE.match(value):
            return date_text(dt.date.fromisoformat(value), today)
        if _INSTANT.match(value):
            return instant_text(dt.datetime.fromisoformat(value.replace("Z", "+00:00")), today)
    return value


def _number(value: Any) -> str:
    # Text throughout: a column of numbers and blanks is one type for the table, and 3.0 reads as 3.
    if blank(value):
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _column(series: pd.Series, today: dt.date, words: Words | None, tick: bool) -> pd.Series:
    if tick:
        return series.map(lambda v: "" if blank(v) else (TICK if bool(v) else ""))
    if words is not None:
        lookup = words if callable(words) else (lambda v, m=words: m.get(v, v))
        series = series.map(lambda v: "" if blank(v) else lookup(v))
    if pd.api.types.is_bool_dtype(series):
        return series.map(lambda v: TICK if v else "")
    if pd.api.types.is_numeric_dtype(series):
        # A number column keeps its numbers (it sorts as numbers); only missing ones become blanks.
        return series.map(_number) if series.isna().any() else series
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.map(lambda v: "" if blank(v) else instant_text(v.to_pydatetime(), today))
    return series.map(lambda v: cell(v, today))


def readable(
    frame: pd.DataFrame | Mapping[str, list] | list[dict],
    labels: Mapping[str, str] | None = None,
    words: Mapping[str, Words] | None = None,
    ticks: Iterable[str] = (),
    today: dt.date | None = None,
) -> pd.DataFrame:
    """``frame`` as a person reads it: labelled columns, no ids, local dates, blanks, ticks and words."""
    frame = frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(frame)
    labels, words, ticks = dict(labels or {}), dict(words or {}), set(ticks)
    today = today or clock.today()
    kept = [c for c in frame.columns if str(c) in labels or not is_id(str(c))]
    shown = pd.DataFrame(index=frame.index)
    for column in kept:
        name = labels.get(str(column)) or label(str(column))
        shown[name] = _column(frame[column], today, words.get(str(column)), str(column) in ticks)
    return shown.reset_index(drop=True)


def dataframe(
    frame: pd.DataFrame | Mapping[str, list] | list[dict],
    labels: Mapping[str, str] | None = None,
    words: Mapping[str, Words] | None = None,
    ticks: Iterable[str] = (),
    **kwargs: Any,
) -> None:
    """Show ``frame`` as ``readable`` makes it, full width, without the index, its first column pinned."""
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    shown = readable(frame, labels, words, ticks)
    config = dict(kwargs.pop("column_config", None) or {})
    if len(shown.columns) and shown.columns[0] not in config:
        # On a phone the table scrolls sideways; the column that says which row is which stays in view.
        config[shown.columns[0]] = st.column_config.Column(pinned=True)
    st.dataframe(shown, column_config=config, **kwargs)
