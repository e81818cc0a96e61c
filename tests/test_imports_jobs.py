"""Importing applications and contacts: LinkedIn's quirky files, all-or-nothing, re-import, round trip, command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.errors import ImportFileError
from lib.jobsearch import applications as apps
from lib.jobsearch import companies, funnel, networking
from lib.jobsearch.imports import applications as application_import
from lib.jobsearch.imports import contacts as contact_import
from lib.jobsearch.imports.linkedin import linkedin_date
from lib.storage.db import open_db

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 3, 31)

LINKEDIN_APPLICATIONS = (
    "\ufeffApplication Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question "
    "And Answers\r\n"
    '"7/6/23, 2:20 PM",me@example.com,+1 555 0100,Anthropic,"Product Manager, Claude",https://www.linkedin.com/jobs/view/3650000001/,resume-ai-pm.pdf,'
    '"Are you authorized to work in the US?:Yes | Why ""Anthropic""?:Safety, research\r\nand product together"\r\n'
    '"12/18/23, 9:05 AM",,,智谱AI Zhipu,AI产品经理,https://www.linkedin.com/jobs/view/3650000002,,\r\n'
    '"1/2/24, 11:59 PM",,,Lumière Santé,"Senior PM, ""Care"" AI",https://www.linkedin.com/jobs/view/3650000003?refId=abc&trk=x,resume.pdf,\r\n'
    '"1/3/24, 8:00 AM",,,anthropic ,Technical PM,https://www.linkedin.com/jobs/view/3650000004,,\r\n'
)

LINKEDIN_CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    "only see email "
    'addresses for connected members who have allowed their connections to see or download their email address, see https://www.linkedin.com/psettings/privacy/email"\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman-1,,Anthropic,Senior Product Manager,05 Mar 2024\n"
    'Chloé,Martin,https://www.linkedin.com/in/chloe-martin,chloe@example.com,"Lumière Santé","Group PM, Care AI",12 '
    "Feb 2024\n"
    "伟,张,https://www.linkedin.com/in/wei-zhang,,智谱AI Zhipu,产品经理,01 Jan 2024\n"
)


def _counts(db) -> tuple[int, int, int, int, int]:
    return tuple(
        db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("companies", "applications", "stage_events", "contacts", "contact_events")
    )


def test_linkedin_job_applications_with_bom_quotes_commas_newlines_and_dates(db) -> None:
    companies.add_company(db, "Anthropic")
    summary = application_import.import_applications(
        db, LINKEDIN_APPLICATIONS.encode("utf-8"), "Job Applications.csv", today=TODAY
    )
    assert (summary.format, summary.rows, summary.added, summary.duplicates, summary.companies_added) == (
        "linkedin",
        4,
        4,
        0,
        2,
    )
    table = apps.pipeline(db, TODAY).sort_values("id")
    assert table["company"].tolist() == ["Anthropic", "智谱AI Zhipu", "Lumière Santé", "Anthropic"]
    assert table["role"].tolist() == ["Product Manager, Claude", "AI产品经理", 'Senior PM, "Care" AI', "Technical PM"]
    assert table["applied_on"].tolist() == ["2023-07-06", "2023-12-18", "2024-01-02", "2024-01-03"]
    assert set(table["stage"]) == {"applied"}
    qa = db.conn.execute("SELECT questions_answers FROM applications WHERE id = 1").fetchone()[0]
    assert qa == 'Are you authorized to work in the US?:Yes | Why "Anthropic"?:Safety, research\nand product together'


def test_reimporting_the_same_file_adds_nothing(db) -> None:
    application_import.import_applications(db, LINKEDIN_APPLICATIONS, "Job Applications.csv", today=TODAY)
    before = _counts(db)
    again = application_import.import_applications(db, LINKEDIN_APPLICATIONS, "Job Applications.csv", today=TODAY)
    assert (again.added, again.duplicates) == (0, 4)
    assert _counts(db) == before


def test_one_bad_row_imports_nothing_and_names_line_and_field(db) -> None:
    bad = LINKEDIN_APPLICATIONS + '"13/45/24, 1:00 PM",,,Cohere,PM,https://www.linkedin.com/jobs/view/9,,\r\n'
    with pytest.raises(ImportFileError) as err:
        application_import.import_applications(db, bad, "Job Applications.csv", today=TODAY)
    # The first record spans lines 2-3, so the bad one starts on line 7.
    assert err.value.where == "Job Applications.csv, line 7" and err.value.field == "Application Date"
    assert _counts(db) == (0, 0, 0, 0, 0)


def test_empty_required_field_and_missing_column(db) -> None:
    empty_company = LINKEDIN_APPLICATIONS + '"1/5/24, 1:00 PM",,,,PM,https://www.linkedin.com/jobs/view/10,,\r\n'
    with pytest.raises(ImportFileError) as err:
        application_import.import_applications(db, empty_company, "f.csv", today=TODAY)
    assert (err.value.where, err.value.field) == ("f.csv, line 7", "Company Name")
    with pytest.raises(ImportFileError) as err:
        application_import.import_applications(
            db, 'Application Date,Company Name,Job Url\n"1/5/24, 1:00 PM",X,\n', "f.csv", today=TODAY
        )
    assert err.value.field == "Job Title" and "missing required column" in str(err.value)
    with pytest.raises(ImportFileError, match="no header row"):
        application_import.import_applications(db, "just,some,numbers\n1,2,3\n", "f.csv", today=TODAY)
    assert _counts(db) == (0, 0, 0, 0, 0)


def test_not_utf8_and_broken_quotes_are_refused(db) -> None:
    with pytest.raises(ImportFileError, match="UTF-8"):
        application_import.import_applications(
            db, "Company Name,Job Title\nLumière,PM\n".encode("latin-1"), "f.csv", today=TODAY
        )
    with pytest.raises(ImportFileError):
        contact_import.import_contacts(db, 'name,company\n"Unclosed,quote\n', "f.csv", today=TODAY)


def test_unquoted_linkedin_date_comma_is_rejoined(db) -> None:
    text = (
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And "
        "Answers\n"
        "7/6/23, 2:20 PM,,,Cohere,PM,https://www.linkedin.com/jobs/view/77,,\n"
    )
    application_import.import_applications(db, text, "f.csv", today=TODAY)
    assert apps.pipeline(db, TODAY).iloc[0][["company", "applied_on"]].tolist() == ["Cohere", "2023-07-06"]


def test_linkedin_connections_with_notes_before_the_header(db) -> None:
    companies.add_company(db, "Anthropic")
    summary = contact_import.import_contacts(db, LINKEDIN_CONNECTIONS, "Connections.csv", today=TODAY)
    assert (summary.format, summary.added) == ("linkedin", 3)
    table = networking.contacts_table(db).sort_values("id")
    assert table["name"].tolist() == ["Priya Raman", "Chloé Martin", "伟 张"]
    assert table["company"].tolist() == ["Anthropic", "Lumière Santé", "智谱AI Zhipu"]
    assert table["connected_on"].tolist() == ["2024-03-05", "2024-02-12", "2024-01-01"]
    assert table["at_target"].tolist() == [True, False, False]
    again = contact_import.import_contacts(db, LINKEDIN_CONNECTIONS, "Connections.csv", today=TODAY)
    assert (again.added, again.duplicates) == (0, 3)


def test_bad_connection_date_names_line_and_field(db) -> None:
    bad = LINKEDIN_CONNECTIONS + "Noah,Cohen,https://www.linkedin.com/in/noah,,Glean,PM,31 Feb 2024\n"
    with pytest.raises(ImportFileError) as err:
        contact_import.import_contacts(db, bad, "Connections.csv", today=TODAY)
    assert (err.value.where, err.value.field) == ("Connections.csv, line 8", "Connected On")
    assert _counts(db)[3] == 0


def test_preview_reports_without_writing(db) -> None:
    parsed = application_import.parse_applications(LINKEDIN_APPLICATIONS, "f.csv", today=TODAY)
    summary = application_import.preview_applications(db, parsed)
    assert (summary.added, summary.companies_added) == (4, 3)  # 'anthropic ' and 'Anthropic' are one company
    assert _counts(db) == (0, 0, 0, 0, 0)


def _demo_like(db) -> None:
    """A small pipeline with history, interviews and contacts, built through the app's own functions."""
    a = companies.add_company(db, "Sakana AI (サカナAI)")
    b = companies.add_company(db, "Café Ñandú Analytics")
    one = apps.add_application(
        db, a, 'AI PM, "Agents"', on_date=dt.date(2026, 3, 2), job_url="https://jobs.example.com/1", today=TODAY
    )
    for stage, day in (("recruiter_screen", 5), ("hiring_manager", 9), ("onsite", 14), ("rejected", 20)):
        apps.change_stage(db, one, stage, dt.date(2026, 3, day), today=TODAY)
    two = apps.add_application(db, b, "PM", stage="wishlist", on_date=dt.date(2026, 3, 3), today=TODAY)
    apps.change_stage(db, two, "applied", dt.date(2026, 3, 4), today=TODAY)
    apps.set_next_action(db, two, "Ask Priya for a referral", dt.date(2026, 4, 2), today=TODAY)
    p = networking.add_contact(
        db,
        "Priya Raman",
        "Sakana AI (サカナAI)",
        "Product Manager",
        profile_url="https://www.linkedin.com/in/priya",
        warmth="warm",
    )
    networking.log_event(db, p, "outreach", dt.date(2026, 3, 1), today=TODAY)
    networking.log_event(db, p, "reply", dt.date(2026, 3, 3), today=TODAY)
    networking.add_contact(db, "Jonas Weber", "", "Recruiter")


def test_export_then_import_round_trip(db, tmp_path, monkeypatch) -> None:
    _demo_like(db)
    out = tmp_path / "export"
    out.mkdir()
    files = apps.export_applications(db, out) + networking.export_networking(db, out)
    assert [f.name for f in files] == ["applications.csv", "application_events.csv", "interviews.csv", "networking.csv"]
    before_pipeline = apps.pipeline(db, TODAY)[
        ["company", "role", "stage", "stage_on", "applied_on", "next_action", "next_action_due"]
    ]
    before_funnel, before_flows = funnel.funnel_counts(db), funnel.sankey_flows(db)
    before_contacts = networking.contacts_table(db)[
        ["name", "company", "role", "warmth", "last_event", "last_on", "events"]
    ]
    events = list(csv.DictReader(io.StringIO((out / "application_events.csv").read_text(encoding="utf-8"))))
    assert [e["stage"] for e in events if e["application_id"] == "1"] == [
        "applied",
        "recruiter_screen",
        "hiring_manager",
        "onsite",
        "rejected",
    ]

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    monkeypatch.setenv("PREP_DATA_DIR", str(fresh))
    from lib.storage import migrations

    migrations.prepare()  # the other machine's start-up
    with open_db() as other:
        application_import.import_applications(
            other, (out / "applications.csv").read_bytes(), "applications.csv", today=TODAY
        )
        contact_import.import_contacts(other, (out / "networking.csv").read_bytes(), "networking.csv", today=TODAY)
        after = apps.pipeline(other, TODAY)[before_pipeline.columns]
        assert (
            after.sort_values("role")
            .reset_index(drop=True)
            .equals(before_pipeline.sort_values("role").reset_index(drop=True))
        )
        assert funnel.funnel_counts(other).equals(before_funnel)
        assert (
            funnel.sankey_flows(other)
            .sort_values(["source", "target"])
            .reset_index(drop=True)
            .equals(before_flows.sort_values(["source", "target"]).reset_index(drop=True))
        )
        contacts_after = networking.contacts_table(other)[before_contacts.columns]
        assert (
            contacts_after.sort_values("name")
            .reset_index(drop=True)
            .equals(before_contacts.sort_values("name").reset_index(drop=True))
        )
        again = application_import.import_applications(
            other, (out / "applications.csv").read_bytes(), "applications.csv", today=TODAY
        )
        assert again.added == 0


def test_own_format_bad_stage_history_is_refused(db) -> None:
    text = "company,role,stage_history\nOpenAI,PM,2026-01-02 applied; 2026-01-05 interviewing\n"
    with pytest.raises(ImportFileError) as err:
        application_import.import_applications(db, text, "applications.csv", today=TODAY)
    assert (err.value.where, err.value.field) == ("applications.csv, line 2", "stage_history")
    backwards = "company,role,stage_history\nOpenAI,PM,2026-01-09 applied; 2026-01-05 rejected\n"
    with pytest.raises(ImportFileError, match="backwards"):
        application_import.import_applications(db, backwards, "applications.csv", today=TODAY)


def test_ten_thousand_rows_in_one_transaction(db) -> None:
    lines = [
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And "
        "Answers"
    ]
    lines += [
        f'"{1 + i % 12}/{1 + i % 28}/24, 9:{i % 60:02d} AM",,,Company {i % 400},"PM, team {i}",https://www.linkedin.com/jobs/view/{i},,'
        for i in range(10_000)
    ]
    seen: list[int] = []
    summary = application_import.import_applications(
        db, "\n".join(lines), "big.csv", today=TODAY, progress=lambda done, total: seen.append(done)
    )
    assert summary.added == 10_000 and summary.companies_added == 400
    assert _counts(db)[:3] == (400, 10_000, 10_000)
    assert seen and seen[-1] == 10_000


def test_command_line_imports_report_and_refuse(cli, data_dir, tmp_path) -> None:
    apps_file = tmp_path / "Job Applications.csv"
    apps_file.write_text(LINKEDIN_APPLICATIONS, encoding="utf-8")
    contacts_file = tmp_path / "Connections.csv"
    contacts_file.write_text(LINKEDIN_CONNECTIONS, encoding="utf-8")
    done = cli("import-applications", str(apps_file))
    assert done.returncode == 0, done.stderr
    assert "Imported 4 applications from a LinkedIn export" in done.stdout
    again = cli("import-applications", str(apps_file))
    assert "Imported 0 applications" in again.stdout and "4 already there" in again.stdout
    assert cli("import-contacts", str(contacts_file)).returncode == 0
    broken = tmp_path / "broken.csv"
    broken.write_text("company,role,stage\nOpenAI,PM,interviewing\n", encoding="utf-8")
    failed = cli("import-applications", str(broken))
    assert (
        failed.returncode == 1
        and failed.stderr.strip() == "error: broken.csv, line 2, stage: unknown stage 'interviewing'"
    )
    missing = cli("import-contacts", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "cannot read the file" in missing.stderr


def test_long_file_reports_progress_on_stderr(cli, data_dir, tmp_path) -> None:
    big = tmp_path / "Job Applications.csv"
    rows = [",".join(LINKEDIN_APPLICATIONS.splitlines()[0].removeprefix("\ufeff").split(","))]
    rows += [
        f'"3/{1 + i % 28}/24, 10:00 AM",,,Company {i % 50},PM {i},https://www.linkedin.com/jobs/view/{i},,'
        for i in range(2500)
    ]
    big.write_text("\n".join(rows), encoding="utf-8")
    done = cli("import-applications", str(big))
    assert done.returncode == 0, done.stderr
    assert "1000" in done.stderr and "2000 / 2500 rows" in done.stderr
    assert "Imported 2500 applications" in done.stdout


_HEADERS = st.sampled_from(
    [
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And "
        "Answers\n",
        "company,role,job_url,stage,stage_on,stage_history\n",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        "",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=_HEADERS, body=st.text(alphabet=st.sampled_from(list('ab,"\n\r /:;-0123456789AMPé智\ufeff')), max_size=300)
)
def test_any_text_is_imported_whole_or_refused_with_the_apps_own_error(db, header, body) -> None:
    before = _counts(db)
    for importer in (application_import.import_applications, contact_import.import_contacts):
        try:
            importer(db, header + body, "fuzz.csv", today=TODAY)
        except ImportFileError as exc:
            assert exc.where and exc.where.startswith("fuzz.csv")
            assert _counts(db) == before
        before = _counts(db)


def test_a_file_given_to_the_wrong_importer_says_which_one_to_use(db) -> None:
    with pytest.raises(ImportFileError, match="import-contacts"):
        application_import.import_applications(db, LINKEDIN_CONNECTIONS, "Connections.csv", today=TODAY)
    with pytest.raises(ImportFileError, match="import-applications"):
        contact_import.import_contacts(db, LINKEDIN_APPLICATIONS, "Job Applications.csv", today=TODAY)
    assert _counts(db) == (0, 0, 0, 0, 0)


def test_linkedin_dates_in_every_shape_it_writes() -> None:
    cache: dict[str, str] = {}
    assert linkedin_date("7/6/23, 2:20 PM", cache) == "2023-07-06"
    assert linkedin_date("05 Mar 2024", cache) == "2024-03-05"
    assert linkedin_date("5 march 2024", cache) == "2024-03-05"
    assert linkedin_date("5 Sept 2024", cache) == "2024-09-05"
    assert linkedin_date("2024-03-05", cache) == "2024-03-05"
    for bad in ("31 Feb 2024", "5 MARCH 2024", "5 Mars2024", "13/45/24", "March 5 2024"):
        assert linkedin_date(bad, cache) is None, bad
