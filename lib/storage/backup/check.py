"""Checking a backup before anything is touched: entry names, the manifest, the database inside."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import zipfile
from pathlib import Path, PurePosixPath

from lib.core.errors import ImportFileError
from lib.storage import migrations
from lib.storage.backup.archive import DB_NAME, FORMAT, FORMAT_VERSION, MANIFEST, RECORDINGS

_DRIVE = re.compile(r"^[A-Za-z]:")


def refuse(message: str, where: str) -> ImportFileError:
    """The error for an archive that cannot be restored; it always says nothing was changed."""
    return ImportFileError(f"{message}; nothing was changed", where=where)


def _check_entry_name(info: zipfile.ZipInfo, where: str) -> None:
    """Refuse names that could land outside the data directory, and links."""
    name = info.filename
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name:
        raise refuse(f"entry '{name}' has an absolute or non-portable path", where)
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") for p in parts) or "\x00" in name:
        raise refuse(f"entry '{name}' points outside the data directory", where)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise refuse(f"entry '{name}' is a symbolic link", where)
    if name in (MANIFEST, DB_NAME) or (parts and parts[0] == RECORDINGS and len(parts) > 1):
        return
    if info.is_dir() and parts == (RECORDINGS,):
        return
    raise refuse(f"entry '{name}' is not part of a backup of this app", where)


def _read_manifest(zf: zipfile.ZipFile, where: str) -> dict:
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise refuse("this zip has no manifest.json, so it is not a backup made by this app", where) from None
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
        raise refuse(f"the manifest cannot be read: {exc}", where) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse("the manifest does not describe a backup of this app", where)
    fv, sv, files = manifest.get("format_version"), manifest.get("schema_version"), manifest.get("files")
    if not isinstance(fv, int) or not isinstance(sv, int) or not isinstance(files, dict):
        raise refuse("the manifest is incomplete (format_version, schema_version, files)", where)
    if fv > FORMAT_VERSION:
        raise refuse(
            f"the backup format {fv} is newer than this app understands ({FORMAT_VERSION}); update the app", where
        )
    known = {m.name for m in migrations.migration._migrations}
    unknown = sorted(set(manifest.get("migrations") or []) - known)
    if sv > migrations.LATEST_SCHEMA_VERSION or unknown:
        raise refuse(
            f"the backup was made by a newer version of the app (schema {sv}, "
            f"this app has {migrations.LATEST_SCHEMA_VERSION}"
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            + "); update the app first",
            where,
        )
    for name, meta in files.items():
        if not (isinstance(meta, dict) and isinstance(meta.get("sha256"), str) and isinstance(meta.get("size"), int)):
            raise refuse(f"the manifest entry for '{name}' lacks its size or hash", where)
    return manifest


def inspect_archive(path: Path) -> dict:
    """Check a backup zip without extracting it; returns its manifest or raises ImportFileError."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise refuse("no such file", where)
    if not zipfile.is_zipfile(path):
        raise refuse("this is not a zip archive (or it is damaged)", where)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            for info in infos:
                _check_entry_name(info, where)
            manifest = _read_manifest(zf, where)
    except zipfile.BadZipFile as exc:
        raise refuse(f"the zip archive is damaged: {exc}", where) from None
    names = {i.filename for i in infos if not i.is_dir()} - {MANIFEST}
    listed = set(manifest["files"])
    if DB_NAME not in names or DB_NAME not in listed:
        raise refuse("the archive holds no database (prep.db)", where)
    if names != listed:
        odd = sorted(names ^ listed)[0]
        raise refuse(f"'{odd}' is in the archive or the manifest but not both", where)
    sizes = {i.filename: i.file_size for i in infos}
    for name, meta in manifest["files"].items():
        if sizes[name] != meta["size"]:
            raise refuse(f"'{name}' is {sizes[name]} bytes, the manifest says {meta['size']}", where)
    return manifest


def check_database(path: Path, manifest: dict, where: str) -> None:
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
    if len(applied) != manifest["schema_version"] or set(applied) - {m.name for m in migrations.migration._migrations}:
        raise refuse("the database's schema does not match the manifest", where)
