"""The week's deliverables checklist: status derived where the app can tell, ticked by hand where it cannot.

Each deliverable has a rule (a small pure function of counts) and a
fact-gatherer that reads the counts through its feature's public functions.
Where the counts decide the matter (ten clean stories, ten complete cases, a
ticked checklist, a tracker in use) the status is derived; where they cannot
(is the prep document polished?) the user ticks it and the counts are shown as
a hint. Hand ticks are appended events like every other tick in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.core.errors import InputError
from lib.jobsearch import applications, companies, networking
from lib.materials import case_studies
from lib.materials import checklists as materials
from lib.practice import progress as practice_progress
from lib.storage.db import transaction
from lib.stories import store as stories
from lib.stories import themes as story_themes


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


def stories_rule(stories: int, with_open_findings: int, target: int) -> Verdict:
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
    return Verdict(
        False,
        f"{complete} of {target} complete ({in_bank} in the bank); write all five parts of {target - complete} more.",
    )


def checklist_rule(done: int, total: int, name: str) -> Verdict:
    """Done when every item of the checklist is ticked by hand or proven by the user's newest file."""
    if total and done >= total:
        return Verdict(True, f"Every item of the {name} checklist is ticked or proven by your file.")
    return Verdict(
        False, f"{done} of {total} {name} checklist items ticked or proven by your file; {total - done} to go."
    )


def interview_prep_rule(answered_by_type: dict[str, int]) -> Verdict:
    """Done when every interview type has at least one practised answer to go with its framework."""
    missing = [label for label, n in answered_by_type.items() if n < 1]
    if not missing:
        return Verdict(True, "Every interview type has its framework and at least one practised answer.")
    return Verdict(False, f"No practised answer yet for: {', '.join(missing)}.")


def research_rule(researched: int, companies: int) -> Verdict:
    """Done when at least one company has research written in the template."""
    if researched >= 1:
        return Verdict(True, f"{researched} of {companies} companies researched with the template.")
    if companies:
        return Verdict(
            False,
            f"{companies} target {'company' if companies == 1 else 'companies'}, none researched yet; "
            "fill in the template for one.",
        )
    return Verdict(False, "No target companies yet; add one and fill in the research template.")


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


def _interview_prep_fact(db: sqlite_utils.Database) -> Verdict:
    plan = practice_progress.plan_progress(db)
    return interview_prep_rule(dict(zip(plan["label"], plan["attempts"].astype(int), strict=False)))


def _stories_fact(db: sqlite_utils.Database) -> Verdict:
    report = stories.bank_report(db)
    open_findings = int(report["issues"].map(bool).sum()) if len(report) else 0
    return stories_rule(len(report), open_findings, story_themes.load_themes().target_stories)


def _research_fact(db: sqlite_utils.Database) -> Verdict:
    table = companies.companies_table(db)
    return research_rule(int((table["sections"] > 0).sum()), len(table))


def _applications_fact(db: sqlite_utils.Database) -> Verdict:
    return count_rule(len(applications.pipeline(db)), "application", "applications", "Applications")


def _contacts_fact(db: sqlite_utils.Database) -> Verdict:
    return count_rule(len(networking.contacts_table(db)), "contact", "contacts", "Networking")


# deliverable id -> (page url_path, fact, whether the fact decides the status).
# The prep document is the app's own export of frameworks and questions; only the
# user can say it is polished, so its fact is shown as a hint next to a hand tick.
RULES: dict[str, tuple[str, Callable[[sqlite_utils.Database], Verdict], bool]] = {
    "interview-prep": ("practice", _interview_prep_fact, False),
    "star-stories": ("stories", _stories_fact, True),
    "case-studies": ("case_studies", _case_studies_fact, True),
    "resume": ("job_materials", _checklist_fact("resume", "resume"), True),
    "linkedin": ("job_materials", _checklist_fact("linkedin", "LinkedIn"), True),
    "company-research": ("companies", _research_fact, True),
    "interview-tracker": ("applications", _applications_fact, True),
    "networking-tracker": ("networking", _contacts_fact, True),
}


# ---------------------------------------------------------------- hand ticks


def set_hand_tick(db: sqlite_utils.Database, deliverable_id: str, done: bool) -> None:
    """Tick or untick a deliverable the app cannot judge (appends an event)."""
    ids = {d.id for d in materials.load_checklists().deliverables}
    if deliverable_id not in ids:
        raise InputError(f"unknown deliverable '{deliverable_id}'", field="deliverable")
    with transaction(db):
        db["deliverable_ticks"].insert(
            {
                "deliverable_id": deliverable_id,
                "done": int(bool(done)),
                "at": clock.now_iso(),
            }
        )


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
        page, fact, decides = RULES.get(d.id, ("deliverables", None, False))
        verdict = fact(db) if fact else None
        if verdict is not None and decides:
            out.append(
                Status(d.id, d.title, d.file, tuple(d.points), d.bonus, "derived", verdict.done, verdict.detail, page)
            )
            continue
        done = d.id in ticked
        detail = ("Ticked by hand." if done else "Not ticked yet; only you can say it is ready.") + (
            f" The app sees: {verdict.detail}" if verdict else ""
        )
        out.append(Status(d.id, d.title, d.file, tuple(d.points), d.bonus, "hand", done, detail, page))
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
