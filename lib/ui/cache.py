"""Cached reads and figures keyed on the data version, and writes that report the app's errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import streamlit as st

from lib.core import config
from lib.core.errors import PrepError
from lib.storage.db import current_data_key, open_db


def _key(fn: Callable[..., Any]) -> str:
    """A function's cache key: Streamlit hashes this plain string instead of the function object."""
    return f"{fn.__module__}:{fn.__qualname__}"


# The leading underscore keeps ``_fn`` out of the hash; ``key`` names it instead.
@st.cache_data(max_entries=512, show_spinner=False)
def _cached_call(key: str, data_dir: str, version: tuple, args: tuple, kwargs: tuple, _fn: Callable[..., Any]) -> Any:
    with open_db() as db:
        return _fn(db, *args, **dict(kwargs))


def query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(db, *args)`` through a cache keyed on the data version that every write bumps."""
    return _cached_call(_key(fn), str(config.data_dir()), current_data_key(), args, tuple(sorted(kwargs.items())), fn)


class Query(NamedTuple):
    """``ui.query(fn, *args)`` deferred into ``figure``: run only when the figure is (re)built."""

    fn: Callable[..., Any]
    args: tuple


def q(fn: Callable[..., Any], *args: Any) -> Query:
    """A query to hand to ``figure`` in place of its DataFrame."""
    return Query(fn, args)


# A resource cache, not a data cache: st.cache_data would pickle the figure and
# unpickling a Plotly figure re-validates every property, which costs as much
# as building it. Figures are shared read-only (st.plotly_chart copies them).
@st.cache_resource(max_entries=256, show_spinner=False)
def _cached_figure(
    key: str, data_dir: str, version: tuple, inputs: tuple, _chart: Callable[..., Any], _inputs: tuple
) -> Any:
    resolved = [
        _cached_call(_key(i.fn), data_dir, version, i.args, (), i.fn) if isinstance(i, Query) else i for i in _inputs
    ]
    return _chart(*resolved)


def figure(chart: Callable[..., Any], *inputs: Any) -> Any:
    """``chart(*inputs)`` built once per data version, with each ``ui.q(fn, ...)`` input replaced by its query result.

    Building a Plotly figure validates every property and costs several
    milliseconds, on every rerun of every page with charts; the data behind
    it only changes when a write bumps the data version. Other inputs must be
    small values Streamlit can hash (numbers, strings, short lists).
    """
    hashed = tuple(("query", _key(i.fn), i.args) if isinstance(i, Query) else i for i in inputs)
    return _cached_figure(_key(chart), str(config.data_dir()), current_data_key(), hashed, chart, inputs)


def clear_caches() -> None:
    """Forget every cached query and figure: after a restore the data version can repeat with other data."""
    st.cache_data.clear()
    _cached_figure.clear()


def write(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """Run ``fn(db, *args)`` in its own connection; returns (result, error message or None)."""
    try:
        with open_db() as db:
            return fn(db, *args, **kwargs), None
    except PrepError as exc:
        return None, str(exc)


def write_in_callback(error_key: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """``write`` from a widget's callback: a refusal waits under ``error_key`` for the run to show beside its input.

    A callback runs before the script, so a click that writes costs one run, not
    a run that writes and a second one (``st.rerun``) that shows the new state.
    """
    result, problem = write(fn, *args, **kwargs)
    if problem:
        st.session_state[error_key] = problem
    else:
        st.session_state.pop(error_key, None)
    return result, problem


def callback_error(error_key: str) -> str | None:
    """The refusal a callback left for this run (once), to show beside the input it is about."""
    return st.session_state.pop(error_key, None)
