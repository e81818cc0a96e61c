"""Import previews and LinkedIn connections as a user sees them: rows, counts, the summary line, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lib.core.errors import ImportFileError
from lib.jobsearch import companies
from lib.jobsearch.imports import files as job_files
from lib.jobsearch.imports import linkedin
from lib.jobsearch.imports.contacts import parse_contacts
from lib.jobsearch.imports.summary import ImportSummary, summary_text

TODAY = dt.date(2026, 3, 31)
APPLICATIONS = (
    "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
    "Question And Answers\n"
    '"7/6/23, 2:20 PM",me@example.com,+1 555,Anthropic,"PM, Claude",https://www.linkedin.com/jobs/view/1/,cv.pdf,\n'
    '"1/2/24, 11:59 PM",,,Lumière,Senior PM,,,\n'
)
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya/,p@example.com,Anthropic,Senior PM,05 Mar 2024\n"
    " Chloé ,  Martin ,,,,,\n"
)


def _refusal(call) -> ImportFileError:
    with pytest.raises(ImportFileError) as err:
        call()
    return err.value


def test_an_applications_preview_shows_each_row_as_it_would_be_stored(db) -> None:
    companies.add_company(db, "Anthropic")
    rows, summary = job_files.preview_file(db, "applications", APPLICATIONS.encode(), "Job Applications.csv")
    assert rows == [
        {
            "company": "Anthropic",
            "role": "PM, Claude",
            "stage": "applied",
            "date": "2023-07-06",
            "job_url": "https://www.linkedin.com/jobs/view/1/",
        },
        {"company": "Lumière", "role": "Senior PM", "stage": "applied", "date": "2024-01-02", "job_url": ""},
    ]
    assert summary == ImportSummary("linkedin", 2, 2, 0, 1)
    assert db["applications"].count == 0  # a preview writes nothing


def test_the_preview_shows_the_latest_stage_and_the_first_date(db) -> None:
    own = (
        "company,role,stage_history\nMistral,PM,2024-01-02 applied; 2024-01-09 recruiter_screen; 2024-01-20 rejected\n"
    )
    rows, summary = job_files.preview_file(db, "applications", own.encode(), "applications.csv")
    assert [(r["company"], r["stage"], r["date"]) for r in rows] == [("Mistral", "rejected", "2024-01-02")]
    assert summary.format == "app"


def test_a_contacts_preview_shows_each_row_and_what_is_already_there(db) -> None:
    job_files.import_file(db, "contacts", CONNECTIONS.encode(), "Connections.csv")
    again = CONNECTIONS + "Wei,Zhang,https://www.linkedin.com/in/wei,,Zhipu,PM,01 Jan 2024\n"
    rows, summary = job_files.preview_file(db, "contacts", again.encode(), "Connections.csv")
    assert rows == [
        {
            "name": "Priya Raman",
            "company": "Anthropic",
            "role": "Senior PM",
            "connected_on": "2024-03-05",
            "profile_url": "https://www.linkedin.com/in/priya/",
        },
        {"name": "Chloé Martin", "company": "", "role": "", "connected_on": "", "profile_url": ""},
        {
            "name": "Wei Zhang",
            "company": "Zhipu",
            "role": "PM",
            "connected_on": "2024-01-01",
            "profile_url": "https://www.linkedin.com/in/wei",
        },
    ]
    assert summary == ImportSummary("linkedin", 3, 1, 2, 0)
    assert db["contacts"].count == 2


def test_a_preview_shows_the_first_fifty_rows_and_counts_them_all(db) -> None:
    body = "".join(f"Ada,Person{i},,,,,\n" for i in range(51))
    rows, summary = job_files.preview_file(db, "contacts", (CONNECTIONS.splitlines()[0] + "\n" + body).encode(), "c")
    assert len(rows) == job_files.PREVIEW_ROWS == 50
    assert rows[-1]["name"] == "Ada Person49"
    assert (summary.rows, summary.added) == (51, 51)


def test_import_file_takes_each_kind_to_its_own_table(db) -> None:
    assert job_files.import_file(db, "contacts", CONNECTIONS.encode(), "c.csv") == ImportSummary("linkedin", 2, 2, 0)
    assert job_files.import_file(db, "applications", APPLICATIONS.encode(), "a.csv").added == 2
    assert (db["contacts"].count, db["applications"].count) == (2, 2)


def test_stored_connections_keep_every_field(db) -> None:
    job_files.import_file(db, "contacts", CONNECTIONS.encode(), "Connections.csv")
    stored = [
        {k: r[k] for k in ("name", "company_name", "role", "how_met", "profile_url", "url_key", "email", "warmth")}
        | {"connected_on": r["connected_on"]}
        for r in db["contacts"].rows_where(order_by="id")
    ]
    assert stored == [
        {
            "name": "Priya Raman",
            "company_name": "Anthropic",
            "role": "Senior PM",
            "how_met": "LinkedIn connection",
            "profile_url": "https://www.linkedin.com/in/priya/",
            "url_key": "https://linkedin.com/in/priya",
            "email": "p@example.com",
            "warmth": "warm",
            "connected_on": "2024-03-05",
        },
        {
            "name": "Chloé Martin",
            "company_name": "",
            "role": "",
            "how_met": "LinkedIn connection",
            "profile_url": "",
            "url_key": "",
            "email": "",
            "warmth": "warm",
            "connected_on": "",
        },
    ]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (" , ,https://www.linkedin.com/in/x,,,,", "first name", "empty"),
        ("A," + "b" * 199 + ",,,,,", "first name", "the name is longer than 200 characters (201)"),
        ("A," + "b" * 201 + ",,,,,", "last name", "longer than 200 characters (201)"),
        ("A,B,,,," + "x" * 201 + ",", "position", "longer than 200 characters (201)"),
        ("A,B,,,,,31 Feb 2024", "connected on", "'31 Feb 2024' is not a date"),
        ("A,B,,,,,05 Mar 2030", "connected on", "2030-03-05 is outside a sensible range (2000 to today)"),
    ],
)
def test_a_bad_connection_names_the_column_as_the_file_spells_it(row, field, message) -> None:
    header = "first name,last name,url,email address,company,position,connected on\n"
    err = _refusal(lambda: parse_contacts((header + "Ok,Person,,,,,\n" + row + "\n").encode(), "c.csv", today=TODAY))
    assert (err.message, err.where, err.field) == (message, "c.csv, line 3", field)


def test_a_name_of_exactly_200_characters_is_kept() -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    parsed = parse_contacts((header + "A," + "b" * 198 + ",,,,,\n").encode(), "c.csv", today=TODAY)
    assert parsed.records[0]["name"] == "A " + "b" * 198


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("05 Mar 2024", "2024-03-05"),
        ("5 march 2024", "2024-03-05"),
        ("5 Sept 2024", "2024-09-05"),
        ("5 SEPT 2024", None),
        ("5 Mar", None),
        ("5 Mar 2024 x", None),
        ("5 Mär 2024", None),
        ("5 Ma1 2024", None),
        ("31 Feb 2024", None),
    ],
)
def test_day_month_year_reads_english_month_names_only(value, iso) -> None:
    assert linkedin.day_month_year(value) == iso


@pytest.mark.parametrize(
    ("cells", "joined"),
    [
        (["7/6/23", " 2:20 PM", "Anthropic"], ["7/6/23, 2:20 PM", "Anthropic"]),
        (["7/6/23", "Anthropic"], ["7/6/23", "Anthropic"]),  # the next cell is no time: nothing to rejoin
        (["x", "7/6/23", " 2:20 PM"], ["x", "7/6/23, 2:20 PM"]),
        (["7/6/23"], ["7/6/23"]),
        (["nope", "2:20 PM"], ["nope", "2:20 PM"]),
    ],
)
def test_an_unquoted_linkedin_date_is_rejoined(cells, joined) -> None:
    at = 1 if cells[0] == "x" else 0
    assert linkedin.rejoin_unquoted_date(cells, at, {}) == joined


@pytest.mark.parametrize(
    ("summary", "what", "done", "line"),
    [
        (ImportSummary("linkedin", 4, 3, 1, 2), "applications", True, "Imported 3 applications from a LinkedIn "
         "export (4 rows, 1 already there, 2 new companies)"),
        (ImportSummary("app", 2, 2, 0, 0), "contacts", False, "Ready to import 2 contacts from a app export "
         "(2 rows, 0 already there)"),
    ],
)  # fmt: skip
def test_the_summary_line_says_what_was_and_would_be_done(summary, what, done, line) -> None:
    assert summary_text(summary, what, done=done) == line


def test_the_summary_line_defaults_to_done() -> None:
    assert summary_text(ImportSummary("app", 1, 1, 0), "contacts").startswith("Imported 1 contacts from a app export")


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "gone.csv"
    err = _refusal(lambda: job_files.import_path("contacts", str(missing)))
    assert (err.message, err.where) == ("cannot read the file: No such file or directory", str(missing))
    err = _refusal(lambda: job_files.import_path("applications", str(tmp_path)))
    assert (err.message, err.where) == ("cannot read the file: Is a directory", str(tmp_path))
