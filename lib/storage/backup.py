"""Backup and restore of the whole data directory: the database and every recording.

A backup is a zip holding ``prep.db`` (a consistent snapshot taken with
SQLite's online backup API, so whatever sits in the WAL is included),
``recordings/…`` and ``manifest.json`` (format, schema version, applied
migrations, the size and SHA-256 of every file).

A restore checks everything before it touches anything: the zip opens, the
manifest is there and from a schema this app can open, no entry can land
outside the data directory, the files match their hashes and the database
passes SQLite's integrity check. Only then is the current data moved into a
dated ``before-restore-…`` folder inside the data directory and the restored
files renamed into place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from lib.core import config
from lib.core.errors import ImportFileError, StorageError
from lib.storage import db as dbmod
from lib.storage import migrations

FORMAT = "interview-prep-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_NAME = "prep.db"
RECORDINGS = "recordings"
KEEP_PREFIX = "before-restore-"
_CHUNK = 1 << 20

Progress = Callable[[float, str], None]


def _noop(_fraction: float, _label: str) -> None:
    """Progress sink for callers that do not show progress."""


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def recording_files(data_dir: Path) -> list[Path]:
    """Regular files under recordings/, sorted; symlinks are skipped, never followed."""
    root = data_dir / RECORDINGS
    if not root.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


# ---------------------------------------------------------------- backup


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
    progress = progress or _noop
    dest = Path(dest).expanduser().resolve()
    data_dir = config.data_dir()
    if dest.is_relative_to(data_dir / RECORDINGS):
        raise StorageError("choose a place outside the recordings folder for the backup", where=str(dest))
    if dest.suffix.lower() != ".zip":
        raise StorageError("the backup file name must end in .zip", where=str(dest))
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".partial")
        partial.write_bytes(b"")
    except OSError as exc:
        raise StorageError(f"cannot write there: {exc.strerror or exc}", where=str(dest)) from None
    try:
        with tempfile.TemporaryDirectory(prefix="prep-backup-") as tmp:
            progress(0.0, "database snapshot")
            snapshot = Path(tmp) / DB_NAME
            version, applied = snapshot_database(snapshot)
            recordings = recording_files(data_dir)
            files = {DB_NAME: {"size": snapshot.stat().st_size, "sha256": sha256_file(snapshot)}}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
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
        raise StorageError(f"cannot write the backup: {exc.strerror or exc}", where=str(dest)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    progress(1.0, "backup written")
    return manifest


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
        shutil.copyfileobj(stream, out, _CHUNK)
    return target


def discard_temp(path: str | Path | None) -> None:
    """Remove a temporary folder made by backup_to_temp or stash_upload (and nothing else)."""
    if not path:
        return
    folder = Path(path).parent
    if folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith(("prep-backup-", "prep-restore-")):
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------- checking an archive

_DRIVE = re.compile(r"^[A-Za-z]:")


def _refuse(message: str, where: str) -> ImportFileError:
    return ImportFileError(f"{message}; nothing was changed", where=where)


def _check_entry_name(info: zipfile.ZipInfo, where: str) -> None:
    """Refuse names that could land outside the data directory, and links."""
    name = info.filename
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name:
        raise _refuse(f"entry '{name}' has an absolute or non-portable path", where)
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") for p in parts) or "\x00" in name:
        raise _refuse(f"entry '{name}' points outside the data directory", where)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _refuse(f"entry '{name}' is a symbolic link", where)
    if name in (MANIFEST, DB_NAME) or (parts and parts[0] == RECORDINGS and len(parts) > 1):
        return
    if info.is_dir() and parts == (RECORDINGS,):
        return
    raise _refuse(f"entry '{name}' is not part of a backup of this app", where)


def _read_manifest(zf: zipfile.ZipFile, where: str) -> dict:
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise _refuse("this zip has no manifest.json, so it is not a backup made by this app", where) from None
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
        raise _refuse(f"the manifest cannot be read: {exc}", where) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse("the manifest does not describe a backup of this app", where)
    fv, sv, files = manifest.get("format_version"), manifest.get("schema_version"), manifest.get("files")
    if not isinstance(fv, int) or not isinstance(sv, int) or not isinstance(files, dict):
        raise _refuse("the manifest is incomplete (format_version, schema_version, files)", where)
    if fv > FORMAT_VERSION:
        raise _refuse(
            f"the backup format {fv} is newer than this app understands ({FORMAT_VERSION}); update the app", where
        )
    known = {m.name for m in migrations.migration._migrations}
    unknown = sorted(set(manifest.get("migrations") or []) - known)
    if sv > migrations.LATEST_SCHEMA_VERSION or unknown:
        raise _refuse(
            f"the backup was made by a newer version of the app (schema {sv}, this app has {migrations.LATEST_SCHEMA_VERSION}"
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            + "); update the app first",
            where,
        )
    for name, meta in files.items():
        if not (isinstance(meta, dict) and isinstance(meta.get("sha256"), str) and isinstance(meta.get("size"), int)):
            raise _refuse(f"the manifest entry for '{name}' lacks its size or hash", where)
    return manifest


def inspect_archive(path: Path) -> dict:
    """Check a backup zip without extracting it; returns its manifest or raises ImportFileError."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise _refuse("no such file", where)
    if not zipfile.is_zipfile(path):
        raise _refuse("this is not a zip archive (or it is damaged)", where)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            for info in infos:
                _check_entry_name(info, where)
            manifest = _read_manifest(zf, where)
    except zipfile.BadZipFile as exc:
        raise _refuse(f"the zip archive is damaged: {exc}", where) from None
    names = {i.filename for i in infos if not i.is_dir()} - {MANIFEST}
    listed = set(manifest["files"])
    if DB_NAME not in names or DB_NAME not in listed:
        raise _refuse("the archive holds no database (prep.db)", where)
    if names != listed:
        odd = sorted(names ^ listed)[0]
        raise _refuse(f"'{odd}' is in the archive or the manifest but not both", where)
    sizes = {i.filename: i.file_size for i in infos}
    for name, meta in manifest["files"].items():
        if sizes[name] != meta["size"]:
            raise _refuse(f"'{name}' is {sizes[name]} bytes, the manifest says {meta['size']}", where)
    return manifest


# ---------------------------------------------------------------- restore


def _extract_verified(zf: zipfile.ZipFile, manifest: dict, staging: Path, where: str, progress: Progress) -> None:
    """Extract every listed file into ``staging``, checking each against its hash."""
    total = sum(m["size"] for m in manifest["files"].values()) or 1
    done = 0
    for name, meta in sorted(manifest["files"].items()):
        target = staging.joinpath(*PurePosixPath(name).parts)
        if not target.resolve().is_relative_to(staging.resolve()):
            raise _refuse(f"entry '{name}' points outside the data directory", where)
        target.parent.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha256()
        with zf.open(name) as src, open(target, "xb") as out:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                h.update(chunk)
                out.write(chunk)
        if h.hexdigest() != meta["sha256"]:
            raise _refuse(f"'{name}' does not match its hash in the manifest (the archive is damaged)", where)
        done += meta["size"]
        progress(0.1 + 0.7 * done / total, f"checked {name}")


def _check_database(path: Path, manifest: dict, where: str) -> None:
    """The restored database opens, passes integrity_check and is at the manifest's schema."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            applied = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (migrations.migration.name,)
                )
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(f"the database in the archive cannot be read: {exc}", where) from None
    if result != [("ok",)]:
        raise _refuse(f"the database in the archive fails SQLite's integrity check: {result[0][0]}", where)
    if len(applied) != manifest["schema_version"] or set(applied) - {m.name for m in migrations.migration._migrations}:
        raise _refuse("the database's schema does not match the manifest", where)


def _checkpoint(db_file: Path) -> None:
    """Fold the WAL into the database file so the kept copy is complete on its own."""
    if not db_file.exists():
        return
    conn = sqlite3.connect(str(db_file), timeout=dbmod.BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


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
        if (data_dir / RECORDINGS).exists():
            os.replace(data_dir / RECORDINGS, keep / RECORDINGS)
            moved.append((keep / RECORDINGS, data_dir / RECORDINGS))
        os.replace(staging / RECORDINGS, data_dir / RECORDINGS)
        placed.append(data_dir / RECORDINGS)
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
    """Replace the data directory's contents with a checked backup; returns where the old data was kept."""
    progress = progress or _noop
    where = str(archive)
    progress(0.0, "checking the archive")
    manifest = inspect_archive(Path(archive))
    data_dir = config.data_dir()
    need = sum(m["size"] for m in manifest["files"].values())
    if shutil.disk_usage(data_dir).free < need * 1.1 + (64 << 20):
        raise StorageError(
            f"not enough free disk space to restore {need / 1e6:.1f} MB; nothing was changed", where=str(data_dir)
        )
    for leftover in data_dir.glob(".restore-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # staging left by an interrupted restore
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    staging = data_dir / f".restore-{stamp}"
    keep = data_dir / f"{KEEP_PREFIX}{stamp}"
    try:
        staging.mkdir()
        (staging / RECORDINGS).mkdir()
        with zipfile.ZipFile(archive) as zf:
            _extract_verified(zf, manifest, staging, where, progress)
        progress(0.85, "checking the database")
        _check_database(staging / DB_NAME, manifest, where)
        progress(0.9, "keeping the current data")
        _checkpoint(data_dir / DB_NAME)
        keep.mkdir()
        _swap_in(data_dir, staging, keep)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, zlib.error) as exc:
        raise _refuse(f"the archive cannot be read: {exc}", where) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if keep.is_dir() and not any(keep.iterdir()):
            keep.rmdir()  # nothing was there to keep, or the swap was undone
    dbmod.reset_migration_cache()
    with dbmod.open_db():
        pass  # brings an older backup up to this app's schema
    progress(1.0, "restored")
    return keep if keep.is_dir() else None


# ---------------------------------------------------------------- data location


def kept_copies(data_dir: Path | None = None) -> list[Path]:
    """The dated folders earlier restores left behind, newest first."""
    data_dir = data_dir or config.data_dir()
    return sorted((p for p in data_dir.glob(f"{KEEP_PREFIX}*") if p.is_dir()), reverse=True)


def disk_usage(data_dir: Path | None = None) -> dict[str, int]:
    """Bytes used by the database (with its WAL), the recordings and kept copies."""
    data_dir = data_dir or config.data_dir()

    def size(paths) -> int:
        return sum(p.stat().st_size for p in paths if p.is_file() and not p.is_symlink())

    database = size(data_dir / n for n in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"))
    recordings = size(recording_files(data_dir))
    kept = sum(size(k.rglob("*")) for k in kept_copies(data_dir))
    return {"database": database, "recordings": recordings, "kept_copies": kept, "total": database + recordings + kept}


# ---------------------------------------------------------------- command line


def _stderr_progress(fraction: float, label: str) -> None:
    import sys

    print(f"  {fraction:4.0%} {label}", file=sys.stderr, flush=True)


def _backup_command(args) -> int:
    manifest = create_backup(Path(args.file), _stderr_progress)
    print(
        f"Backup of {len(manifest['files'])} files (schema {manifest['schema_version']}) written to {Path(args.file).resolve()}"
    )
    return 0


def _restore_command(args) -> int:
    kept = restore_backup(Path(args.file), _stderr_progress)
    print(f"Restored {args.file} into {config.data_dir()}")
    if kept:
        print(f"The previous data was kept in {kept}")
    return 0


def register(sub) -> None:
    """Add the backup and restore commands."""
    p = sub.add_parser("backup", help="write the database and every recording to FILE.zip")
    p.add_argument("file", metavar="FILE.zip")
    p.set_defaults(func=_backup_command)
    p = sub.add_parser(
        "restore", help="replace the data with a checked backup (the current data is kept in a dated folder)"
    )
    p.add_argument("file", metavar="FILE.zip")
    p.set_defaults(func=_restore_command)
