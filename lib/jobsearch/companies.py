"""Target companies and their research (data/company_research.json is the template).

Research is history: saving a section appends a row and the latest row per
section is the current text. Two names that differ only in case or spacing are
the same company; adding one again is refused with an offer to merge.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlite_utils
from pydantic import BaseModel, Field, field_validator

from lib.core import clock, content
from lib.core.errors import InputError
from lib.jobsearch.common import LIMITS, checked, clean_text, name_key, one_line_name, valid_id
from lib.storage.db import transaction

NOTES_SECTION = "notes"


class Category(content.StrictModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    label: str = Field(min_length=1)


class Target(content.StrictModel):
    label: str = Field(min_length=1)
    count: int | None = Field(default=None, gt=0)
    min: int | None = Field(default=None, gt=0)
    max: int | None = Field(default=None, gt=0)


class Targets(content.StrictModel):
    companies: Target
    applications: Target
    pms_reached: Target


class Section(content.StrictModel):
    id: str = Field(pattern=r"^[a-z_]+$")
    label: str = Field(min_length=1)
    seed: str = Field(min_length=1)
    prompt: str = Field(min_length=1)


class Range(content.StrictModel):
    min: int = Field(gt=0)
    max: int = Field(gt=0)


class BankQuestion(content.StrictModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    topic: str = Field(min_length=1)
    text: str = Field(min_length=1)


class CompanyResearch(content.StrictModel):
    title: str
    purpose: str
    deliverable: str
    deliverable_items: list[str]
    categories: list[Category] = Field(min_length=1)
    targets: Targets
    sections: list[Section] = Field(min_length=1)
    questions_to_ask: Range
    before_interview: list[str]
    how_to_prepare: list[str]
    question_bank: list[BankQuestion] = Field(min_length=5)

    def category_label(self, category_id: str) -> str:
        """The seed's wording of a category id ('' when none)."""
        return next((c.label for c in self.categories if c.id == category_id), "")


def load_company_research() -> CompanyResearch:
    """The shipped research template, categories, targets and question bank, validated."""
    return content.load("company_research.json", CompanyResearch)


class DuplicateCompanyError(InputError):
    """A company with the same name (up to case and spacing) already exists."""

    def __init__(self, name: str, existing_id: int, existing_name: str):
        self.existing_id = existing_id
        self.existing_name = existing_name
        super().__init__(
            f"'{name}' is the same name as the company '{existing_name}' (they differ only in case or spacing); "
            f"merge into '{existing_name}' instead of adding it twice",
            field="Name",
        )


# ---------------------------------------------------------------- writing


COMPANY_LABELS = {"name": "Name", "category": "Category", "priority": "Priority", "excitement": "Excitement"}


class CompanyFields(BaseModel):
    """A company as the user enters it: a one-line name, a known category, priority and excitement from 1 to 5."""

    name: str
    category: str
    priority: int
    excitement: int

    @field_validator("name", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> str:
        return one_line_name(value, "enter the company's name", LIMITS["company"])

    @field_validator("category", mode="before")
    @classmethod
    def _known_category(cls, value: object) -> str:
        if value and value not in {c.id for c in load_company_research().categories}:
            raise ValueError(f"unknown category '{value}'")
        return str(value or "")

    @field_validator("priority", "excitement", mode="before")
    @classmethod
    def _one_to_five(cls, value: object) -> int:
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"'{value}' is not a number from 1 to 5") from None
        if not 1 <= number <= 5:
            raise ValueError("choose from 1 to 5")
        return number


def find_company(db: sqlite_utils.Database, name: str) -> tuple[int, str] | None:
    """(id, name) of the live company whose name matches up to case and spacing."""
    rows = db["companies"].rows_where("name_key = ? AND merged_into IS NULL", [name_key(name)], select="id, name")
    row = next(rows, None)
    return (row["id"], row["name"]) if row else None


def add_company(
    db: sqlite_utils.Database,
    name: str,
    category: str = "",
    website: str = "",
    priority: int = 3,
    excitement: int = 3,
    notes: str = "",
) -> int:
    """Add a target company; refuses a name that only differs in case or spacing from one we have."""
    fields = checked(
        CompanyFields,
        {"name": name, "category": category, "priority": priority, "excitement": excitement},
        COMPANY_LABELS,
    )
    values = {
        **fields.model_dump(),
        "name_key": name_key(fields.name),
        "website": clean_text(website, 500, "Website"),
        "notes": clean_text(notes, 5000, "Notes"),
        "created_at": clock.now_iso(),
    }
    with transaction(db):
        existing = find_company(db, fields.name)
        if existing:
            raise DuplicateCompanyError(fields.name, *existing)
        company_id = db["companies"].insert(values).last_pk
        _link_contacts(db, company_id, values["name_key"])
        return company_id


def _link_contacts(db: sqlite_utils.Database, company_id: int, key: str) -> None:
    """Contacts saved before their company became a target now count as working there."""
    rows = db["contacts"].rows_where("company_id IS NULL AND company_name != ''", select="id, company_name")
    for row in [r for r in rows if name_key(r["company_name"]) == key]:
        db["contacts"].update(row["id"], {"company_id": company_id})


def merge_details_into(db: sqlite_utils.Database, company_id: int, website: str = "", notes: str = "") -> None:
    """Keep the existing company and add what the duplicate entry brought: a website if missing, notes as research."""
    company_id = valid_id(company_id, "company")
    with transaction(db):
        row = next(db["companies"].rows_where("id = ? AND merged_into IS NULL", [company_id], select="website"), None)
        if row is None:
            raise InputError(f"company {company_id} does not exist", field="company")
        website, notes = clean_text(website, 500, "Website"), clean_text(notes, 5000, "Notes")
        if website and not row["website"]:
            db["companies"].update(company_id, {"website": website})
        if notes:
            db["company_research"].insert(
                {"company_id": company_id, "section": NOTES_SECTION, "text": notes, "at": clock.now_iso()}
            )


def merge_companies(db: sqlite_utils.Database, keep_id: int, merge_id: int) -> None:
    """Fold one company into another: applications, contacts and research move; the merged one stays as history."""
    keep_id, merge_id = valid_id(keep_id, "company"), valid_id(merge_id, "company")
    if keep_id == merge_id:
        raise InputError("choose two different companies", field="company")
    with transaction(db):
        live = {
            r[0]
            for r in db.conn.execute(
                "SELECT id FROM companies WHERE id IN (?, ?) AND merged_into IS NULL", (keep_id, merge_id)
            )
        }
        if live != {keep_id, merge_id}:
            raise InputError("one of the companies does not exist or was already merged", field="company")
        for table in ("applications", "contacts", "company_research"):
            db.conn.execute(f"UPDATE {table} SET company_id = ? WHERE company_id = ?", (keep_id, merge_id))
        db["companies"].update(merge_id, {"merged_into": keep_id})


def save_research(db: sqlite_utils.Database, company_id: int, sections: dict[str, str]) -> int:
    """Append the sections whose text changed; returns how many were saved."""
    company_id = valid_id(company_id, "company")
    cfg = load_company_research()
    labels = {s.id: s.label for s in cfg.sections} | {NOTES_SECTION: "Notes"}
    for section in sections:
        if section not in labels:
            raise InputError(f"unknown research section '{section}'", field="section")
    texts = {sec: clean_text(text, 5000, labels[sec]) for sec, text in sections.items()}
    with transaction(db):
        if not db["companies"].count_where("id = ? AND merged_into IS NULL", [company_id]):
            raise InputError(f"company {company_id} does not exist", field="company")
        current = current_research(db, company_id)
        rows = [
            {"company_id": company_id, "section": sec, "text": text, "at": clock.now_iso()}
            for sec, text in texts.items()
            if text != current.get(sec, "")
        ]
        if rows:
            db["company_research"].insert_all(rows)
        return len(rows)


# ---------------------------------------------------------------- reading


def current_research(db: sqlite_utils.Database, company_id: int) -> dict[str, str]:
    """Latest text of each research section of one company."""
    rows = db.conn.execute(
        """SELECT section, text FROM company_research r
           WHERE company_id = ? AND id = (SELECT MAX(id) FROM company_research
                                          WHERE company_id = r.company_id AND section = r.section)""",
        (company_id,),
    ).fetchall()
    return {s: t for s, t in rows}


def questions_in(text: str) -> list[str]:
    """The questions of a 'questions to ask' section: one per non-empty line, list marks removed."""
    return [
        line.strip().lstrip("-*•0123456789.) ").strip()
        for line in text.splitlines()
        if line.strip().lstrip("-*•0123456789.) ").strip()
    ]


def questions_advice(text: str) -> str | None:
    """A nudge when a company's list is outside the seed's 3-5 thoughtful questions."""
    rng = load_company_research().questions_to_ask
    n = len(questions_in(text))
    if n < rng.min:
        return f"{n} question{'s' if n != 1 else ''} so far; prepare {rng.min}-{rng.max} thoughtful ones."
    if n > rng.max:
        return f"{n} questions; pick the best {rng.max} so each one gets time."
    return None


def companies_table(db: sqlite_utils.Database) -> pd.DataFrame:
    """Live companies with their counts of applications, contacts and research sections filled."""
    df = pd.read_sql_query(
        """SELECT c.id, c.name, c.category, c.website, c.priority, c.excitement, c.notes,
                  (SELECT COUNT(*) FROM applications a WHERE a.company_id = c.id) AS applications,
                  (SELECT COUNT(*) FROM contacts p WHERE p.company_id = c.id) AS contacts,
                  (SELECT COUNT(DISTINCT section) FROM company_research r
                   WHERE r.company_id = c.id AND r.section != 'notes') AS sections
           FROM companies c WHERE c.merged_into IS NULL ORDER BY c.priority DESC, c.name""",
        db.conn,
    )
    cfg = load_company_research()
    df["category_label"] = df["category"].map(cfg.category_label)
    return df


def live_company_ids(db: sqlite_utils.Database) -> dict[str, int]:
    """Ids of the live companies by name key (what an import links rows to)."""
    return {
        row["name_key"]: row["id"] for row in db["companies"].rows_where("merged_into IS NULL", select="id, name_key")
    }


def company_count(db: sqlite_utils.Database) -> int:
    """How many target companies there are (merged duplicates not counted)."""
    return db["companies"].count_where("merged_into IS NULL")


# ---------------------------------------------------------------- export


def research_markdown(db: sqlite_utils.Database) -> str:
    """company-research.md: the reusable template, how to prepare, questions to ask, then every company's notes."""
    cfg = load_company_research()
    lines = [f"# {cfg.deliverable}", "", cfg.purpose + ".", "", "## Template", ""]
    for s in cfg.sections:
        lines += [f"### {s.label}", "", f"_{s.seed}_ — {s.prompt}", ""]
    lines += ["## How to prepare", ""] + [f"- {item}" for item in cfg.how_to_prepare] + [""]
    lines += ["### Before the interview", ""] + [f"- [ ] {item}" for item in cfg.before_interview] + [""]
    lines += [f"## Questions to ask ({cfg.questions_to_ask.min}-{cfg.questions_to_ask.max} thoughtful ones)", ""]
    for topic in dict.fromkeys(q.topic for q in cfg.question_bank):
        lines += [f"### {topic}", ""] + [f"- {q.text}" for q in cfg.question_bank if q.topic == topic] + [""]
    table = companies_table(db)
    if len(table):
        lines += ["## Companies", ""]
        research = _all_research(db)
        for row in table.itertuples():
            lines += [f"### {row.name}", ""]
            meta = [
                m
                for m in (
                    row.category_label,
                    row.website,
                    f"priority {row.priority}/5",
                    f"excitement {row.excitement}/5",
                )
                if m
            ]
            lines += [" · ".join(meta), ""]
            notes = research.get(row.id, {})
            for s in cfg.sections:
                if notes.get(s.id):
                    lines += [f"**{s.label}**", "", notes[s.id], ""]
            if notes.get(NOTES_SECTION) or row.notes:
                lines += ["**Notes**", "", "\n\n".join(t for t in (row.notes, notes.get(NOTES_SECTION, "")) if t), ""]
    return "\n".join(lines).rstrip() + "\n"


def _all_research(db: sqlite_utils.Database) -> dict[int, dict[str, str]]:
    rows = db.conn.execute(
        """SELECT company_id, section, text FROM company_research r
           WHERE id = (SELECT MAX(id) FROM company_research WHERE company_id = r.company_id AND section = r.section)"""
    ).fetchall()
    out: dict[int, dict[str, str]] = {}
    for cid, section, text in rows:
        out.setdefault(cid, {})[section] = text
    return out


def export_company_research(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write company-research.md into the export folder."""
    path = Path(out_dir) / "company-research.md"
    path.write_text(research_markdown(db), encoding="utf-8")
    return [path]
