"""Fuzzed importers, story markdown and stage changes: success, or the app's own error naming the place, nothing half-written."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.errors import PrepError
from lib.storage.db import open_db
from tests.test_fuzz_timelog import any_scalar, table_counts

FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TODAY = dt.date.today()
WHERE = "fuzzed.csv"

job_imports = pytest.importorskip("lib.jobsearch.imports", reason="the CSV importers have not landed yet")
from lib.jobsearch import applications, companies, networking
from lib.stories import store as stories
from lib.stories.markdown import parse_stories

days = st.dates(min_value=TODAY - dt.timedelta(days=2000), max_value=TODAY + dt.timedelta(days=30))
day_text = st.one_of(
    days.map(dt.date.isoformat),
    days.map(lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}, 10:15 AM"),
    days.map(lambda d: d.strftime("%d %b %Y")),
    st.text(max_size=12),
)
cell = st.one_of(
    st.text(max_size=30),
    day_text,
    st.sampled_from(["", " ", "https://jobs.example.com/1", "=cmd|' /C calc'!A0", '"', "\n", ";"]),
    st.sampled_from([*applications.ALL_STAGES, *networking.EVENT_KINDS]),
)
history = st.lists(
    st.tuples(day_text, st.sampled_from([*applications.ALL_STAGES, *networking.EVENT_KINDS, "bogus", ""])), max_size=4
).map(lambda events: "; ".join(f"{d} {k}" for d, k in events))


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A CSV file as a spreadsheet would write it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def csv_files(draw, formats: list[list[str]], history_column: str) -> bytes | str:
    """A file in one of the known layouts with fuzzed cells, columns dropped or shuffled — or raw junk."""
    kind = draw(st.sampled_from(["layout", "layout", "layout", "junk_text", "junk_bytes"]))
    if kind == "junk_text":
        return draw(st.text(max_size=300))
    if kind == "junk_bytes":
        return draw(st.binary(max_size=300))
    header = list(draw(st.sampled_from(formats)))
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(min_value=0, max_value=4)) == 0 and len(header) > 1:
        header.pop(draw(st.integers(min_value=0, max_value=len(header) - 1)))
    column = history if history_column in header else cell
    rows = draw(
        st.lists(st.lists(st.one_of(cell, column), min_size=len(header) - 1, max_size=len(header) + 1), max_size=6)
    )
    text = csv_text(header, rows)
    preamble = draw(st.sampled_from(["", "Notes:\n", "\n\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return (preamble + text).encode(encoding, "replace")


def assert_success_or_app_error(db, call: Callable[[], object], where: str | None) -> object | None:
    """Success, or a PrepError naming ``where`` (or, without one, its field) that leaves no transaction open and writes nothing."""
    before = table_counts(db)
    try:
        return call()
    except PrepError as exc:
        assert exc.message.strip()
        if where is None:
            assert exc.field or exc.where, f"error names no field or place: {exc!r}"
        else:
            assert where in str(exc), f"error does not name the place: {exc}"
        assert not db.conn.in_transaction
        assert table_counts(db) == before, f"partial write on {exc!r}"
        return None


@pytest.fixture
def fuzz_db(data_dir: Path):
    """One connection for the run, with a company and an application to move."""
    with open_db() as db:
        company = companies.add_company(db, "Fuzz Corp")
        applications.add_application(db, company, "PM", on_date=TODAY - dt.timedelta(days=30), today=TODAY)
        yield db


@FUZZ
@given(data=csv_files([job_imports.LINKEDIN_APPLICATIONS, applications.APPLICATION_COLUMNS], "stage_history"))
def test_application_import_any_file(fuzz_db, data) -> None:
    before = table_counts(fuzz_db)
    summary = assert_success_or_app_error(
        fuzz_db, lambda: job_imports.import_applications(fuzz_db, data, WHERE, today=TODAY), WHERE
    )
    if summary is not None:
        assert table_counts(fuzz_db)["applications"] == before["applications"] + summary.added


@FUZZ
@given(data=csv_files([job_imports.LINKEDIN_CONNECTIONS, networking.CONTACT_COLUMNS], "history"))
def test_contact_import_any_file(fuzz_db, data) -> None:
    before = table_counts(fuzz_db)
    summary = assert_success_or_app_error(
        fuzz_db, lambda: job_imports.import_contacts(fuzz_db, data, WHERE, today=TODAY), WHERE
    )
    if summary is not None:
        assert table_counts(fuzz_db)["contacts"] == before["contacts"] + summary.added


THEME_NAMES = [t.name for t in stories.load_themes().themes]
story_line = st.one_of(
    st.text(max_size=40).map(lambda t: t.replace("\n", " ")),
    st.builds(lambda t: f"## {t}", st.text(max_size=30)),
    st.builds(
        lambda label, t: f"**{label}:** {t}",
        st.sampled_from(["Situation", "Task", "Action", "Result", "Learning", "Other"]),
        st.text(max_size=60),
    ),
    st.builds(
        lambda theme, src, tags: f"Theme: {theme} · Source: {src} · Tags: {tags}",
        st.one_of(st.sampled_from(THEME_NAMES), st.text(max_size=10)),
        st.sampled_from(["Background", "Portfolio project", "Career", "Mars"]),
        st.text(max_size=20),
    ),
    st.sampled_from(["", "\\## not a heading", "###", "**", "Theme:", "\r", "\x00"]),
)
markdown = st.one_of(st.lists(story_line, max_size=25).map("\n".join), st.text(max_size=400))


@FUZZ
@given(text=markdown)
def test_story_markdown_any_text(fuzz_db, text) -> None:
    assert isinstance(parse_stories(text), list)
    before = table_counts(fuzz_db)
    parsed = assert_success_or_app_error(
        fuzz_db, lambda: stories.stories_from_markdown(text, "stories.md"), "stories.md"
    )
    if parsed:
        stories.import_stories(fuzz_db, parsed)
        # A story whose title is already in the bank becomes a version of it, or nothing when unchanged.
        added = table_counts(fuzz_db)["story_versions"] - before["story_versions"]
        assert 0 <= added <= len(parsed)
        assert {s["title"] for s in parsed} <= set(stories.current_stories(fuzz_db)["title"])


@FUZZ
@given(
    application_id=st.one_of(
        st.just(1), st.integers(min_value=-2, max_value=5), st.integers(min_value=-(2**63), max_value=2**63 - 1)
    ),
    stage=st.one_of(st.sampled_from(applications.ALL_STAGES), st.text(max_size=15), any_scalar),
    on_date=st.one_of(st.none(), days, days.map(dt.date.isoformat), st.text(max_size=12), any_scalar),
    note=st.one_of(st.text(max_size=50), any_scalar),
)
def test_stage_change_any_input(fuzz_db, application_id, stage, on_date, note) -> None:
    before = table_counts(fuzz_db)
    event = assert_success_or_app_error(
        fuzz_db,
        lambda: applications.change_stage(fuzz_db, application_id, stage, on_date, note, today=TODAY),
        None,
    )
    if event is not None:
        assert table_counts(fuzz_db)["stage_events"] == before["stage_events"] + 1


@pytest.mark.parametrize("application_id", [[], {}, 2**70, -(2**70), b"\x00", 1.5, "1"])
def test_stage_change_refuses_an_id_that_is_not_an_application(fuzz_db, application_id) -> None:
    """The id comes from a widget today, but the function is the app's API: any value gets an answer."""
    assert_success_or_app_error(
        fuzz_db, lambda: applications.change_stage(fuzz_db, application_id, "onsite", today=TODAY), None
    )
