"""Opening the database: pragmas, migrations, data version, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lib.core.errors import StorageError
from lib.storage import db as dbmod
from lib.storage import migrations


def test_fresh_database_is_migrated_with_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "prep.db"
    path.parent.mkdir()
    migrations.prepare(path)
    with dbmod.open_db(path) as db:
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS
        assert migrations.schema_version(db) == migrations.LATEST_SCHEMA_VERSION
        assert {"time_log", "activity_events", "day_status_events", "settings"} <= set(db.table_names())


def test_migrations_apply_once(data_dir: Path) -> None:
    with dbmod.open_db() as db:
        first = [m.name for m in migrations.migration.applied(db)]
        version = dbmod.data_version(db)
    migrations.prepare()
    with dbmod.open_db() as db:
        assert [m.name for m in migrations.migration.applied(db)] == first
        assert dbmod.data_version(db) == version


def test_opening_a_connection_does_not_migrate(tmp_path: Path) -> None:
    with dbmod.open_db(tmp_path / "prep.db") as db:
        assert db.table_names() == []
    migrations.prepare(tmp_path / "prep.db")
    with dbmod.open_db(tmp_path / "prep.db") as db:
        assert migrations.schema_version(db) == migrations.LATEST_SCHEMA_VERSION


def test_an_up_to_date_database_is_checked_without_the_write_lock(data_dir: Path) -> None:
    with dbmod.open_db() as writer, dbmod.transaction(writer):
        writer["settings"].insert({"key": "busy", "value": "1"})
        migrations.prepare()  # another process starting while this one writes does not wait


def test_every_write_bumps_the_data_version(data_dir: Path) -> None:
    with dbmod.open_db() as db:
        v0 = dbmod.data_version(db)
        with dbmod.transaction(db):
            db["settings"].insert({"key": "a", "value": "1"})
        v1 = dbmod.data_version(db)
        db.execute("UPDATE settings SET value = '2' WHERE key = 'a'")
        v2 = dbmod.data_version(db)
        db.execute("DELETE FROM settings")
        assert v0 < v1 < v2 < dbmod.data_version(db)


def test_transaction_is_all_or_nothing(data_dir: Path) -> None:
    with dbmod.open_db() as db:
        with pytest.raises(RuntimeError), dbmod.transaction(db):
            db["settings"].insert({"key": "half", "value": "written"})
            raise RuntimeError("boom")
        assert db["settings"].count == 0


def test_newer_database_is_refused(data_dir: Path) -> None:
    with dbmod.open_db() as db:
        db["_sqlite_migrations"].insert(
            {"migration_set": migrations.migration.name, "name": "m999_from_the_future", "applied_at": "2030-01-01"}
        )
    with pytest.raises(StorageError, match="newer version of the app"):
        migrations.prepare()


def test_failing_migration_rolls_back_and_keeps_version(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = sqlite3.connect(data_dir / "prep.db").execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]

    def broken(db):
        db["half_made"].create({"id": int}, pk="id")
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(migrations.migration, "_migrations", [*migrations.migration._migrations])
    migrations.migration(name="m900_broken")(broken)
    with pytest.raises(StorageError, match="m900_broken.*rolled back.*version " + str(before)):
        migrations.prepare()
    check = sqlite3.connect(data_dir / "prep.db")
    assert check.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == before
    assert "half_made" not in {r[0] for r in check.execute("SELECT name FROM sqlite_master")}


def test_unwritable_location_gives_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot open the database"):
        dbmod.connect(tmp_path / "missing-folder" / "prep.db")


def _triggers(db) -> set[str]:
    return {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def test_a_bulk_write_bumps_the_version_once_and_keeps_the_triggers(data_dir: Path) -> None:
    with dbmod.open_db() as db:
        before, triggers = dbmod.data_version(db), _triggers(db)
        with dbmod.bulk_write(db, ["settings"]):
            db.conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", [(f"k{i}", "v") for i in range(50)])
        assert dbmod.data_version(db) == before + 1
        assert _triggers(db) == triggers
        db.execute("UPDATE settings SET value = 'w' WHERE key = 'k1'")  # the triggers work again afterwards
        assert dbmod.data_version(db) == before + 2


def test_a_failed_bulk_write_leaves_data_version_and_triggers_as_they_were(data_dir: Path) -> None:
    with dbmod.open_db() as db:
        before, triggers = dbmod.data_version(db), _triggers(db)
        with pytest.raises(RuntimeError), dbmod.bulk_write(db, ["settings"]):
            db["settings"].insert({"key": "half", "value": "written"})
            raise RuntimeError("boom")
        assert dbmod.data_version(db) == before and _triggers(db) == triggers
        assert db["settings"].count == 0


def test_the_cache_key_changes_when_the_database_file_is_replaced(data_dir: Path) -> None:
    inode, version = dbmod.current_data_key()
    db_file = dbmod.config.db_path()
    copy = db_file.with_name("copy.db")
    copy.write_bytes(db_file.read_bytes())
    copy.replace(db_file)  # what a restore does: another file with the same version
    new_inode, new_version = dbmod.current_data_key()
    assert new_version == version and new_inode != inode
