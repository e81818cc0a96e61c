"""Schema version 10: job and profile keys that keep the query parameters naming a posting.

Earlier keys dropped the whole query string, so Indeed's ``viewjob?jk=…`` and
LinkedIn's ``…/recommended/?currentJobId=…`` postings shared one key and the
second was refused as already tracked. This step recomputes every stored key
with ``lib.core.urls.url_key``. No row is merged or dropped: when two rows come
out with the same new key (the same posting reached by two links), the older
row keeps it and the later one is stored without a key, as a row typed without
a URL would be, so the unique index on keys holds.

Shipped migration: never edit it. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import sqlite_utils

from lib.core.urls import url_key

# Each table with a URL, the column the key is computed from.
KEYED_TABLES = {"applications": "job_url", "contacts": "profile_url"}


def new_keys(rows: list[tuple[int, str]]) -> list[tuple[str, int]]:
    """(new key, id) for rows given as (id, url) in id order; a key already taken by an earlier row becomes ''."""
    taken: set[str] = set()
    result = []
    for row_id, url in rows:
        key = url_key(url or "")
        if key in taken:
            key = ""
        elif key:
            taken.add(key)
        result.append((key, row_id))
    return result


def m010_url_keys(db: sqlite_utils.Database) -> None:
    """Recompute applications' and contacts' URL keys, keeping every row."""
    for table, column in KEYED_TABLES.items():
        rows = db.execute(f'SELECT id, "{column}" FROM "{table}" ORDER BY id').fetchall()
        # Cleared first, so that a new key equal to another row's old one never meets the unique index mid-way.
        db.execute(f"UPDATE \"{table}\" SET url_key = '' WHERE url_key != ''")
        db.conn.executemany(f'UPDATE "{table}" SET url_key = ? WHERE id = ?', [kr for kr in new_keys(rows) if kr[0]])
