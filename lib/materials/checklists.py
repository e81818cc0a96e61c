"""Job materials: the resume, LinkedIn and interview-day checklists, and the final reflection.

A tick is an appended event; an item's state is its latest event. A resume or
LinkedIn item also counts as done when the newest uploaded file proves it
(``uploads.proven_items``); a hand tick is never taken away by a file. Reflection
entries are dated journal rows, never edited in place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import sqlite_utils
from pydantic import Field, model_validator

from lib.core import clock, content
from lib.core.dates import not_in_future, parse_date
from lib.core.errors import InputError
from lib.materials import uploads
from lib.storage.db import transaction

MAX_REFLECTION_CHARS = 10_000


class Item(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    text: str = Field(min_length=1)


class Checklist(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1)
    items: list[Item] = Field(min_length=1)


class Deliverable(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1)
    file: str
    points: list[str] = Field(min_length=1)
    bonus: bool


class Prompt(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    text: str = Field(min_length=1)


class Reflection(content.StrictModel):
    title: str
    prompts: list[Prompt] = Field(min_length=1)


class Checklists(content.StrictModel):
    checklists: list[Checklist] = Field(min_length=1)
    interview_day_lists: list[str]
    deliverables: list[Deliverable] = Field(min_length=1)
    reflection: Reflection

    @model_validator(mode="after")
    def _consistent(self) -> Checklists:
        ids = [c.id for c in self.checklists]
        for list_id in self.interview_day_lists:
            if list_id not in ids:
                raise ValueError(f"interview_day_lists names '{list_id}', which is not a checklist")
        for c in self.checklists:
            item_ids = [i.id for i in c.items]
            if len(set(item_ids)) != len(item_ids):
                raise ValueError(f"checklist '{c.id}' repeats an item id")
        return self

    def checklist(self, list_id: str) -> Checklist:
        for c in self.checklists:
            if c.id == list_id:
                return c
        raise InputError(f"unknown checklist '{list_id}'", field="checklist")

    def prompt(self, prompt_id: str) -> Prompt:
        for p in self.reflection.prompts:
            if p.id == prompt_id:
                return p
        raise InputError(f"unknown reflection prompt '{prompt_id}'", field="prompt")


def load_checklists() -> Checklists:
    """The shipped checklists, deliverables and reflection prompts, validated."""
    return content.load("checklists.json", Checklists)


# ---------------------------------------------------------------- checklists


def set_item_done(db: sqlite_utils.Database, list_id: str, item_id: str, done: bool) -> None:
    """Tick or untick one checklist item (appends an event)."""
    checklist = load_checklists().checklist(list_id)
    if item_id not in {i.id for i in checklist.items}:
        raise InputError(f"'{item_id}' is not an item of {checklist.title}", field="item")
    with transaction(db):
        db["checklist_events"].insert(
            {"list_id": list_id, "item_id": item_id, "done": int(bool(done)), "at": clock.now_iso()}
        )


def clear_checklist(db: sqlite_utils.Database, list_id: str) -> int:
    """Untick every ticked item of a list (for the next interview); returns how many."""
    load_checklists().checklist(list_id)
    with transaction(db):
        ticked = sorted(done_items(db).get(list_id, set()))
        now = clock.now_iso()
        db["checklist_events"].insert_all([{"list_id": list_id, "item_id": i, "done": 0, "at": now} for i in ticked])
    return len(ticked)


def done_items(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Items whose latest event says done, by checklist."""
    rows = db.conn.execute(
        """SELECT list_id, item_id, done FROM checklist_events e
           WHERE id = (SELECT MAX(id) FROM checklist_events WHERE list_id = e.list_id AND item_id = e.item_id)"""
    ).fetchall()
    out: dict[str, set[str]] = {}
    for list_id, item_id, done in rows:
        if done:
            out.setdefault(list_id, set()).add(item_id)
    return out


def done_or_proven(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Items ticked by hand, or proven by the newest resume or LinkedIn file the user uploaded, by checklist."""
    done = done_items(db)
    for list_id, proven in uploads.proven_items(db).items():
        done[list_id] = done.get(list_id, set()) | set(proven)
    return done


def checklist_progress(db: sqlite_utils.Database) -> pd.DataFrame:
    """Per checklist: items done (ticked or proven by a file), items in total, and whether it is complete."""
    done = done_or_proven(db)
    rows = []
    for c in load_checklists().checklists:
        ids = {i.id for i in c.items}
        n = len(done.get(c.id, set()) & ids)
        rows.append({"list_id": c.id, "title": c.title, "done": n, "total": len(ids), "complete": n == len(ids)})
    return pd.DataFrame(rows)


def is_complete(db: sqlite_utils.Database, list_id: str) -> bool:
    """Whether every item of the checklist is ticked or proven by a file."""
    items = {i.id for i in load_checklists().checklist(list_id).items}
    return items <= done_or_proven(db).get(list_id, set())


# ---------------------------------------------------------------- reflection journal


def add_reflection(
    db: sqlite_utils.Database, prompt_id: str, text: object, written_on: object = None, *, today: dt.date | None = None
) -> int:
    """Add a dated journal entry answering one reflection prompt; returns its id."""
    load_checklists().prompt(prompt_id)
    body = "" if text is None else str(text).strip()
    if not body:
        raise InputError("write something before saving", field="reflection")
    if len(body) > MAX_REFLECTION_CHARS:
        raise InputError(f"keep an entry under {MAX_REFLECTION_CHARS} characters", field="reflection")
    today = today or clock.today()
    when = not_in_future(parse_date(written_on or today, "date"), "date", today)
    with transaction(db):
        return (
            db["reflection_entries"]
            .insert(
                {"prompt_id": prompt_id, "text": body, "written_on": when.isoformat(), "created_at": clock.now_iso()}
            )
            .last_pk
        )


def reflections(db: sqlite_utils.Database) -> pd.DataFrame:
    """Every journal entry, newest first, with its prompt's text."""
    df = pd.read_sql_query(
        "SELECT id, prompt_id, text, written_on, created_at FROM reflection_entries ORDER BY written_on DESC, id DESC",
        db.conn,
    )
    prompts = {p.id: p.text for p in load_checklists().reflection.prompts}
    df["prompt"] = df["prompt_id"].map(prompts).fillna("")
    return df


# ---------------------------------------------------------------- export


def materials_markdown(done: dict[str, set[str]], journal: pd.DataFrame) -> str:
    """Checklists with their ticks and the reflection journal, as markdown."""
    cl = load_checklists()
    lines = ["# Job materials", ""]
    for c in cl.checklists:
        lines += [f"## {c.title}", ""]
        ticked = done.get(c.id, set())
        lines += [f"- [{'x' if i.id in ticked else ' '}] {i.text}" for i in c.items]
        lines.append("")
    lines += [f"## {cl.reflection.title}", ""]
    if journal.empty:
        lines += ["_No entries yet._", ""]
    for r in journal.sort_values(["written_on", "id"]).to_dict("records"):
        lines += [f"### {r['written_on']} — {r['prompt']}", "", r["text"], ""]
    return "\n".join(lines).rstrip() + "\n"


def export(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write job-materials.md (resume, LinkedIn and interview-day checklists; reflection journal)."""
    path = Path(out_dir) / "job-materials.md"
    path.write_text(materials_markdown(done_or_proven(db), reflections(db)), encoding="utf-8")
    return [path]
