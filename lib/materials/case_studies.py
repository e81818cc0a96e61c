"""The AI product case-study bank: the seed's starters plus the user's own cases.

Every save appends a version of a case; the bank shows each case's latest
version. Starters come from data/case_studies.json and need no row until the
user writes about them; cases the user adds get a key the app chooses.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlite_utils
from pydantic import Field, model_validator

from lib.core import clock, content
from lib.core.errors import InputError
from lib.storage.db import transaction

MAX_FIELD_CHARS = 5000
MAX_NAME_CHARS = 120
TEXT_FIELDS = ("problem", "ml_approach", "key_metrics", "what_makes_it_great", "how_to_improve")


class FieldSpec(content.StrictModel):
    id: str = Field(min_length=1)
    label: str = Field(min_length=1)


class Starter(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    category: str = Field(min_length=1)
    note: str = Field(min_length=1)


class CaseStudyContent(content.StrictModel):
    target_complete: int = Field(ge=1)
    fields: list[FieldSpec]
    starters: list[Starter] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> CaseStudyContent:
        if tuple(f.id for f in self.fields) != TEXT_FIELDS:
            raise ValueError(f"fields must be, in order: {', '.join(TEXT_FIELDS)}")
        ids = [s.id for s in self.starters]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate starter ids: {', '.join(dupes)}")
        return self

    def label(self, field_id: str) -> str:
        return next(f.label for f in self.fields if f.id == field_id)


def load_case_studies() -> CaseStudyContent:
    """The shipped starters and field labels, validated."""
    return content.load("case_studies.json", CaseStudyContent)


def _latest_versions(db: sqlite_utils.Database) -> dict[str, dict]:
    """The newest version of every case that has one, keyed by case key."""
    cursor = db.conn.execute(
        """SELECT * FROM case_study_versions v
           WHERE id = (SELECT MAX(id) FROM case_study_versions WHERE case_key = v.case_key)"""
    )
    cols = [c[0] for c in cursor.description]
    return {row[cols.index("case_key")]: dict(zip(cols, row, strict=False)) for row in cursor.fetchall()}


def completeness(case: dict) -> int:
    """How many of the five fields hold text."""
    return sum(1 for f in TEXT_FIELDS if str(case.get(f) or "").strip())


def bank(db: sqlite_utils.Database) -> pd.DataFrame:
    """Every case in the bank (starters first, then the user's own), with its completeness."""
    cs = load_case_studies()
    latest = _latest_versions(db)
    rows = []
    for s in cs.starters:
        v = latest.get(s.id, {})
        if v.get("removed"):
            continue
        rows.append(
            {
                "case_key": s.id,
                "name": s.name,
                "category": s.category,
                "starter_note": s.note,
                "starter": True,
                **{f: v.get(f) or "" for f in TEXT_FIELDS},
                "saved_at": v.get("saved_at") or "",
            }
        )
    starter_ids = {s.id for s in cs.starters}
    own = sorted((v for k, v in latest.items() if k not in starter_ids and not v["removed"]), key=lambda v: v["id"])
    for v in own:
        rows.append(
            {
                "case_key": v["case_key"],
                "name": v["name"],
                "category": v["category"] or "",
                "starter_note": "",
                "starter": False,
                **{f: v.get(f) or "" for f in TEXT_FIELDS},
                "saved_at": v["saved_at"],
            }
        )
    df = pd.DataFrame(
        rows, columns=["case_key", "name", "category", "starter_note", "starter", *TEXT_FIELDS, "saved_at"]
    )
    df["filled"] = [completeness(r) for r in df.to_dict("records")]
    df["complete"] = df["filled"] == len(TEXT_FIELDS)
    return df


def complete_count(db: sqlite_utils.Database) -> int:
    """Cases with all five fields written."""
    return int(bank(db)["complete"].sum())


def _clean(value: object, field: str, limit: int) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise InputError(f"keep it under {limit} characters (it has {len(text)})", field=field)
    return text


def _case(db: sqlite_utils.Database, case_key: str) -> dict:
    """The current state of one case, or an InputError if it is not in the bank."""
    df = bank(db)
    match = df[df["case_key"] == case_key]
    if match.empty:
        raise InputError(f"no case study '{case_key}' in the bank", field="case")
    return match.iloc[0].to_dict()


def save_case(db: sqlite_utils.Database, case_key: str, fields: dict[str, object]) -> int:
    """Append a new version of a case with the given fields; returns its completeness."""
    unknown = set(fields) - set(TEXT_FIELDS) - {"name", "category"}
    if unknown:
        raise InputError(f"unknown field(s): {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    cleaned = {f: _clean(fields.get(f), f, MAX_FIELD_CHARS) for f in TEXT_FIELDS if f in fields}
    with transaction(db):
        current = _case(db, case_key)
        row = {f: current[f] for f in TEXT_FIELDS} | cleaned
        name, category = current["name"], current["category"]
        if not current["starter"]:
            name = _clean(fields.get("name", name), "name", MAX_NAME_CHARS)
            category = _clean(fields.get("category", category), "category", MAX_NAME_CHARS)
            if not name:
                raise InputError("give the product a name", field="name")
        db["case_study_versions"].insert(
            {"case_key": case_key, "name": name, "category": category, **row, "removed": 0, "saved_at": clock.now_iso()}
        )
    return completeness(row)


def add_case(db: sqlite_utils.Database, name: object, category: object = "") -> str:
    """Add a product of the user's choice to the bank; returns its key."""
    name = _clean(name, "name", MAX_NAME_CHARS)
    category = _clean(category, "category", MAX_NAME_CHARS)
    if not name:
        raise InputError("give the product a name", field="name")
    with transaction(db):
        if any(n.casefold() == name.casefold() for n in bank(db)["name"]):
            raise InputError(f"'{name}' is already in the bank", field="name")
        used = [
            int(k.removeprefix("own-"))
            for (k,) in db.conn.execute("SELECT DISTINCT case_key FROM case_study_versions WHERE case_key LIKE 'own-%'")
            if k[4:].isdigit()
        ]
        key = f"own-{max(used, default=0) + 1}"
        db["case_study_versions"].insert(
            {
                "case_key": key,
                "name": name,
                "category": category,
                **{f: "" for f in TEXT_FIELDS},
                "removed": 0,
                "saved_at": clock.now_iso(),
            }
        )
    return key


def remove_case(db: sqlite_utils.Database, case_key: str) -> None:
    """Take a case out of the bank (its versions stay as history)."""
    with transaction(db):
        current = _case(db, case_key)
        db["case_study_versions"].insert(
            {
                "case_key": case_key,
                "name": current["name"],
                "category": current["category"],
                **{f: current[f] for f in TEXT_FIELDS},
                "removed": 1,
                "saved_at": clock.now_iso(),
            }
        )


def restore_starters(db: sqlite_utils.Database) -> int:
    """Bring back starters that were removed; returns how many."""
    latest = _latest_versions(db)
    back = [s for s in load_case_studies().starters if latest.get(s.id, {}).get("removed")]
    with transaction(db):
        for s in back:
            v = latest[s.id]
            db["case_study_versions"].insert(
                {
                    **{k: v[k] for k in ("case_key", "name", "category", *TEXT_FIELDS)},
                    "removed": 0,
                    "saved_at": clock.now_iso(),
                }
            )
    return len(back)


def history(db: sqlite_utils.Database, case_key: str) -> pd.DataFrame:
    """Every saved version of one case, newest first."""
    return pd.read_sql_query(
        "SELECT id, saved_at, removed, "
        + ", ".join(TEXT_FIELDS)
        + " FROM case_study_versions WHERE case_key = ? ORDER BY id DESC",
        db.conn,
        params=(case_key,),
    )


# ---------------------------------------------------------------- export


def case_studies_markdown(df: pd.DataFrame) -> str:
    """The bank as a quick-reference markdown document, one section per case."""
    cs = load_case_studies()
    done = int(df["complete"].sum())
    lines = ["# AI PM Case Study Bank", "", f"{done} of {len(df)} cases complete (target: {cs.target_complete}+).", ""]
    for r in df.to_dict("records"):
        title = r["name"] + (f" ({r['category']})" if r["category"] else "")
        lines += [f"## {title}", ""]
        if r["starter_note"]:
            lines += [f"> {r['starter_note']}", ""]
        for f in TEXT_FIELDS:
            text = r[f].strip() or "_not written yet_"
            lines += [f"**{cs.label(f)}:**", "", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def export(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write case-studies.md."""
    path = Path(out_dir) / "case-studies.md"
    path.write_text(case_studies_markdown(bank(db)), encoding="utf-8")
    return [path]
