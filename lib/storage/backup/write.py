"""Writing a backup: a consistent snapshot of the database, the recordings, uploaded materials and a manifest."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from lib.core import clock, config
from lib.core.errors import StorageError
from lib.storage import db as dbmod
from lib.storage import migrations
from lib.storage.backup.archive import (
    CHUNK,
    DB_NAME,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MATERIALS,
    RECORDINGS,
    Progress,
    material_files,
    no_progress,
    recording_files,
    sha256_file,
)


def snapshot_database(target: Path) -> tuple[int, list[str]]:
    """Copy the live database into ``target`` in one consistent step; returns (schema version, migrations)."""
    source = dbmod.connect()
    try:
        dest = sqlite3.connect(str(target))
        try:
            # One step (pages=-1) reads the whole database under a single read
            # transaction: writers carry on in the WAL, the copy stays consistent.
            source.conn.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode = DELETE")
            applied = [
                r[0]
                for r in dest.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                    (migrations.migration.name,),
                )
            ]
        finally:
            dest.close()
    finally:
        source.conn.close()
    return len(applied), applied


def create_backup(dest: Path, progress: Progress | None = None) -> dict:
    """Write a backup zip of the data directory to ``dest``; returns its manifest."""
    progress = progress or no_progress
    dest = Path(dest).expanduser().resolve()
    data_dir = config.data_dir()
    if dest.is_relative_to(data_dir / RECORDINGS) or dest.is_relative_to(data_dir / MATERIALS):
        raise StorageError(
            "choose a place outside the recordings and materials folders for the backup", where=str(dest)
        )
    if dest.suffix.lower() != ".zip":
        raise StorageError("the backup file name must end in .zip", where=str(dest))
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".partial")
        partial.write_bytes(b"")
    except OSError as exc:
        raise _write_error(exc, dest) from None
    try:
        with tempfile.TemporaryDirectory(prefix="prep-backup-") as tmp:
            progress(0.0, "database snapshot")
            snapshot = Path(tmp) / DB_NAME
            version, applied = snapshot_database(snapshot)
            recordings = recording_files(data_dir) + material_files(data_dir)
            files = {DB_NAME: {"size": snapshot.stat().st_size, "sha256": sha256_file(snapshot)}}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": clock.now_iso(),
                "schema_version": version,
                "migrations": applied,
                "files": files,
            }
            total = snapshot.stat().st_size + sum(p.stat().st_size for p in recordings) or 1
            written = snapshot.stat().st_size
            with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
                zf.write(snapshot, DB_NAME, compress_type=zipfile.ZIP_DEFLATED)
                for i, path in enumerate(recordings, 1):
                    progress(written / total, f"recording {i} of {len(recordings)}")
                    name = path.relative_to(data_dir).as_posix()
                    files[name] = {"size": path.stat().st_size, "sha256": sha256_file(path)}
                    # Video and audio are already compressed; storing them is faster and no bigger.
                    zf.write(path, name, compress_type=zipfile.ZIP_STORED)
                    written += path.stat().st_size
                zf.writestr(
                    MANIFEST, json.dumps(manifest, indent=2, sort_keys=True), compress_type=zipfile.ZIP_DEFLATED
                )
        os.replace(partial, dest)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _write_error(exc, dest) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    progress(1.0, "backup written")
    return manifest


def _write_error(exc: OSError, dest: Path) -> StorageError:
    """What went wrong writing a backup to ``dest``, and what to do; nothing half-written is left there."""
    name = Path(str(exc.filename)) if exc.filename else None
    if name is not None and not (name.is_relative_to(dest.parent) or dest.parent.is_relative_to(name)):
        return StorageError(f"cannot read {name} for the backup: {exc.strerror or exc}", where=str(dest))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full; free some space or choose another place"
    elif exc.errno in (errno.EEXIST, errno.ENOTDIR):
        reason = "part of that path is a file, not a folder; choose a folder"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = "the folder is read-only or not yours; choose a folder you can write to"
    else:
        reason = f"{exc.strerror or exc}; choose a folder you can write to"
    return StorageError(f"cannot write there: {reason} (no backup was written)", where=str(dest))


def backup_bytes(progress: Progress | None = None) -> bytes:
    """A backup zip in memory (for a download button)."""
    with tempfile.TemporaryDirectory(prefix="prep-backup-") as tmp:
        path = Path(tmp) / "backup.zip"
        create_backup(path, progress)
        return path.read_bytes()


def backup_to_temp(progress: Progress | None = None) -> Path:
    """A backup written to a fresh temporary folder (for a download that reads it on click)."""
    folder = Path(tempfile.mkdtemp(prefix="prep-backup-"))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    path = folder / f"interview-prep-backup-{stamp}.zip"
    create_backup(path, progress)
    return path


def stash_upload(stream, name: str = "upload.zip") -> Path:
    """Copy an uploaded file to a temporary path so it can be checked and restored from disk."""
    folder = Path(tempfile.mkdtemp(prefix="prep-restore-"))
    # The user's file name never becomes a path: only its safe extension is kept.
    target = folder / ("upload.zip" if str(name).lower().endswith(".zip") else "upload.bin")
    with open(target, "wb") as out:
        shutil.copyfileobj(stream, out, CHUNK)
    return target


def discard_temp(path: str | Path | None) -> None:
    """Remove a temporary folder made by backup_to_temp or stash_upload (and nothing else)."""
    if not path:
        return
    folder = Path(path).parent
    if folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith(("prep-backup-", "prep-restore-")):
        shutil.rmtree(folder, ignore_errors=True)
