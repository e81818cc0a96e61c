"""The one Streamlit-aware module of lib: page setup, cached loaders, shared widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from lib import config, navigation, registry
from lib.db import current_data_version, open_db
from lib.errors import PrepError
from lib.textsafe import escape_markdown


@st.cache_data(max_entries=512, show_spinner=False)
def _cached_call(dotted: str, data_dir: str, version: int, args: tuple, kwargs: tuple) -> Any:
    with open_db() as db:
        return registry.resolve(dotted)(db, *args, **dict(kwargs))


def query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(db, *args)`` through a cache keyed on the data version that every write bumps."""
    dotted = f"{fn.__module__}:{fn.__qualname__}"
    return _cached_call(dotted, str(config.data_dir()), current_data_version(), args, tuple(sorted(kwargs.items())))


def write(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """Run ``fn(db, *args)`` in its own connection; returns (result, error message or None)."""
    try:
        with open_db() as db:
            return fn(db, *args, **kwargs), None
    except PrepError as exc:
        return None, str(exc)


def page_header(title: str, caption: str | None = None) -> None:
    """Title and one-line caption of a page (trusted text only)."""
    st.title(title)
    if caption:
        st.caption(caption)


def text(value: object) -> str:
    """User text escaped for st.markdown: shown literally, never as markup."""
    return escape_markdown(value)


def page_link(url_path: str, label: str | None = None, icon: str | None = None) -> None:
    """A link to another page of the app by its url_path, if that page exists."""
    for spec in navigation.PAGES:
        if spec.url_path == url_path:
            st.page_link(spec.path, label=label or spec.title, icon=icon or spec.icon)
            return


def has_page(url_path: str) -> bool:
    """Whether the navigation has a page with this url_path."""
    return any(p.url_path == url_path for p in navigation.PAGES)
