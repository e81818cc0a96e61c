"""The schema as ordered migrations, each applied once inside a transaction, and the start-up step that runs them.

The steps live in one module per few versions (``v01_v03``, ``v04_v05``...)
and apply in the order of ``STEPS``. Add a version as a function in the newest
module (or a new one) and list it last; never edit a step that has shipped.
``migrate`` also keeps the data-version triggers in place for every user
table, so new tables need nothing extra for cache invalidation.

Opening a connection does not migrate: whoever starts the app (the Streamlit
entry point, the command line, a test fixture, a restore) calls ``prepare`` once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from lib.core import config
from lib.core.errors import StorageError
from lib.storage.db import check_sound, open_db, transaction
from lib.storage.migrations.v01_v03 import m001_curriculum, m002_rehearsal, m003_practice
from lib.storage.migrations.v04_v05 import m004_stories, m005_job_search
from lib.storage.migrations.v06_v08 import m006_recordings, m007_speech, m008_materials
from lib.storage.migrations.v09_utc import m009_utc_instants
from lib.storage.migrations.v10_url_keys import m010_url_keys
from lib.storage.migrations.v11_coach import m011_coach
from lib.storage.migrations.v12_drafts import m012_drafts
from lib.storage.migrations.v13_materials import m013_materials

# In the order they apply. Append new steps; never reorder, rename or edit one that has shipped.
STEPS = (
    m001_curriculum,
    m002_rehearsal,
    m003_practice,
    m004_stories,
    m005_job_search,
    m006_recordings,
    m007_speech,
    m008_materials,
    m009_utc_instants,
    m010_url_keys,
    m011_coach,
    m012_drafts,
    m013_materials,
)

migration = Migrations("interview_prep")
for _step in STEPS:
    migration(name=_step.__name__)(_step)

LATEST_SCHEMA_VERSION = len(migration._migrations)


def prepare(path: Path | None = None) -> None:
    """Start-up step: create the database if it is missing, check it is sound and bring it to the newest schema."""
    check_sound(Path(path) if path is not None else config.db_path())
    with open_db(path) as db:
        migrate(db)


def schema_version(db: sqlite_utils.Database) -> int:
    """How many of the app's migrations this database has applied."""
    return len(migration.applied(db))


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the database to the newest schema; a failing step rolls back and says which."""
    applied = {m.name for m in migration.applied(db)}
    unknown = applied - {m.name for m in migration._migrations}
    if unknown:
        raise StorageError(
            "the database was written by a newer version of the app "
            f"(unknown migrations: {', '.join(sorted(unknown))}); "
            "update the app before opening it"
        )
    if _up_to_date(db):
        return  # a plain read: an app starting beside a busy writer does not wait for the write lock
    # Each step takes the write lock first (BEGIN IMMEDIATE) and reads what is
    # pending under it: two processes opening a new database at once then queue
    # on the busy timeout instead of racing to create the same tables, which
    # failed with "database is locked" when a read snapshot went stale.
    while True:
        with transaction(db):
            pending = migration.pending(db)
            if not pending:
                _install_version_triggers(db)
                return
            step = pending[0]
            try:
                migration.apply(db, stop_before=_names_after(step.name))
            except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as exc:
                raise StorageError(
                    f"schema migration '{step.name}' failed and was rolled back; "
                    f"the database stays at version {schema_version(db)}: {exc}"
                ) from exc


def _up_to_date(db: sqlite_utils.Database) -> bool:
    """Every migration applied and every user table's data-version triggers in place."""
    if migration.pending(db) or not db["_data_version"].exists():
        return False
    return db["_data_version"].count_where("id = 1") == 1 and not _missing_triggers(db)


def _missing_triggers(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """(trigger name, operation, table) for each data-version trigger that is not there yet."""
    existing = set(db.triggers_dict)
    return [
        (f"_dv_{table}_{op.lower()}", op, table)
        for table in db.table_names()
        if not table.startswith(("_", "sqlite_"))
        for op in ("INSERT", "UPDATE", "DELETE")
        if f"_dv_{table}_{op.lower()}" not in existing
    ]


def _install_version_triggers(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"
    )
    db.execute("INSERT OR IGNORE INTO _data_version (id, version) VALUES (1, 0)")
    for name, op, table in _missing_triggers(db):
        db.execute(
            f'CREATE TRIGGER "{name}" AFTER {op} ON "{table}" '
            "BEGIN UPDATE _data_version SET version = version + 1 WHERE id = 1; END"
        )


def _names_after(name: str) -> list[str]:
    names = [m.name for m in migration._migrations]
    return names[names.index(name) + 1 :]
