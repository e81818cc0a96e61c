"""Importing applications and contacts from CSV: the app's own exports and LinkedIn's data export.

Both importers are all-or-nothing: every row is checked before anything is
written, the first bad row stops the import with its line number and field,
and the rows go in with one transaction. Re-importing a file adds nothing:
applications are matched on their job URL and contacts on their profile URL
(or, without a URL, on company + role + date and name + company).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from lib.core.errors import ImportFileError
from lib.jobsearch.applications import ALL_STAGES, APPLICATION_COLUMNS
from lib.jobsearch.common import name_key, now_iso, url_key
from lib.jobsearch.networking import CONTACT_COLUMNS, EVENT_KINDS, WARMTH
from lib.storage.db import bulk_write, open_db

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000
MAX_FIELD = 20_000

LINKEDIN_APPLICATIONS = [
    "Application Date",
    "Contact Email",
    "Contact Phone Number",
    "Company Name",
    "Job Title",
    "Job Url",
    "Resume Name",
    "Question And Answers",
]
LINKEDIN_CONNECTIONS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
OWN_APPLICATIONS_REQUIRED = ["company", "role"]
OWN_CONTACTS_REQUIRED = ["name"]
_LINKEDIN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm])?)?\s*$")
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s*$")


@dataclass
class ParsedFile:
    """Rows read and checked from a file, ready to write; nothing stored yet."""

    kind: str  # "applications" or "contacts"
    format: str  # "linkedin" or "app"
    records: list[dict] = field(default_factory=list)


@dataclass
class ImportSummary:
    """What an import did (or, for a preview, would do)."""

    format: str
    rows: int
    added: int
    duplicates: int
    companies_added: int = 0


# ---------------------------------------------------------------- reading files


def decode(data: bytes | str, where: str) -> str:
    """File bytes as text; a byte-order mark is dropped, anything but UTF-8 is refused."""
    if isinstance(data, str):
        return _plain_newlines(data.removeprefix("\ufeff"))
    try:
        return _plain_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8", where=where) from None


def _plain_newlines(text: str) -> str:
    """Windows line ends become plain newlines, also inside quoted fields (line numbers stay the same)."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def _rows(text: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells) for each CSV record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    try:
        for cells in reader:
            yield last + 1, cells
            last = reader.line_num
    except csv.Error as exc:
        raise ImportFileError(f"not valid CSV: {exc}", where=f"{where}, line {reader.line_num}") from None


def _cached_key(cache: dict[str, str], name: str) -> str:
    """name_key(name), computed once per distinct company name in a file."""
    key = cache.get(name)
    if key is None:
        key = cache[name] = name_key(name)
    return key


def _blank(cells: list[str]) -> bool:
    """A record with no text at all (an empty line, or only commas)."""
    return not cells or (not cells[0].strip() and not "".join(cells).strip())


def _find_header(
    rows: Iterator[tuple[int, list[str]]], wanted: list[str], where: str, max_skip: int = 20, also: tuple[str, ...] = ()
) -> tuple[int, dict[str, int]]:
    """Skip note lines before the header row; map header names (case-insensitive) to column positions.

    ``also`` names columns of the other importer's files, so a file given to the wrong one is recognised.
    """
    wanted_keys = {w.casefold() for w in (*wanted, *also)}
    for line, cells in rows:
        names = {c.strip().removeprefix("\ufeff").casefold(): i for i, c in enumerate(cells)}
        if wanted_keys & set(names):
            return line, names
        if line > max_skip:
            break
    raise ImportFileError(f"no header row found; expected columns {', '.join(wanted)}", where=where)


def _require(columns: dict[str, int], required: list[str], where: str, line: int) -> None:
    missing = [r for r in required if r.casefold() not in columns]
    if missing:
        raise ImportFileError(
            f"missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
            where=f"{where}, line {line}",
            field=missing[0],
        )


def _row_reader(columns: dict[str, int], names: list[str]) -> Callable[[list[str]], dict[str, str]]:
    """A function turning a record's cells into {column name: trimmed text}, '' for absent columns."""
    pairs = [(n, columns.get(n.casefold(), -1)) for n in names]

    def read(cells: list[str]) -> dict[str, str]:
        width = len(cells)
        return {n: (cells[i].strip() if 0 <= i < width else "") for n, i in pairs}

    return read


def _linkedin_date(value: str, cache: dict[str, str]) -> str | None:
    """'7/6/23, 2:20 PM' (month/day/year) as an ISO date; None when it is not one."""
    if value in cache:
        return cache[value]
    m = _LINKEDIN_DATE.match(value)
    result = None
    if m:
        month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
        try:
            result = dt.date(year, month, day).isoformat()
        except ValueError:
            result = None
    if result is None:
        result = _iso_date(value) or _day_month_year(value)
    cache[value] = result
    return result


def _day_month_year(value: str) -> str | None:
    """'05 Mar 2024' as an ISO date."""
    m = _DAY_MONTH_YEAR.match(value)
    if not m or m.group(2).casefold() not in _MONTHS:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2).casefold()], int(m.group(1))).isoformat()
    except ValueError:
        return None


def _iso_date(value: str) -> str | None:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _check_date(value: str | None, raw: str, where: str, line: int, field_name: str, today: dt.date) -> str:
    if value is None:
        raise ImportFileError(f"'{raw}' is not a date", where=f"{where}, line {line}", field=field_name)
    if value > today.isoformat() or value < "2000-01-01":
        raise ImportFileError(
            f"{value} is outside a sensible range (2000 to today)", where=f"{where}, line {line}", field=field_name
        )
    return value


def _check_length(cells: list[str], where: str, line: int, header: dict[str, int]) -> None:
    if max(map(len, cells), default=0) <= MAX_FIELD:
        return
    for i, cell in enumerate(cells):
        if len(cell) > MAX_FIELD:
            name = next((n for n, j in header.items() if j == i), f"column {i + 1}")
            raise ImportFileError(
                f"a field longer than {MAX_FIELD} characters", where=f"{where}, line {line}", field=name
            )


def _history(
    value: str, kinds: tuple[str, ...] | dict, where: str, line: int, field_name: str, today: dt.date
) -> list[tuple[str, str]]:
    """'2024-01-02 applied; 2024-01-09 rejected' as [(date, kind), …] in the file's order."""
    events = []
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        day, _, kind = part.partition(" ")
        kind = kind.strip()
        if kind not in kinds:
            raise ImportFileError(
                f"unknown stage or event '{kind}' in '{part}'", where=f"{where}, line {line}", field=field_name
            )
        events.append((_check_date(_iso_date(day), day, where, line, field_name, today), kind))
    for (a, _), (b, _) in zip(events, events[1:], strict=False):
        if b < a:
            raise ImportFileError(
                f"dates go backwards ({b} after {a})", where=f"{where}, line {line}", field=field_name
            )
    return events


# ---------------------------------------------------------------- applications


def parse_applications(
    data: bytes | str, where: str = "file", *, today: dt.date | None = None, progress: Progress | None = None
) -> ParsedFile:
    """Read and check every row of an applications CSV (LinkedIn's Job Applications.csv or applications.csv)."""
    today = today or dt.date.today()
    rows = _rows(decode(data, where), where)
    header_line, columns = _find_header(
        rows, LINKEDIN_APPLICATIONS + OWN_APPLICATIONS_REQUIRED, where, also=("First Name",)
    )
    if "first name" in columns and "job title" not in columns:
        raise ImportFileError(
            "this looks like LinkedIn's Connections.csv; import it as contacts (import-contacts)",
            where=f"{where}, line {header_line}",
        )
    linkedin = "company name" in columns or "job title" in columns
    _require(
        columns,
        ["Application Date", "Company Name", "Job Title"] if linkedin else OWN_APPLICATIONS_REQUIRED,
        where,
        header_line,
    )
    read = _row_reader(columns, LINKEDIN_APPLICATIONS if linkedin else APPLICATION_COLUMNS)
    parsed = ParsedFile("applications", "linkedin" if linkedin else "app")
    dates: dict[str, str] = {}
    keys: dict[str, str] = {}
    for line, cells in rows:
        if _blank(cells):
            continue
        _check_length(cells, where, line, columns)
        if linkedin and len(cells) == len(columns) + 1:
            cells = _rejoin_unquoted_date(cells, columns["application date"], dates)
        row = read(cells)
        record = (
            _linkedin_application(row, where, line, today, dates)
            if linkedin
            else _own_application(row, where, line, today)
        )
        record["company_key"] = _cached_key(keys, record["company"])
        parsed.records.append(record)
        if progress and len(parsed.records) % PROGRESS_EVERY == 0:
            progress(len(parsed.records), 0)
    return parsed


def _rejoin_unquoted_date(cells: list[str], at: int, dates: dict[str, str]) -> list[str]:
    """Some tools re-save LinkedIn's file without quoting '7/6/23, 2:20 PM'; its comma then splits the date in two."""
    joined = f"{cells[at]},{cells[at + 1]}" if at + 1 < len(cells) else ""
    if joined and _linkedin_date(joined, dates) is not None and ":" in cells[at + 1]:
        return cells[:at] + [joined] + cells[at + 2 :]
    return cells


def _required_text(row: dict[str, str], name: str, where: str, line: int) -> str:
    value = " ".join(row[name].split())
    if not value:
        raise ImportFileError("empty", where=f"{where}, line {line}", field=name)
    return value


def _linkedin_application(row: dict[str, str], where, line, today, dates) -> dict:
    raw_date = row["Application Date"]
    applied = _check_date(_linkedin_date(raw_date, dates), raw_date, where, line, "Application Date", today)
    url = row["Job Url"]
    return {
        "company": _required_text(row, "Company Name", where, line),
        "role": _required_text(row, "Job Title", where, line),
        "job_url": url,
        "url_key": url_key(url),
        "source": "LinkedIn",
        "resume_version": row["Resume Name"],
        "salary_range": "",
        "notes": "",
        "contact_email": row["Contact Email"],
        "contact_phone": row["Contact Phone Number"],
        "questions_answers": row["Question And Answers"],
        "events": [(applied, "applied")],
        "action": None,
    }


def _own_application(row: dict[str, str], where, line, today) -> dict:
    history = _history(row["stage_history"], ALL_STAGES, where, line, "stage_history", today)
    if not history:
        stage = row["stage"] or "applied"
        if stage not in ALL_STAGES:
            raise ImportFileError(f"unknown stage '{stage}'", where=f"{where}, line {line}", field="stage")
        raw = row["stage_on"] or row["applied_on"] or today.isoformat()
        history = [(_check_date(_iso_date(raw), raw, where, line, "stage_on", today), stage)]
    due_raw = row["next_action_due"]
    due = _iso_date(due_raw) if due_raw else None
    if due_raw and due is None:
        raise ImportFileError(f"'{due_raw}' is not a date", where=f"{where}, line {line}", field="next_action_due")
    url = row["job_url"]
    return {
        "company": _required_text(row, "company", where, line),
        "role": _required_text(row, "role", where, line),
        "job_url": url,
        "url_key": url_key(url),
        "source": row["source"],
        "resume_version": row["resume_version"],
        "salary_range": row["salary_range"],
        "notes": row["notes"],
        "contact_email": "",
        "contact_phone": "",
        "questions_answers": "",
        "events": history,
        "action": (row["next_action"], due) if row["next_action"] else None,
    }


def _application_key(rec: dict) -> str:
    if rec["url_key"]:
        return rec["url_key"]
    return "\x1f".join((rec["company_key"], rec["role"].casefold(), rec["events"][0][0]))


def _existing_application_keys(db: sqlite_utils.Database) -> set[str]:
    keys = {k for (k,) in db.conn.execute("SELECT url_key FROM applications WHERE url_key != ''")}
    for company, role, first in db.conn.execute(
        """SELECT c.name, a.role, (SELECT MIN(on_date) FROM stage_events e WHERE e.application_id = a.id)
           FROM applications a JOIN companies c ON c.id = a.company_id WHERE a.url_key = ''"""
    ):
        keys.add("\x1f".join((name_key(company), role.casefold(), first or "")))
    return keys


def _company_ids(db: sqlite_utils.Database) -> dict[str, int]:
    return {k: i for i, k in db.conn.execute("SELECT id, name_key FROM companies WHERE merged_into IS NULL")}


def _new_records(parsed: ParsedFile, key_fn: Callable[[dict], str], existing: set[str]) -> tuple[list[dict], int]:
    """The records not already stored nor repeated earlier in the file, and how many were skipped."""
    fresh, seen, dupes = [], set(existing), 0
    for rec in parsed.records:
        key = key_fn(rec)
        if key in seen:
            dupes += 1
            continue
        seen.add(key)
        fresh.append(rec)
    return fresh, dupes


def preview_applications(db: sqlite_utils.Database, parsed: ParsedFile) -> ImportSummary:
    """What importing the parsed applications would add, without writing."""
    fresh, dupes = _new_records(parsed, _application_key, _existing_application_keys(db))
    known = _company_ids(db)
    new_companies = {r["company_key"] for r in fresh} - set(known)
    return ImportSummary(parsed.format, len(parsed.records), len(fresh), dupes, len(new_companies))


def write_applications(
    db: sqlite_utils.Database, parsed: ParsedFile, progress: Progress | None = None
) -> ImportSummary:
    """Insert the parsed applications that are not already tracked, all in one transaction."""
    now = now_iso()
    with bulk_write(db, ["companies", "applications", "stage_events", "application_actions"]):
        fresh, dupes = _new_records(parsed, _application_key, _existing_application_keys(db))
        companies = _company_ids(db)
        new_companies: dict[str, str] = {}
        for rec in fresh:
            key = rec["company_key"]
            if key not in companies and key not in new_companies:
                new_companies[key] = rec["company"]
        next_company = (db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM companies").fetchone()[0]) + 1
        company_rows = []
        for key, shown in new_companies.items():
            companies[key] = next_company
            company_rows.append((next_company, shown, key, now))
            next_company += 1
        db.conn.executemany("INSERT INTO companies (id, name, name_key, created_at) VALUES (?,?,?,?)", company_rows)
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
            """INSERT INTO applications (id, company_id, role, job_url, url_key, source, resume_version, salary_range, notes,
               contact_email, contact_phone, questions_answers, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
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


# ---------------------------------------------------------------- contacts


def parse_contacts(
    data: bytes | str, where: str = "file", *, today: dt.date | None = None, progress: Progress | None = None
) -> ParsedFile:
    """Read and check every row of a contacts CSV (LinkedIn's Connections.csv or networking.csv)."""
    today = today or dt.date.today()
    rows = _rows(decode(data, where), where)
    header_line, columns = _find_header(
        rows,
        LINKEDIN_CONNECTIONS + OWN_CONTACTS_REQUIRED,
        where,
        also=("Job Title", "Application Date", "stage_history"),
    )
    if "job title" in columns or "application date" in columns or "stage_history" in columns:
        raise ImportFileError(
            "this looks like an applications file; import it as applications (import-applications)",
            where=f"{where}, line {header_line}",
        )
    linkedin = "first name" in columns or "last name" in columns
    _require(columns, ["First Name", "Last Name"] if linkedin else OWN_CONTACTS_REQUIRED, where, header_line)
    read = _row_reader(columns, LINKEDIN_CONNECTIONS if linkedin else CONTACT_COLUMNS)
    parsed = ParsedFile("contacts", "linkedin" if linkedin else "app")
    dates: dict[str, str] = {}
    keys: dict[str, str] = {}
    for line, cells in rows:
        if _blank(cells):
            continue
        _check_length(cells, where, line, columns)
        row = read(cells)
        record = (
            _linkedin_contact(row, where, line, today, dates) if linkedin else _own_contact(row, where, line, today)
        )
        record["company_key"] = _cached_key(keys, record["company"])
        parsed.records.append(record)
        if progress and len(parsed.records) % PROGRESS_EVERY == 0:
            progress(len(parsed.records), 0)
    return parsed


def _linkedin_contact(row: dict[str, str], where, line, today, dates) -> dict:
    name = " ".join(f"{row['First Name']} {row['Last Name']}".split())
    if not name:
        raise ImportFileError("empty", where=f"{where}, line {line}", field="First Name")
    raw = row["Connected On"]
    connected = _check_date(_linkedin_date(raw, dates), raw, where, line, "Connected On", today) if raw else ""
    url = row["URL"]
    return {
        "name": name,
        "company": row["Company"],
        "role": row["Position"],
        "how_met": "LinkedIn connection",
        "profile_url": url,
        "url_key": url_key(url),
        "email": row["Email Address"],
        "warmth": "warm",
        "connected_on": connected,
        "events": [],
    }


def _own_contact(row: dict[str, str], where, line, today) -> dict:
    name = _required_text(row, "name", where, line)
    warmth = row["warmth"] or "cold"
    if warmth not in WARMTH:
        raise ImportFileError(f"'{warmth}' is neither warm nor cold", where=f"{where}, line {line}", field="warmth")
    raw = row["connected_on"]
    connected = _check_date(_iso_date(raw), raw, where, line, "connected_on", today) if raw else ""
    url = row["profile_url"]
    return {
        "name": name,
        "company": row["company"],
        "role": row["role"],
        "how_met": row["how_met"],
        "profile_url": url,
        "url_key": url_key(url),
        "email": row["email"],
        "warmth": warmth,
        "connected_on": connected,
        # A chat can be scheduled ahead, so history may reach into the coming year.
        "events": _history(row["history"], tuple(EVENT_KINDS), where, line, "history", today + dt.timedelta(days=366)),
    }


def _contact_key(rec: dict) -> str:
    return rec["url_key"] or "\x1f".join((rec["name"].casefold(), rec["company_key"]))


def _existing_contact_keys(db: sqlite_utils.Database) -> set[str]:
    keys = set()
    for url, name, company in db.conn.execute("SELECT url_key, name, company_name FROM contacts"):
        keys.add(url or "\x1f".join((name.casefold(), name_key(company))))
    return keys


def preview_contacts(db: sqlite_utils.Database, parsed: ParsedFile) -> ImportSummary:
    """What importing the parsed contacts would add, without writing."""
    fresh, dupes = _new_records(parsed, _contact_key, _existing_contact_keys(db))
    return ImportSummary(parsed.format, len(parsed.records), len(fresh), dupes)


def write_contacts(db: sqlite_utils.Database, parsed: ParsedFile, progress: Progress | None = None) -> ImportSummary:
    """Insert the parsed contacts not already saved, linked to target companies by name, in one transaction."""
    now = now_iso()
    with bulk_write(db, ["contacts", "contact_events"]):
        fresh, dupes = _new_records(parsed, _contact_key, _existing_contact_keys(db))
        companies = _company_ids(db)
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
            """INSERT INTO contacts (id, name, company_id, company_name, role, how_met, profile_url, url_key, email, warmth, connected_on, created_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
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


# ---------------------------------------------------------------- command line


def _stderr_progress(done: int, total: int) -> None:
    print(f"  … {done}{f' / {total}' if total else ''} rows", file=sys.stderr, flush=True)


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot read the file: {exc.strerror or exc}", where=path) from None


def _summary_line(summary: ImportSummary, what: str, done: bool = True) -> str:
    source = "LinkedIn export" if summary.format == "linkedin" else "app export"
    extra = f", {summary.companies_added} new companies" if summary.companies_added else ""
    verb = "Imported" if done else "Ready to import"
    return f"{verb} {summary.added} {what} from a {source} ({summary.rows} rows, {summary.duplicates} already there{extra})"


def _cli_import(args: argparse.Namespace) -> int:
    data = _read_file(args.file)
    importer = import_applications if args.kind == "applications" else import_contacts
    with open_db() as db:
        summary = importer(db, data, Path(args.file).name, progress=_stderr_progress)
    print(_summary_line(summary, args.kind))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the import-applications and import-contacts commands."""
    p = sub.add_parser(
        "import-applications", help="import applications from applications.csv or LinkedIn's Job Applications.csv"
    )
    p.add_argument("file", metavar="FILE.csv")
    p.set_defaults(func=_cli_import, kind="applications")
    p = sub.add_parser("import-contacts", help="import contacts from networking.csv or LinkedIn's Connections.csv")
    p.add_argument("file", metavar="FILE.csv")
    p.set_defaults(func=_cli_import, kind="contacts")


# ---------------------------------------------------------------- page preview

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


def summary_text(summary: ImportSummary, what: str, done: bool = True) -> str:
    """One line describing an import (or, with done=False, its preview)."""
    return _summary_line(summary, what, done)
