"""Contacts import end to end: which layout a header is, the refusals' places, ids, history rows, progress, one bump."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.core.errors import ImportFileError
from lib.jobsearch import networking
from lib.jobsearch.imports.contacts import import_contacts, parse_contacts

TODAY = dt.date(2026, 3, 31)
OWN = "name,company,warmth,connected_on,history\n"


def _refusal(call) -> ImportFileError:
    with pytest.raises(ImportFileError) as err:
        call()
    return err.value


@pytest.mark.parametrize("column", ["Job Title", "Application Date", "stage_history"])
def test_an_applications_file_given_as_contacts_is_sent_to_its_importer(column) -> None:
    err = _refusal(lambda: parse_contacts(f"Name,{column}\nAda,x\n".encode(), "c.csv", today=TODAY))
    assert (err.message, err.where) == (
        "this looks like an applications file: "
        "Import on the Applications page, or python -m lib import-applications FILE",
        "c.csv, line 1",
    )


@pytest.mark.parametrize(
    ("header", "missing"),
    [("First Name,Company\n", "Last Name"), ("Last Name,Company\n", "First Name"), ("Company,Role\n", "name")],
)
def test_each_layout_names_the_column_it_lacks(header, missing) -> None:
    err = _refusal(lambda: parse_contacts((header + "a,b\n").encode(), "c.csv", today=TODAY))
    assert (err.message, err.where, err.field) == (f"missing required column: {missing}", "c.csv, line 1", missing)


def test_refusals_before_the_header_name_the_file() -> None:
    err = _refusal(lambda: parse_contacts(b"name\n\xff", "c.csv", today=TODAY))
    assert (err.message, err.where) == ("not UTF-8 text (byte 5); save the file as CSV UTF-8", "c.csv")
    err = _refusal(lambda: parse_contacts(b"BEGIN:VCALENDAR\n", "c.csv", today=TODAY))
    assert err.where == "c.csv" and err.message.startswith("this is the app's calendar")
    assert _refusal(lambda: parse_contacts(b"\xff")).where == "file"


def test_the_layout_decides_the_format() -> None:
    linkedin = parse_contacts(b"First Name,Last Name\nAda,Lovelace\n", today=TODAY)
    own = parse_contacts((OWN + "Ada Lovelace,,,,\n").encode(), today=TODAY)
    assert (linkedin.format, own.format) == ("linkedin", "app")
    assert linkedin.records[0]["name"] == own.records[0]["name"] == "Ada Lovelace"


def test_imported_contacts_take_the_next_ids_and_keep_their_history(db) -> None:
    networking.add_contact(db, "Existing Person", how_met="meetup")
    data = (
        OWN
        + "Ada Lovelace,Mistral,warm,2024-01-05,2024-01-06 outreach; 2024-01-09 reply\n"
        + "Bo Chen,,cold,,2024-02-01 chat_held\n"
    )
    summary = import_contacts(db, data.encode(), "networking.csv", today=TODAY)
    assert (summary.format, summary.rows, summary.added, summary.duplicates) == ("app", 2, 2, 0)
    assert [(r["id"], r["name"]) for r in db["contacts"].rows_where(order_by="id")] == [
        (1, "Existing Person"),
        (2, "Ada Lovelace"),
        (3, "Bo Chen"),
    ]
    events = [
        (r["contact_id"], r["kind"], r["on_date"], r["note"])
        for r in db["contact_events"].rows_where("note = 'imported'", order_by="id")
    ]
    assert events == [
        (2, "outreach", "2024-01-06", "imported"),
        (2, "reply", "2024-01-09", "imported"),
        (3, "chat_held", "2024-02-01", "imported"),
    ]
    again = import_contacts(db, data.encode(), "networking.csv", today=TODAY)
    assert (again.rows, again.added, again.duplicates) == (2, 0, 2)


def test_a_large_import_reports_progress_while_reading_and_writing(db) -> None:
    data = OWN + "".join(f"Person {i},,,,\n" for i in range(2001))
    calls: list[tuple[int, int]] = []
    import_contacts(db, data.encode(), "n.csv", today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1000, 0), (2000, 0), (1000, 2001), (2000, 2001)]
    assert db["contacts"].count == 2001


def test_a_large_import_without_progress_runs_through(db) -> None:
    data = OWN + "".join(f"Person {i},,,,\n" for i in range(1000))
    assert import_contacts(db, data.encode(), "n.csv", today=TODAY).added == 1000


def test_an_import_bumps_the_data_version_once(db) -> None:
    def version() -> int:
        return db.conn.execute("SELECT version FROM _data_version WHERE id = 1").fetchone()[0]

    before = version()
    import_contacts(db, (OWN + "A,,,,2024-01-06 outreach\nB,,,,2024-01-06 outreach\n").encode(), "n.csv", today=TODAY)
    assert version() == before + 1


def test_every_column_of_the_apps_own_contacts_file_is_read() -> None:
    header = "Name,Company,Role,How_Met,Profile_URL,Email,Warmth,Connected_On,History\n"
    rows = (
        "Ada Lovelace,Mistral,PM,meetup,https://www.linkedin.com/in/ada/?trk=x,a@x.com,warm,2024-01-05,"
        "2024-01-06 outreach\n"
        "Bo Chen,,,,,,,,\n"
    )
    first, second = parse_contacts((header + rows).encode(), "n.csv", today=TODAY).records
    assert first == {
        "name": "Ada Lovelace",
        "company": "Mistral",
        "role": "PM",
        "how_met": "meetup",
        "profile_url": "https://www.linkedin.com/in/ada/?trk=x",
        "url_key": "https://linkedin.com/in/ada",
        "email": "a@x.com",
        "warmth": "warm",
        "connected_on": "2024-01-05",
        "events": [("2024-01-06", "outreach")],
        "company_key": "mistral",
    }
    assert (second["warmth"], second["connected_on"], second["events"], second["url_key"]) == ("cold", "", [], "")


def test_a_bad_history_in_the_apps_own_contacts_file_is_named_by_line_and_column() -> None:
    data = (OWN.replace("history", "History") + "Ada,,,,2024-01-06 outreach\nBo,,,,2024-01-02 hired\n").encode()
    err = _refusal(lambda: parse_contacts(data, "n.csv", today=TODAY))
    assert (err.message, err.where, err.field) == (
        "unknown stage or event 'hired' in '2024-01-02 hired'",
        "n.csv, line 3",
        "History",
    )


def test_the_apps_own_file_reads_back_neutralised_cells_and_skips_blank_lines() -> None:
    data = (OWN + "'=Ada,,,,\n\n,,,,\nBo,,,,\n").encode()
    assert [r["name"] for r in parse_contacts(data, "n.csv", today=TODAY).records] == ["=Ada", "Bo"]
    linkedin = b"First Name,Last Name\n'=Ada,Lovelace\n"
    assert parse_contacts(linkedin, "c.csv", today=TODAY).records[0]["name"] == "'=Ada Lovelace"


def test_an_overlong_field_in_a_contacts_file_names_line_and_column() -> None:
    data = (OWN + "Ada,,,,\nBo," + "x" * 20_001 + ",,,\n").encode()
    err = _refusal(lambda: parse_contacts(data, "n.csv", today=TODAY))
    assert (err.message, err.where, err.field) == (
        "a field longer than 20000 characters (20001)",
        "n.csv, line 3",
        "company",
    )
