"""The user's resume and LinkedIn export files, kept as versions in the data directory with their check results.

A file is checked first (``documents``/``resume``/``linkedin``): one that
cannot be read raises ImportFileError before anything is written. A file that
passes is stored under ``materials/<kind>/<sha256><ext>`` (the user's file name
never becomes a path) and gets a version row holding its original name, size,
text and the check's verdict. The same file uploaded twice is one version.

The row and the file are written together: the row is inserted and the file
written (to a hidden temporary name, then renamed) inside one transaction.
If anything fails the transaction rolls back and the file goes with it; a
process killed between the rename and the commit leaves a file that no row
names, which the next upload of that kind removes while it holds the write
lock (so it never touches a file another upload is still committing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import uuid
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core import clock, config
from lib.core.errors import InputError, PrepError, StorageError
from lib.materials import documents, linkedin, resume
from lib.storage.db import transaction

KINDS = {"resume": "resume", "linkedin": "LinkedIn export"}
FOLDER = "materials"
MAX_NAME = 200  # the original file name is kept for display only


def _valid_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError(f"unknown kind of material '{kind}'", field="kind")
    return kind


def shown_name(filename: object) -> str:
    """The user's file name as kept for display: its last part, on one line, bounded."""
    name = " ".join(str(filename or "").replace("\\", "/").rsplit("/", 1)[-1].split())
    return name[:MAX_NAME] or "upload"


def check_file(kind: str, data: bytes, filename: str, job_text: str | None = None) -> tuple[str, int | None, str, dict]:
    """(extension, pages, text, check result) of an uploaded file; ImportFileError when it cannot be read."""
    if _valid_kind(kind) == "resume":
        doc = documents.read_document(data, filename)
        return f".{doc.kind}", doc.pages, doc.text, resume.check_resume(doc, filename, job_text)
    return ".zip", None, "", linkedin.check_linkedin(data, filename)


def _folder(kind: str) -> Path:
    return config.data_dir() / FOLDER / kind


def _write_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all: a hidden temporary file renamed into place."""
    temp = target.with_name(f".{uuid.uuid4().hex}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StorageError(
            f"the file could not be stored ({exc.strerror or exc}); nothing was saved", where=str(target.parent)
        ) from None


def _sweep(db: sqlite_utils.Database, kind: str) -> int:
    """Remove files of ``kind`` that no version row names (a save cut short); call holding the write lock."""
    folder = _folder(kind)
    if not folder.is_dir():
        return 0
    named = {r[0] for r in db.conn.execute("SELECT path FROM material_versions WHERE kind = ?", (kind,))}
    removed = 0
    for path in folder.iterdir():
        if path.is_file() and f"{FOLDER}/{kind}/{path.name}" not in named:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def sweep_orphans(db: sqlite_utils.Database, kind: str) -> int:
    """Under the write lock, remove stored files of ``kind`` that no version names; returns how many."""
    with transaction(db):
        return _sweep(db, _valid_kind(kind))


def add_version(
    db: sqlite_utils.Database,
    kind: str,
    data: bytes,
    filename: object,
    *,
    job_text: str | None = None,
    job_id: int | None = None,
    at: dt.datetime | None = None,
) -> dict:
    """Check and keep an uploaded file; returns {"id", "version", "new"} ("new" False for a file already kept).

    ``at`` is when it was uploaded (now unless given: the demo's files were uploaded over the past weeks).
    """
    name = shown_name(filename)
    data = bytes(data)
    ext, pages, text, result = check_file(kind, data, name, job_text)  # a bad file stops here: nothing written
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{FOLDER}/{kind}/{digest}{ext}"
    try:
        with transaction(db):
            _sweep(db, kind)
            row = db.conn.execute(
                "SELECT id FROM material_versions WHERE kind = ? AND sha256 = ?", (kind, digest)
            ).fetchone()
            if row is not None:
                return {"id": row[0], "version": version_number(db, row[0]), "new": False}
            version_id = (
                db["material_versions"]
                .insert(
                    {
                        "kind": kind,
                        "filename": name,
                        "sha256": digest,
                        "size": len(data),
                        "path": relative,
                        "pages": pages,
                        "text": text,
                        "result_json": json.dumps(result, ensure_ascii=False, sort_keys=True),
                        "job_id": job_id,
                        "uploaded_at": clock.stamp(at) if at is not None else clock.now_iso(),
                    }
                )
                .last_pk
            )
            _write_file(config.data_dir() / relative, data)  # last: a failure here rolls the row back
    except BaseException:
        if not db.conn.in_transaction:  # a caller's transaction, if any, cleans up after its own rollback
            with contextlib.suppress(PrepError, sqlite3.Error, OSError):
                sweep_orphans(db, kind)
        raise
    return {"id": version_id, "version": version_number(db, version_id), "new": True}


def version_number(db: sqlite_utils.Database, version_id: int) -> int:
    """1 for a kind's first file, 2 for the next..."""
    return db.conn.execute(
        "SELECT COUNT(*) FROM material_versions WHERE kind = (SELECT kind FROM material_versions WHERE id = ?) "
        "AND id <= ?",
        (version_id, version_id),
    ).fetchone()[0]


def _row(record: dict, number: int) -> dict:
    result = json.loads(record["result_json"])
    return {**record, "version": number, "result": result}


def versions(db: sqlite_utils.Database, kind: str) -> list[dict]:
    """Every kept file of ``kind``, oldest first, each with its version number and parsed check result."""
    records = db.query(
        "SELECT id, kind, filename, sha256, size, path, pages, text, result_json, job_id, uploaded_at "
        "FROM material_versions WHERE kind = ? ORDER BY id",
        [_valid_kind(kind)],
    )
    return [_row(r, n) for n, r in enumerate(records, 1)]


def latest(db: sqlite_utils.Database, kind: str) -> dict | None:
    """The newest kept file of ``kind`` (its row, version number and result), or None before the first."""
    record = next(
        db.query(
            "SELECT id, kind, filename, sha256, size, path, pages, text, result_json, job_id, uploaded_at "
            "FROM material_versions WHERE kind = ? ORDER BY id DESC LIMIT 1",
            [_valid_kind(kind)],
        ),
        None,
    )
    return None if record is None else _row(record, version_number(db, record["id"]))


def progress_table(db: sqlite_utils.Database, kind: str) -> pd.DataFrame:
    """One row per version: when, the file, pages, bullets with a figure, findings, checklist items proven."""
    rows = []
    for v in versions(db, kind):
        result = v["result"]
        checklist = result.get("checklist", {})
        rows.append(
            {
                "version": v["version"],
                "uploaded_at": v["uploaded_at"],
                "filename": v["filename"],
                "pages": v["pages"],
                "quantified_bullets": result.get("quantified_bullets"),
                "findings": len(result.get("findings", [])),
                "proven": sum(1 for item in checklist.values() if item.get("passed")),
            }
        )
    columns = ["version", "uploaded_at", "filename", "pages", "quantified_bullets", "findings", "proven"]
    table = pd.DataFrame(rows, columns=columns)
    return table if kind == "resume" else table.drop(columns=["pages", "quantified_bullets"])


def proven_items(db: sqlite_utils.Database) -> dict[str, dict[str, tuple[int, str]]]:
    """Checklist items the newest file of each kind proves: {list id: {item id: (version, evidence)}}."""
    out: dict[str, dict[str, tuple[int, str]]] = {}
    for kind in KINDS:
        newest = latest(db, kind)
        if newest is None:
            continue
        items = newest["result"].get("checklist", {})
        proven = {i: (newest["version"], str(v.get("evidence", ""))) for i, v in items.items() if v.get("passed")}
        if proven:
            out[kind] = proven
    return out
