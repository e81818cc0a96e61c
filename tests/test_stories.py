"""Story storage (versions, tombstones), links, rehearsal, markdown import/export, the check-stories command, demo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lib.core.errors import ImportFileError, InputError
from lib.practice import questions, rehearsal
from lib.storage.db import open_db
from lib.stories import checks
from lib.stories import import_export as stories_io
from lib.stories import links as story_links
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from lib.stories import themes as story_themes
from lib.stories.checks import word_count
from lib.stories.markdown import parse_stories

ROOT = Path(__file__).resolve().parent.parent

STORY = {
    "title": "Spotting the triage gap",
    "theme_id": "discovery",
    "source": "portfolio",
    "situation": "At a 40-person startup, agents spent an hour a shift sorting tickets by hand.",
    "task": "I had to find out whether triage was a real problem worth an AI product.",
    "action": "I shadowed six agents, interviewed eight leads and labelled 300 tickets myself.",
    "result": "Triage took 52 minutes a day and 23% of tickets were misrouted.",
    "learning": "I learned to size a problem with observed minutes first.",
    "tags": "portfolio, AI",
}

MARKDOWN = """# My stories

Some notes before the first story are ignored.

## Spotting the triage gap

Theme: Discovery · Source: Portfolio project · Tags: portfolio, AI

**Situation:** At a 40-person startup, agents spent an hour a shift sorting tickets by hand.

**Task:** I had to find out whether triage was a real problem worth an AI product.

**Action:** I shadowed six agents.
Then I interviewed eight leads.

And I labelled 300 tickets myself.

**Result:** Triage took 52 minutes a day and 23% of tickets were misrouted.

## The forecast nobody used

Theme: failure

**Situation:** I built a demand forecast for the warehouse alone over six weeks.
**Task:** Cut overtime by predicting busy days.
**Action:** We tuned it and we presented it.
**Result:** Nobody used it.
"""


def test_save_appends_versions_and_the_latest_is_current() -> None:
    with open_db() as db:
        story_id = stories.save_story(db, STORY)
        stories.save_story(db, {**STORY, "title": "Finding the triage gap"}, story_id)
        stories.save_story(db, {**STORY, "title": "Finding the triage gap"}, story_id)  # unchanged: no new version
        current = stories.current_stories(db)
        assert list(current["title"]) == ["Finding the triage gap"]
        assert current.loc[0, "tags"] == ["portfolio", "AI"]
        assert len(stories.story_versions(db, story_id)) == 2


def test_delete_is_a_tombstone_and_history_stays() -> None:
    with open_db() as db:
        story_id = stories.save_story(db, STORY)
        story_links.set_story_links(db, story_id, ["behavioural-failed"])
        stories.delete_story(db, story_id)
        assert stories.current_stories(db).empty
        assert story_links.current_links(db).empty
        versions = stories.story_versions(db, story_id)
        assert list(versions["deleted"]) == [1, 0]
        with pytest.raises(InputError):
            stories.get_story(db, story_id)


def test_duplicate_makes_an_independent_copy() -> None:
    with open_db() as db:
        story_id = stories.save_story(db, STORY)
        copy_id = stories.duplicate_story(db, story_id)
        assert copy_id != story_id
        assert stories.get_story(db, copy_id)["title"] == "Copy of Spotting the triage gap"
        stories.save_story(db, {**STORY, "result": "Changed only in the copy, with 12 numbers."}, copy_id)
        assert stories.get_story(db, story_id)["result"] == STORY["result"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": "  "}, "title"),
        ({"theme_id": ""}, "theme"),
        ({"theme_id": "bravery"}, "theme"),
        ({"source": "school"}, "source"),
        ({"title": "x" * 121}, "title"),
        ({"action": "a" * 5001}, "action"),
    ],
)
def test_bad_fields_are_refused_at_the_field(change: dict, field: str) -> None:
    with open_db() as db:
        with pytest.raises(InputError) as exc:
            stories.save_story(db, {**STORY, **change})
        assert exc.value.field == field
        assert stories.current_stories(db).empty


def test_links_are_events_and_current_links_are_derived() -> None:
    with open_db() as db:
        story_id = stories.save_story(db, STORY)
        story_links.set_story_links(db, story_id, ["q-a", "q-b"])
        story_links.set_story_links(db, story_id, ["q-b", "q-c"])
        assert sorted(story_links.current_links(db)["question_id"]) == ["q-b", "q-c"]
        events = db.conn.execute("SELECT question_id, linked FROM story_links ORDER BY id").fetchall()
        assert events == [("q-a", 1), ("q-b", 1), ("q-c", 1), ("q-a", 0)]
        story_links.link_story(db, story_id, "q-a", "suggested")
        assert sorted(story_links.current_links(db)["question_id"]) == ["q-a", "q-b", "q-c"]


def test_rehearsal_is_logged_and_scheduled_with_the_shared_schedule() -> None:
    with open_db() as db:
        story_id = stories.save_story(db, STORY)
        when = dt.datetime(2026, 11, 20, 19, 0, tzinfo=dt.UTC)
        due = story_rehearsals.log_rehearsal(db, story_id, 150, 3, when=when)
        assert due > when
        history = rehearsal.review_history(db, "story", story_id)
        assert list(history["duration_s"]) == [150.0]
        logged = story_rehearsals.rehearsals(db)
        assert logged.loc[0, "words"] == stories.report_for(stories.get_story(db, story_id)).words
        items = story_rehearsals.due_stories(db, due.date() + dt.timedelta(days=1))
        assert [i.title for i in items] == [STORY["title"]] and items[0].page == "stories"
        with pytest.raises(InputError):
            story_rehearsals.log_rehearsal(db, story_id, 0, 3)


def test_pace_is_a_setting_and_rehearsals_calibrate_it() -> None:
    with open_db() as db:
        assert stories.speaking_pace(db) == 100
        assert stories.set_speaking_pace(db, 130) == 130
        assert stories.speaking_pace(db) == 130
        with pytest.raises(InputError):
            stories.set_speaking_pace(db, 20)
        story_id = stories.save_story(db, {**STORY, "action": STORY["action"] + " I kept going." * 60})
        words = stories.report_for(stories.get_story(db, story_id)).words
        assert story_rehearsals.calibrated_pace(db) is None
        for seconds in (words * 60 / 120, words * 60 / 110, words * 60 / 140, 5):  # the 5 s false start is ignored
            story_rehearsals.log_rehearsal(db, story_id, seconds, 3)
        assert story_rehearsals.calibrated_pace(db) == pytest.approx(120, abs=0.2)


def test_parse_sections_meta_and_lines() -> None:
    parsed = parse_stories(MARKDOWN)
    assert [p.title for p in parsed] == ["Spotting the triage gap", "The forecast nobody used"]
    lines = MARKDOWN.splitlines()
    assert parsed[0].line == lines.index("## Spotting the triage gap") + 1 == 5
    assert parsed[1].line == lines.index("## The forecast nobody used") + 1
    assert parsed[0].meta == {"theme": "Discovery", "source": "Portfolio project", "tags": "portfolio, AI"}
    assert (
        parsed[0].sections["action"]
        == "I shadowed six agents.\nThen I interviewed eight leads.\n\nAnd I labelled 300 tickets myself."
    )
    assert parsed[1].sections["task"] == "Cut overtime by predicting busy days."
    assert all(not p.problems for p in parsed)


def test_import_is_all_or_nothing_and_names_the_bad_story() -> None:
    broken = MARKDOWN + "\n## Third story\n\nTheme: Courage\n\n**Situation:** Something happened here at work.\n"
    with pytest.raises(ImportFileError) as exc:
        stories_io.stories_from_markdown(broken, "mine.md")
    message = str(exc.value)
    third = broken.splitlines().index("## Third story") + 1
    assert (
        "mine.md" in message and f"'## Third story' (line {third})" in message and "unknown theme 'Courage'" in message
    )
    assert "forecast" not in message  # the well-formed stories are not blamed


def test_import_preview_shows_findings_before_storing() -> None:
    parsed = stories_io.stories_from_markdown(MARKDOWN, "mine.md")
    with open_db() as db:
        preview = stories_io.import_preview(db, parsed)
        assert stories.current_stories(db).empty
    assert list(preview["title"]) == ["Spotting the triage gap", "The forecast nobody used"]
    assert list(preview["import as"]) == ["new story", "new story"]
    assert list(preview["theme"]) == ["Discovery", "Failure"]
    assert checks.FINDING_LABELS["we_over_i"] in preview.loc[1, "findings"]


def test_reimporting_an_edited_file_appends_versions_and_adds_no_duplicates() -> None:
    with open_db() as db:
        first = stories_io.import_stories(db, stories_io.stories_from_markdown(MARKDOWN))
        assert len(set(first)) == 2
        edited = MARKDOWN.replace("**Result:** Nobody used it.", "**Result:** Nobody used it for 3 months.")
        parsed = stories_io.stories_from_markdown(edited)
        assert list(stories_io.import_preview(db, parsed)["import as"]) == ["unchanged", "new version"]
        assert stories_io.import_stories(db, parsed) == first
        bank = stories.current_stories(db)
        assert len(bank) == 2
        forecast = bank[bank["title"] == "The forecast nobody used"].iloc[0]
        assert forecast["result"] == "Nobody used it for 3 months."
        assert len(stories.story_versions(db, forecast["story_id"])) == 2


def test_two_stories_with_one_title_in_a_file_are_refused() -> None:
    twice = (
        MARKDOWN + "\n## Spotting the triage gap\n\nTheme: Discovery\n\n**Situation:** Again, the same title here.\n"
    )
    with pytest.raises(ImportFileError) as exc:
        stories_io.stories_from_markdown(twice, "f.md")
    assert "the same title as the story at line 5" in str(exc.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("just some notes\nno headings\n", "no story found"),
        ("## \n\nTheme: Failure\n\n**Situation:** x y z a b c\n", "heading without a title"),
        (
            "## Twice\n\nTheme: Failure\n\n**Action:** one two\n**Action:** three four\n",
            "line 6: a second **Action:** section",
        ),
        (
            "## Loose\n\nTheme: Failure\nA paragraph first.\n**Action:** I did it\n",
            "line 4: text before the first section label",
        ),
        ("## Bare\n\nTheme: Failure\n", "no **Situation:**"),
        ("## No theme\n\n**Action:** I did it\n", "no theme"),
    ],
)
def test_malformed_files_say_why(text: str, expected: str) -> None:
    with pytest.raises(ImportFileError) as exc:
        stories_io.stories_from_markdown(text, "f.md")
    assert expected in str(exc.value)


def _links_by_title(db) -> list[tuple[str, str]]:
    titles = dict(zip(stories.current_stories(db)["story_id"], stories.current_stories(db)["title"], strict=False))
    return sorted((titles[r.story_id], r.question_id) for r in story_links.current_links(db).itertuples())


def test_export_then_import_round_trip_is_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tricky = {
        **STORY,
        "title": "C# and <b>bold</b> claims",
        "theme_id": "technical-decision",
        "action": "I wrote:\n## not a heading\n**Result:** not a label\n\\ a backslash line\n# hash",
        "tags": "",
    }
    with open_db() as db:
        ids = [
            stories.save_story(db, story)
            for story in (
                STORY,
                tricky,
                {
                    **STORY,
                    "title": "Only a result",
                    "theme_id": "why-pm",
                    "situation": "",
                    "task": "",
                    "action": "",
                    "learning": "",
                    "source": "career",
                },
            )
        ]
        bank = questions.all_questions(db)
        by_text = dict(zip(bank["text"], bank["id"], strict=False))
        story_links.set_story_links(db, ids[0], [by_text["Tell me about a time you failed"], "theme-leadership"])
        story_links.set_story_links(db, ids[2], [by_text["Why PM? Why AI PM?"]])
        (path,) = stories_io.export_stories(db, tmp_path)
        before, links_before = stories.current_stories(db), _links_by_title(db)
    assert path.name == "star-stories.md"
    text = path.read_text(encoding="utf-8")
    assert "Answers:\n- Tell me about a time you failed\n- Leadership (from work/school/life)\n" in text
    fields = ["title", "theme_id", "source", "situation", "task", "action", "result", "learning", "tags"]
    (tmp_path / "other").mkdir()
    monkeypatch.setenv("PREP_DATA_DIR", str(tmp_path / "other"))
    from lib.storage import migrations

    migrations.prepare()  # the other machine's start-up
    with open_db() as db:
        stories_io.import_stories(db, stories_io.read_import(db, text, path.name))
        after, links_after = stories.current_stories(db), _links_by_title(db)
        again = stories_io.export_markdown(db)
    assert again == text
    key = lambda df: df.sort_values("title")[fields].to_dict("records")  # noqa: E731
    assert key(after) == key(before)
    assert links_after == links_before


def test_answers_must_name_known_questions() -> None:
    text = (
        "## Launch\n\nTheme: Conflict\n\n"
        "Answers:\n- tell me about a conflict with an engineer\n- Tell me about dragons\n\n"
        "**Situation:** A release was due on Friday and the data said wait.\n"
    )
    with open_db() as db:
        with pytest.raises(ImportFileError) as exc:
            stories_io.read_import(db, text, "f.md")
        assert "'## Launch' (line 1): unknown question 'Tell me about dragons'" in str(exc.value)
        (story,) = stories_io.read_import(db, text.replace("- Tell me about dragons\n", ""), "f.md")
        bank = questions.all_questions(db)
        assert story["question_ids"] == list(
            bank.loc[bank["text"] == "Tell me about a conflict with an engineer", "id"]
        )


def test_check_stories_prints_one_json_object_per_story(cli, tmp_path: Path, data_dir: Path) -> None:
    md = tmp_path / "stories.md"
    md.write_text(MARKDOWN, encoding="utf-8")
    done = cli("check-stories", str(md))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["title"] for d in lines] == ["Spotting the triage gap", "The forecast nobody used"]
    for d in lines:
        assert list(d) == [
            "title",
            "words",
            "speaking_seconds",
            "sections",
            "i_count",
            "we_count",
            "has_numbers",
            "issues",
        ]
        assert set(d["sections"]) == {"situation", "task", "action", "result", "learning"}
    first, second = lines
    expected_words = sum(word_count(t) for t in parse_stories(MARKDOWN)[0].sections.values())
    assert first["words"] == expected_words and first["speaking_seconds"] == round(expected_words * 60 / 100)
    assert first["has_numbers"] is True and first["i_count"] == 4 and first["we_count"] == 0  # I x3 and "myself"
    assert first["issues"] == ["too_short", "no_learning"]
    assert second["we_count"] == 2 and second["i_count"] == 0
    # "Nobody used it." is too slight to count as a Result; numbers are then read from the whole story ("six weeks").
    assert second["sections"]["result"] is False and second["has_numbers"] is True
    assert second["issues"] == ["missing_result", "too_short", "we_over_i", "no_learning"]


def test_check_stories_on_a_missing_file_fails_clearly(cli, tmp_path: Path, data_dir: Path) -> None:
    done = cli("check-stories", str(tmp_path / "nope.md"))
    assert done.returncode != 0
    assert "nope.md" in done.stderr and "no such file" in done.stderr
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x80\x81bad")
    done = cli("check-stories", str(binary))
    assert done.returncode != 0 and "not UTF-8" in done.stderr


def test_check_stories_with_no_story_still_reads_the_file(cli, tmp_path: Path, data_dir: Path) -> None:
    md = tmp_path / "empty.md"
    md.write_text("# Nothing here yet\n", encoding="utf-8")
    done = cli("check-stories", str(md), "--wpm", "120")
    assert done.returncode == 0 and done.stdout == "" and "no stories found" in done.stderr


def test_demo_fills_every_theme_with_links_findings_and_rehearsals(demo_dir: Path) -> None:
    with open_db() as db:
        bank = stories.bank_report(db)
        assert len(bank) >= 10
        assert set(bank["theme_id"]) == {t.id for t in story_themes.load_themes().themes}
        assert sum(bool(i) for i in bank["issues"]) >= 2
        assert sum(not i for i in bank["issues"]) >= 6
        assert len(story_links.current_links(db)) >= 5
        assert len(story_rehearsals.rehearsals(db)) >= 3


def test_demo_scale_multiplies_stories(data_dir: Path) -> None:
    import random

    from lib.demo import stories as story_demo

    with open_db() as db:
        story_demo.demo(db, 3, random.Random(1), dt.date(2026, 11, 27))
        assert len(stories.current_stories(db)) == 3 * len(story_demo.SAMPLES)


def test_due_rehearsals_reach_the_overview_list() -> None:
    from lib.plan import due

    with open_db() as db:
        story_id = stories.save_story(db, STORY)
        when = dt.datetime(2026, 11, 20, 19, 0, tzinfo=dt.UTC)
        next_due = story_rehearsals.log_rehearsal(db, story_id, 150, 2, when=when)
        later = next_due.astimezone().date() + dt.timedelta(days=1)
        items = [i for i in due.all_due(db, later) if i.kind == "Rehearse story"]
        assert [(i.title, i.page) for i in items] == [(STORY["title"], "stories")]
        stories.delete_story(db, story_id)
        assert not [i for i in due.all_due(db, later) if i.kind == "Rehearse story"]


def test_export_command_writes_star_stories_that_check_stories_reads(cli, demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = cli("export", str(out))
    assert done.returncode == 0, done.stderr
    md = out / "star-stories.md"
    assert str(md) in done.stdout.splitlines()
    checked = cli("check-stories", str(md))
    lines = [json.loads(line) for line in checked.stdout.splitlines()]
    with open_db() as db:
        bank = stories.bank_report(db)
    assert [d["title"] for d in lines] == list(bank["title"])
    assert [d["issues"] for d in lines] == list(bank["issues"])


def test_rehearsal_queue_puts_due_and_untold_stories_first() -> None:
    with open_db() as db:
        told = stories.save_story(db, STORY)
        untold = stories.save_story(db, {**STORY, "title": "Never told"})
        when = dt.datetime(2026, 11, 20, 19, 0, tzinfo=dt.UTC)
        next_due = story_rehearsals.log_rehearsal(db, told, 150, 4, when=when).astimezone().date()
        before = story_rehearsals.rehearsal_queue(db, next_due - dt.timedelta(days=1))
        assert list(before["story_id"]) == [untold, told]
        assert list(before["status"]) == ["never told", f"next on {next_due:%d %b}"]
        after = story_rehearsals.rehearsal_queue(db, next_due)
        assert list(after["status"]) == ["never told", "due"]


def test_confirming_suggestions_is_one_action() -> None:
    with open_db() as db:
        one = stories.save_story(db, STORY)
        two = stories.save_story(db, {**STORY, "title": "Second"})
        assert story_links.confirm_links(db, [(one, "q-a"), (two, "q-a"), (one, "q-b"), (one, "q-a")]) == 3
        assert sorted(map(tuple, story_links.current_links(db)[["story_id", "question_id"]].values.tolist())) == sorted(
            [(one, "q-a"), (one, "q-b"), (two, "q-a")]
        )
        stories.delete_story(db, two)
        with pytest.raises(InputError):
            story_links.confirm_links(db, [(one, "q-c"), (two, "q-c")])
        assert "q-c" not in set(story_links.current_links(db)["question_id"])  # nothing half-written
