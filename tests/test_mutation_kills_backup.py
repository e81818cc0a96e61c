"""A backup's manifest judged field by field: each refusal's exact line, and what a restore shows before it starts."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from lib.core.dates import instant_text
from lib.core.errors import ImportFileError
from lib.storage import migrations
from lib.storage.backup.archive import FORMAT
from lib.storage.backup.check import check_database
from lib.storage.backup.manifest import describe, parse_manifest

HASH = "0" * 64


def _raw(**changes) -> dict:
    raw = {
        "format": FORMAT,
        "format_version": 1,
        "created_at": "2026-03-01T10:00:00+00:00",
        "schema_version": 2,
        "migrations": [],
        "files": {"prep.db": {"size": 4096, "sha256": HASH}},
    }
    return raw | changes


def _problem(raw: object) -> str:
    with pytest.raises(ValueError) as err:
        parse_manifest(raw)
    return str(err.value)


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"files": {}}, "the manifest lists no database (prep.db)"),
        ({"migrations": ["a", "a"]}, "the manifest lists a migration twice"),
        ({"migrations": ["a"]}, "the manifest lists 1 migrations for schema 2"),
        (
            {"files": {"prep.db": {"size": 1, "sha256": HASH}, "notes.txt": {"size": 1, "sha256": HASH}}},
            "the manifest lists 'notes.txt', which is not part of a backup of this app",
        ),
        (
            {"schema_version": "2"},
            "the manifest's field 'schema_version' is invalid: input should be a valid integer (found '2')",
        ),
        (
            {"created_at": "not  a  date"},
            "the manifest's field 'created_at' is invalid: is not a date and time (found 'not a date')",
        ),
        (
            {"files": {"prep.db": {"size": -1, "sha256": HASH}}},
            "the manifest's field 'files.prep.db.size' is invalid: input should be greater than or equal to 0 "
            "(found -1)",
        ),
    ],
)
def test_each_broken_field_is_refused_in_one_exact_line(changes, line) -> None:
    assert _problem(_raw(**changes)) == line


def test_a_found_value_is_shown_whole_up_to_sixty_characters() -> None:
    # repr adds two quotes: 58 characters show as 60, 59 as 61.
    shown_whole = _problem(_raw(created_at="x" * 58))
    assert shown_whole.endswith(f"(found '{'x' * 58}')")
    cut = _problem(_raw(created_at="x" * 59))
    assert cut.endswith(f"(found '{'x' * 58}…)")
    assert _problem(_raw(created_at="y" * 500)).endswith(f"(found '{'y' * 58}…)")


def test_a_long_field_path_is_cut_too() -> None:
    name = "recordings/" + "n" * 100
    line = _problem(_raw(files={"prep.db": {"size": 1, "sha256": HASH}, name: {"size": 1, "sha256": "bad"}}))
    assert line.startswith(f"the manifest's field 'files.{name[:53]}…' is invalid: ")


def test_a_restore_shows_when_what_and_how_much() -> None:
    manifest = parse_manifest(
        _raw(
            files={
                "prep.db": {"size": 1_000_000, "sha256": HASH},
                "recordings/a.webm": {"size": 2_500_000, "sha256": HASH},
            }
        )
    )
    assert describe(manifest) == [
        ("Made", instant_text("2026-03-01T10:00:00+00:00")),
        ("Data format", "2"),
        ("Recording files", "1"),
        ("Size when restored", "3.5 MB"),
    ]
    assert dict(describe(parse_manifest(_raw(created_at=None))))["Made"] == "unknown"
    assert dict(describe(parse_manifest(_raw())))["Recording files"] == "0"
    # 1.05 MB is shown rounded up: the size is counted in millions of bytes.
    one_and_a_bit = parse_manifest(_raw(files={"prep.db": {"size": 1_050_000, "sha256": HASH}}))
    assert dict(describe(one_and_a_bit))["Size when restored"] == "1.1 MB"


@pytest.mark.parametrize("made", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00"])
def test_an_instant_local_time_cannot_show_is_shown_as_written(made) -> None:
    # Valid ISO instants at the calendar's ends overflow when moved to local time: the restore still shows them.
    assert dict(describe(parse_manifest(_raw(created_at=made))))["Made"] == made


def _database_copy(data_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "restored.db"
    shutil.copy(data_dir / "prep.db", copy)
    return copy


def _db_refusal(path: Path, schema: int) -> str:
    with pytest.raises(ImportFileError) as err:
        check_database(path, parse_manifest(_raw(schema_version=schema)), "backup.zip")
    assert err.value.where == "backup.zip"
    return err.value.message


def test_a_database_at_the_manifests_schema_passes_and_is_left_unchanged(data_dir: Path, tmp_path: Path) -> None:
    path = _database_copy(data_dir, tmp_path)
    before = path.read_bytes()
    check_database(path, parse_manifest(_raw(schema_version=migrations.LATEST_SCHEMA_VERSION)), "backup.zip")
    assert path.read_bytes() == before


def test_a_database_at_another_schema_is_refused(data_dir: Path, tmp_path: Path) -> None:
    path = _database_copy(data_dir, tmp_path)
    message = _db_refusal(path, migrations.LATEST_SCHEMA_VERSION - 1)
    assert message == "the database's schema does not match the manifest; nothing was changed"


def test_a_file_that_is_no_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "restored.db"
    path.write_bytes(b"not a database at all" * 100)
    message = _db_refusal(path, 1)
    assert message == "the database in the archive cannot be read: file is not a database; nothing was changed"


def test_a_database_failing_the_integrity_check_is_refused_with_sqlites_finding(data_dir: Path, tmp_path: Path) -> None:
    path = _database_copy(data_dir, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (a)")
    conn.execute("CREATE INDEX i ON t (a)")
    conn.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
    conn.commit()
    # The index's definition no longer matches its entries: SQLite's check finds one row missing from it.
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX i ON t (a DESC)' WHERE name = 'i'")
    conn.commit()
    conn.close()
    message = _db_refusal(path, migrations.LATEST_SCHEMA_VERSION)
    assert message == (
        "the database in the archive fails SQLite's integrity check: row 2 missing from index i; nothing was changed"
    )
