"""User text made safe for st.markdown, and markdown the app writes around it."""

from __future__ import annotations

from lib.core.textsafe import escape_markdown


class Markup(str):
    """Markdown that is safe to render: escaped user text, or the app's own template with escaped values in it."""


def text(value: object) -> Markup:
    """User text escaped for st.markdown: shown literally, never as markup."""
    return value if isinstance(value, Markup) else Markup(escape_markdown(value))


def markup(template: str, *values: object) -> Markup:
    """The app's own markdown ``template`` (a literal) with each ``{}`` filled by a value escaped as ``text``."""
    return Markup(template.format(*(text(v) for v in values)))
