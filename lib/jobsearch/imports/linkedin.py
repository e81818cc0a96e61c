"""LinkedIn's data export: Job Applications.csv and Connections.csv, row by row.

LinkedIn writes application dates as '7/6/23, 2:20 PM' (month/day/year) and
connection dates as '05 Mar 2024'; both become ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re

from lib.core.errors import ImportFileError
from lib.jobsearch.common import LIMITS, url_key
from lib.jobsearch.imports.fields import check_date, iso_date, required_text
from lib.jobsearch.imports.rows import Row, check_limits

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
# The limits of the forms that hold the same fields.
APPLICATION_LIMITS = {
    "Company Name": LIMITS["company"],
    "Job Title": LIMITS["role"],
    "Job Url": LIMITS["job_url"],
    "Resume Name": LIMITS["resume_version"],
    "Contact Email": LIMITS["contact_email"],
    "Contact Phone Number": LIMITS["contact_phone"],
}
CONNECTION_LIMITS = {
    "First Name": LIMITS["name"],
    "Last Name": LIMITS["name"],
    "URL": LIMITS["profile_url"],
    "Email Address": LIMITS["email"],
    "Company": LIMITS["company"],
    "Position": LIMITS["contact_role"],
}
# The time after the date is only checked for its shape: the import keeps the day.
_MONTH_DAY_YEAR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm])?)?\s*$")


def linkedin_date(value: str, cache: dict[str, str]) -> str | None:
    """'7/6/23, 2:20 PM' (month/day/year), an ISO date or '05 Mar 2024' as an ISO date; None when it is none."""
    if value in cache:
        return cache[value]
    m = _MONTH_DAY_YEAR.match(value)
    result = None
    if m:
        month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
        try:
            result = dt.date(year, month, day).isoformat()
        except ValueError:
            result = None
    if result is None:
        result = iso_date(value) or day_month_year(value)
    cache[value] = result
    return result


def day_month_year(value: str) -> str | None:
    """'05 Mar 2024' or '5 March 2024' as an ISO date; None when it is not one.

    The month is read from its first three letters (any case, English names),
    so 'Sept' works too; what follows them must be lower-case letters.
    """
    parts = value.split()
    if len(parts) != 3 or not parts[1][:3].isascii():
        return None
    day, month, year = parts
    tail = month[3:]
    if tail and not (tail.isascii() and tail.isalpha() and tail.islower()):
        return None
    try:
        return dt.datetime.strptime(f"{day} {month[:3]} {year}", "%d %b %Y").date().isoformat()
    except ValueError:
        return None


def rejoin_unquoted_date(cells: list[str], at: int, dates: dict[str, str]) -> list[str]:
    """Some tools re-save LinkedIn's file without quoting '7/6/23, 2:20 PM'; its comma then splits the date in two."""
    joined = f"{cells[at]},{cells[at + 1]}" if at + 1 < len(cells) else ""
    if joined and linkedin_date(joined, dates) is not None and ":" in cells[at + 1]:
        return cells[:at] + [joined] + cells[at + 2 :]
    return cells


def application(row: Row, where: str, line: int, today: dt.date, dates: dict[str, str]) -> dict:
    """One row of Job Applications.csv as an application record, applied on its application date."""
    check_limits(row, APPLICATION_LIMITS, where, line)
    raw_date = row["Application Date"]
    applied = check_date(linkedin_date(raw_date, dates), raw_date, where, line, row.label("Application Date"), today)
    url = row["Job Url"]
    return {
        "company": required_text(row, "Company Name", where, line),
        "role": required_text(row, "Job Title", where, line),
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


def contact(row: Row, where: str, line: int, today: dt.date, dates: dict[str, str]) -> dict:
    """One row of Connections.csv as a warm contact met on LinkedIn."""
    check_limits(row, CONNECTION_LIMITS, where, line)
    name = " ".join(f"{row['First Name']} {row['Last Name']}".split())
    if not name:
        raise ImportFileError("empty", where=f"{where}, line {line}", field=row.label("First Name"))
    if len(name) > LIMITS["name"]:
        raise ImportFileError(
            f"the name is longer than {LIMITS['name']} characters ({len(name)})",
            where=f"{where}, line {line}",
            field=row.label("First Name"),
        )
    raw = row["Connected On"]
    connected = check_date(linkedin_date(raw, dates), raw, where, line, row.label("Connected On"), today) if raw else ""
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
