"""User text made safe for st.markdown."""

from __future__ import annotations

from lib.core.textsafe import escape_markdown


def text(value: object) -> str:
    """User text escaped for st.markdown: shown literally, never as markup."""
    return escape_markdown(value)
