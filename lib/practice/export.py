"""interview-prep.md: the frameworks, the question bank by type and the user's latest answers, as one document."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.practice import frameworks, questions
from lib.practice.attempts import DIMENSION_LABELS, DIMENSIONS, latest_answers

EXPORT_FILE = "interview-prep.md"


def fenced(text: str) -> str:
    """User text as a fenced block that no content inside it can close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def _review_lines(row: pd.Series, guide: list[str]) -> list[str]:
    """An attempt's time, self-review and ticked guide points as markdown lines."""
    minutes = row["seconds_taken"] / 60
    day = clock.local_text(row["submitted_at"].to_pydatetime(), "%Y-%m-%d")
    lines = [f"*Attempt {int(row['attempt_no'])}, {day}, {minutes:.0f} of {int(row['target_minutes'])} min*", ""]
    if pd.isna(row["score"]):
        return lines + ["Not reviewed yet.", ""]
    scores = ", ".join(f"{DIMENSION_LABELS[d]} {int(row[d])}/5" for d in DIMENSIONS)
    lines += [f"Self-review: {scores}", ""]
    lines += [f"- [{'x' if i in row['guide_checked'] else ' '}] {point}" for i, point in enumerate(guide)]
    if row["notes"]:
        lines += ["", "Notes:", "", fenced(row["notes"])]
    return lines + [""]


def _type_section(qtype: str, qs: pd.DataFrame, latest: pd.DataFrame, book: frameworks.FrameworkBook) -> list[str]:
    """One question type's frameworks, questions by sub-type and latest answers."""
    lines = [f"## {questions.TYPE_LABELS[qtype]}", "", "### Frameworks", ""]
    for fw in book.for_type(qtype):
        if fw.applies_to[0] == qtype:  # a shared framework is printed once, under its main type
            lines.append(frameworks.markdown(fw, heading_level=4))
    lines += ["### Practice questions", ""]
    for subtype, group in qs[qs["type"] == qtype].groupby("subtype", sort=False):
        lines += [f"#### {questions.subtype_label(subtype)}", ""]
        for q in group.itertuples():
            lines.append(f"- {q.text}" + (" *(my question)*" if q.custom else ""))
        lines.append("")
    answered = qs[(qs["type"] == qtype) & qs["id"].isin(latest.index)]
    if len(answered):
        lines += ["### My latest answers", ""]
        for q in answered.itertuples():
            row = latest.loc[q.id]
            lines += [f"#### {q.text}", "", fenced(row["answer_text"]), ""]
            lines += _review_lines(row, list(q.guide))
    return lines


def interview_prep_markdown(db: sqlite_utils.Database, today: dt.date | None = None) -> str:
    """The curriculum's interview prep document: frameworks, questions by type, latest answers, knowledge areas."""
    book = frameworks.load_frameworks()
    qs = questions.all_questions(db)
    latest = latest_answers(db)
    lines = [
        "# Interview Prep Document",
        "",
        f"Generated {(today or clock.today()).isoformat()}. {len(qs)} practice questions, "
        f"{len(latest)} answered at least once.",
        "",
    ]
    for qtype in ("product_sense", "execution", "strategy"):
        lines += _type_section(qtype, qs, latest, book)
    lines += ["## Technical knowledge areas", ""] + [f"- {a}" for a in book.technical_knowledge_areas]
    lines += ["", f"**Key:** {book.technical_key}", ""]
    lines += _type_section("technical", qs, latest, book)[1:]
    lines += ["## Behavioural frameworks", ""]
    lines += _type_section("behavioural", qs, latest, book)[2:]
    lines += ["#### Writing a story", ""] + [f"- {t}" for t in book.star_story_tips] + [""]
    return "\n".join(lines).rstrip() + "\n"


def export_interview_prep(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write interview-prep.md into ``out_dir``."""
    path = Path(out_dir) / EXPORT_FILE
    path.write_text(interview_prep_markdown(db), encoding="utf-8")
    return [path]
