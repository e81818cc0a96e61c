"""Upgrades: a database made by the first schema version opens under today's code with every row.

(A failing migration rolling back is covered in tests/test_db.py.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from lib.plan import curriculum, time_log
from lib.storage import db as dbmod
from lib.storage import migrations
from lib.storage.migrations.v09_utc import INSTANT_COLUMNS, local_to_utc
from tests.conftest import run_page

FIRST = migrations.migration._migrations[0].name
ALL_NAMES = [m.name for m in migrations.migration._migrations]


def database_at_version(path: Path, applied: int) -> sqlite_utils.Database:
    """A database holding only the first ``applied`` migrations, as an older app would have left it."""
    db = sqlite_utils.Database(path)
    migrations.migration.apply(db, stop_before=ALL_NAMES[applied:])
    assert [m.name for m in migrations.migration.applied(db)] == ALL_NAMES[:applied]
    return db


def first_version_rows() -> dict[str, list[dict]]:
    """A week's worth of what the first version stored: settings, time log with a correction, ticks."""
    cur = curriculum.load_curriculum()
    sessions = [s for d in cur.days for s in d.sessions]
    time_log = []
    for i, s in enumerate(sessions):
        day = cur.day_of_session(s.id)
        time_log.append(
            {
                "id": i + 1,
                "day_id": day.id,
                "session_id": s.id,
                "minutes": 30 + i,
                "logged_on": f"2026-03-0{1 + s.day_offset}",
                "note": f"block {i} <b>kept</b>",
                "created_at": "2026-03-01T20:00:00",
                "replaces_id": None,
                "deleted": 0,
            }
        )
    n = len(time_log)
    time_log.append({**time_log[0], "id": n + 1, "minutes": 45, "replaces_id": 1, "note": "corrected"})
    time_log.append({**time_log[1], "id": n + 2, "replaces_id": 2, "deleted": 1})
    return {
        "settings": [{"key": "week_start", "value": "2026-03-02"}],
        "time_log": time_log,
        "activity_events": [
            {"id": i + 1, "activity_id": a, "done": 1, "at": "2026-03-02T21:00:00"}
            for i, a in enumerate(cur.activity_ids[:5])
        ],
        "day_status_events": [{"id": 1, "day_id": cur.days[0].id, "status": "done", "at": "2026-03-02T22:00:00"}],
    }


def table_rows(db_file: Path, table: str) -> list[dict]:
    """Every row of a table in rowid order, read with plain sqlite3."""
    conn = sqlite3.connect(db_file)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]
    finally:
        conn.close()


def in_utc(table: str, rows: list[dict]) -> list[dict]:
    """The rows as today's schema stores them: instants written in local time become UTC (the same instants)."""
    columns = INSTANT_COLUMNS.get(table, ())
    return [{k: local_to_utc(v) if k in columns else v for k, v in row.items()} for row in rows]


def schema_of(db_file: Path) -> dict[str, str]:
    """Table and index definitions by name (data-version triggers included)."""
    conn = sqlite3.connect(db_file)
    try:
        return dict(
            conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")
        )
    finally:
        conn.close()


def test_first_version_database_opens_with_every_row(data_dir: Path) -> None:
    db_file = data_dir / "prep.db"
    db_file.unlink()  # the test's start-up made today's schema; an older app left this one
    old = database_at_version(db_file, 1)
    rows = first_version_rows()
    for table, table_rows_ in rows.items():
        old[table].insert_all(table_rows_)
    old.conn.close()
    before = {table: table_rows(db_file, table) for table in rows}

    migrations.prepare()
    with dbmod.open_db() as db:
        assert migrations.schema_version(db) == migrations.LATEST_SCHEMA_VERSION
        entries = time_log.current_time_entries(db)
        minutes = int(entries["minutes"].sum())
        week_start = curriculum.week_start(db).isoformat()
    assert {table: table_rows(db_file, table) for table in rows} == {t: in_utc(t, r) for t, r in before.items()}
    expected = sum(r["minutes"] for r in rows["time_log"] if r["replaces_id"] is None) - 30 - 31 + 45
    assert minutes == expected
    assert week_start == "2026-03-02"
    conn = sqlite3.connect(db_file)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()

    for page_path in ("pages/overview.py", "pages/curriculum.py"):
        at = run_page(page_path)
        assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("applied", range(1, len(ALL_NAMES)))
def test_upgraded_schema_matches_a_fresh_one(tmp_path: Path, applied: int) -> None:
    fresh_file = tmp_path / "fresh.db"
    migrations.prepare(fresh_file)
    old_file = tmp_path / f"v{applied}.db"
    database_at_version(old_file, applied).conn.close()
    migrations.prepare(old_file)
    assert schema_of(old_file) == schema_of(fresh_file)
