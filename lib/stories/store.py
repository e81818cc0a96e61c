"""The STAR story bank: themes from the curriculum, stories as versions, links, rehearsals, import and export.

Stories are the user's own writing, so nothing is overwritten: every save
appends a version row, a delete appends a tombstone version, and the current
bank is the latest version of each story that is not a tombstone. Links
between stories and questions are events too (linked / unlinked); the current
links are each pair's latest event.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import uuid
from pathlib import Path

import pandas as pd
import sqlite_utils
from pydantic import Field, model_validator

from lib.core import content
from lib.core.due import DueItem
from lib.core.errors import ImportFileError, InputError
from lib.practice import rehearsal
from lib.storage import settings
from lib.storage.db import transaction
from lib.stories.checks import DEFAULT_WPM, SECTION_NAMES, StoryReport, check_story
from lib.stories.markdown import parse_stories, render_document

TITLE_MAX = 120
TEXT_MAX = 5000
TAG_MAX = 40
PACE_KEY = "speaking_pace_wpm"
PACE_RANGE = (60, 220)
# Rehearsals outside this span are false starts or a timer left running; they do not calibrate the pace.
CALIBRATION_SECONDS = (30, 600)
CALIBRATION_MIN_REHEARSALS = 3
EXPORT_FILE = "star-stories.md"


# ---------------------------------------------------------------- themes (content)


class Theme(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    prompt: str
    note: str

    @property
    def question_id(self) -> str:
        return f"theme-{self.id}"

    @property
    def question_text(self) -> str:
        """The theme as a question row: its prompt, or its name and note where the seed gives no prompt."""
        return self.prompt or f"{self.name} ({self.note})"


class ThemeGroup(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    source_label: str = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)


class StarPart(content.StrictModel):
    id: str
    letter: str = Field(min_length=1, max_length=1)
    name: str
    meaning: str


class Band(content.StrictModel):
    min_words: int = Field(gt=0)
    max_words: int = Field(gt=0)
    min_minutes: float = Field(gt=0)
    max_minutes: float = Field(gt=0)


class StoryThemes(content.StrictModel):
    star_format: list[StarPart] = Field(min_length=4, max_length=4)
    groups: list[ThemeGroup] = Field(min_length=1)
    rules: list[str] = Field(min_length=1)
    practice: list[str]
    band: Band
    target_stories: int = Field(gt=0)

    @model_validator(mode="after")
    def _consistent(self) -> StoryThemes:
        ids = [t.id for g in self.groups for t in g.themes]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate theme ids: {', '.join(dupes)}")
        if self.band.max_words < self.band.min_words or self.band.max_minutes < self.band.min_minutes:
            raise ValueError("band maximum is below its minimum")
        return self

    @property
    def themes(self) -> list[Theme]:
        return [t for g in self.groups for t in g.themes]

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise InputError(f"unknown theme '{theme_id}'", field="theme")

    def group_of(self, theme_id: str) -> ThemeGroup:
        return next(g for g in self.groups if any(t.id == theme_id for t in g.themes))

    @property
    def sources(self) -> dict[str, str]:
        return {g.id: g.source_label for g in self.groups}


def load_themes() -> StoryThemes:
    """The twelve story themes, the STAR format and the story rules, validated."""
    return content.load("story_themes.json", StoryThemes)


# ---------------------------------------------------------------- validation


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def clean_text(value: object) -> str:
    """Story text with unified newlines, no trailing spaces on lines, no blank edges."""
    s = "" if value is None else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in s.split("\n")).strip()


def parse_tags(value: object) -> list[str]:
    """Tags from a list or a comma-separated string: trimmed, de-duplicated, in order."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    tags: list[str] = []
    for item in items:
        tag = " ".join(str(item).split())
        if tag and tag not in tags:
            if len(tag) > TAG_MAX:
                raise InputError(f"the tag '{tag[:20]}…' is longer than {TAG_MAX} characters", field="tags")
            tags.append(tag)
    return tags


def validate_story(fields: dict) -> dict:
    """A story's fields checked and normalised; raises InputError naming the field."""
    themes = load_themes()
    title = " ".join(str(fields.get("title") or "").split())
    if not title:
        raise InputError("give the story a title", field="title")
    if len(title) > TITLE_MAX:
        raise InputError(f"keep the title under {TITLE_MAX} characters", field="title")
    theme_id = str(fields.get("theme_id") or "").strip()
    if not theme_id:
        raise InputError("choose one of the 12 themes", field="theme")
    themes.theme(theme_id)
    source = str(fields.get("source") or "").strip() or themes.group_of(theme_id).id
    if source not in themes.sources:
        raise InputError(f"unknown source '{source}'", field="source")
    story = {"title": title, "theme_id": theme_id, "source": source}
    for name in SECTION_NAMES:
        text = clean_text(fields.get(name))
        if len(text) > TEXT_MAX:
            raise InputError(f"more than {TEXT_MAX} characters", field=name)
        story[name] = text
    story["tags"] = json.dumps(parse_tags(fields.get("tags")))
    return story


# ---------------------------------------------------------------- stories


_CURRENT_SQL = """
    SELECT v.id AS version_id, v.story_id, v.title, v.theme_id, v.source, v.situation, v.task, v.action,
           v.result, v.learning, v.tags, v.created_at AS updated_at,
           (SELECT MIN(created_at) FROM story_versions f WHERE f.story_id = v.story_id) AS created_at
    FROM story_versions v
    WHERE v.id = (SELECT MAX(id) FROM story_versions l WHERE l.story_id = v.story_id) AND v.deleted = 0
"""


def current_stories(db: sqlite_utils.Database) -> pd.DataFrame:
    """The bank as it stands: latest version of each story not deleted, in theme order."""
    df = pd.read_sql_query(_CURRENT_SQL + " ORDER BY v.story_id", db.conn)
    order = {t.id: t.number for t in load_themes().themes}
    df["theme_number"] = df["theme_id"].map(order).fillna(99).astype(int)
    df["tags"] = df["tags"].map(lambda t: json.loads(t) if t else [])
    return df.sort_values(["theme_number", "created_at", "title"], kind="stable").reset_index(drop=True)


def get_story(db: sqlite_utils.Database, story_id: str) -> dict:
    """One current story as a dict; InputError when it does not exist or was deleted."""
    df = pd.read_sql_query(_CURRENT_SQL + " AND v.story_id = ?", db.conn, params=(story_id,))
    if df.empty:
        raise InputError("that story does not exist or was deleted", field="story")
    row = df.iloc[0].to_dict()
    row["tags"] = json.loads(row["tags"]) if row["tags"] else []
    return row


def _same(current: dict, story: dict) -> bool:
    keys = ("title", "theme_id", "source", *SECTION_NAMES)
    return all(current[k] == story[k] for k in keys) and json.dumps(current["tags"]) == story["tags"]


def _insert_version(db: sqlite_utils.Database, story_id: str, story: dict, deleted: int = 0) -> int:
    return (
        db["story_versions"].insert({**story, "story_id": story_id, "deleted": deleted, "created_at": _now()}).last_pk
    )


def save_story(db: sqlite_utils.Database, fields: dict, story_id: str | None = None) -> str:
    """Create a story, or append a new version of ``story_id``; returns the story id."""
    story = validate_story(fields)
    with transaction(db):
        if story_id is None:
            story_id = uuid.uuid4().hex[:12]
        else:
            current = get_story(db, story_id)
            if _same(current, story):
                return story_id
        _insert_version(db, story_id, story)
    return story_id


def duplicate_story(db: sqlite_utils.Database, story_id: str) -> str:
    """A new story starting as a copy of ``story_id`` (title marked as a copy)."""
    original = get_story(db, story_id)
    title = f"Copy of {original['title']}"[:TITLE_MAX]
    return save_story(db, {**original, "title": title})


def delete_story(db: sqlite_utils.Database, story_id: str) -> None:
    """Remove a story from the bank by appending a tombstone; its versions stay as history."""
    with transaction(db):
        current = get_story(db, story_id)
        keep = {k: current[k] for k in ("title", "theme_id", "source", *SECTION_NAMES)}
        _insert_version(db, story_id, {**keep, "tags": json.dumps(current["tags"])}, deleted=1)


def story_versions(db: sqlite_utils.Database, story_id: str) -> pd.DataFrame:
    """Every saved version of one story, newest first."""
    return pd.read_sql_query(
        "SELECT id, title, theme_id, deleted, created_at FROM story_versions WHERE story_id = ? ORDER BY id DESC",
        db.conn,
        params=(story_id,),
    )


def report_for(story: dict, wpm: float = DEFAULT_WPM) -> StoryReport:
    """The quality checks of one stored story."""
    band = load_themes().band
    return check_story(
        story["title"],
        {n: story.get(n) or "" for n in SECTION_NAMES},
        wpm=wpm,
        min_words=band.min_words,
        max_words=band.max_words,
    )


def bank_report(db: sqlite_utils.Database) -> pd.DataFrame:
    """Current stories with their word count, telling time at the user's pace and finding codes."""
    df = current_stories(db)
    wpm = speaking_pace(db)
    reports = [report_for(row, wpm) for row in df.to_dict("records")]
    themes = {t.id: t.name for t in load_themes().themes}
    return df.assign(
        theme=df["theme_id"].map(themes),
        words=[r.words for r in reports],
        speaking_seconds=[r.speaking_seconds for r in reports],
        i_count=[r.i_count for r in reports],
        we_count=[r.we_count for r in reports],
        issues=[r.issues for r in reports],
    )


# ---------------------------------------------------------------- links


def current_links(db: sqlite_utils.Database) -> pd.DataFrame:
    """Story-question pairs whose latest event is 'linked', for stories still in the bank."""
    return pd.read_sql_query(
        """SELECT e.story_id, e.question_id, e.origin, e.at FROM story_links e
           WHERE e.id = (SELECT MAX(id) FROM story_links l WHERE l.story_id = e.story_id AND l.question_id = e.question_id)
             AND e.linked = 1
             AND (SELECT deleted FROM story_versions v WHERE v.story_id = e.story_id ORDER BY v.id DESC LIMIT 1) = 0
           ORDER BY e.story_id, e.question_id""",
        db.conn,
    )


def set_story_links(db: sqlite_utils.Database, story_id: str, question_ids: list[str], origin: str = "manual") -> int:
    """Make ``question_ids`` the questions the story answers; appends one event per change, returns how many."""
    wanted = {str(q).strip() for q in question_ids if str(q).strip()}
    with transaction(db):
        get_story(db, story_id)
        links = current_links(db)
        have = set(links.loc[links["story_id"] == story_id, "question_id"])
        now = _now()
        events = [
            {"story_id": story_id, "question_id": q, "linked": 1, "origin": origin, "at": now}
            for q in sorted(wanted - have)
        ]
        events += [
            {"story_id": story_id, "question_id": q, "linked": 0, "origin": origin, "at": now}
            for q in sorted(have - wanted)
        ]
        db["story_links"].insert_all(events)
    return len(events)


def link_story(db: sqlite_utils.Database, story_id: str, question_id: str, origin: str = "manual") -> None:
    """Add one question to the ones a story answers (a confirmed suggestion, say)."""
    links = current_links(db)
    have = list(links.loc[links["story_id"] == story_id, "question_id"])
    set_story_links(db, story_id, [*have, question_id], origin)


def confirm_links(db: sqlite_utils.Database, pairs: list[tuple[str, str]]) -> int:
    """Link each confirmed (story_id, question_id) suggestion, all in one transaction; returns how many were new."""
    added = 0
    with transaction(db):
        links = current_links(db)
        for story_id, question_id in pairs:
            have = list(links.loc[links["story_id"] == story_id, "question_id"])
            added += set_story_links(db, story_id, [*have, question_id], "suggested")
            links = current_links(db)
    return added


# ---------------------------------------------------------------- pace and rehearsal


def speaking_pace(db: sqlite_utils.Database) -> float:
    """The words-a-minute pace used to estimate telling time (default 100)."""
    try:
        return float(settings.get(db, PACE_KEY, str(DEFAULT_WPM)))
    except ValueError:
        return float(DEFAULT_WPM)


def set_speaking_pace(db: sqlite_utils.Database, wpm: object) -> float:
    """Store the speaking pace after checking it is a plausible words-a-minute figure."""
    try:
        value = float(wpm)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"'{wpm}' is not a number of words a minute", field="pace") from None
    lo, hi = PACE_RANGE
    if not lo <= value <= hi:
        raise InputError(f"a speaking pace is between {lo} and {hi} words a minute", field="pace")
    settings.put(db, PACE_KEY, f"{round(value)}")
    return float(round(value))


def log_rehearsal(
    db: sqlite_utils.Database, story_id: str, duration_s: object, rating: int, *, when: dt.datetime | None = None
) -> dt.datetime:
    """Log one telling of a story (its length and a 1-4 self-rating); returns when it is next due."""
    try:
        seconds = float(duration_s)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError("the rehearsal has no duration", field="duration") from None
    if not 1 <= seconds <= 3600:
        raise InputError("a rehearsal lasts between 1 second and an hour", field="duration")
    with transaction(db):
        story = get_story(db, story_id)
        due = rehearsal.record_review(db, "story", story_id, rating, when=when, duration_s=seconds, source="stories")
        at = (when or dt.datetime.now()).astimezone(dt.UTC).isoformat(timespec="seconds")
        db["story_rehearsals"].insert(
            {
                "story_id": story_id,
                "version_id": int(story["version_id"]),
                "words": report_for(story).words,
                "duration_s": seconds,
                "rating": int(rating),
                "at": at,
            }
        )
    return due


def rehearsals(db: sqlite_utils.Database) -> pd.DataFrame:
    """Every logged rehearsal with the story's title then and the pace it implies."""
    df = pd.read_sql_query(
        """SELECT r.id, r.story_id, v.title, r.words, r.duration_s, r.rating, r.at
           FROM story_rehearsals r JOIN story_versions v ON v.id = r.version_id ORDER BY r.at, r.id""",
        db.conn,
    )
    df["wpm"] = (df["words"].astype(float) / (df["duration_s"].astype(float) / 60)).round(1)
    return df


def calibrated_pace(db: sqlite_utils.Database) -> float | None:
    """Median words a minute over plausible rehearsals, once there are enough of them."""
    df = rehearsals(db)
    lo, hi = CALIBRATION_SECONDS
    usable = df[(df["duration_s"] >= lo) & (df["duration_s"] <= hi) & (df["words"] > 0)]
    if len(usable) < CALIBRATION_MIN_REHEARSALS:
        return None
    return round(statistics.median(usable["wpm"]), 1)


def due_stories(db: sqlite_utils.Database, today: dt.date) -> list[DueItem]:
    """Stories whose rehearsal is due (the Overview's due list)."""
    cards = rehearsal.due_cards(db, today, "story")
    if cards.empty:
        return []
    stories = current_stories(db)
    titles = dict(zip(stories["story_id"], stories["title"], strict=False))
    return [
        DueItem("Rehearse story", titles[c.item_id], c.due.to_pydatetime().astimezone().date(), "stories")
        for c in cards.itertuples()
        if c.item_id in titles
    ]


def rehearsal_queue(db: sqlite_utils.Database, today: dt.date) -> pd.DataFrame:
    """Stories in the order to tell them: due or never told first, then by next due date (story_id, title, status)."""
    bank = current_stories(db)[["story_id", "title"]]
    cards = rehearsal.cards(db, "story")
    due = {c.item_id: c.due.to_pydatetime().astimezone().date() for c in cards.itertuples()}
    dates = [due.get(s) for s in bank["story_id"]]
    status = ["never told" if d is None else ("due" if d <= today else f"next on {d:%d %b}") for d in dates]
    queue = bank.assign(status=status, order=[dt.date.min if d is None else max(d, today) for d in dates])
    return queue.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


# ---------------------------------------------------------------- markdown import and export


def _meta_to_fields(meta: dict[str, str], themes: StoryThemes) -> tuple[dict, list[str]]:
    problems: list[str] = []
    by_name = {t.name.lower(): t.id for t in themes.themes} | {t.id: t.id for t in themes.themes}
    sources = {v.lower(): k for k, v in themes.sources.items()} | {k: k for k in themes.sources}
    fields: dict = {"tags": meta.get("tags", "")}
    theme = meta.get("theme", "").strip().lower()
    if not theme:
        problems.append("no theme: add a line 'Theme: Failure' (one of the 12) under the heading")
    elif theme not in by_name:
        problems.append(f"unknown theme '{meta['theme']}'")
    else:
        fields["theme_id"] = by_name[theme]
    source = meta.get("source", "").strip().lower()
    if source and source not in sources:
        problems.append(f"unknown source '{meta['source']}' (Portfolio project, Background or Career)")
    elif source:
        fields["source"] = sources[source]
    return fields, problems


def _answer_ids(answers: list[str] | None, ids_by_text: dict[str, str]) -> tuple[list[str] | None, list[str]]:
    if answers is None:
        return None, []
    unknown = [a for a in answers if a.casefold() not in ids_by_text]
    return [ids_by_text[a.casefold()] for a in answers if a.casefold() in ids_by_text], [
        f"unknown question '{a}' under Answers (use the wording of a question in the bank or a theme prompt)"
        for a in unknown
    ]


def read_import(db: sqlite_utils.Database, text: str, filename: str = "the file") -> list[dict]:
    """A markdown file's stories, validated, with the questions under 'Answers:' resolved to question ids."""
    from lib.stories.coverage import coverage_questions

    rows = coverage_questions(db)
    return stories_from_markdown(text, filename, {t.casefold(): q for q, t in zip(rows["question_id"], rows["text"], strict=False)})


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
        raise ImportFileError("nothing was imported. " + "; ".join(problems), where=filename)
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
            plan.append(("same" if _same(existing, story) else "update", existing["story_id"]))
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
            "findings": [", ".join(r.issues) for r in reports],
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
                _insert_version(db, story_id, validate_story({**story, "tags": json.loads(story["tags"])}))
            # A story given with an 'Answers:' list links exactly those questions; without one its links stay as they are.
            if story.get("question_ids") is not None:
                set_story_links(db, story_id, story["question_ids"], "import")
    return ids


def export_markdown(db: sqlite_utils.Database) -> str:
    """The whole bank as ``star-stories.md`` text, in the format import and check-stories read."""
    from lib.stories.coverage import coverage_questions

    themes = load_themes()
    names = {t.id: t.name for t in themes.themes}
    rows = coverage_questions(db)
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


# ---------------------------------------------------------------- command line


def _check_stories_command(args) -> int:
    """`check-stories FILE.md`: one JSON object per story on stdout; findings are not errors."""
    import os
    import sys

    from lib.core import config
    from lib.storage.db import open_db

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFileError("no such file", where=str(path)) from None
    except IsADirectoryError:
        raise ImportFileError("this is a folder, not a markdown file", where=str(path)) from None
    except UnicodeDecodeError:
        raise ImportFileError("not UTF-8 text", where=str(path)) from None
    except OSError as exc:
        raise ImportFileError(f"cannot read it: {exc.strerror or exc}", where=str(path)) from None
    wpm = args.wpm
    if wpm is None and config.db_path().exists():
        with open_db() as db:
            wpm = speaking_pace(db)
    band = load_themes().band
    parsed = parse_stories(text)
    try:
        for p in parsed:
            report = check_story(
                p.title, p.sections, wpm=wpm or DEFAULT_WPM, min_words=band.min_words, max_words=band.max_words
            )
            print(json.dumps(report.as_json(), ensure_ascii=False), flush=True)
    except BrokenPipeError:
        # The reader (`| head`) stopped early; that is not a failure of the check.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if not parsed:
        print(f"{path}: no stories found (each story starts with a '## Title' heading)", file=sys.stderr)
    return 0


def register_cli(sub) -> None:
    """Add `python -m lib check-stories FILE.md`."""
    p = sub.add_parser("check-stories", help="check STAR stories in a markdown file; one JSON line per story")
    p.add_argument("file", metavar="FILE.md")
    p.add_argument(
        "--wpm", type=float, default=None, help="speaking pace in words a minute (default: your setting, else 100)"
    )
    p.set_defaults(func=_check_stories_command)
