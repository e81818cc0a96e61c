"""Backup and restore: exact round trip, consistency under concurrent writes, bad archives refused."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lib.core.errors import ImportFileError
from lib.materials import checklists as materials
from lib.materials.export import export_all
from lib.storage import backup, migrations
from lib.storage.db import open_db
from tests.conftest import ROOT


def _add_recordings(data_dir: Path) -> dict[str, str]:
    """A few binary files under recordings/, one in a subfolder; returns name -> sha256."""
    files = {"take-1.webm": os.urandom(300_000), "take-2.webm": os.urandom(1000), "2026-03/take-3.mp4": b"\x00" * 5000}
    out = {}
    for name, data in files.items():
        path = data_dir / "recordings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out[name] = hashlib.sha256(data).hexdigest()
    return out


def _recording_hashes(data_dir: Path) -> dict[str, str]:
    root = data_dir / "recordings"
    return {p.relative_to(root).as_posix(): backup.sha256_file(p) for p in backup.recording_files(data_dir)}


def _exports(out: Path) -> dict[str, bytes]:
    """Every export file; an .ics file's DTSTAMP lines (the time of export, by the iCalendar standard) are left out."""
    files = {p.name: p.read_bytes() for p in export_all(out)}
    for name in [n for n in files if n.endswith(".ics")]:
        files[name] = b"\r\n".join(line for line in files[name].split(b"\r\n") if not line.startswith(b"DTSTAMP:"))
    return files


def _state(data_dir: Path) -> tuple:
    """What a user would call their data: every row of the database, every recording, the folder's entries."""
    conn = sqlite3.connect(data_dir / "prep.db")
    dump = "\n".join(conn.iterdump())
    conn.close()
    return (
        dump,
        _recording_hashes(data_dir),
        sorted(p.name for p in data_dir.iterdir() if not p.name.startswith("prep.db-")),
    )


def _use_dir(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("PREP_DATA_DIR", str(path))


def test_round_trip_into_an_empty_directory_is_exact(demo_dir: Path, tmp_path: Path, monkeypatch) -> None:
    _add_recordings(demo_dir)
    hashes = _recording_hashes(demo_dir)  # the demo's own takes and the files added here
    assert len(hashes) >= 3
    with open_db() as db:
        materials.add_reflection(db, "growth", "Written just before the backup")  # still in the WAL
    before = _exports(tmp_path / "export-before")
    archive = tmp_path / "backup.zip"
    steps: list[tuple[float, str]] = []
    manifest = backup.create_backup(archive, lambda f, label: steps.append((f, label)))
    assert manifest["schema_version"] == migrations.LATEST_SCHEMA_VERSION
    assert manifest["created_at"].endswith("+00:00")  # an instant, stored like every other one: UTC
    uploaded = {p.relative_to(demo_dir).as_posix(): p.read_bytes() for p in demo_dir.glob("materials/*/*")}
    assert uploaded  # the demo's resume versions and LinkedIn export
    assert set(manifest["files"]) == {"prep.db", *(f"recordings/{n}" for n in hashes), *uploaded}
    assert steps[0][0] == 0.0 and steps[-1][0] == 1.0

    _use_dir(monkeypatch, tmp_path / "new-machine")
    kept = backup.restore_backup(archive)
    assert kept is None  # nothing was there to keep
    assert _recording_hashes(tmp_path / "new-machine") == hashes
    assert {name: (tmp_path / "new-machine" / name).read_bytes() for name in uploaded} == uploaded
    after = _exports(tmp_path / "export-after")
    assert after == before
    assert "Written just before the backup" in after["job-materials.md"].decode()


def test_restore_keeps_the_current_data_in_a_dated_folder(tmp_path: Path, data_dir: Path) -> None:
    with open_db() as db:
        materials.set_item_done(db, "resume", "quantify", True)
    archive = tmp_path / "old.zip"
    backup.create_backup(archive)
    with open_db() as db:
        materials.set_item_done(db, "resume", "one-page", True)
    _add_recordings(data_dir)
    kept = backup.restore_backup(archive)
    assert kept is not None and kept.parent == data_dir and kept.name.startswith("before-restore-")
    assert (kept / "prep.db").exists() and (kept / "recordings" / "take-1.webm").exists()
    conn = sqlite3.connect(kept / "prep.db")
    assert conn.execute("SELECT COUNT(*) FROM checklist_events").fetchone()[0] == 2
    conn.close()
    with open_db() as db:
        assert materials.done_items(db) == {"resume": {"quantify"}}
    assert _recording_hashes(data_dir) == {}
    assert backup.kept_copies() == [kept]
    assert backup.disk_usage()["kept_copies"] > 0


WRITER = """
import sys
from lib.storage.db import open_db, transaction
with open_db() as db:
    for n in range(100000):
        with transaction(db):
            db["checklist_events"].insert({"list_id": "resume", "item_id": f"a{n}", "done": 1, "at": "x"})
            db["checklist_events"].insert({"list_id": "resume", "item_id": f"b{n}", "done": 1, "at": "x"})
        if n == 20:
            print("writing", flush=True)
"""


def test_backup_while_another_process_writes_restores_consistently(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    with open_db():
        pass
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER], cwd=ROOT, env={**os.environ}, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        archive = tmp_path / "live.zip"
        backup.create_backup(archive)
    finally:
        writer.terminate()
        writer.wait(30)
    _use_dir(monkeypatch, tmp_path / "restored")
    backup.restore_backup(archive)
    conn = sqlite3.connect(tmp_path / "restored" / "prep.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count, max_id = conn.execute("SELECT COUNT(*), MAX(id) FROM checklist_events").fetchone()
    conn.close()
    # Every transaction wrote two rows: a consistent snapshot holds whole transactions, with no gaps.
    assert count >= 42 and count % 2 == 0 and max_id == count


# ---------------------------------------------------------------- bad archives


def _good_archive(tmp_path: Path) -> Path:
    archive = tmp_path / "good.zip"
    backup.create_backup(archive)
    return archive


def _rewrite(
    src: Path,
    dest: Path,
    *,
    manifest_edit=None,
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] = (),
    drop: str | None = None,
) -> Path:
    """Copy a backup zip, optionally editing its manifest, adding entries or dropping one."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if info.filename == drop:
                continue
            data = zin.read(info)
            if info.filename == "manifest.json" and manifest_edit:
                m = json.loads(data)
                manifest_edit(m)
                data = json.dumps(m).encode()
            zout.writestr(info.filename, data)
        for info, data in extra:
            zout.writestr(info, data)
    return dest


def _symlink_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("recordings/evil")
    info.external_attr = 0o120777 << 16
    return info


def _newer(m: dict) -> None:
    m["schema_version"] = migrations.LATEST_SCHEMA_VERSION + 1
    m["migrations"] = m["migrations"] + ["m999_future"]


def _with_file(name: str, data: bytes):
    def edit(m: dict) -> None:
        m["files"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    return edit


def _bad_hash(m: dict) -> None:
    m["files"]["recordings/take-2.webm"]["sha256"] = "0" * 64


def _bad_archives(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    half = tmp_path / "truncated.zip"
    half.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"this is not a zip at all" * 10)
    flipped = tmp_path / "flipped.zip"
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("recordings/take-1.webm")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 1000
    raw[start] ^= 0xFF
    flipped.write_bytes(bytes(raw))
    return {
        "not a zip": (junk, "not a zip archive"),
        "truncated": (half, "zip"),
        "damaged recording": (flipped, "archive"),
        "no manifest": (_rewrite(good, tmp_path / "nomanifest.zip", drop="manifest.json"), "no manifest.json"),
        "newer schema": (_rewrite(good, tmp_path / "newer.zip", manifest_edit=_newer), "newer version"),
        "dot-dot": (
            _rewrite(good, tmp_path / "dotdot.zip", manifest_edit=_with_file("../x", b"x"), extra=[("../x", b"x")]),
            "outside the data directory",
        ),
        "nested dot-dot": (
            _rewrite(good, tmp_path / "dotdot2.zip", extra=[("recordings/../../x", b"x")]),
            "outside the data directory",
        ),
        "absolute": (_rewrite(good, tmp_path / "abs.zip", extra=[("/tmp/x", b"x")]), "absolute"),
        "symlink": (_rewrite(good, tmp_path / "link.zip", extra=[(_symlink_entry(), b"/etc/passwd")]), "symbolic link"),
        "hash mismatch": (
            _rewrite(good, tmp_path / "hash.zip", manifest_edit=_bad_hash),
            "'recordings/take-2.webm' does not match its hash in the manifest (the archive is damaged)",
        ),
        "unlisted file": (
            _rewrite(good, tmp_path / "extra.zip", extra=[("recordings/unlisted.webm", b"x")]),
            "not both",
        ),
        "foreign entry": (
            _rewrite(good, tmp_path / "foreign.zip", extra=[("settings.toml", b"x")]),
            "not part of a backup",
        ),
    }


def test_each_bad_archive_is_refused_and_data_is_untouched(demo_dir: Path, tmp_path: Path) -> None:
    _add_recordings(demo_dir)
    good = _good_archive(tmp_path)
    with open_db() as db:
        materials.set_item_done(db, "linkedin", "about", True)  # data newer than the backup
    before = _state(demo_dir)
    for label, (archive, message) in _bad_archives(tmp_path, good).items():
        with pytest.raises(ImportFileError) as err:
            backup.restore_backup(archive)
        # The message without the archive's path: a word in the file name ("hash.zip") proves nothing.
        assert message in err.value.message, label
        assert err.value.message.endswith("; nothing was changed"), label
        assert _state(demo_dir) == before, label
    assert not (demo_dir.parent / "x").exists()
    assert backup.kept_copies() == []


def test_archive_from_an_older_schema_is_brought_up_to_date(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    old = tmp_path / "old-db"
    old.mkdir()
    conn = sqlite_utils_db(old / "prep.db")
    migrations.migration.apply(conn, stop_before=[m.name for m in migrations.migration._migrations[1:]])
    conn.conn.close()
    snapshot_hash = backup.sha256_file(old / "prep.db")
    manifest = {
        "format": backup.FORMAT,
        "format_version": 1,
        "schema_version": 1,
        "migrations": ["m001_curriculum"],
        "files": {"prep.db": {"size": (old / "prep.db").stat().st_size, "sha256": snapshot_hash}},
    }
    archive = tmp_path / "old.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(old / "prep.db", "prep.db")
        zf.writestr("manifest.json", json.dumps(manifest))
    backup.restore_backup(archive)
    with open_db() as db:
        assert migrations.schema_version(db) == migrations.LATEST_SCHEMA_VERSION


def sqlite_utils_db(path: Path):
    import sqlite_utils

    return sqlite_utils.Database(path)


def test_stash_upload_never_uses_the_uploaded_name() -> None:
    path = backup.stash_upload(io.BytesIO(b"abc"), "../../etc/evil.zip")
    assert path.name == "upload.zip" and path.read_bytes() == b"abc"


# ---------------------------------------------------------------- command line


def test_cli_backup_and_restore(cli, data_dir: Path, tmp_path: Path) -> None:
    with open_db() as db:
        materials.set_item_done(db, "resume", "tailor", True)
    _add_recordings(data_dir)
    done = cli("backup", str(tmp_path / "cli.zip"))
    assert done.returncode == 0, done.stderr
    assert "100% backup written" in done.stderr and "cli.zip" in done.stdout
    done = cli("restore", str(tmp_path / "cli.zip"))
    assert done.returncode == 0, done.stderr
    assert "restored" in done.stderr and "previous data was kept" in done.stdout
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"nope")
    done = cli("restore", str(bad))
    assert (
        done.returncode == 1
        and done.stderr.splitlines()[-1].startswith("error:")
        and "not a zip archive" in done.stderr
    )


def test_cli_backup_to_an_unwritable_place_fails_clearly(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = cli("backup", str(blocker / "x.zip"))
    assert done.returncode == 1 and "cannot write there" in done.stderr


def test_a_failure_while_swapping_puts_everything_back(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from lib.core.errors import StorageError

    with open_db() as db:
        materials.set_item_done(db, "resume", "quantify", True)
    archive = _good_archive(tmp_path)
    with open_db() as db:
        materials.set_item_done(db, "resume", "tailor", True)
    _add_recordings(data_dir)
    before = _state(data_dir)
    real_replace = os.replace

    def failing_replace(src, dst):
        """The filesystem refuses the final rename (e.g. the disk went read-only)."""
        if Path(dst) == data_dir / "prep.db":
            raise OSError(30, "Read-only file system")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(StorageError, match="your data is as it was"):
        backup.restore_backup(archive)
    monkeypatch.setattr(os, "replace", real_replace)
    assert _state(data_dir) == before
    assert backup.kept_copies() == []
    with open_db() as db:
        assert materials.done_items(db) == {"resume": {"quantify", "tailor"}}


def test_discard_temp_removes_only_its_own_folders(tmp_path: Path) -> None:
    made = backup.stash_upload(io.BytesIO(b"abc"))
    backup.discard_temp(made)
    assert not made.parent.exists()
    other = tmp_path / "keep-me" / "upload.zip"
    other.parent.mkdir()
    other.write_bytes(b"x")
    backup.discard_temp(other)
    assert other.exists()
