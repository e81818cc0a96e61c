"""The question bank: shipped questions (data/questions.json) plus the user's custom ones.

Question ids are stable slugs stored in other tables (attempts, rehearsal cards,
stories); they are never renumbered. Custom questions get ids "custom-<n>".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Literal

import pandas as pd
import sqlite_utils
from pydantic import Field, model_validator

from lib.core import clock, content
from lib.core.errors import InputError
from lib.practice import frameworks
from lib.storage.db import transaction

QUESTION_TYPES = ("product_sense", "execution", "strategy", "technical", "behavioural")
TYPE_LABELS = {
    "product_sense": "Product sense",
    "execution": "Execution",
    "strategy": "Strategy",
    "technical": "Technical",
    "behavioural": "Behavioural",
}
SUBTYPES = {
    "product_sense": ("design", "improve", "favourite", "critique"),
    "execution": ("metrics", "diagnosis", "prioritisation", "roadmap", "launch", "ab_test"),
    "strategy": ("market_entry", "competition", "pricing", "partnership", "portfolio"),
    "technical": ("ml_concepts", "evaluation", "llms", "system_design", "data", "mlops"),
    "behavioural": (
        "about_you",
        "motivation",
        "failure",
        "conflict",
        "influence",
        "data_driven",
        "prioritisation",
        "weakness",
        "portfolio_story",
        "leadership",
        "ai_experience",
        "growth",
        "execution_story",
    ),
}
SUBTYPE_LABELS = {
    "design": "Design a product",
    "improve": "Improve a product",
    "favourite": "Favourite product",
    "critique": "Product critique",
    "metrics": "Metrics",
    "diagnosis": "Diagnosis",
    "prioritisation": "Prioritisation",
    "roadmap": "Roadmap",
    "launch": "Launch",
    "ab_test": "A/B test",
    "market_entry": "Market entry",
    "competition": "Competitive strategy",
    "pricing": "Pricing",
    "partnership": "Partnership",
    "portfolio": "Portfolio",
    "ml_concepts": "ML concepts",
    "evaluation": "Model evaluation",
    "llms": "LLMs",
    "system_design": "System design",
    "data": "Data",
    "mlops": "MLOps",
    "about_you": "About you",
    "motivation": "Motivation",
    "failure": "Failure",
    "conflict": "Conflict",
    "influence": "Influence",
    "data_driven": "Data-driven decision",
    "weakness": "Weakness",
    "portfolio_story": "Portfolio project story",
    "leadership": "Leadership",
    "ai_experience": "AI experience",
    "growth": "Growth",
    "execution_story": "Delivery",
    "custom": "My own (no sub-type)",
}
DEFAULT_FRAMEWORK = {
    "product_sense": "circles",
    "execution": "execution",
    "strategy": "strategy",
    "technical": "tech-explain",
    "behavioural": "star",
}
DEFAULT_MINUTES = {"product_sense": 25, "execution": 20, "strategy": 20, "technical": 10, "behavioural": 3}
COLUMNS = ["id", "type", "subtype", "text", "target_minutes", "framework_id", "guide", "custom"]
MAX_TEXT = 500
MAX_GUIDE_POINT = 300


class Question(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z]{2}-[a-z0-9-]+$")
    type: Literal["product_sense", "execution", "strategy", "technical", "behavioural"]
    subtype: str = Field(min_length=1)
    text: str = Field(min_length=1)
    target_minutes: int = Field(ge=1, le=60)
    framework_id: str = Field(min_length=1)
    source: Literal["seed", "project"]
    guide: list[str] = Field(min_length=3, max_length=6)
    # Per guide point, phrases that say the point in other words (the coach's cues; "a & b" = both in one sentence).
    cues: list[list[str]] = []

    @model_validator(mode="after")
    def _known_subtype(self) -> Question:
        """The sub-type must belong to the question's type."""
        if self.subtype not in SUBTYPES[self.type]:
            raise ValueError(f"sub-type '{self.subtype}' is not one of {', '.join(SUBTYPES[self.type])}")
        if self.cues and len(self.cues) != len(self.guide):
            raise ValueError(f"cues has {len(self.cues)} lists for {len(self.guide)} guide points")
        return self


class QuestionBank(content.StrictModel):
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> QuestionBank:
        """Ids are unique and every framework id names a shipped framework."""
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate question ids: {', '.join(dupes)}")
        known = set(frameworks.load_frameworks().ids)
        for q in self.questions:
            if q.framework_id not in known:
                raise ValueError(f"question '{q.id}' names unknown framework '{q.framework_id}'")
        return self


def load_question_bank() -> QuestionBank:
    """The shipped question bank, validated (framework ids must resolve)."""
    return content.load("questions.json", QuestionBank)


def _shipped_frame() -> pd.DataFrame:
    """The shipped bank in the all_questions layout."""
    rows = [{**q.model_dump(exclude={"source", "cues"}), "custom": False} for q in load_question_bank().questions]
    return pd.DataFrame(rows, columns=COLUMNS)


def _custom_frame(db: sqlite_utils.Database) -> pd.DataFrame:
    """The user's questions in the all_questions layout."""
    rows = db.conn.execute(
        "SELECT id, type, subtype, text, target_minutes, framework_id, guide_json FROM custom_questions ORDER BY id"
    ).fetchall()
    data = [
        {
            "id": f"custom-{r[0]}",
            "type": r[1],
            "subtype": r[2],
            "text": r[3],
            "target_minutes": int(r[4]),
            "framework_id": r[5],
            "guide": json.loads(r[6]),
            "custom": True,
        }
        for r in rows
    ]
    return pd.DataFrame(data, columns=COLUMNS)


def all_questions(db: sqlite_utils.Database) -> pd.DataFrame:
    """Shipped and custom questions: id, type, subtype, text, target_minutes, framework_id, guide, custom."""
    custom = _custom_frame(db)
    frames = [_shipped_frame()] + ([custom] if len(custom) else [])
    df = pd.concat(frames, ignore_index=True)
    df["target_minutes"] = df["target_minutes"].astype(int)
    df["custom"] = df["custom"].astype(bool)
    return df


def question(db: sqlite_utils.Database, question_id: str) -> dict:
    """One question (shipped or custom) as a dict of the all_questions fields."""
    qid = str(question_id)
    if qid.startswith("custom-"):
        num = qid.removeprefix("custom-")
        row = db.conn.execute(
            "SELECT id, type, subtype, text, target_minutes, framework_id, guide_json"
            " FROM custom_questions WHERE id = ?",
            (int(num),) if num.isdigit() else (-1,),
        ).fetchone()
        if row:
            return {
                "id": qid,
                "type": row[1],
                "subtype": row[2],
                "text": row[3],
                "target_minutes": int(row[4]),
                "framework_id": row[5],
                "guide": json.loads(row[6]),
                "custom": True,
            }
    else:
        for q in load_question_bank().questions:
            if q.id == qid:
                return {**q.model_dump(exclude={"source", "cues"}), "custom": False}
    raise InputError(f"unknown question '{qid}'", field="question")


def type_label(question_type: str) -> str:
    """Readable name of a question type."""
    return TYPE_LABELS.get(question_type, question_type)


def subtype_label(subtype: str) -> str:
    """Readable name of a sub-type."""
    return SUBTYPE_LABELS.get(subtype, subtype.replace("_", " ").capitalize())


def all_subtypes() -> list[str]:
    """Every sub-type across the types, in bank order, without repeats."""
    return list(dict.fromkeys(s for subs in SUBTYPES.values() for s in subs))


def parse_guide(text: str) -> list[str]:
    """Guide points from text, one per line; blank lines and leading bullets dropped."""
    points = []
    for line in str(text or "").splitlines():
        point = line.strip().lstrip("-*•").strip()
        if point:
            points.append(point)
    return points


def add_custom_question(
    db: sqlite_utils.Database,
    question_type: str,
    text: str,
    *,
    subtype: str = "",
    target_minutes: int | None = None,
    framework_id: str | None = None,
    guide: list[str] | None = None,
) -> str:
    """Store a question met in a real interview; returns its id ("custom-<n>")."""
    if question_type not in QUESTION_TYPES:
        raise InputError("choose the question type", field="type")
    clean = " ".join(str(text or "").split())
    if not clean:
        raise InputError("write the question", field="question")
    if len(clean) > MAX_TEXT:
        raise InputError(f"keep the question under {MAX_TEXT} characters", field="question")
    subtype = subtype or "custom"
    if subtype != "custom" and subtype not in SUBTYPES[question_type]:
        raise InputError(f"'{subtype}' is not a sub-type of {type_label(question_type)}", field="sub-type")
    minutes = DEFAULT_MINUTES[question_type] if target_minutes is None else target_minutes
    if not isinstance(minutes, int) or not 1 <= minutes <= 60:
        raise InputError("target minutes must be a whole number from 1 to 60", field="target minutes")
    fw_id = framework_id or DEFAULT_FRAMEWORK[question_type]
    frameworks.framework(fw_id)
    points = [p.strip() for p in (guide or []) if p and p.strip()]
    if any(len(p) > MAX_GUIDE_POINT for p in points):
        raise InputError(f"keep each guide point under {MAX_GUIDE_POINT} characters", field="answer guide")
    if len(points) > 6:
        raise InputError("give at most 6 guide points", field="answer guide")
    with transaction(db):
        new_id = (
            db["custom_questions"]
            .insert(
                {
                    "type": question_type,
                    "subtype": subtype,
                    "text": clean,
                    "target_minutes": minutes,
                    "framework_id": fw_id,
                    "guide_json": json.dumps(points),
                    "created_at": clock.now_iso(),
                }
            )
            .last_pk
        )
    return f"custom-{new_id}"


def coverage_questions(db: sqlite_utils.Database, prompts: Iterable[tuple[str, str, str]]) -> pd.DataFrame:
    """Behavioural questions, then the story-theme prompts the bank lacks (question_id, text, kind, theme_id).

    ``prompts`` are (theme_id, question_id, text) of the story themes. A prompt
    that the question bank already holds word for word stays one row, under the
    bank's id, so practice and stories speak of the same question.
    """
    bank = all_questions(db)
    behavioural = bank[bank["type"] == "behavioural"]
    prompts = list(prompts)
    theme_of = {text: theme_id for theme_id, _, text in prompts}
    rows = [
        {
            "question_id": str(r.id),
            "text": r.text,
            "kind": "theme" if r.text in theme_of else "question",
            "theme_id": theme_of.get(r.text, ""),
        }
        for r in behavioural.itertuples()
    ]
    merged = {r["theme_id"] for r in rows if r["theme_id"]}
    rows += [
        {"question_id": question_id, "text": text, "kind": "theme", "theme_id": theme_id}
        for theme_id, question_id, text in prompts
        if theme_id not in merged
    ]
    return pd.DataFrame(rows, columns=["question_id", "text", "kind", "theme_id"])
