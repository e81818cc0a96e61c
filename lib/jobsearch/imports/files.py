"""An applications or contacts file as the user hands it over: an upload to preview and import, or a path on disk."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from lib.core.errors import ImportFileError
from lib.jobsearch.imports.applications import import_applications, parse_applications, preview_applications
from lib.jobsearch.imports.contacts import import_contacts, parse_contacts, preview_contacts
from lib.jobsearch.imports.reading import Progress
from lib.jobsearch.imports.summary import ImportSummary
from lib.storage.db import open_db

PREVIEW_ROWS = 50


def preview_file(db: sqlite_utils.Database, kind: str, data: bytes, where: str) -> tuple[list[dict], ImportSummary]:
    """The first rows of an uploaded file, as they would be stored, and what importing it would add."""
    if kind == "applications":
        parsed = parse_applications(data, where)
        summary = preview_applications(db, parsed)
        rows = [
            {
                "company": r["company"],
                "role": r["role"],
                "stage": r["events"][-1][1],
                "date": r["events"][0][0],
                "job_url": r["job_url"],
            }
            for r in parsed.records[:PREVIEW_ROWS]
        ]
    else:
        parsed = parse_contacts(data, where)
        summary = preview_contacts(db, parsed)
        rows = [
            {
                "name": r["name"],
                "company": r["company"],
                "role": r["role"],
                "connected_on": r["connected_on"],
                "profile_url": r["profile_url"],
            }
            for r in parsed.records[:PREVIEW_ROWS]
        ]
    return rows, summary


def import_file(db: sqlite_utils.Database, kind: str, data: bytes, where: str) -> ImportSummary:
    """Import an uploaded applications or contacts file: every row or none."""
    return import_applications(db, data, where) if kind == "applications" else import_contacts(db, data, where)


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot read the file: {exc.strerror or exc}", where=path) from None


def import_path(kind: str, path: str, progress: Progress | None = None) -> ImportSummary:
    """Import an applications or contacts CSV file from disk into the data directory: every row or none."""
    data = _read_file(path)
    importer = import_applications if kind == "applications" else import_contacts
    with open_db() as db:
        return importer(db, data, Path(path).name, progress=progress)
