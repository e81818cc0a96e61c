"""Schema version 12: drafts, the unsent text of answer and story boxes, kept as it is typed.

Shipped migration: never edit it. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import sqlite_utils


def m012_drafts(db: sqlite_utils.Database) -> None:
    """One row per (kind, item, field): the current text and when it was saved (UTC ISO); replaced, not appended."""
    db["drafts"].create(
        {"kind": str, "item": str, "field": str, "text": str, "saved_at": str},
        pk=("kind", "item", "field"),
        not_null={"kind", "item", "field", "text", "saved_at"},
    )
