"""Importing applications: LinkedIn's Job Applications.csv or this app's applications.csv, every row or none.

An application already tracked is matched on its job URL, or without one on
company + role + first date, and skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlite_utils

from lib.core import clock
from lib.core.errors import ImportFileError
from lib.jobsearch.applications import APPLICATION_COLUMNS
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
from lib.storage.db import bulk_write


def parse_applications(
    data: bytes | str, where: str = "file", *, today: dt.date | None = None, progress: Progress | None = None
) -> ParsedFile:
    """Read and check every row of an applications CSV (LinkedIn's Job Applications.csv or applications.csv)."""
    today = today or clock.today()
    rows, header = open_csv(
        data, where, linkedin.LINKEDIN_APPLICATIONS + app_export.OWN_APPLICATIONS_REQUIRED, "applications"
    )
    columns = header.columns
    if "first name" in columns and "job title" not in columns:
        raise ImportFileError(
            f"this looks like LinkedIn's Connections.csv, which holds contacts: {IMPORTERS['contacts']}",
            where=f"{where}, line {header.line}",
        )
    from_linkedin = "company name" in columns or "job title" in columns
    require(
        header,
        ["Application Date", "Company Name", "Job Title"] if from_linkedin else app_export.OWN_APPLICATIONS_REQUIRED,
        where,
    )
    read = row_reader(
        header, linkedin.LINKEDIN_APPLICATIONS if from_linkedin else APPLICATION_COLUMNS, own_export=not from_linkedin
    )
    parsed = ParsedFile("applications", "linkedin" if from_linkedin else "app")
    dates: dict[str, str] = {}
    keys: dict[str, str] = {}
    for line, cells in rows:
        if blank(cells):
            continue
        check_length(cells, where, line, header)
        if from_linkedin and len(cells) == len(columns) + 1:
            cells = linkedin.rejoin_unquoted_date(cells, columns["application date"], dates)
        row = read(cells)
        record = (
            linkedin.application(row, where, line, today, dates)
            if from_linkedin
            else app_export.application(row, where, line, today)
        )
        record["company_key"] = cached_key(keys, record["company"])
        parsed.records.append(record)
        if progress and len(parsed.records) % PROGRESS_EVERY == 0:
            progress(len(parsed.records), 0)
    return parsed


def _application_key(rec: dict) -> str | tuple[str, str, str]:
    if rec["url_key"]:
        return rec["url_key"]
    return (rec["company_key"], rec["role"].casefold(), rec["events"][0][0])


def _existing_application_keys(db: sqlite_utils.Database) -> Counter:
    keys: Counter = Counter(row["url_key"] for row in db["applications"].rows_where("url_key != ''", select="url_key"))
    for company, role, first in db.conn.execute(
        """SELECT c.name, a.role, (SELECT MIN(on_date) FROM stage_events e WHERE e.application_id = a.id)
           FROM applications a JOIN companies c ON c.id = a.company_id WHERE a.url_key = ''"""
    ):
        keys[(name_key(company), role.casefold(), first or "")] += 1
    return keys


def preview_applications(db: sqlite_utils.Database, parsed: ParsedFile) -> ImportSummary:
    """What importing the parsed applications would add, without writing."""
    fresh, dupes = new_records(parsed, _application_key, _existing_application_keys(db))
    new_companies = {r["company_key"] for r in fresh} - set(live_company_ids(db))
    return ImportSummary(parsed.format, len(parsed.records), len(fresh), dupes, len(new_companies))


def _link_contacts(db: sqlite_utils.Database, new_companies: dict[str, int]) -> None:
    """Contacts saved before their company arrived with an import now count as working there, as after the form."""
    if not new_companies:
        return
    links = [
        (new_companies[key], cid)
        for cid, name in db.conn.execute("SELECT id, company_name FROM contacts WHERE company_id IS NULL")
        if name and (key := name_key(name)) in new_companies
    ]
    db.conn.executemany("UPDATE contacts SET company_id = ? WHERE id = ?", links)


def write_applications(
    db: sqlite_utils.Database, parsed: ParsedFile, progress: Progress | None = None
) -> ImportSummary:
    """Insert the parsed applications that are not already tracked, all in one transaction."""
    now = clock.now_iso()
    with bulk_write(db, ["companies", "applications", "stage_events", "application_actions"]):
        fresh, dupes = new_records(parsed, _application_key, _existing_application_keys(db))
        companies = live_company_ids(db)
        new_companies: dict[str, str] = {}
        for rec in fresh:
            key = rec["company_key"]
            if key not in companies and key not in new_companies:
                new_companies[key] = rec["company"]
        # Ids are assigned here so that applications can point at companies inserted in the same batch.
        next_company = (db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM companies").fetchone()[0]) + 1
        company_rows = []
        for key, shown in new_companies.items():
            companies[key] = next_company
            company_rows.append((next_company, shown, key, now))
            next_company += 1
        db.conn.executemany("INSERT INTO companies (id, name, name_key, created_at) VALUES (?,?,?,?)", company_rows)
        _link_contacts(db, {key: companies[key] for key in new_companies})
        next_app = (db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM applications").fetchone()[0]) + 1
        apps, events, actions = [], [], []
        for n, rec in enumerate(fresh):
            app_id = next_app + n
            apps.append(
                (
                    app_id,
                    companies[rec["company_key"]],
                    rec["role"],
                    rec["job_url"],
                    rec["url_key"],
                    rec["source"],
                    rec["resume_version"],
                    rec["salary_range"],
                    rec["notes"],
                    rec["contact_email"],
                    rec["contact_phone"],
                    rec["questions_answers"],
                    now,
                )
            )
            events.extend((app_id, stage, day, "imported", now) for day, stage in rec["events"])
            if rec["action"]:
                actions.append((app_id, rec["action"][0], rec["action"][1], now))
            if progress and (n + 1) % PROGRESS_EVERY == 0:
                progress(n + 1, len(fresh))
        db.conn.executemany(
            """INSERT INTO applications (id, company_id, role, job_url, url_key, source, resume_version, salary_range,
               notes, contact_email, contact_phone, questions_answers, created_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            apps,
        )
        db.conn.executemany(
            "INSERT INTO stage_events (application_id, stage, on_date, note, created_at) VALUES (?,?,?,?,?)", events
        )
        db.conn.executemany(
            "INSERT INTO application_actions (application_id, action, due_on, at) VALUES (?,?,?,?)", actions
        )
    return ImportSummary(parsed.format, len(parsed.records), len(fresh), dupes, len(company_rows))


def import_applications(
    db: sqlite_utils.Database,
    data: bytes | str,
    where: str = "file",
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Parse, check and write an applications CSV: every row or none."""
    return write_applications(db, parse_applications(data, where, today=today, progress=progress), progress)
