"""The week's deliverables checklist: status derived where the app can tell, ticked by hand where it cannot.

Each derivable deliverable has a rule (a small pure function of counts) and a
fact-gatherer that reads the counts from the database. Deliverables without a
rule, or whose feature holds no data the app can judge, are ticked by hand;
hand ticks are appended events like every other tick in the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib import case_studies, materials
from lib.db import transaction
from lib.errors import InputError

STORY_TARGET = 10


@dataclass(frozen=True)
class Verdict:
    done: bool
    detail: str  # what counts and what is missing, in plain words


@dataclass(frozen=True)
class Status:
    id: str
    title: str
    file: str
    points: tuple[str, ...]
    bonus: bool
    source: str  # "derived" or "hand"
    done: bool
    detail: str
    page: str  # url_path of the page where the work is done


# ---------------------------------------------------------------- rules (pure)


def stories_rule(stories: int, with_open_findings: int, target: int = STORY_TARGET) -> Verdict:
    """Done with ``target``+ stories and none with an open finding."""
    clean = stories - with_open_findings
    if clean >= target and with_open_findings == 0:
        return Verdict(True, f"{stories} stories, none with open findings.")
    missing = []
    if stories < target:
        missing.append(f"{target - stories} more {'story' if target - stories == 1 else 'stories'} to reach {target}")
    if with_open_findings:
        missing.append(f"{with_open_findings} with open findings to fix")
    return Verdict(False, f"{stories} stories; " + " and ".join(missing) + ".")


def case_studies_rule(complete: int, in_bank: int, target: int) -> Verdict:
    """Done with ``target``+ cases that have all five parts written."""
    if complete >= target:
        return Verdict(True, f"{complete} complete case studies (target {target}+).")
    return Verdict(False, f"{complete} of {target} complete ({in_bank} in the bank); write all five parts of {target - complete} more.")


def checklist_rule(done: int, total: int, name: str) -> Verdict:
    """Done when every item of the checklist is ticked."""
    if total and done >= total:
        return Verdict(True, f"Every item of the {name} checklist is ticked.")
    return Verdict(False, f"{done} of {total} {name} checklist items ticked; {total - done} to go.")


def count_rule(n: int, singular: str, plural: str, where: str) -> Verdict:
    """Done when at least one exists."""
    if n >= 1:
        return Verdict(True, f"{n} {singular if n == 1 else plural} tracked.")
    return Verdict(False, f"No {plural} yet; add the first on the {where} page.")


# ---------------------------------------------------------------- facts from the database


def _case_studies_fact(db: sqlite_utils.Database) -> Verdict:
    bank = case_studies.bank(db)
    return case_studies_rule(int(bank["complete"].sum()), len(bank), case_studies.load_case_studies().target_complete)


def _checklist_fact(list_id: str, name: str) -> Callable[[sqlite_utils.Database], Verdict]:
    def fact(db: sqlite_utils.Database) -> Verdict:
        row = materials.checklist_progress(db).set_index("list_id").loc[list_id]
        return checklist_rule(int(row["done"]), int(row["total"]), name)

    return fact


# deliverable id -> (page url_path, fact or None when only a hand tick can tell)
RULES: dict[str, tuple[str, Callable[[sqlite_utils.Database], Verdict | None] | None]] = {
    "interview-prep": ("practice", None),
    "star-stories": ("stories", None),
    "case-studies": ("case_studies", _case_studies_fact),
    "resume": ("job_materials", _checklist_fact("resume", "resume")),
    "linkedin": ("job_materials", _checklist_fact("linkedin", "LinkedIn")),
    "company-research": ("companies", None),
    "interview-tracker": ("applications", None),
    "networking-tracker": ("networking", None),
}


# ---------------------------------------------------------------- hand ticks


def set_hand_tick(db: sqlite_utils.Database, deliverable_id: str, done: bool) -> None:
    """Tick or untick a deliverable the app cannot judge (appends an event)."""
    ids = {d.id for d in materials.load_checklists().deliverables}
    if deliverable_id not in ids:
        raise InputError(f"unknown deliverable '{deliverable_id}'", field="deliverable")
    with transaction(db):
        db["deliverable_ticks"].insert({"deliverable_id": deliverable_id, "done": int(bool(done)),
                                        "at": dt.datetime.now().isoformat(timespec="seconds")})


def hand_ticks(db: sqlite_utils.Database) -> set[str]:
    """Deliverables whose latest hand tick says done."""
    rows = db.conn.execute(
        """SELECT deliverable_id, done FROM deliverable_ticks t
           WHERE id = (SELECT MAX(id) FROM deliverable_ticks WHERE deliverable_id = t.deliverable_id)"""
    ).fetchall()
    return {d for d, done in rows if done}


# ---------------------------------------------------------------- the checklist


def statuses(db: sqlite_utils.Database) -> list[Status]:
    """Every deliverable with its status and what it is missing."""
    ticked = hand_ticks(db)
    out = []
    for d in materials.load_checklists().deliverables:
        page, fact = RULES.get(d.id, ("deliverables", None))
        verdict = fact(db) if fact else None
        if verdict is None:
            done = d.id in ticked
            verdict = Verdict(done, "Ticked by hand." if done else "The app cannot tell; tick it when it is ready.")
            source = "hand"
        else:
            source = "derived"
        out.append(Status(d.id, d.title, d.file, tuple(d.points), d.bonus, source, verdict.done, verdict.detail, page))
    return out


def status_table(db: sqlite_utils.Database) -> pd.DataFrame:
    """The checklist as a DataFrame (for the page and the export)."""
    return pd.DataFrame([s.__dict__ for s in statuses(db)])


def deliverables_markdown(table: pd.DataFrame) -> str:
    """The deliverables checklist with today's status, as markdown."""
    lines = ["# Week 12 Deliverables", ""]
    for bonus, heading in ((False, "Week 12 Deliverables"), (True, "Bonus Deliverables")):
        lines += [f"## {heading}", ""]
        for r in table[table["bonus"] == bonus].to_dict("records"):
            file = f" (`{r['file']}`)" if r["file"].endswith(".md") else (f" ({r['file']})" if r["file"] else "")
            lines.append(f"- [{'x' if r['done'] else ' '}] **{r['title']}**{file} — {r['detail']}")
            lines += [f"  - {p}" for p in r["points"]]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def export(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write deliverables.md: the checklist with each item's status."""
    path = Path(out_dir) / "deliverables.md"
    path.write_text(deliverables_markdown(status_table(db)), encoding="utf-8")
    return [path]
