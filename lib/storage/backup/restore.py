"""Restoring a checked backup: extract and verify into a staging folder, keep the current data, swap atomically."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import sqlite3
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from lib.core import config
from lib.core.errors import StorageError
from lib.storage import db as dbmod
from lib.storage import migrations
from lib.storage.backup.archive import CHUNK, DB_NAME, KEEP_PREFIX, MATERIALS, RECORDINGS, Progress, no_progress
from lib.storage.backup.check import check_database, inspect_archive, refuse
from lib.storage.backup.manifest import Manifest
from lib.storage.backup.staging import STAGING_PREFIX, restore_lock, staging_folders


def _extract_verified(zf: zipfile.ZipFile, manifest: Manifest, staging: Path, where: str, progress: Progress) -> None:
    """Extract every listed file into ``staging``, checking each against its hash."""
    total = manifest.total_bytes or 1
    done = 0
    for name, meta in sorted(manifest.files.items()):
        target = staging.joinpath(*PurePosixPath(name).parts)
        if not target.resolve().is_relative_to(staging.resolve()):
            raise refuse(f"entry '{name}' points outside the data directory", where)
        target.parent.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha256()
        with zf.open(name) as src, open(target, "xb") as out:
            for chunk in iter(lambda: src.read(CHUNK), b""):
                h.update(chunk)
                out.write(chunk)
        if h.hexdigest() != meta.sha256:
            raise refuse(f"'{name}' does not match its hash in the manifest (the archive is damaged)", where)
        done += meta.size
        progress(0.1 + 0.7 * done / total, f"checked {name}")


def _checkpoint(db_file: Path) -> None:
    """Fold the WAL into a sound database file so the kept copy is complete on its own.

    A damaged database is left exactly as it is, WAL beside it: it is only
    looked at read-only (closing a read-write connection would checkpoint a
    damaged WAL into it), since someone may still want to recover it by hand.
    """
    if not db_file.exists():
        return
    try:
        dbmod.check_sound(db_file)
    except dbmod.DamagedDatabaseError:
        return
    conn = sqlite3.connect(str(db_file), timeout=dbmod.BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError:
        pass  # busy or unreadable: the WAL is kept beside it instead
    finally:
        conn.close()


def _cannot_write(exc: OSError, data_dir: Path, need: int) -> StorageError | None:
    """The error for a failed write into the data directory (full, read-only, no permission), else None."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(
            f"the disk holding the data directory is full; free at least {need / 1e6:.0f} MB and restore again "
            "(nothing was changed)",
            where=str(data_dir),
        )
    inside = exc.filename is None or Path(str(exc.filename)).resolve().is_relative_to(data_dir.resolve())
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and inside:
        return _unwritable(data_dir)
    return None


def _unwritable(data_dir: Path) -> StorageError:
    return StorageError(
        "the data directory cannot be written (read-only or no permission), so nothing can be restored into it; "
        "make it writable or set PREP_DATA_DIR to a folder you can write to, then restore again (nothing was changed)",
        where=str(data_dir),
    )


def _keep_database_file(src: Path, dest: Path) -> None:
    """Keep the current database file under ``dest`` without moving it (a hard link, else a copy)."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def _swap_in(data_dir: Path, staging: Path, keep: Path) -> None:
    """Move the current data into ``keep`` and the staged data into place; undo on failure.

    The database goes last, in one atomic rename over the old file, so at every
    instant there is a whole prep.db in place: an interrupted restore never
    leaves the app facing an empty data directory.
    """
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    kept_db = keep / DB_NAME
    try:
        for folder in (RECORDINGS, MATERIALS):
            if (data_dir / folder).exists():
                os.replace(data_dir / folder, keep / folder)
                moved.append((keep / folder, data_dir / folder))
            os.replace(staging / folder, data_dir / folder)
            placed.append(data_dir / folder)
        if (data_dir / DB_NAME).exists():
            _keep_database_file(data_dir / DB_NAME, kept_db)
        for name in (f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
            if (data_dir / name).exists():
                os.replace(data_dir / name, keep / name)
                moved.append((keep / name, data_dir / name))
        os.replace(staging / DB_NAME, data_dir / DB_NAME)
    except OSError as exc:
        for path in placed:
            shutil.rmtree(path, ignore_errors=True)
        for kept, original in reversed(moved):
            os.replace(kept, original)
        kept_db.unlink(missing_ok=True)
        raise StorageError(
            f"could not put the restored data in place, your data is as it was: {exc.strerror or exc}",
            where=str(data_dir),
        ) from None


def restore_backup(archive: Path, progress: Progress | None = None) -> Path | None:
    """Replace the data directory's contents with a checked backup; returns where the old data was kept.

    It never opens the current database as the app does, so it also gets a
    user out of a damaged one: that file is kept with the rest of the old data.
    """
    progress = progress or no_progress
    progress(0.0, "checking the archive")
    manifest = inspect_archive(Path(archive))
    data_dir = config.data_dir()
    need = manifest.total_bytes
    if not os.access(data_dir, os.W_OK):
        raise _unwritable(data_dir)
    if shutil.disk_usage(data_dir).free < need * 1.1 + (64 << 20):
        raise StorageError(
            f"not enough free disk space to restore {need / 1e6:.1f} MB; nothing was changed", where=str(data_dir)
        )
    with restore_lock(data_dir):
        for leftover in staging_folders(data_dir):
            shutil.rmtree(leftover, ignore_errors=True)  # the lock is ours: these are from interrupted restores
        kept = _restore_locked(Path(archive), manifest, data_dir, progress)
    migrations.prepare()  # brings an older backup up to this app's schema
    progress(1.0, "restored")
    return kept


def _restore_locked(archive: Path, manifest: Manifest, data_dir: Path, progress: Progress) -> Path | None:
    """Extract, check, keep the current data and swap, while this process holds the restore lock."""
    where = str(archive)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    staging = data_dir / f"{STAGING_PREFIX}{stamp}"
    keep = data_dir / f"{KEEP_PREFIX}{stamp}"
    try:
        staging.mkdir()
        (staging / RECORDINGS).mkdir()
        (staging / MATERIALS).mkdir()
        with zipfile.ZipFile(archive) as zf:
            _extract_verified(zf, manifest, staging, where, progress)
        progress(0.85, "checking the database")
        check_database(staging / DB_NAME, manifest, where)
        progress(0.9, "keeping the current data")
        _checkpoint(data_dir / DB_NAME)
        keep.mkdir()
        _swap_in(data_dir, staging, keep)
    except OSError as exc:
        raise (
            _cannot_write(exc, data_dir, manifest.total_bytes) or refuse(f"the archive cannot be read: {exc}", where)
        ) from None
    except (zipfile.BadZipFile, EOFError, RuntimeError, zlib.error) as exc:
        raise refuse(f"the archive cannot be read: {exc}", where) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if keep.is_dir() and not any(keep.iterdir()):
            keep.rmdir()  # nothing was there to keep, or the swap was undone
    return keep if keep.is_dir() else None
