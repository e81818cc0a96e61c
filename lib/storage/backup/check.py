"""Checking a backup before anything is touched: entry names, the manifest, the database inside."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from lib.core.errors import ImportFileError
from lib.storage import migrations
from lib.storage.backup.archive import DB_NAME, MANIFEST, MATERIALS, RECORDINGS
from lib.storage.backup.manifest import MAX_FILES, MAX_MANIFEST_BYTES, Manifest, parse_manifest

_DRIVE = re.compile(r"^[A-Za-z]:")


def refuse(message: str, where: str) -> ImportFileError:
    """The error for an archive that cannot be restored; it always says nothing was changed."""
    return ImportFileError(f"{message}; nothing was changed", where=where)


def _check_entry_name(info: zipfile.ZipInfo, where: str) -> None:
    """Refuse names that could land outside the data directory, and links."""
    name = info.filename
    shown = " ".join(name.split())[:100]  # for messages: one line, bounded
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name:
        raise refuse(f"entry '{shown}' has an absolute or non-portable path", where)
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") for p in parts) or "\x00" in name:
        raise refuse(f"entry '{shown}' points outside the data directory", where)
    if any(ord(c) < 32 or ord(c) == 127 for c in name):  # the app never names a file so; a message could not show it
        raise refuse(f"entry '{shown}' has control characters in its name", where)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise refuse(f"entry '{shown}' is a symbolic link", where)
    if name in (MANIFEST, DB_NAME) or (parts and parts[0] in (RECORDINGS, MATERIALS) and len(parts) > 1):
        return
    if info.is_dir() and parts in ((RECORDINGS,), (MATERIALS,)):
        return
    raise refuse(f"entry '{shown}' is not part of a backup of this app", where)


def _read_manifest(zf: zipfile.ZipFile, where: str) -> Manifest:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise refuse("this zip has no manifest.json, so it is not a backup made by this app", where) from None
    if info.file_size > MAX_MANIFEST_BYTES:  # read into memory, so bounded before it is read
        raise refuse(f"the manifest is {info.file_size / 1e6:.0f} MB, far more than a backup's manifest", where)
    try:
        with zf.open(info) as f:
            raw = json.loads(f.read(MAX_MANIFEST_BYTES + 1).decode("utf-8"))
    except RecursionError:
        raise refuse("the manifest cannot be read: it is nested too deeply", where) from None
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise refuse(f"the manifest cannot be read: {exc}", where) from None
    try:
        manifest = parse_manifest(raw)
    except ValueError as exc:
        raise refuse(str(exc), where) from None
    known = {m.name for m in migrations.migration._migrations}
    unknown = sorted(set(manifest.migrations) - known)
    if manifest.schema_version > migrations.LATEST_SCHEMA_VERSION or unknown:
        shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise refuse(
            f"the backup was made by a newer version of the app (data format {manifest.schema_version}, "
            f"this app reads up to {migrations.LATEST_SCHEMA_VERSION}"
            + (f"; unknown: {shown}" if unknown else "")
            + "); update the app first",
            where,
        )
    return manifest


def inspect_archive(path: Path) -> Manifest:
    """Check a backup zip without extracting it; returns its validated manifest or raises ImportFileError."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise refuse("no such file", where)
    try:
        if not zipfile.is_zipfile(path):
            raise refuse("this is not a zip archive (or it is damaged)", where)
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_FILES + 2:
                raise refuse(f"the archive holds {len(infos)} entries, more than a backup of this app can", where)
            for info in infos:
                _check_entry_name(info, where)
            manifest = _read_manifest(zf, where)
    except zipfile.BadZipFile as exc:
        raise refuse(f"the zip archive is damaged: {exc}", where) from None
    except OSError as exc:
        raise refuse(f"the archive cannot be read: {exc.strerror or exc}", where) from None
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            # zipfile would read only the last of two entries with one name; which one is meant is unknowable.
            raise refuse(f"entry '{info.filename[:100]}' appears twice in the archive", where)
        seen.add(info.filename)
    names = {i.filename for i in infos if not i.is_dir()} - {MANIFEST}
    listed = set(manifest.files)
    if DB_NAME not in names:
        raise refuse("the archive holds no database (prep.db)", where)
    if names != listed:
        odd = sorted(names ^ listed)[0]
        raise refuse(f"'{odd}' is in the archive or the manifest but not both", where)
    sizes = {i.filename: i.file_size for i in infos}
    for name, meta in manifest.files.items():
        if sizes[name] != meta.size:
            raise refuse(f"'{name}' is {sizes[name]} bytes, the manifest says {meta.size}", where)
    return manifest


def check_database(path: Path, manifest: Manifest, where: str) -> None:
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
        raise refuse(f"the database in the archive cannot be read: {exc}", where) from None
    if result != [("ok",)]:
        raise refuse(f"the database in the archive fails SQLite's integrity check: {result[0][0]}", where)
    if len(applied) != manifest.schema_version or set(applied) - {m.name for m in migrations.migration._migrations}:
        raise refuse("the database's schema does not match the manifest", where)
