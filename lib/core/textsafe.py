"""Making user text safe to show: never markup, never a link or image the browser fetches."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def escape_markdown(text: object) -> str:
    """Escape every character Streamlit's markdown would treat as syntax or HTML.

    Backslash-escaped, ``<script>`` shows as the literal text ``<script>``,
    ``[x](http://…)`` and ``![x](…)`` stay plain text, and ``$`` starts no LaTeX.
    """
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _MD_SPECIAL.sub(r"\\\1", s)


def one_line(text: object, limit: int = 120) -> str:
    """Collapse whitespace and cut to ``limit`` characters with an ellipsis."""
    s = " ".join(("" if text is None else str(text)).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"
