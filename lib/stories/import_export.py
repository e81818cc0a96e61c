"""star-stories.md in and out: import with a preview and versions by title, export, and the file check.

Matching by title lets a user export, edit in their own editor and import
again: edits become versions, untouched stories add nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core import config
from lib.core.errors import ImportFileError, InputError
from lib.core.textsafe import decode_text, one_line, read_text_file
from lib.practice import questions
from lib.storage.db import open_db, transaction
from lib.stories.checks import DEFAULT_WPM, SECTION_NAMES, StoryReport, check_story, finding_labels
from lib.stories.links import current_links, set_story_links
from lib.stories.markdown import parse_stories, render_document
from lib.stories.store import (
    check_pace,
    current_stories,
    insert_version,
    report_for,
    same_story,
    speaking_pace,
    validate_story,
)
from lib.stories.themes import StoryThemes, load_themes

EXPORT_FILE = "star-stories.md"
# A full bank (50 stories of five 5,000-character sections) is about 1.3 MB; past this a file is not a story file.
MAX_FILE_BYTES = 10_000_000
PROBLEMS_SHOWN = 20  # a broken file can have a finding on every line; the first ones say enough


def _meta_to_fields(meta: dict[str, str], themes: StoryThemes) -> tuple[dict, list[str]]:
    problems: list[str] = []
    by_name = {t.name.lower(): t.id for t in themes.themes} | {t.id: t.id for t in themes.themes}
    sources = {v.lower(): k for k, v in themes.sources.items()} | {k: k for k in themes.sources}
    fields: dict = {"tags": meta.get("tags", "")}
    theme = meta.get("theme", "").strip().lower()
    if not theme:
        problems.append("no theme: add a line 'Theme: Failure' (one of the 12) under the heading")
    elif theme not in by_name:
        problems.append(f"unknown theme '{one_line(meta['theme'], 60)}'")
    else:
        fields["theme_id"] = by_name[theme]
    source = meta.get("source", "").strip().lower()
    if source and source not in sources:
        problems.append(f"unknown source '{one_line(meta['source'], 60)}' (Portfolio project, Background or Career)")
    elif source:
        fields["source"] = sources[source]
    return fields, problems


def _answer_ids(answers: list[str] | None, ids_by_text: dict[str, str]) -> tuple[list[str] | None, list[str]]:
    if answers is None:
        return None, []
    unknown = [a for a in answers if a.casefold() not in ids_by_text]
    return [ids_by_text[a.casefold()] for a in answers if a.casefold() in ids_by_text], [
        f"unknown question '{one_line(a, 80)}' under Answers "
        "(use the wording of a question in the bank or a theme prompt)"
        for a in unknown
    ]


def read_import(db: sqlite_utils.Database, data: bytes | str, filename: str = "the file") -> list[dict]:
    """A markdown file's stories (its bytes as uploaded), validated, with 'Answers:' resolved to question ids."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(f"larger than {MAX_FILE_BYTES // 1_000_000} MB; nothing was imported", where=filename)
    text = decode_text(data, filename, "save it as UTF-8 text; nothing was imported")
    rows = questions.coverage_questions(db, load_themes().prompts)
    return stories_from_markdown(
        text, filename, {t.casefold(): q for q, t in zip(rows["question_id"], rows["text"], strict=False)}
    )


def stories_from_markdown(
    text: str, filename: str = "the file", ids_by_text: dict[str, str] | None = None
) -> list[dict]:
    """Validated story fields from a markdown file; ImportFileError lists every malformed story by heading and line.

    ``ids_by_text`` (question text, case-folded -> id) resolves 'Answers:' lists; without it they are ignored.
    """
    themes = load_themes()
    parsed = parse_stories(text)
    if not parsed:
        raise ImportFileError("no story found: each story starts with a '## Title' heading", where=filename)
    found_stories, problems = [], []
    first_line: dict[str, int] = {}
    for p in parsed:
        fields, meta_problems = _meta_to_fields(p.meta, themes)
        found = list(p.problems) + meta_problems
        key = p.title.casefold()
        if key and key in first_line:
            found.append(f"the same title as the story at line {first_line[key]}; titles tell stories apart on import")
        first_line.setdefault(key, p.line)
        question_ids, answer_problems = _answer_ids(p.answers, ids_by_text) if ids_by_text is not None else (None, [])
        found += answer_problems
        if not found:
            try:
                found_stories.append(
                    {**validate_story({**fields, "title": p.title, **p.sections}), "question_ids": question_ids}
                )
            except InputError as exc:
                found.append(f"{exc.field}: {exc.message}")
        problems += [f"{p.label}: {msg}" for msg in found]
    if problems:
        more = len(problems) - PROBLEMS_SHOWN
        listed = "; ".join(problems[:PROBLEMS_SHOWN]) + (f"; and {more} more" if more > 0 else "")
        raise ImportFileError("nothing was imported. " + listed, where=filename)
    return found_stories


IMPORT_ACTIONS = {"new": "new story", "update": "new version", "same": "unchanged"}


def import_plan(db: sqlite_utils.Database, parsed: list[dict]) -> list[tuple[str, str | None]]:
    """What importing each story does: ('new', None), or ('update' | 'same', id of the story with that title)."""
    by_title = {r["title"].casefold(): r for r in current_stories(db).sort_values("updated_at").to_dict("records")}
    plan: list[tuple[str, str | None]] = []
    for story in parsed:
        existing = by_title.get(story["title"].casefold())
        if existing is None:
            plan.append(("new", None))
        else:
            plan.append(("same" if same_story(existing, story) else "update", existing["story_id"]))
    return plan


def import_preview(db: sqlite_utils.Database, parsed: list[dict], wpm: float = DEFAULT_WPM) -> pd.DataFrame:
    """What an import would do, before anything is stored: each story's action, theme, words and findings."""
    names = {t.id: t.name for t in load_themes().themes}
    reports = [report_for(s, wpm) for s in parsed]
    actions = [IMPORT_ACTIONS[action] for action, _ in import_plan(db, parsed)]
    return pd.DataFrame(
        {
            "title": [s["title"] for s in parsed],
            "import as": actions,
            "theme": [names[s["theme_id"]] for s in parsed],
            "words": [r.words for r in reports],
            "findings": [finding_labels(r.issues) for r in reports],
        }
    )


def import_stories(db: sqlite_utils.Database, parsed: list[dict]) -> list[str]:
    """Add new stories and new versions of stories with the same title, all in one transaction; the story ids in order.

    Matching by title lets a user export, edit in their own editor and import
    again: edits become versions, untouched stories add nothing.
    """
    ids = []
    with transaction(db):
        for story, (action, story_id) in zip(parsed, import_plan(db, parsed), strict=False):
            story_id = story_id or uuid.uuid4().hex[:12]
            ids.append(story_id)
            if action != "same":
                insert_version(db, story_id, validate_story({**story, "tags": json.loads(story["tags"])}))
            # A story given with an 'Answers:' list links exactly those questions; without one, its links stay.
            if story.get("question_ids") is not None:
                set_story_links(db, story_id, story["question_ids"], "import")
    return ids


def export_markdown(db: sqlite_utils.Database) -> str:
    """The whole bank as ``star-stories.md`` text, in the format import and check-stories read."""
    themes = load_themes()
    names = {t.id: t.name for t in themes.themes}
    rows = questions.coverage_questions(db, themes.prompts)
    order = {q: i for i, q in enumerate(rows["question_id"])}
    texts = dict(zip(rows["question_id"], rows["text"], strict=False))
    links = current_links(db)
    items = []
    for row in current_stories(db).to_dict("records"):
        meta = {
            "theme": names.get(row["theme_id"], row["theme_id"]),
            "source": themes.sources.get(row["source"], row["source"]),
            "tags": ", ".join(row["tags"]),
        }
        linked = sorted(
            (q for q in links.loc[links["story_id"] == row["story_id"], "question_id"] if q in texts), key=order.get
        )
        items.append((row["title"], {n: row[n] for n in SECTION_NAMES}, meta, [texts[q] for q in linked]))
    return render_document(items)


def export_stories(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write ``star-stories.md`` into ``out_dir`` (the export command and the zip download)."""
    path = Path(out_dir) / EXPORT_FILE
    path.write_text(export_markdown(db), encoding="utf-8")
    return [path]


def check_story_file(path: Path, wpm: float | None = None) -> Iterator[StoryReport]:
    """The check of each story in a markdown file, in order; ``wpm`` defaults to the user's pace, else 100."""
    if wpm is not None:
        wpm = check_pace(wpm, "--wpm")
    text = read_text_file(Path(path), what="a markdown file", max_bytes=MAX_FILE_BYTES)
    if wpm is None and config.db_path().exists():
        with open_db() as db:
            wpm = speaking_pace(db)
    band = load_themes().band
    for p in parse_stories(text):
        yield check_story(
            p.title, p.sections, wpm=wpm or DEFAULT_WPM, min_words=band.min_words, max_words=band.max_words
        )
