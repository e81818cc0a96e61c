"""Importing contacts: LinkedIn's Connections.csv or this app's networking.csv, every row or none.

A contact already saved is matched on their profile URL, or without one on
name + company, and skipped. Contacts at a target company are linked to it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlite_utils

from lib.core import clock
from lib.core.errors import ImportFileError
from lib.jobsearch.common import name_key
from lib.jobsearch.companies import live_company_ids
from lib.jobsearch.imports import app_export, linkedin
from lib.jobsearch.imports.known_files import IMPORTERS
from lib.jobsearch.imports.reading import (
    PROGRESS_EVERY,
    ParsedFile,
    Progress,
    blank,
    cached_key,
    check_length,
    open_csv,
    require,
    row_reader,
)
from lib.jobsearch.imports.summary import ImportSummary, new_records
from lib.jobsearch.networking import CONTACT_COLUMNS
from lib.storage.db import bulk_write


def parse_contacts(
    data: bytes | str, where: str = "file", *, today: dt.date | None = None, progress: Progress | None = None
) -> ParsedFile:
    """Read and check every row of a contacts CSV (LinkedIn's Connections.csv or networking.csv)."""
    today = today or clock.today()
    rows, header = open_csv(data, where, linkedin.LINKEDIN_CONNECTIONS + app_export.OWN_CONTACTS_REQUIRED, "contacts")
    columns = header.columns
    if "job title" in columns or "application date" in columns or "stage_history" in columns:
        raise ImportFileError(
            f"this looks like an applications file: {IMPORTERS['applications']}",
            where=f"{where}, line {header.line}",
        )
    from_linkedin = "first name" in columns or "last name" in columns
    require(header, ["First Name", "Last Name"] if from_linkedin else app_export.OWN_CONTACTS_REQUIRED, where)
    read = row_reader(
        header, linkedin.LINKEDIN_CONNECTIONS if from_linkedin else CONTACT_COLUMNS, own_export=not from_linkedin
    )
    parsed = ParsedFile("contacts", "linkedin" if from_linkedin else "app")
    dates: dict[str, str] = {}
    keys: dict[str, str] = {}
    for line, cells in rows:
        if blank(cells):
            continue
        check_length(cells, where, line, header)
        row = read(cells)
        record = (
            linkedin.contact(row, where, line, today, dates)
            if from_linkedin
            else app_export.contact(row, where, line, today)
        )
        record["company_key"] = cached_key(keys, record["company"])
        parsed.records.append(record)
        if progress and len(parsed.records) % PROGRESS_EVERY == 0:
            progress(len(parsed.records), 0)
    return parsed


def _contact_key(rec: dict) -> str | tuple[str, str]:
    return rec["url_key"] or (rec["name"].casefold(), rec["company_key"])


def _existing_contact_keys(db: sqlite_utils.Database) -> Counter:
    return Counter(
        row["url_key"] or (row["name"].casefold(), name_key(row["company_name"]))
        for row in db["contacts"].rows_where(select="url_key, name, company_name")
    )


def preview_contacts(db: sqlite_utils.Database, parsed: ParsedFile) -> ImportSummary:
    """What importing the parsed contacts would add, without writing."""
    fresh, dupes = new_records(parsed, _contact_key, _existing_contact_keys(db))
    return ImportSummary(parsed.format, len(parsed.records), len(fresh), dupes)


def write_contacts(db: sqlite_utils.Database, parsed: ParsedFile, progress: Progress | None = None) -> ImportSummary:
    """Insert the parsed contacts not already saved, linked to target companies by name, in one transaction."""
    now = clock.now_iso()
    with bulk_write(db, ["contacts", "contact_events"]):
        fresh, dupes = new_records(parsed, _contact_key, _existing_contact_keys(db))
        companies = live_company_ids(db)
        next_id = (db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM contacts").fetchone()[0]) + 1
        rows, events = [], []
        for n, rec in enumerate(fresh):
            cid = next_id + n
            rows.append(
                (
                    cid,
                    rec["name"],
                    companies.get(rec["company_key"]) if rec["company"] else None,
                    rec["company"],
                    rec["role"],
                    rec["how_met"],
                    rec["profile_url"],
                    rec["url_key"],
                    rec["email"],
                    rec["warmth"],
                    rec["connected_on"],
                    now,
                )
            )
            events.extend((cid, kind, day, "imported", now) for day, kind in rec["events"])
            if progress and (n + 1) % PROGRESS_EVERY == 0:
                progress(n + 1, len(fresh))
        db.conn.executemany(
            """INSERT INTO contacts (id, name, company_id, company_name, role, how_met, profile_url, url_key, email,
               warmth, connected_on, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
            rows,
        )
        db.conn.executemany(
            "INSERT INTO contact_events (contact_id, kind, on_date, note, created_at) VALUES (?,?,?,?,?)", events
        )
    return ImportSummary(parsed.format, len(parsed.records), len(fresh), dupes)


def import_contacts(
    db: sqlite_utils.Database,
    data: bytes | str,
    where: str = "file",
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Parse, check and write a contacts CSV: every row or none."""
    return write_contacts(db, parse_contacts(data, where, today=today, progress=progress), progress)
