"""m009_utc_instants: a database whose rows were written in local time reads the same instants afterwards, in UTC."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import sqlite_utils

from lib.core import clock
from lib.storage import migrations
from lib.storage.migrations.v09_utc import INSTANT_COLUMNS, local_to_utc

# What older versions of the app stored: local time without an offset (seconds,
# microseconds or minutes), a few UTC values with an offset, and the odd date.
LOCAL = [
    "2026-01-15T09:30:00",  # winter: New York is five hours behind UTC
    "2026-07-04T20:00:00",  # summer: four hours behind, and the UTC date is the next day
    "2026-03-08T12:00:00.250000",
    "2026-11-01T10:15",  # an interview's start, entered to the minute
    "2026-03-02 21:00:00",
]
KEPT = ["2026-02-01T08:00:00+00:00", "2026-02-01T08:00:00-05:00", "2026-02-01T08:00:00Z", "2026-02-01", ""]


@pytest.fixture(params=["America/New_York", "Asia/Kolkata"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The machine's time zone for the test: the one older rows were written in and the migration reads them in."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def database_before_utc(path: Path) -> sqlite_utils.Database:
    """A database at schema version 8, the last one before instants were stored in UTC."""
    db = sqlite_utils.Database(path)
    migrations.migration.apply(db, stop_before="m009_utc_instants")
    assert migrations.schema_version(db) == 8
    return db


def filler(column_type: str, n: int) -> object:
    """A value of the column's type, distinct per row so that unique indexes hold."""
    return {"INTEGER": 1, "FLOAT": 1.5, "REAL": 1.5}.get(column_type.upper(), f"x{n}")


def fill_every_instant_column(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    """Rows in every table that holds an instant, each instant column cycling through the samples."""
    samples = LOCAL + KEPT
    written = {}
    for table, columns in INSTANT_COLUMNS.items():
        types = {c.name: c.type for c in db[table].columns}
        rows = []
        for n in range(len(samples)):
            row = {name: filler(kind, n) for name, kind in types.items() if name != "id"}
            for k, column in enumerate(columns):
                row[column] = samples[(n + k) % len(samples)]
            if "id" in types:
                row["id"] = n + 1
            rows.append(row)
        db[table].insert_all(rows)
        written[table] = rows
    return written


def test_every_instant_column_of_the_old_schema_is_converted(tmp_path: Path) -> None:
    db = database_before_utc(tmp_path / "prep.db")
    named_like_instants = {
        (table, column.name)
        for table in db.table_names()
        if not table.startswith(("_", "sqlite_"))
        for column in db[table].columns
        if column.name in ("at", "due", "last_review") or column.name.endswith("_at")
    }
    assert named_like_instants == {(t, c) for t, cols in INSTANT_COLUMNS.items() for c in cols}


def test_rows_written_in_local_time_read_as_the_same_instants_in_utc(tmp_path: Path, local_zone: str) -> None:
    path = tmp_path / "prep.db"
    old = database_before_utc(path)
    written = fill_every_instant_column(old)
    old.conn.close()

    migrations.prepare(path)

    db = sqlite_utils.Database(path)
    assert migrations.schema_version(db) == migrations.LATEST_SCHEMA_VERSION
    checked = 0
    for table, rows in written.items():
        stored = {r["_rowid"]: r for r in db.query(f'SELECT rowid AS _rowid, * FROM "{table}" ORDER BY rowid')}
        for rowid, before in enumerate(rows, 1):
            for column in INSTANT_COLUMNS[table]:
                old_value, new_value = before[column], stored[rowid][column]
                if old_value in KEPT:
                    assert new_value == old_value, (table, column)
                    continue
                assert new_value.endswith("+00:00"), (table, column, new_value)
                # The same instant: the old value read in the zone it was written in, the new one as stored.
                assert clock.parse(new_value) == dt.datetime.fromisoformat(old_value).astimezone()
                checked += 1
            # Everything else is untouched, but for what a later migration rewrites on purpose
            # (migration 10 recomputes the job and profile URL keys).
            others = {k: v for k, v in before.items() if k not in INSTANT_COLUMNS[table] and k != "url_key"}
            assert {k: stored[rowid][k] for k in others} == others
    assert checked == sum(len(cols) for cols in INSTANT_COLUMNS.values()) * len(LOCAL)


def test_known_values_in_new_york() -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "America/New_York")
        time.tzset()
        try:
            assert local_to_utc("2026-01-15T09:30:00") == "2026-01-15T14:30:00+00:00"
            assert local_to_utc("2026-07-04T20:00:00") == "2026-07-05T00:00:00+00:00"
            assert local_to_utc("2026-11-01T10:15") == "2026-11-01T15:15:00+00:00"
            assert local_to_utc("2026-03-08T12:00:00.250000") == "2026-03-08T16:00:00.250000+00:00"
            assert [local_to_utc(v) for v in KEPT] == KEPT
            assert local_to_utc(None) is None and local_to_utc("not a time at all") == "not a time at all"
        finally:
            mp.undo()
            time.tzset()


def test_converted_instants_sort_in_time_order(tmp_path: Path, local_zone: str) -> None:
    path = tmp_path / "prep.db"
    old = database_before_utc(path)
    # Written in local time across the year: text order and time order can differ once converted.
    values = ["2026-01-10T23:30:00", "2026-06-10T23:30:00", "2026-06-11T01:00:00", "2026-12-31T22:00:00"]
    old["time_log"].insert_all(
        {"day_id": "d", "session_id": "s", "minutes": 1, "logged_on": "2026-01-01", "created_at": v, "deleted": 0}
        for v in reversed(values)
    )
    old.conn.close()
    migrations.prepare(path)
    db = sqlite_utils.Database(path)
    ordered = [r[0] for r in db.execute("SELECT created_at FROM time_log ORDER BY created_at")]
    assert [clock.parse(v) for v in ordered] == sorted(clock.parse(v) for v in ordered)
    assert [clock.local(v).replace(tzinfo=None).isoformat() for v in ordered] == values
