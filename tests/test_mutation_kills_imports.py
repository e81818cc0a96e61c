"""Import previews and LinkedIn connections as a user sees them: rows, counts, the summary line, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lib.core.errors import ImportFileError
from lib.jobsearch import companies
from lib.jobsearch.imports import files as job_files
from lib.jobsearch.imports import linkedin
from lib.jobsearch.imports.applications import import_applications, parse_applications, preview_applications
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


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (",Mistral,,,,,warm,,", "Name", "empty"),
        ("Ada,Mistral,,,,,hot,,", "Warmth", "'hot' is neither warm nor cold"),
        ("Ada,Mistral,,,,,warm,2024-02-30,", "Connected_On", "'2024-02-30' is not a date"),
        ("Ada," + "m" * 201 + ",,,,,warm,,", "Company", "longer than 200 characters (201)"),
    ],
)
def test_a_bad_row_of_the_apps_own_contacts_file_is_named_by_line_and_column(row, field, message) -> None:
    header = "Name,Company,Role,How_Met,Profile_URL,Email,Warmth,Connected_On,History\n"
    data = (header + "Bo,Mistral,PM,,,,cold,2024-01-02,\n" + row + "\n").encode()
    err = _refusal(lambda: parse_contacts(data, "networking.csv", today=TODAY))
    assert (err.message, err.where, err.field) == (message, "networking.csv, line 3", field)


def _applications_refusal(data: bytes) -> ImportFileError:
    return _refusal(lambda: parse_applications(data, "a.csv", today=TODAY))


def test_a_connections_file_given_as_applications_is_sent_to_its_importer() -> None:
    err = _applications_refusal(b"First Name,Company\nAda,Acme\n")
    assert (err.message, err.where) == (
        "this looks like LinkedIn's Connections.csv, which holds contacts: "
        "Import on the Networking page, or python -m lib import-contacts FILE",
        "a.csv, line 1",
    )


@pytest.mark.parametrize(
    ("header", "message", "field"),
    [
        ("First Name,Job Title", "missing required columns: Application Date, Company Name", "Application Date"),
        ("Company Name,Role", "missing required columns: Application Date, Job Title", "Application Date"),
        ("Application Date,Company Name", "missing required column: Job Title", "Job Title"),
        ("company,stage", "missing required column: role", "role"),
        ("role,stage", "missing required column: company", "company"),
    ],
)
def test_each_applications_layout_names_the_column_it_lacks(header, message, field) -> None:
    err = _applications_refusal(f"{header}\na,b\n".encode())
    assert (err.message, err.where, err.field) == (message, "a.csv, line 1", field)


def test_applications_refusals_before_the_header_name_the_file() -> None:
    assert _applications_refusal(b"company,role\n\xff").where == "a.csv"
    assert _applications_refusal(b"# Week 1\n").where == "a.csv"
    assert _refusal(lambda: parse_applications(b"\xff")).where == "file"


def test_an_unquoted_linkedin_date_splits_no_row() -> None:
    data = b'Application Date,Company Name,Job Title\n7/6/23, 2:20 PM,Acme,PM\n"1/2/24, 9:00 AM",Beta,"PM, AI"\n'
    parsed = parse_applications(data, "a.csv", today=TODAY)
    assert [(r["company"], r["role"], r["events"]) for r in parsed.records] == [
        ("Acme", "PM", [("2023-07-06", "applied")]),
        ("Beta", "PM, AI", [("2024-01-02", "applied")]),
    ]
    assert parsed.format == "linkedin"


def test_a_large_applications_import_reports_progress(db) -> None:
    data = "company,role,stage_history\n" + "".join(f"Acme,PM {i},2024-01-02 applied\n" for i in range(2000))
    calls: list[tuple[int, int]] = []
    summary = import_applications(db, data.encode(), "a.csv", today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1000, 0), (2000, 0), (1000, 2000), (2000, 2000)]
    assert (summary.rows, summary.added, summary.companies_added) == (2000, 2000, 1)
    assert import_applications(db, data.encode(), "a.csv", today=TODAY).duplicates == 2000


def test_without_a_link_an_application_is_known_by_company_role_and_first_date(db) -> None:
    data = "company,role,stage_history\nAcme,PM,2024-01-02 applied\n"
    import_applications(db, data.encode(), "a.csv", today=TODAY)
    again = data + " acme ,pm,2024-01-02 applied\nAcme,PM,2024-01-03 applied\nAcme,PM2,2024-01-02 applied\n"
    summary = preview_applications(db, parse_applications(again.encode(), "a.csv", today=TODAY))
    # The first row is stored, so it is skipped. ' acme '/'pm' on that date has the same key: as the file's second
    # copy with one stored it is new (the forms allow two), like the other date and the other role.
    assert (summary.rows, summary.added, summary.duplicates, summary.companies_added) == (4, 3, 1, 0)
    respelled = "company,role,stage_history\n ACME ,pm,2024-01-02 applied\n"
    summary = preview_applications(db, parse_applications(respelled.encode(), "a.csv", today=TODAY))
    assert (summary.added, summary.duplicates) == (0, 1)


OWN_HEADER = (
    "Company,Role,Stage,Stage_On,Applied_On,Stage_History,Next_Action,Next_Action_Due,Job_URL,Source,Resume_Version,"
    "Salary_Range,Notes,Contact_Email,Contact_Phone,Questions_Answers\n"
)


def _own_application(row: str) -> dict:
    return parse_applications((OWN_HEADER + row + "\n").encode(), "a.csv", today=TODAY).records[0]


def test_every_column_of_the_apps_own_applications_file_is_read() -> None:
    record = _own_application(
        "Acme,PM,recruiter_screen,2024-02-01,2024-01-01,,Call back,2024-03-01,"
        "https://x.com/j?id=1&utm_source=a,Referral,v2,100k,n,e@x.com,123,Q:A"
    )
    assert record == {
        "company": "Acme",
        "role": "PM",
        "job_url": "https://x.com/j?id=1&utm_source=a",
        "url_key": "https://x.com/j?id=1",
        "source": "Referral",
        "resume_version": "v2",
        "salary_range": "100k",
        "notes": "n",
        "contact_email": "e@x.com",
        "contact_phone": "123",
        "questions_answers": "Q:A",
        "events": [("2024-02-01", "recruiter_screen")],
        "action": ("Call back", "2024-03-01"),
        "company_key": "acme",
    }


@pytest.mark.parametrize(
    ("row", "events"),
    [
        ("Acme,PM,,,2024-01-01,,,,,,,,,,,", [("2024-01-01", "applied")]),
        ("Acme,PM,,,,,,,,,,,,,,", [("2026-03-31", "applied")]),
        ("Acme,PM,,,2000-01-01,,,,,,,,,,,", [("2000-01-01", "applied")]),
        ("Acme,PM,,,2026-03-31,,,,,,,,,,,", [("2026-03-31", "applied")]),
        ("Acme,PM,offer,2024-05-01,2024-01-01,,,,,,,,,,,", [("2024-05-01", "offer")]),
        (
            "Acme,PM,offer,,,2024-01-05 applied;;2024-01-07  rejected ; ,,,,,,,,,,",
            [("2024-01-05", "applied"), ("2024-01-07", "rejected")],
        ),
        (
            "Acme,PM,,,,2024-01-05 applied; 2024-01-05 rejected,,,,,,,,,,",
            [("2024-01-05", "applied"), ("2024-01-05", "rejected")],
        ),
    ],
)
def test_the_history_or_else_the_stage_and_its_date_give_the_events(row, events) -> None:
    record = _own_application(row)
    assert record["events"] == events
    assert record["action"] is None


@pytest.mark.parametrize(
    ("row", "message", "field"),
    [
        ("Acme,PM,hired,,,,,,,,,,,,,", "unknown stage 'hired'", "Stage"),
        ("Acme,PM,,2024-02-30,2024-01-01,,,,,,,,,,,", "'2024-02-30' is not a date", "Stage_On"),
        ("Acme,PM,,,1999-12-31,,,,,,,,,,,", "1999-12-31 is outside a sensible range (2000 to today)", "Applied_On"),
        ("Acme,PM,,,2026-04-01,,,,,,,,,,,", "2026-04-01 is outside a sensible range (2000 to today)", "Applied_On"),
        (
            "Acme,PM,,,,2024-01-02 hired,,,,,,,,,,",
            "unknown stage or event 'hired' in '2024-01-02 hired'",
            "Stage_History",
        ),
        ("Acme,PM,,,,2024-01-02,,,,,,,,,,", "unknown stage or event '' in '2024-01-02'", "Stage_History"),
        (
            "Acme,PM,,,,2024-01-05 applied; 2024-01-01 rejected,,,,,,,,,,",
            "dates go backwards (2024-01-01 after 2024-01-05)",
            "Stage_History",
        ),
        ("Acme,PM,,,,x applied,,,,,,,,,,", "'x' is not a date", "Stage_History"),
        ("Acme,PM,,,,,Call,someday,,,,,,,,", "'someday' is not a date", "Next_Action_Due"),
        ("Acme, ,,,,,,,,,,,,,,", "empty", "Role"),
        ("Acme," + "r" * 301 + ",,,,,,,,,,,,,,", "longer than 300 characters (301)", "Role"),
    ],
)
def test_a_bad_row_of_the_apps_own_applications_file_is_named_by_line_and_column(row, message, field) -> None:
    err = _refusal(lambda: _own_application(row))
    assert (err.message, err.where, err.field) == (message, "a.csv, line 2", field)


def test_a_preview_or_import_refusal_names_the_uploaded_file(db) -> None:
    for kind in ("applications", "contacts"):
        assert _refusal(lambda k=kind: job_files.preview_file(db, k, b"\xff", "upload.csv")).where == "upload.csv"
        assert _refusal(lambda k=kind: job_files.import_file(db, k, b"\xff", "upload.csv")).where == "upload.csv"


@pytest.mark.parametrize(
    ("row", "message", "field"),
    [
        ('"7/6/23, 2:20 PM",,,' + "c" * 201 + ",PM,,,", "longer than 200 characters (201)", "Company Name"),
        ("someday,,,Acme,PM,,,", "'someday' is not a date", "Application Date"),
        ("1/1/1999,,,Acme,PM,,,", "1999-01-01 is outside a sensible range (2000 to today)", "Application Date"),
        ("1/1/99,,,Acme,PM,,,", "2099-01-01 is outside a sensible range (2000 to today)", "Application Date"),
    ],
)
def test_a_bad_linkedin_application_is_named_by_line_and_column(row, message, field) -> None:
    data = (APPLICATIONS.splitlines()[0] + "\n" + row + "\n").encode()
    err = _refusal(lambda: parse_applications(data, "a.csv", today=TODAY))
    assert (err.message, err.where, err.field) == (message, "a.csv, line 2", field)


def test_a_stage_of_two_words_is_refused_whole() -> None:
    err = _refusal(lambda: _own_application("Acme,PM,,,,2024-01-02 recruiter screen,,,,,,,,,,"))
    assert err.message == "unknown stage or event 'recruiter screen' in '2024-01-02 recruiter screen'"


def test_a_linkedin_applications_file_with_a_first_name_column_is_still_applications() -> None:
    data = b"Application Date,Company Name,Job Title,First Name\n1/2/24,Acme,PM,Ada\n"
    assert [r["company"] for r in parse_applications(data, "a.csv", today=TODAY).records] == ["Acme"]


def test_imported_applications_take_the_next_ids_and_link_waiting_contacts(db) -> None:
    from lib.jobsearch import networking

    companies.add_company(db, "Existing")
    networking.add_contact(db, "Ada", "Zeta AI")
    networking.add_contact(db, "Bo", "Nobody Inc")

    data = (
        "company,role,stage_history\nzeta ai,PM,2024-01-02 applied; 2024-01-09 rejected\nBeta,PM,2024-01-03 applied\n"
    )
    summary = import_applications(db, data.encode(), "a.csv", today=TODAY)
    assert (summary.added, summary.companies_added) == (2, 2)
    assert [(r["id"], r["name"]) for r in db["companies"].rows_where(order_by="id")] == [
        (1, "Existing"),
        (2, "zeta ai"),
        (3, "Beta"),
    ]
    linked = {r["name"]: r["company_id"] for r in db["contacts"].rows}
    assert linked == {"Ada": 2, "Bo": None}
    events = [(r["stage"], r["on_date"], r["note"]) for r in db["stage_events"].rows_where(order_by="id")]
    assert events == [
        ("applied", "2024-01-02", "imported"),
        ("rejected", "2024-01-09", "imported"),
        ("applied", "2024-01-03", "imported"),
    ]


def test_each_stored_copy_of_an_application_without_a_link_counts(db) -> None:
    row = "Acme,PM,2024-01-02 applied\n"
    import_applications(db, ("company,role,stage_history\n" + row * 2).encode(), "a.csv", today=TODAY)
    three = parse_applications(("company,role,stage_history\n" + row * 3).encode(), "a.csv", today=TODAY)
    assert (preview_applications(db, three).added, preview_applications(db, three).duplicates) == (1, 2)
    linked = "company,role,job_url,stage_history\nAcme,PM,https://x.com/j/1,2024-01-02 applied\n"
    import_applications(db, linked.encode(), "a.csv", today=TODAY)
    again = parse_applications(linked.encode(), "a.csv", today=TODAY)
    assert (preview_applications(db, again).added, preview_applications(db, again).duplicates) == (0, 1)


def test_an_applications_import_bumps_the_data_version_once(db) -> None:
    def version() -> int:
        return db.conn.execute("SELECT version FROM _data_version WHERE id = 1").fetchone()[0]

    before = version()
    data = "company,role,next_action,stage_history\nA,PM,Call,2024-01-02 applied\nB,PM,Write,2024-01-03 applied\n"
    import_applications(db, data.encode(), "a.csv", today=TODAY)
    assert version() == before + 1
