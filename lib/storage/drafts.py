"""Unsent words kept as they are typed: one row per (kind, item, field), replaced on each save.

A draft is not history: it is the one current text of a box the user has not
submitted yet. It lives in SQLite so it survives page switches, reloads and
restarts, and goes only when its owner submits it or the user discards it.
Kinds are chosen by the callers (``practice``, ``story``); this module knows
nothing of features.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlite_utils

from lib.core import clock
from lib.storage.db import transaction

TABLE = "drafts"
T = TypeVar("T")


@dataclass(frozen=True)
class Draft:
    """The kept text of one item's fields and when the newest of them was saved (None: no draft)."""

    fields: dict[str, str] = field(default_factory=dict)
    saved_at: dt.datetime | None = None

    def __bool__(self) -> bool:
        return bool(self.fields)


def save(db: sqlite_utils.Database, kind: str, item: str, fields: dict[str, str], *, keep_empty: bool = False) -> None:
    """Keep these fields' text for ``item`` in one transaction.

    An emptied field is dropped, unless ``keep_empty`` (an edit of saved text,
    where an emptied box is itself the change to keep).
    """
    saved_at = clock.now_iso()
    with transaction(db):
        for name, text in fields.items():
            key = (str(kind), str(item), str(name))
            if keep_empty or (text or "").strip():
                db.execute(
                    f"INSERT INTO {TABLE} (kind, item, field, text, saved_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (kind, item, field) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
                    (*key, str(text or ""), saved_at),
                )
            else:
                db.execute(f"DELETE FROM {TABLE} WHERE kind = ? AND item = ? AND field = ?", key)


def load(db: sqlite_utils.Database, kind: str, item: str) -> Draft:
    """The draft kept for ``item``, or an empty one."""
    rows = db.execute(
        f"SELECT field, text, saved_at FROM {TABLE} WHERE kind = ? AND item = ? ORDER BY field",
        (str(kind), str(item)),
    ).fetchall()
    if not rows:
        return Draft()
    return Draft({name: text for name, text, _ in rows}, max(clock.parse(at) for _, _, at in rows))


def discard(db: sqlite_utils.Database, kind: str, item: str) -> None:
    """Forget every field of ``item``'s draft (after it was submitted, or when the user throws it away)."""
    with transaction(db):
        db.execute(f"DELETE FROM {TABLE} WHERE kind = ? AND item = ?", (str(kind), str(item)))


def send(db: sqlite_utils.Database, kind: str, item: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run the write ``fn(db, *args)`` that uses a draft and forget the draft with it: both happen or neither."""
    with transaction(db):
        result = fn(db, *args, **kwargs)
        discard(db, kind, item)
    return result
