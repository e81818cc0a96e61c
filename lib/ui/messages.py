"""Messages beside an input: the text is escaped, so user text or an error quoting it is never markup.

A message the app composes with its own markdown passes ``ui.markup(template, *values)``,
which escapes the values; any other string is escaped whole.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.ui.markup import text


def error(message: object, *, icon: Any = None) -> None:
    """``st.error`` with the message escaped."""
    st.error(text(message), icon=icon)


def warning(message: object, *, icon: Any = None) -> None:
    """``st.warning`` with the message escaped."""
    st.warning(text(message), icon=icon)


def info(message: object, *, icon: Any = None) -> None:
    """``st.info`` with the message escaped."""
    st.info(text(message), icon=icon)


def success(message: object, *, icon: Any = None) -> None:
    """``st.success`` with the message escaped."""
    st.success(text(message), icon=icon)


def toast(message: object, *, icon: Any = None) -> None:
    """``st.toast`` with the message escaped."""
    st.toast(text(message), icon=icon)
