"""The job search against hostile and careless input: job identity, the wrong file, byte-order marks, formula
injection, field names in messages, and a full export -> import round trip."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import tempfile
import threading
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lib.core import csvsafe
from lib.core.errors import ImportFileError, InputError
from lib.core.urls import url_key
from lib.jobsearch import applications as apps
from lib.jobsearch import companies, networking
from lib.jobsearch.imports import applications as application_import
from lib.jobsearch.imports import contacts as contact_import
from lib.jobsearch.imports import files as job_files
from lib.storage import migrations
from lib.storage.db import open_db

TODAY = dt.date(2026, 3, 15)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
LINKEDIN_HEADER = "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
LINKEDIN_HEADER += "Question And Answers\n"


@contextlib.contextmanager
def _empty_db(path: Path):
    """A second, empty, migrated database beside the test's own (an empty data folder)."""
    migrations.prepare(path)
    with open_db(path) as db:
        yield db


# ---------------------------------------------------------------- job identity

name_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=8)
value_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
TRACKING = ["utm_source", "utm_campaign", "trk", "trkInfo", "refId", "trackingId", "ref", "src", "fbclid", "gclid"]
TRACKING += ["mc_eid", "lipi", "eBP", "source", "originalSubdomain"]
HOSTS = ["acme.com/careers", "jobs.example.org/view", "boards.greenhouse.io/acme/jobs", "jobs.lever.co/acme/apply"]


def _query(pairs: list[tuple[str, str]]) -> str:
    from urllib.parse import urlencode

    return urlencode(pairs)


@given(
    host=st.sampled_from(HOSTS),
    name=name_text.filter(lambda n: n.casefold() not in {t.casefold() for t in TRACKING}),
    values=st.lists(value_text, min_size=2, max_size=2, unique=True),
)
def test_distinct_identifying_parameters_give_distinct_keys(host: str, name: str, values: list[str]) -> None:
    from lib.core.urls import is_tracking

    assume(not is_tracking(name))
    first, second = (url_key(f"https://{host}?{_query([(name, v)])}") for v in values)
    assume(values[0].strip() != values[1].strip() or name not in {"jk", "vjk", "currentjobid"})
    assert first != second


@given(
    host=st.sampled_from(HOSTS),
    kept=st.lists(st.tuples(name_text, value_text), max_size=4, unique_by=lambda p: p[0]),
    tracking=st.lists(st.tuples(st.sampled_from(TRACKING), value_text), max_size=4),
    order=st.randoms(use_true_random=False),
)
def test_tracking_parameters_and_order_do_not_change_the_key(host, kept, tracking, order) -> None:
    from lib.core.urls import is_tracking

    kept = [(n, v) for n, v in kept if not is_tracking(n)]
    mixed = kept + tracking
    order.shuffle(mixed)
    assert url_key(f"https://www.{host}/?{_query(mixed)}#section") == url_key(f"https://{host}?{_query(kept)}")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://www.indeed.com/viewjob?jk=aaa111", "https://www.indeed.com/viewjob?jk=bbb222"),
        (
            "https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3801",
            "https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3802",
        ),
        ("https://acme.com/careers?gh_jid=1", "https://acme.com/careers?gh_jid=2"),
        ("https://acme.wd1.myworkdayjobs.com/job?jobId=R1", "https://acme.wd1.myworkdayjobs.com/job?jobId=R2"),
        ("https://careers.acme.com/#/jobs/1", "https://careers.acme.com/#/jobs/2"),
    ],
)
def test_postings_named_by_their_query_are_two_jobs(db, one: str, other: str) -> None:
    assert url_key(one) != url_key(other)
    company = companies.add_company(db, "Acme")
    apps.add_application(db, company, "PM", job_url=one, today=TODAY)
    apps.add_application(db, company, "PM", job_url=other, today=TODAY)  # was: "already tracked"
    rows = f"{LINKEDIN_HEADER}2026-03-01,,,Acme,PM,{one},,\n2026-03-01,,,Acme,PM,{other},,\n"
    summary = application_import.import_applications(db, rows, "Job Applications.csv", today=TODAY)
    assert (summary.added, summary.duplicates) == (0, 2)
    own = f"company,role,job_url\nBeta,PM,{one}\nBeta,PM,{other}\n"
    with _empty_db(Path(tempfile.mkdtemp()) / "prep.db") as empty:
        assert application_import.import_applications(empty, own, "applications.csv", today=TODAY).added == 2


def test_the_same_posting_by_other_links_is_one_job(db) -> None:
    same = [
        "https://www.linkedin.com/jobs/view/3801/?refId=x&trackingId=y&trk=z",
        "linkedin.com/jobs/collections/recommended/?currentJobId=3801&eBP=abc",
        "https://www.linkedin.com/jobs/search/?currentJobId=3801&keywords=pm&origin=JOBS_HOME",
    ]
    assert len({url_key(u) for u in same}) == 1
    assert url_key("https://uk.indeed.com/jobs?q=pm&vjk=abc") == url_key("https://uk.indeed.com/viewjob?jk=abc&from=x")
    company = companies.add_company(db, "Acme")
    apps.add_application(db, company, "PM", job_url=same[0], today=TODAY)
    with pytest.raises(InputError, match="already tracked") as err:
        apps.add_application(db, company, "PM", job_url=same[1], today=TODAY)
    assert err.value.field == "Job URL"
    networking.add_contact(db, "Ana", profile_url="https://www.linkedin.com/in/ana?originalSubdomain=uk")
    with pytest.raises(InputError, match="already saved"):
        networking.add_contact(db, "Ana B", profile_url="linkedin.com/in/ana/?trk=people")


def _database_before_keys(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    migrations.migration.apply(db, stop_before="m010_url_keys")
    return db


def test_migration_recomputes_keys_and_keeps_every_row(tmp_path: Path) -> None:
    db = _database_before_keys(tmp_path / "old.db")
    db["companies"].insert({"id": 1, "name": "Acme", "name_key": "acme", "created_at": "2026-01-01T00:00:00+00:00"})
    old = [  # (url, key as the old rule computed it)
        ("https://www.linkedin.com/jobs/view/3801/?trk=a", "https://linkedin.com/jobs/view/3801"),
        ("https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3802", "x1"),
        ("https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3801", "x2"),  # the first job again
        ("https://www.indeed.com/viewjob?jk=aaa", "https://indeed.com/viewjob"),
        ("", ""),
    ]
    for n, (url, key) in enumerate(old, start=1):
        db["applications"].insert(
            {"id": n, "company_id": 1, "role": f"PM {n}", "job_url": url, "url_key": key, "created_at": "2026-01-01"}
        )
        db["contacts"].insert({"id": n, "name": f"P{n}", "profile_url": url, "url_key": key, "created_at": "x"})
    migrations.migrate(db)
    for table in ("applications", "contacts"):
        keys = [r[0] for r in db.execute(f"SELECT url_key FROM {table} ORDER BY id")]
        assert keys == [
            "https://linkedin.com/jobs/view/3801",
            "https://linkedin.com/jobs/view/3802",
            "",  # the same job as row 1: kept, without a key, so the unique index holds
            "https://indeed.com/viewjob?jk=aaa",
            "",
        ]
    company = 1
    with pytest.raises(InputError, match="already tracked"):
        apps.add_application(db, company, "PM", job_url="https://indeed.com/viewjob?jk=aaa", today=TODAY)
    apps.add_application(db, company, "PM", job_url="https://indeed.com/viewjob?jk=bbb", today=TODAY)
    db.close()


# ---------------------------------------------------------------- byte-order marks and encodings

OWN_APPS = "company,role,stage,stage_on\nAcme,PM,applied,2026-03-01\nBeta,Designer,applied,2026-03-02\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with its byte-order mark
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),  # no mark at all
        lambda t: t.encode("utf-32"),
        lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
    ],
)
def test_a_marked_or_wide_file_loses_nothing(db, encode) -> None:
    parsed = application_import.parse_applications(encode(OWN_APPS), "a.csv", today=TODAY)
    assert [r["company"] for r in parsed.records] == ["Acme", "Beta"]
    contacts = contact_import.parse_contacts(encode("name,company\nAna,Acme\nBo,Beta\n"), "c.csv", today=TODAY)
    assert [r["name"] for r in contacts.records] == ["Ana", "Bo"]


def test_bom_before_linkedin_header_keeps_the_first_row(db) -> None:
    data = codecs.BOM_UTF8 + (LINKEDIN_HEADER + "7/6/23,,,Acme,PM,,,\n").encode()
    assert application_import.import_applications(db, data, "j.csv", today=TODAY).added == 1


# ---------------------------------------------------------------- the wrong file


@pytest.fixture(scope="module")
def app_exports(tmp_path_factory) -> dict[str, bytes]:
    """Every file `python -m lib export` writes for a demo data set, by name."""
    import os

    from lib.demo.run import run_demo
    from lib.materials.export import export_all

    data = tmp_path_factory.mktemp("exports-data")
    out = tmp_path_factory.mktemp("exports")
    old = os.environ.get("PREP_DATA_DIR")
    os.environ["PREP_DATA_DIR"] = str(data)
    try:
        migrations.prepare()
        run_demo(1, today=dt.date.today())
        export_all(out)
    finally:
        os.environ.pop("PREP_DATA_DIR") if old is None else os.environ.__setitem__("PREP_DATA_DIR", old)
    return {p.name: p.read_bytes() for p in out.iterdir()}


RIGHT = {"applications.csv": "applications", "networking.csv": "contacts"}


@pytest.mark.parametrize("kind", ["applications", "contacts"])
def test_every_file_the_app_writes_is_recognised(db, app_exports, kind: str) -> None:
    for name, data in app_exports.items():
        if RIGHT.get(name) == kind:
            assert job_files.import_file(db, kind, data, name).added > 0
            continue
        with pytest.raises(ImportFileError) as err:
            job_files.preview_file(db, kind, data, name)
        message = str(err.value)
        assert "this is" in message, (name, message)
        if name in RIGHT:
            other = "import-contacts" if kind == "applications" else "import-applications"
            assert other in message and name in message
        if name in ("interviews.csv", "application_events.csv"):
            assert name in message and "no importer" in message


def test_interviews_csv_adds_no_fake_application(db, app_exports) -> None:
    for name in ("interviews.csv", "application_events.csv", "networking.csv"):
        with pytest.raises(ImportFileError, match="this is the app's"):
            application_import.import_applications(db, app_exports[name], name)
    assert db.conn.execute("SELECT COUNT(*) FROM applications").fetchone()[0] == 0


def test_a_zip_and_an_empty_file_are_named(db, tmp_path) -> None:
    import zipfile

    archive = tmp_path / "backup.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("prep.db", b"x")
    with pytest.raises(ImportFileError, match="zip archive.*restore"):
        application_import.parse_applications(archive.read_bytes(), "backup.zip")
    for empty in (b"", b"\n\n", codecs.BOM_UTF8, b",,,\n"):
        with pytest.raises(ImportFileError, match="empty|no header"):
            contact_import.parse_contacts(empty, "e.csv")


def test_a_column_named_twice_is_refused(db) -> None:
    with pytest.raises(ImportFileError, match="appears twice") as err:
        application_import.parse_applications("company,role,Company\nA,PM,B\n", "d.csv", today=TODAY)
    assert err.value.field == "Company"


# ---------------------------------------------------------------- formula injection

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@given(st.text())
def test_any_cell_is_safe_and_reads_back(text: str) -> None:
    written = csvsafe.safe_cell(text)
    assert not written.startswith(DANGEROUS)
    assert csvsafe.restore_cell(written) == text


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "'=1"])
def test_formulas_are_neutralised_in_every_export_and_imported_back(db, tmp_path, payload: str) -> None:
    company = companies.add_company(db, payload if payload[0] != "'" else "Acme")
    app = apps.add_application(db, company, payload, notes=payload, source=payload, today=TODAY)
    apps.change_stage(db, app, "recruiter_screen", TODAY, payload, today=TODAY)
    networking.add_contact(db, payload, payload, payload, how_met=payload)
    from lib.jobsearch import interviews

    interviews.add_interview(db, app, "behavioural", dt.datetime(2026, 3, 15, 10), interviewers=payload)
    paths = apps.export_applications(db, tmp_path) + networking.export_networking(db, tmp_path)
    for path in paths:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
            assert not any(cell.startswith(DANGEROUS) for cell in row), (path.name, row)
    with _empty_db(tmp_path / "other.db") as other:
        application_import.import_applications(other, (tmp_path / "applications.csv").read_bytes(), "a", today=TODAY)
        contact_import.import_contacts(other, (tmp_path / "networking.csv").read_bytes(), "n", today=TODAY)
        row = other.execute("SELECT role, notes, source FROM applications").fetchone()
        assert row == (payload, payload, payload)
        assert other.execute("SELECT name, role, how_met FROM contacts").fetchone() == (payload, payload, payload)


# ---------------------------------------------------------------- field names in messages


@pytest.mark.parametrize(
    ("call", "label"),
    [
        (lambda db, c, big: apps.add_application(db, c, big, today=TODAY), "Role"),
        (lambda db, c, big: apps.add_application(db, c, "PM", notes=big, today=TODAY), "Notes"),
        (lambda db, c, big: apps.add_application(db, c, "PM", job_url=big, today=TODAY), "Job URL"),
        (lambda db, c, big: apps.add_application(db, c, "PM", salary_range=big, today=TODAY), "Salary range"),
        (lambda db, c, big: companies.add_company(db, big), "Name"),
        (lambda db, c, big: companies.add_company(db, "Z", notes=big), "Notes"),
        (lambda db, c, big: networking.add_contact(db, big), "Name"),
        (lambda db, c, big: networking.add_contact(db, "Ana", big), "Company"),
        (lambda db, c, big: networking.add_contact(db, "Ana", how_met=big), "How you met"),
        (lambda db, c, big: companies.save_research(db, c, {"notes": big}), "Notes"),
    ],
)
def test_a_field_over_its_limit_is_named_as_the_form_shows_it(db, call, label: str) -> None:
    company = companies.add_company(db, "Acme")
    with pytest.raises(InputError, match="longer than") as err:
        call(db, company, "x" * 6000)
    assert err.value.field == label


def test_an_imported_field_over_its_limit_is_named_as_the_file_spells_it(db) -> None:
    data = "APPLICATION DATE,COMPANY NAME,JOB TITLE\n2026-03-01,Acme," + "x" * 301 + "\n"
    with pytest.raises(ImportFileError, match="longer than 300") as err:
        application_import.parse_applications(data, "j.csv", today=TODAY)
    assert (err.value.field, err.value.where) == ("JOB TITLE", "j.csv, line 2")
    data = "Name,Company\nAna," + "y" * 30_000 + "\n"
    with pytest.raises(ImportFileError, match="longer than 20000") as err:
        contact_import.parse_contacts(data, "c.csv", today=TODAY)
    assert err.value.field == "Company"
    with pytest.raises(ImportFileError) as err:
        application_import.parse_applications("Company,Role\n,PM\n", "a.csv", today=TODAY)
    assert err.value.field == "Company"


# ---------------------------------------------------------------- round trip

one_line = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=25)
filled = one_line.filter(lambda s: s.replace("\x00", "").split())
urls = st.one_of(
    st.just(""),
    st.builds(lambda n, q: f"https://jobs.example.com/view?jk={n}&utm_source={q}", st.integers(1, 50), name_text),
    st.builds(lambda n: f"https://www.linkedin.com/jobs/collections/recommended/?currentJobId={n}", st.integers(1, 50)),
)
days = st.dates(dt.date(2020, 1, 1), TODAY)


@st.composite
def job_search(draw) -> dict:
    """Applications typed in the forms, a LinkedIn Job Applications.csv, contacts typed in and from Connections.csv."""
    names = draw(st.lists(filled, min_size=1, max_size=3))
    typed = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "company": st.integers(0, len(names) - 1),
                    "role": filled,
                    "job_url": urls,
                    "source": one_line,
                    "notes": st.text(max_size=40),
                    "on_date": days,
                    "moved": st.booleans(),
                    "action": one_line,
                }
            ),
            max_size=4,
        )
    )
    linkedin = draw(
        st.lists(
            st.tuples(days, one_line, one_line, names_strategy(names), filled, urls, one_line, st.text()), max_size=4
        )
    )
    people = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": filled,
                    "company": st.one_of(st.sampled_from(names), one_line),
                    "role": one_line,
                    "how_met": one_line,
                    "email": st.sampled_from(["", "ana@example.com", "b.o@x.org"]),
                    "warmth": st.sampled_from(["warm", "cold"]),
                    "events": st.lists(st.tuples(st.sampled_from(list(networking.EVENT_KINDS)), days), max_size=3),
                }
            ),
            max_size=4,
        )
    )
    return {"names": names, "typed": typed, "linkedin": linkedin, "people": people}


def names_strategy(names: list[str]):
    return st.one_of(st.sampled_from(names), filled)


def _fill(db, data: dict) -> None:
    ids = []
    for name in data["names"]:
        try:
            ids.append(companies.add_company(db, name))
        except companies.DuplicateCompanyError as exc:  # the same name up to case and spacing: the form refuses it
            ids.append(exc.existing_id)
    for app in data["typed"]:
        try:
            app_id = apps.add_application(
                db,
                ids[app["company"]],
                app["role"],
                on_date=app["on_date"],
                job_url=app["job_url"],
                source=app["source"],
                notes=app["notes"],
                today=TODAY,
            )
        except InputError:  # a job already tracked
            continue
        if app["moved"]:
            apps.change_stage(db, app_id, "recruiter_screen", TODAY, today=TODAY)
        apps.set_next_action(db, app_id, app["action"], TODAY + dt.timedelta(days=3), today=TODAY)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(LINKEDIN_HEADER.strip().split(","))
    writer.writerows([d.isoformat(), *rest] for d, *rest in data["linkedin"])
    application_import.import_applications(db, buffer.getvalue(), "Job Applications.csv", today=TODAY)
    for person in data["people"]:
        contact_id = networking.add_contact(
            db, person["name"], person["company"], person["role"], how_met=person["how_met"], email=person["email"]
        )
        for kind, day in sorted(person["events"], key=lambda e: e[1]):
            networking.log_event(db, contact_id, kind, day, today=TODAY)


def _stored(db) -> dict:
    apps_rows = db.execute(
        """SELECT c.name, a.role, a.job_url, a.source, a.resume_version, a.salary_range, a.notes, a.contact_email,
                  a.contact_phone, a.questions_answers,
                  (SELECT group_concat(on_date || ' ' || stage, ';') FROM
                     (SELECT on_date, stage FROM stage_events e WHERE e.application_id = a.id ORDER BY on_date, id)),
                  (SELECT action || '|' || COALESCE(due_on, '') FROM application_actions x WHERE x.application_id = a.id
                   ORDER BY id DESC LIMIT 1)
           FROM applications a JOIN companies c ON c.id = a.company_id ORDER BY a.id"""
    ).fetchall()
    actions = [(*r[:-1], r[-1] if r[-1] and not r[-1].startswith("|") else None) for r in apps_rows]
    people = networking.contacts_table(db).sort_values("id")
    columns = ["name", "company", "role", "how_met", "profile_url", "email", "warmth", "connected_on", "events"]
    events = db.execute(
        "SELECT contact_id, group_concat(on_date || ' ' || kind, ';') FROM "
        "(SELECT * FROM contact_events ORDER BY on_date, id) GROUP BY contact_id"
    ).fetchall()
    return {
        "applications": actions,
        "contacts": people[columns].values.tolist(),
        "events": sorted(e[1] for e in events),
    }


@SLOW
@given(data=job_search())
def test_export_then_import_into_an_empty_folder_gives_back_every_field(data: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second, out = Path(tmp, "a.db"), Path(tmp, "b.db"), Path(tmp, "out")
        out.mkdir()
        for path in (first, second):
            migrations.prepare(path)
        with open_db(first) as db:
            _fill(db, data)
            apps.export_applications(db, out)
            networking.export_networking(db, out)
            before = _stored(db)
        with open_db(second) as db:
            application_import.import_applications(db, (out / "applications.csv").read_bytes(), "a", today=TODAY)
            contact_import.import_contacts(db, (out / "networking.csv").read_bytes(), "n", today=TODAY)
            after = _stored(db)
            # and a second import of the same files adds nothing
            assert application_import.import_applications(db, (out / "applications.csv").read_bytes(), "a").added == 0
            assert contact_import.import_contacts(db, (out / "networking.csv").read_bytes(), "n").added == 0
    assert after == before


# ---------------------------------------------------------------- concurrency and odd input


def test_two_imports_of_one_file_at_once_add_it_once(data_dir) -> None:
    rows = "".join(f"Acme {n},PM,https://jobs.example.com/view?jk={n}\n" for n in range(300))
    data = ("company,role,job_url\n" + rows).encode()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            job_files.import_path("applications", str(path))
        except BaseException as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    path = data_dir / "apps.csv"
    path.write_bytes(data)
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_db() as db:
        assert db.execute("SELECT COUNT(*) FROM applications").fetchone()[0] == 300


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2026-02-30", "not a date"),
        ("1999-12-31", "outside a sensible range"),
        ("9999-01-01", "outside a sensible range"),
        ("13/45/23", "not a date"),
        ("", "not a date"),
    ],
)
def test_odd_linkedin_dates_are_named(db, cell: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message) as err:
        application_import.parse_applications(f"{LINKEDIN_HEADER}{cell},,,Acme,PM,,,\n", "j.csv", today=TODAY)
    assert err.value.field == "Application Date"


def test_a_chat_scheduled_far_ahead_survives_the_round_trip(db, tmp_path) -> None:
    contact = networking.add_contact(db, "Ana")
    far = dt.date.today() + dt.timedelta(days=600)
    networking.log_event(db, contact, "chat_scheduled", far)
    networking.export_networking(db, tmp_path)
    with _empty_db(tmp_path / "o.db") as other:
        assert contact_import.import_contacts(other, (tmp_path / "networking.csv").read_bytes(), "n").added == 1


def test_hostile_text_is_stored_as_text(db) -> None:
    company = companies.add_company(db, "Acme\x00 <script>")
    app = apps.add_application(db, company, "PM\ud800\r\nLead", notes="a\r\nb\rc", today=TODAY)
    row = db.execute("SELECT role, notes FROM applications WHERE id = ?", [app]).fetchone()
    assert row == ("PM Lead", "a\nb\nc")
    assert db.execute("SELECT name FROM companies").fetchone()[0] == "Acme <script>"


# ---------------------------------------------------------------- the pages


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def test_pages_name_the_field_over_its_limit_as_labelled() -> None:
    from tests.conftest import open_tab, run_page

    with open_db() as db:
        companies.add_company(db, "Acme")
    at = open_tab(run_page("pages/applications.py"), "applications_tab", "Add & move")
    at.text_input(key="applications_add_role").input("R" * 301)
    _click(at, "Add application")
    assert any("Role" in e.value and "longer than 300" in e.value for e in at.error), [e.value for e in at.error]
    at = open_tab(run_page("pages/networking.py"), "networking_tab", "Add & log")
    at.text_input(key="networking_add_name").input("Ana")
    at.text_input(key="networking_add_how").input("h" * 501)
    _click(at, "Add contact")
    assert any("How you met" in e.value and "longer than 500" in e.value for e in at.error)
    at = run_page("pages/companies.py")
    at.text_input(key="companies_add_name").input("Beta")
    at.text_input(key="companies_add_website").input("w" * 501)
    _click(at, "Add company")
    assert any("Website" in e.value for e in at.error)
    with open_db() as db:
        assert db.execute("SELECT COUNT(*) FROM applications").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 0
