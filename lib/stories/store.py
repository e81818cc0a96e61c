"""The STAR story bank: stories as versions, their quality reports, and the speaking pace they are timed at.

Stories are the user's own writing, so nothing is overwritten: every save
appends a version row, a delete appends a tombstone version, and the current
bank is the latest version of each story that is not a tombstone.
"""

from __future__ import annotations

import json
import uuid

import pandas as pd
import sqlite_utils
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from lib.core import clock
from lib.core.errors import InputError
from lib.storage import settings
from lib.storage.db import transaction
from lib.stories.checks import DEFAULT_WPM, SECTION_NAMES, StoryReport, check_story
from lib.stories.themes import load_themes

TITLE_MAX = 120
TEXT_MAX = 5000
TAG_MAX = 40
TAGS_MAX = 30
PACE_KEY = "speaking_pace_wpm"
PACE_RANGE = (60, 220)


def clean_text(value: object) -> str:
    """Story text with unified newlines, no trailing spaces on lines, no blank edges."""
    s = "" if value is None else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in s.split("\n")).strip()


class StoryInput(BaseModel):
    """A story as the user gave it, normalised: a one-line title, a known theme and source, clean sections, tags."""

    # Missing fields start empty and still pass their validator, so a missing title says "give the story a title".
    model_config = ConfigDict(validate_default=True)

    title: str = ""
    theme_id: str = ""
    source: str = ""
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    learning: str = ""
    tags: list[str] = []

    @field_validator("title", mode="before")
    @classmethod
    def _one_line_title(cls, value: object) -> str:
        title = " ".join(str(value or "").split())
        if not title:
            raise ValueError("give the story a title")
        if len(title) > TITLE_MAX:
            raise ValueError(f"keep the title under {TITLE_MAX} characters")
        return title

    @field_validator("theme_id", mode="before")
    @classmethod
    def _known_theme(cls, value: object) -> str:
        theme_id = str(value or "").strip()
        if not theme_id:
            raise ValueError("choose one of the 12 themes")
        if theme_id not in {t.id for t in load_themes().themes}:
            raise ValueError(f"unknown theme '{theme_id}'")
        return theme_id

    @field_validator("source", mode="before")
    @classmethod
    def _known_source(cls, value: object, info: ValidationInfo) -> str:
        themes = load_themes()
        source = str(value or "").strip()
        if not source and "theme_id" in info.data:
            source = themes.group_of(info.data["theme_id"]).id  # a story's source defaults to its theme's group
        if source not in themes.sources:
            raise ValueError(f"unknown source '{source}'")
        return source

    @field_validator(*SECTION_NAMES, mode="before")
    @classmethod
    def _section_text(cls, value: object) -> str:
        text = clean_text(value)
        if len(text) > TEXT_MAX:
            raise ValueError(f"more than {TEXT_MAX} characters")
        return text

    @field_validator("tags", mode="before")
    @classmethod
    def _tag_list(cls, value: object) -> list[str]:
        """Tags from a list or a comma-separated string: trimmed, de-duplicated, in order."""
        items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
        tags: dict[str, None] = {}  # a dict keeps the order and finds a repeat at once, however many tags
        for item in items:
            tag = " ".join(str(item).split())
            if tag and tag not in tags:
                if len(tag) > TAG_MAX:
                    raise ValueError(f"the tag '{tag[:20]}…' is longer than {TAG_MAX} characters")
                if len(tags) == TAGS_MAX:
                    raise ValueError(f"more than {TAGS_MAX} tags")
                tags[tag] = None
        return list(tags)


# The field names the user sees in messages.
_SHOWN_FIELDS = {"theme_id": "theme"}


def validate_story(fields: dict) -> dict:
    """A story's fields checked and normalised (tags as JSON text); raises InputError naming the first bad field."""
    try:
        story = StoryInput.model_validate(fields).model_dump()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0])
        error = first.get("ctx", {}).get("error")
        raise InputError(str(error or first["msg"]), field=_SHOWN_FIELDS.get(name, name)) from None
    return {**story, "tags": json.dumps(story["tags"])}


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


def same_story(current: dict, story: dict) -> bool:
    """Whether a validated ``story`` says exactly what the ``current`` version says."""
    keys = ("title", "theme_id", "source", *SECTION_NAMES)
    return all(current[k] == story[k] for k in keys) and json.dumps(current["tags"]) == story["tags"]


def insert_version(db: sqlite_utils.Database, story_id: str, story: dict, deleted: int = 0) -> int:
    """Append a version (or, with ``deleted``, a tombstone) of a validated story; returns its row id."""
    return (
        db["story_versions"]
        .insert({**story, "story_id": story_id, "deleted": deleted, "created_at": clock.now_iso()})
        .last_pk
    )


def save_story(db: sqlite_utils.Database, fields: dict, story_id: str | None = None) -> str:
    """Create a story, or append a new version of ``story_id``; returns the story id."""
    story = validate_story(fields)
    with transaction(db):
        if story_id is None:
            story_id = uuid.uuid4().hex[:12]
        else:
            current = get_story(db, story_id)
            if same_story(current, story):
                return story_id
        insert_version(db, story_id, story)
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
        insert_version(db, story_id, {**keep, "tags": json.dumps(current["tags"])}, deleted=1)


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


def check_pace(wpm: object, field: str = "pace") -> float:
    """``wpm`` as a float when it is a plausible speaking pace (PACE_RANGE), else one InputError naming ``field``.

    NaN and infinity compare false with every bound, so the range is checked as
    ``lo <= value <= hi`` (which they fail) rather than by rejecting what is outside.
    """
    lo, hi = PACE_RANGE
    problem = f"must be a number of words per minute from {lo} to {hi}"
    try:
        value = float(wpm)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        value = None
    if value is None or not lo <= value <= hi:
        if field.startswith("--"):
            raise InputError(f"{field} {problem}")  # a command-line flag: one line naming the flag
        raise InputError(f"the speaking pace {problem}", field=field)
    return value


def speaking_pace(db: sqlite_utils.Database) -> float:
    """The words-a-minute pace used to estimate telling time (the default 100 when none, or none usable, is stored)."""
    try:
        return check_pace(settings.get(db, PACE_KEY, str(DEFAULT_WPM)))
    except InputError:
        return float(DEFAULT_WPM)


def set_speaking_pace(db: sqlite_utils.Database, wpm: object) -> float:
    """Store the speaking pace after checking it is a plausible words-a-minute figure."""
    value = round(check_pace(wpm))
    settings.put(db, PACE_KEY, f"{value}")
    return float(value)
