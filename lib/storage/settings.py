"""Small user settings (week start, speaking pace, ...) as key/value rows."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.db import NotFoundError

from lib.storage.db import transaction


def get(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    """The stored value for ``key``, or ``default``."""
    try:
        return db["settings"].get(key)["value"]
    except NotFoundError:
        return default


def put(db: sqlite_utils.Database, key: str, value: str) -> None:
    """Store ``value`` under ``key``, replacing the previous value."""
    with transaction(db):
        db["settings"].upsert({"key": key, "value": str(value)}, pk="key")
