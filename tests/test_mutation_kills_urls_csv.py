"""The small judges of imported text: link keys, spreadsheet-safe cells, column names as spelled, known files."""

from __future__ import annotations

import io

import pytest

from lib.core import csvsafe
from lib.core.errors import ImportFileError
from lib.core.urls import is_tracking, url_key
from lib.jobsearch.imports import known_files
from lib.jobsearch.imports.rows import Header, Row, check_limits


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("", ""),
        (None, ""),
        ("   ", ""),
        (" https://a.com/b ", "https://a.com/b"),
        ("HTTPS://WWW.LinkedIn.com/in/X/", "https://linkedin.com/in/X"),
        ("linkedin.com/in/x", "https://linkedin.com/in/x"),
        ("www.example.com", "https://example.com"),
        ("ftp://Host.com/x", "https://host.com/x"),
        ("http://example.com:80/a", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:443/a", "https://example.com:443/a"),
        ("https://example.com:8080/a", "https://example.com:8080/a"),
        ("https://x.com/j?utm_source=a&id=2&trk=b&UTM_Medium=c&Ref=x", "https://x.com/j?id=2"),
        ("https://x.com/j?b=2&a=1&a=0", "https://x.com/j?a=0&a=1&b=2"),
        ("https://x.com/j?a=", "https://x.com/j?a="),
        ("https://x.com/app#section", "https://x.com/app"),
        ("https://x.com/app#/jobs/1", "https://x.com/app#/jobs/1"),
        ("https://x.com/app#!x", "https://x.com/app#!x"),
        ("https://www.linkedin.com/jobs/search/?currentJobId=123&keywords=pm", "https://linkedin.com/jobs/view/123"),
        (
            "https://uk.linkedin.com/jobs/collections/recommended/?currentjobid=%209%20",
            "https://linkedin.com/jobs/view/9",
        ),
        ("https://linkedin.com/jobs/?currentJobId=7", "https://linkedin.com/jobs/view/7"),
        (
            "https://www.linkedin.com/jobs/search/?currentJobId=%20&keywords=pm",
            "https://linkedin.com/jobs/search?currentJobId=+&keywords=pm",
        ),
        ("https://notlinkedin.com/?currentJobId=1", "https://notlinkedin.com?currentJobId=1"),
        ("https://uk.indeed.com/jobs?q=pm&vjk=abc", "https://uk.indeed.com/viewjob?jk=abc"),
        ("https://indeed.com/jobs?vjk=b&jk=a", "https://indeed.com/viewjob?jk=a"),
        ("https://indeed.com/jobs?jk=&vjk=%20b", "https://indeed.com/viewjob?jk=b"),
        ("https://indeed.com/jobs?jk=+&q=x", "https://indeed.com/jobs?jk=+&q=x"),
        ("https://example.com/jobs?jk=1", "https://example.com/jobs?jk=1"),
        ("http://[::1", "https://http://[::1"),  # a host urllib refuses: the text itself is the key
        ("HTTP://[::1", "https://http://[::1"),
    ],
)
def test_each_link_reduces_to_the_key_of_its_page(url, key) -> None:
    assert url_key(url) == key


@pytest.mark.parametrize(
    ("name", "tracking"),
    [
        ("utm_source", True),
        ("UTM_Campaign", True),
        ("Ref", True),
        ("trk", True),
        ("gh_src", True),
        ("mc_eid", True),
        ("int_source", True),
        ("reference", False),
        ("jk", False),
        ("gh_jid", False),
        ("currentJobId", False),
        ("utm", False),
    ],
)
def test_tracking_parameters_are_known_by_name_or_prefix(name, tracking) -> None:
    assert is_tracking(name) is tracking


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_written_as_text_and_read_back(start) -> None:
    text = start + "HYPERLINK(x)"
    assert csvsafe.safe_cell(text) == "'" + text
    assert csvsafe.restore_cell("'" + text) == text
    # A cell that already held the quote gets another, so reading it back gives the quote too.
    assert csvsafe.safe_cell("'" + text) == "''" + text
    assert csvsafe.restore_cell("''" + text) == "'" + text


@pytest.mark.parametrize("value", ["", "plain", "'quoted", "a=b", 5, None, 1.5])
def test_other_cells_are_written_and_read_as_they_are(value) -> None:
    assert csvsafe.safe_cell(value) == value
    if isinstance(value, str):
        assert csvsafe.restore_cell(value) == value


def test_the_safe_writer_neutralises_every_cell_of_every_row() -> None:
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\n")
    writer.writerow(["=1+1", "ok", 3])
    writer.writerows([["@cmd", "-2"], ["fine"]])
    assert out.getvalue() == "'=1+1,ok,3\n'@cmd,'-2\nfine\n"


def _header() -> Header:
    return Header(line=2, columns={"company name": 0, "job title": 1, "ghost": 5}, names=["COMPANY Name", "Job title"])


def test_a_column_is_named_as_the_file_spells_it() -> None:
    header = _header()
    assert header.label("Company Name") == "COMPANY Name"
    assert header.label("job title") == "Job title"
    assert header.label("Resume Name") == "Resume Name"  # not in the file: the importer's own spelling
    assert header.label("ghost") == "ghost"


def test_a_cell_over_its_limit_is_refused_naming_line_and_column() -> None:
    row = Row({"Company Name": "x" * 200, "Job Title": "y" * 11}, _header())
    check_limits(row, {"Company Name": 200, "Resume Name": 0}, "a.csv", 4)
    with pytest.raises(ImportFileError) as err:
        check_limits(row, {"Company Name": 200, "Job Title": 10}, "a.csv", 4)
    assert (err.value.message, err.value.where, err.value.field) == (
        "longer than 10 characters (11)",
        "a.csv, line 4",
        "Job title",
    )


def _columns(names) -> dict[str, int]:
    return {n.casefold(): i for i, n in enumerate(names)}


@pytest.mark.parametrize("known", known_files.KNOWN_FILES, ids=lambda f: f.name)
def test_each_known_file_is_recognised_by_its_header(known) -> None:
    assert known_files.identify(_columns(sorted(known.columns) + ["extra"])) is known


def test_a_header_that_is_no_known_file_is_none_of_them() -> None:
    assert known_files.identify(_columns(["company", "role", "stage"])) is None
    known_files.refuse_other_file(_columns(["company", "role"]), "applications", "a.csv, line 1")


def _other_file(name: str, kind: str) -> str:
    known = next(f for f in known_files.KNOWN_FILES if f.name == name)
    with pytest.raises(ImportFileError) as err:
        known_files.refuse_other_file(_columns(known.columns), kind, "x.csv, line 1")
    assert err.value.where == "x.csv, line 1"
    return err.value.message


def test_another_known_file_is_refused_naming_what_it_is_and_where_it_goes() -> None:
    assert _other_file("interviews.csv", "applications") == (
        "this is the app's interviews.csv, an export to read that no importer takes back; to restore applications, "
        "import the app's applications.csv or restore a backup"
    )
    assert _other_file("application_events.csv", "contacts") == (
        "this is the app's application_events.csv, an export to read that no importer takes back; to restore "
        "contacts, import the app's networking.csv or restore a backup"
    )
    assert _other_file("LinkedIn's Connections.csv", "applications") == (
        "this is LinkedIn's Connections.csv, which holds contacts: "
        "Import on the Networking page, or python -m lib import-contacts FILE"
    )
    assert _other_file("networking.csv", "applications") == (
        "this is the app's networking.csv, which holds contacts: "
        "Import on the Networking page, or python -m lib import-contacts FILE"
    )
    assert _other_file("applications.csv", "contacts") == (
        "this is the app's applications.csv, which holds applications: "
        "Import on the Applications page, or python -m lib import-applications FILE"
    )
    for name, kind in (("applications.csv", "applications"), ("LinkedIn's Connections.csv", "contacts")):
        known = next(f for f in known_files.KNOWN_FILES if f.name == name)
        known_files.refuse_other_file(_columns(known.columns), kind, "x.csv, line 1")


def test_a_zip_is_refused_as_a_backup_to_restore() -> None:
    with pytest.raises(ImportFileError) as err:
        known_files.refuse_archive(b"PK\x03\x04rest", "b.zip")
    assert (err.value.message, err.value.where) == (
        "this is a zip archive, not a CSV; a backup made by the app is restored with Restore on the "
        "Deliverables page, or python -m lib restore FILE.zip",
        "b.zip",
    )
    known_files.refuse_archive(b"PK\x03\x05", "b.csv")
    known_files.refuse_archive(b"company,role\n", "b.csv")


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "BEGIN:VCALENDAR\nVERSION:2.0",
            "the app's calendar (interviews-and-follow-ups.ics); open it in a calendar app",
        ),
        ("\n  \n#separator:tab\n", "the app's Anki deck (interview-questions-anki.txt); import it in Anki"),
        ("# STAR Stories\n", "the app's star-stories.md; import it on the Stories page (Import & export)"),
        ("# Week 3: metrics\n", known_files.MARKDOWN),
        ("  # Interview Prep Document\n", known_files.MARKDOWN),
        ("# Mock interview reviews", known_files.MARKDOWN),
    ],
)
def test_the_apps_other_exports_are_named_by_their_first_line(text, what) -> None:
    with pytest.raises(ImportFileError) as err:
        known_files.refuse_non_csv(text, "f.csv")
    assert (err.value.message, err.value.where) == (f"this is {what}, not a CSV of applications or contacts", "f.csv")


def test_a_note_line_is_markdown_only_once_no_header_was_found() -> None:
    known_files.refuse_non_csv("# my applications\ncompany,role\n", "f.csv")
    known_files.refuse_non_csv("company,role\n# Week 3\n", "f.csv")
    known_files.refuse_non_csv("\n" * 5000 + "BEGIN:VCALENDAR", "f.csv")  # only the first 4 KB are looked at
    with pytest.raises(ImportFileError, match="a markdown file"):
        known_files.refuse_non_csv("# my applications\n", "f.csv", any_markdown=True)
    known_files.refuse_non_csv("#no space\n", "f.csv", any_markdown=True)
