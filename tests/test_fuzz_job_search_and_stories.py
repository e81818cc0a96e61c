"""Fuzzed CSV importers, story markdown and stage changes: mostly valid input, a share of broken input.

A valid file must land whole: every row read back from the database with the
values the file gave. A broken file (one bad cell, a missing column, bytes that
are not UTF-8, ...) must raise one ImportFileError naming the file and the line,
and leave every table as it was. Each test prints the share that succeeded and
keeps it inside a band, so neither path goes untested.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.errors import ImportFileError, InputError
from lib.jobsearch import applications, companies, networking, stages
from lib.jobsearch.common import name_key
from lib.jobsearch.imports import applications as application_import
from lib.jobsearch.imports import contacts as contact_import
from lib.jobsearch.imports import linkedin as linkedin_export
from lib.jobsearch.imports import reading
from lib.storage import migrations
from lib.storage.db import open_db
from lib.stories import import_export as stories_io
from lib.stories import store as stories
from lib.stories import themes as story_themes
from tests.test_fuzz_timelog import SUCCESS_BAND, any_scalar, report, table_counts

EXAMPLES = 400
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)
TODAY = dt.date.today()
WHERE = "fuzzed.csv"
STAGES = stages.ALL_STAGES
EVENT_KINDS = tuple(networking.EVENT_KINDS)

# Text a user types into a cell: letters, digits, spaces and punctuation, accents included; no line breaks.
cell_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
words = st.text(cell_chars, min_size=1, max_size=25).filter(lambda t: t.strip())
optional = st.one_of(st.just(""), st.text(cell_chars, max_size=25), st.just("=cmd|' /C calc'!A0"))
past_days = st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A CSV file as a spreadsheet would write it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def collapsed(text: str) -> str:
    """Text as the importer keeps a required name: runs of white space as one space."""
    return " ".join(text.split())


@pytest.fixture
def fresh_db(tmp_path: Path, data_dir: Path) -> Callable:
    """A context manager per example: an empty, migrated database of its own (a copy of one made once)."""
    template = data_dir / "template.db"
    migrations.prepare(template)
    with open_db(template) as db:
        companies.add_company(db, "Existing Corp")
    counter = iter(range(10**9))

    def make():
        path = tmp_path / f"example-{next(counter)}.db"
        shutil.copy(template, path)
        return open_db(path)

    return make


# ---------------------------------------------------------------- application and contact files


@st.composite
def history_text(draw, kinds: tuple[str, ...], latest: dt.date) -> tuple[str, list[tuple[str, str]]]:
    """'2024-01-02 applied; 2024-02-01 onsite' in date order, and the events it stands for."""
    days = sorted(draw(st.lists(st.dates(dt.date(2000, 1, 1), latest), min_size=1, max_size=4)))
    events = [(d.isoformat(), draw(st.sampled_from(kinds))) for d in days]
    return "; ".join(f"{d} {k}" for d, k in events), events


def linkedin_date(draw, day: dt.date) -> str:
    """One of the ways LinkedIn's exports (or a spreadsheet re-saving them) write a date."""
    return draw(
        st.sampled_from(
            [
                f"{day.month}/{day.day}/{day.year % 100:02d}, 10:15 AM",
                f"{day.month:02d}/{day.day:02d}/{day.year}",
                day.isoformat(),
                day.strftime("%d %b %Y"),
            ]
        )
    )


@st.composite
def application_rows(draw, linkedin: bool, n: int) -> tuple[list[str], list[list[str]], list[dict]]:
    """A header, ``n`` valid rows, and what each row must become once stored."""
    header = list(linkedin_export.LINKEDIN_APPLICATIONS if linkedin else applications.APPLICATION_COLUMNS)
    rows, expected = [], []
    for i in range(n):
        company, role = draw(words), f"{draw(words)} #{i}"
        url = draw(st.sampled_from(["", f"https://jobs.example.com/{i}", f"www.Example.com/job/{i}/?ref=x"]))
        if linkedin:
            day = draw(past_days)
            cells = {
                "Application Date": linkedin_date(draw, day),
                "Company Name": company,
                "Job Title": role,
                "Job Url": url,
                "Contact Email": draw(optional),
                "Resume Name": draw(optional),
            }
            events, action = [(day.isoformat(), "applied")], None
        else:
            cells = {"company": company, "role": role, "job_url": url, "notes": draw(optional)}
            if draw(st.booleans()):
                cells["stage_history"], events = draw(history_text(STAGES, TODAY))
            else:
                stage, day = draw(st.sampled_from(STAGES)), draw(past_days)
                cells |= {"stage": stage, "stage_on": day.isoformat()}
                events = [(day.isoformat(), stage)]
            action = None
            if draw(st.booleans()):
                due = draw(st.dates(dt.date(2000, 1, 1), TODAY + dt.timedelta(days=90))).isoformat()
                cells |= {"next_action": draw(words).strip(), "next_action_due": due}
                action = (cells["next_action"], due)
        rows.append([cells.get(h, "") for h in header])
        expected.append(
            {"company": collapsed(company), "role": collapsed(role), "job_url": url, "events": events, "action": action}
        )
    return header, rows, expected


@st.composite
def contact_rows(draw, linkedin: bool, n: int) -> tuple[list[str], list[list[str]], list[dict]]:
    """A header, ``n`` valid contact rows, and what each must become once stored."""
    header = list(linkedin_export.LINKEDIN_CONNECTIONS if linkedin else networking.CONTACT_COLUMNS)
    rows, expected = [], []
    for i in range(n):
        first, company = draw(words), draw(optional).strip()
        name = f"{first} {i}"
        day = draw(st.one_of(st.none(), past_days))
        if linkedin:
            cells = {
                "First Name": first,
                "Last Name": str(i),
                "URL": draw(st.sampled_from(["", f"https://www.linkedin.com/in/p{i}"])),
                "Company": company,
                "Position": draw(optional),
                "Connected On": linkedin_date(draw, day) if day else "",
            }
            warmth, events = "warm", []
        else:
            warmth = draw(st.sampled_from(["", "warm", "cold"]))
            cells = {"name": name, "company": company, "warmth": warmth, "connected_on": day.isoformat() if day else ""}
            events = []
            if draw(st.booleans()):
                cells["history"], events = draw(history_text(EVENT_KINDS, TODAY + dt.timedelta(days=300)))
            warmth = warmth or "cold"
        rows.append([cells.get(h, "") for h in header])
        expected.append(
            {
                "name": collapsed(name),
                "company_name": company.strip(),
                "warmth": warmth,
                "connected_on": day.isoformat() if day else "",
                "events": events,
            }
        )
    return header, rows, expected


# How a file is broken, and the line (1 = header) the error must name; None when the file-level error has no line.
HUGE = "x" * (reading.MAX_FIELD + 1)
# How a row is broken: the cells to overwrite, in LinkedIn's layout and in the app's own.
APPLICATION_BREAKS = {
    "date in the future": ({"Application Date": "2999-01-01"}, {"stage_on": "2999-01-01", "stage_history": ""}),
    "date before 2000": ({"Application Date": "12/31/1999"}, {"stage_on": "1999-12-31", "stage_history": ""}),
    "not a date": ({"Application Date": "yesterday"}, {"stage_on": "yesterday", "stage_history": ""}),
    "no company": ({"Company Name": "  "}, {"company": "  "}),
    "no role": ({"Job Title": ""}, {"role": ""}),
    "unknown stage": ({"Application Date": ""}, {"stage": "hired!", "stage_history": ""}),
    "history backwards": ({"Job Title": " "}, {"stage_history": "2024-02-01 applied; 2024-01-01 onsite"}),
    "unknown history stage": ({"Company Name": ""}, {"stage_history": "2024-02-01 hired"}),
    "bad due date": ({"Application Date": "2/30/24"}, {"next_action_due": "soon"}),
    "huge cell": ({"Resume Name": HUGE}, {"notes": HUGE}),
}
CONTACT_BREAKS = {
    "date in the future": ({"Connected On": "2999-01-01"}, {"connected_on": "2999-01-01"}),
    "not a date": ({"Connected On": "31/31/31"}, {"connected_on": "31/31/31"}),
    "no name": ({"First Name": " ", "Last Name": "", "Company": "Acme"}, {"name": " ", "company": "Acme"}),
    "bad warmth": ({"Connected On": "05 Foo 2024"}, {"warmth": "lukewarm"}),
    "unknown event": ({"Connected On": "1999-01-01"}, {"history": "2024-01-01 lunch"}),
    "history backwards": ({"Connected On": "2/29/23"}, {"history": "2024-02-01 outreach; 2024-01-01 reply"}),
    "huge cell": ({"Company": HUGE}, {"company": HUGE}),
}
FILE_BREAKS = ["missing column", "not utf-8", "no header"]


@st.composite
def import_files(draw, rows_strategy, breaks: dict, required: dict[bool, str]) -> dict:
    """A file in one of the two layouts: valid three times in four, else broken in one named way."""
    linkedin = draw(st.booleans())
    n = draw(st.integers(min_value=1, max_value=6))
    header, rows, expected = draw(rows_strategy(linkedin, n))
    # A third of the draws break the file, each in one way (the generator favours early entries, so fewer land).
    kinds = [*breaks, *FILE_BREAKS]
    broken = draw(st.sampled_from([None] * (2 * len(kinds)) + kinds))
    line = None
    if broken in breaks:
        at = draw(st.integers(min_value=0, max_value=n - 1))
        for column, value in breaks[broken][0 if linkedin else 1].items():
            rows[at][header.index(column)] = value
        line = at + 2
    if broken == "missing column":
        drop = header.index(required[linkedin])
        header = header[:drop] + header[drop + 1 :]
        rows = [r[:drop] + r[drop + 1 :] for r in rows]
        line = 1
    if draw(st.booleans()):  # spreadsheets write columns in any order
        order = draw(st.permutations(range(len(header))))
        header, rows = [header[i] for i in order], [[r[i] for i in order] for r in rows]
    preamble = draw(st.sampled_from(["", "Notes:\n", "\n\n"]))
    text = preamble + csv_text(header, rows)
    if line is not None:
        line += preamble.count("\n")
    if broken == "no header":
        text = "just some notes\n" * 25
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])))
    if broken == "not utf-8":  # a legacy 8-bit encoding (UTF-16 with its byte-order mark is read)
        data = "café\n".encode("cp1252") + text.encode("utf-8")
    return {"data": data, "expected": expected, "broken": broken, "line": line, "format": linkedin}


def run_import(db, call: Callable[[], object], case: dict) -> object | None:
    """A broken file raises one ImportFileError naming the file (and the line) and writes nothing."""
    before = table_counts(db)
    if case["broken"] is None:
        return call()
    with pytest.raises(ImportFileError) as caught:
        call()
    message = str(caught.value)
    assert type(caught.value) is ImportFileError and caught.value.message.strip()
    assert caught.value.where.startswith(WHERE), message
    if case["line"] is not None:
        assert caught.value.where == f"{WHERE}, line {case['line']}", f"{case['broken']}: {message}"
    assert not db.conn.in_transaction
    assert table_counts(db) == before, f"partial write on {message}"
    return None


def stored_application(db, expected: dict) -> dict:
    """The application a row became, found by its company and role."""
    rows = db.conn.execute(
        """SELECT a.id, c.name_key, a.role, a.job_url FROM applications a JOIN companies c ON c.id = a.company_id
           WHERE a.role = ?""",
        (expected["role"],),
    ).fetchall()
    assert len(rows) == 1, f"{expected} stored {len(rows)} times"
    app_id, company, role, url = rows[0]
    # Two spellings of one company ("Acme", "ACME") share the first one's row: compare the key.
    company = company if company != name_key(expected["company"]) else expected["company"]
    events = db.conn.execute(
        "SELECT on_date, stage FROM stage_events WHERE application_id = ? ORDER BY id", (app_id,)
    ).fetchall()
    action = db.conn.execute("SELECT action, due_on FROM application_actions WHERE application_id = ?", (app_id,))
    return {"company": company, "role": role, "job_url": url, "events": events, "action": action.fetchone()}


def test_application_import_stores_every_row_or_refuses_the_file(fresh_db) -> None:
    counts: Counter = Counter()
    required = {True: "Job Title", False: "company"}

    @FUZZ
    @given(case=import_files(application_rows, APPLICATION_BREAKS, required))
    def run(case) -> None:
        with fresh_db() as db:
            before = table_counts(db)
            summary = run_import(
                db, lambda: application_import.import_applications(db, case["data"], WHERE, today=TODAY), case
            )
            counts["refused" if summary is None else "ok"] += 1
            if summary is None:
                return
            assert (summary.rows, summary.added, summary.duplicates) == (len(case["expected"]),) * 2 + (0,)
            assert summary.format == ("linkedin" if case["format"] else "app")
            for expected in case["expected"]:
                stored = stored_application(db, expected)
                assert stored == {**expected, "events": [tuple(e) for e in expected["events"]]}
            assert table_counts(db)["applications"] == before["applications"] + summary.added
            # Importing the same file again adds nothing.
            again = application_import.import_applications(db, case["data"], WHERE, today=TODAY)
            assert (again.added, again.duplicates) == (0, summary.rows)

    run()
    assert SUCCESS_BAND[0] <= report("application import", counts) <= SUCCESS_BAND[1]


def test_contact_import_stores_every_row_or_refuses_the_file(fresh_db) -> None:
    counts: Counter = Counter()
    required = {True: "First Name", False: "name"}

    @FUZZ
    @given(case=import_files(contact_rows, CONTACT_BREAKS, required))
    def run(case) -> None:
        with fresh_db() as db:
            summary = run_import(db, lambda: contact_import.import_contacts(db, case["data"], WHERE, today=TODAY), case)
            counts["refused" if summary is None else "ok"] += 1
            if summary is None:
                return
            assert (summary.rows, summary.added, summary.duplicates) == (len(case["expected"]),) * 2 + (0,)
            for expected in case["expected"]:
                rows = db.conn.execute(
                    "SELECT id, name, company_name, warmth, connected_on FROM contacts WHERE name = ?",
                    (expected["name"],),
                ).fetchall()
                assert len(rows) == 1, expected
                contact_id, *values = rows[0]
                events = db.conn.execute(
                    "SELECT on_date, kind FROM contact_events WHERE contact_id = ? ORDER BY id", (contact_id,)
                ).fetchall()
                assert dict(zip(("name", "company_name", "warmth", "connected_on"), values, strict=True)) | {
                    "events": events
                } == {**expected, "events": [tuple(e) for e in expected["events"]]}

    run()
    assert SUCCESS_BAND[0] <= report("contact import", counts) <= SUCCESS_BAND[1]


# ---------------------------------------------------------------- story markdown

THEMES = story_themes.load_themes().themes
SOURCES = story_themes.load_themes().sources
SOURCE_IDS = {**{label: key for key, label in SOURCES.items()}, **{key: key for key in SOURCES}}
story_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="#*\\")
story_text = st.text(story_chars, min_size=1, max_size=60).filter(lambda t: t.strip())
STORY_BREAKS = [
    "no theme",
    "unknown theme",
    "unknown source",
    "same title twice",
    "title too long",
    "section too long",
    "tag too long",
    "text before a label",
    "heading without a title",
    "no sections",
]


@st.composite
def story_documents(draw) -> dict:
    """A markdown file of 1-4 stories, valid three times in four, else broken in one named way."""
    n = draw(st.integers(min_value=1, max_value=4))
    lines, expected = ["# My stories", "Text before the first heading is ignored.", ""], []
    broken = draw(st.sampled_from([None] * (3 * len(STORY_BREAKS)) + STORY_BREAKS))
    at = draw(st.integers(min_value=0, max_value=n - 1))
    for i in range(n):
        theme = draw(st.sampled_from(THEMES))
        title = f"{draw(story_text)} {i}"
        source = draw(st.sampled_from(["", *SOURCES, *SOURCES.values()]))
        if i == at and broken == "unknown source":
            source = "Mars"
        tags = draw(st.lists(st.text(story_chars.filter(lambda c: c not in ",·"), min_size=1, max_size=40), max_size=3))
        sections = {
            name: draw(st.lists(story_text, max_size=3).map("\n".join))
            for name in ("situation", "task", "action", "result", "learning")
        }
        sections["result"] = sections["result"] or draw(story_text)
        escaped = draw(st.booleans())
        theme_text = draw(st.sampled_from([theme.name, theme.id, theme.name.upper()]))
        if i == at and broken == "title too long":
            title = "T" * (stories.TITLE_MAX + 1)
        if broken == "same title twice" and i == n - 1 and i > 0:
            title = expected[0]["title"]
        lines.append("##" if i == at and broken == "heading without a title" else f"## {title}")
        meta = [] if i == at and broken == "no theme" else [f"Theme: {theme_text}"]
        if i == at and broken == "unknown theme":
            meta = ["Theme: Heroics"]
        if source:
            meta.append(f"Source: {source}")
        if tags or (i == at and broken == "tag too long"):
            meta.append("Tags: " + ", ".join([*tags, *(["t" * 41] if i == at and broken == "tag too long" else [])]))
        lines += [" · ".join(meta)] if meta else []
        if i == at and broken == "text before a label":
            lines.append("An opening line without a label.")
        for name, body in sections.items():
            if i == at and broken == "no sections":
                break
            if i == at and broken == "section too long" and name == "result":
                body = "word " * (stories.TEXT_MAX // 4)
            if body:
                extra = "\n\\## a line that looks like a heading" if escaped and name == "action" else ""
                lines += [f"**{name.title()}:** {body}{extra}", ""]
                if extra:
                    sections[name] = body + "\n## a line that looks like a heading"
        expected.append(
            {
                "title": collapsed(title),
                "theme_id": theme.id,
                "source": SOURCE_IDS.get(source) or story_themes.load_themes().group_of(theme.id).id,
                "tags": list(dict.fromkeys(collapsed(t) for t in tags if t.strip())),
                **{name: stories.clean_text(body) for name, body in sections.items()},
            }
        )
    if broken == "same title twice" and n == 1:
        broken = None
    return {"text": "\n".join(lines) + "\n", "expected": expected, "broken": broken}


def test_story_markdown_imports_every_story_or_refuses_the_file(fresh_db) -> None:
    counts: Counter = Counter()

    @FUZZ
    @given(doc=story_documents())
    def run(doc) -> None:
        with fresh_db() as db:
            before = table_counts(db)
            if doc["broken"] is not None:
                with pytest.raises(ImportFileError) as caught:
                    stories_io.import_stories(db, stories_io.stories_from_markdown(doc["text"], "stories.md"))
                assert caught.value.where == "stories.md" and "nothing was imported" in caught.value.message
                assert table_counts(db) == before
                counts["refused"] += 1
                return
            ids = stories_io.import_stories(db, stories_io.stories_from_markdown(doc["text"], "stories.md"))
            counts["ok"] += 1
            assert len(ids) == len(set(ids)) == len(doc["expected"])
            for story_id, expected in zip(ids, doc["expected"], strict=True):
                stored = stories.get_story(db, story_id)
                assert {k: stored[k] for k in expected} == expected
            # Importing the same file again is a no-op: every story is unchanged.
            assert stories_io.import_stories(db, stories_io.stories_from_markdown(doc["text"], "stories.md")) == ids
            assert table_counts(db)["story_versions"] == before["story_versions"] + len(ids)

    run()
    assert SUCCESS_BAND[0] <= report("story markdown import", counts) <= SUCCESS_BAND[1]


# ---------------------------------------------------------------- stage changes


@pytest.fixture
def fuzz_db(data_dir: Path):
    """One connection for the run, with a company and an application to move."""
    with open_db() as db:
        company = companies.add_company(db, "Fuzz Corp")
        applications.add_application(db, company, "PM", on_date=TODAY - dt.timedelta(days=30), today=TODAY)
        yield db


def test_stage_change_records_an_event_or_refuses(fuzz_db) -> None:
    counts: Counter = Counter()

    @FUZZ
    @given(
        broken=st.sampled_from([None] * 12 + ["application", "stage", "same stage", "on_date"]),
        pick=st.integers(min_value=0, max_value=100),
        on_date=st.sampled_from([None, TODAY, TODAY.isoformat(), f" {TODAY.isoformat()} "]),
        note=st.text(max_size=50),
        data=st.data(),
    )
    def run(broken, pick, on_date, note, data) -> None:
        (current,) = fuzz_db.conn.execute(
            "SELECT stage FROM stage_events WHERE application_id = 1 ORDER BY on_date DESC, id DESC LIMIT 1"
        ).fetchone()
        others = [s for s in STAGES if s != current]
        stage, application_id = others[pick % len(others)], 1
        if broken == "application":
            application_id = data.draw(st.one_of(st.integers(min_value=2), st.integers(max_value=0), any_scalar))
        elif broken == "stage":
            stage = data.draw(st.one_of(st.text(max_size=15), any_scalar).filter(lambda s: s not in STAGES))
        elif broken == "on_date":
            on_date = data.draw(st.sampled_from(["someday", "2999-01-01", 3, "2024-02-30", TODAY - dt.timedelta(40)]))
        elif broken == "same stage":
            stage = current  # moving to the stage it is already at is refused
        before = table_counts(fuzz_db)
        call = lambda: applications.change_stage(fuzz_db, application_id, stage, on_date, note, today=TODAY)  # noqa: E731
        if broken:
            with pytest.raises(InputError):
                call()
            assert table_counts(fuzz_db) == before and not fuzz_db.conn.in_transaction
            counts["refused"] += 1
            return
        event_id = call()
        counts["ok"] += 1
        row = fuzz_db.conn.execute("SELECT application_id, stage, on_date FROM stage_events WHERE id = ?", (event_id,))
        assert row.fetchone() == (1, stage, TODAY.isoformat())
        assert table_counts(fuzz_db)["stage_events"] == before["stage_events"] + 1

    run()
    assert SUCCESS_BAND[0] <= report("stage change", counts) <= SUCCESS_BAND[1]


@pytest.mark.parametrize("application_id", [[], {}, 2**70, -(2**70), b"\x00", 1.5, "1", 0, 2, None])
def test_stage_change_refuses_an_id_that_is_not_an_application(fuzz_db, application_id) -> None:
    """The id comes from a widget today, but the function is the app's API: any value gets an answer."""
    before = table_counts(fuzz_db)
    with pytest.raises(InputError) as caught:
        applications.change_stage(fuzz_db, application_id, "onsite", today=TODAY)
    assert caught.value.field and table_counts(fuzz_db) == before
