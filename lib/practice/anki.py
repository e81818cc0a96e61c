"""An Anki-importable text file of the question bank with the user's latest answers.

Anki reads the header lines (``#separator``, ``#html``, ``#columns`` …) and
then one note per line; fields holding tabs, quotes or line breaks are quoted
the CSV way, which Anki's importer understands. The question id is the note's
guid, so importing a newer export updates the same notes instead of adding
duplicates.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.practice import attempts, questions

FILENAME = "interview-questions-anki.txt"
COLUMNS = ("GUID", "Front", "Back", "Tags")
HEADER = (
    "#separator:tab",
    "#html:false",
    "#notetype:Basic",
    "#deck:Interview Prep",
    "#guid column:1",
    "#tags column:4",
    "#columns:" + "\t".join(COLUMNS),
)


def _back(q: pd.Series, latest: pd.DataFrame) -> str:
    """Answer side: the answer guide, then the latest own answer and its self-review."""
    parts = ["What a strong answer covers:"] + [f"- {p}" for p in q["guide"]]
    if q["id"] in latest.index:
        row = latest.loc[q["id"]]
        parts += ["", f"My latest answer (attempt {int(row['attempt_no'])}):", row["answer_text"].strip()]
        if not pd.isna(row["score"]):
            parts.append(
                "Self-review: "
                + ", ".join(f"{attempts.DIMENSION_LABELS[d]} {int(row[d])}/5" for d in attempts.DIMENSIONS)
            )
    return "\n".join(parts)


def _tags(q: pd.Series) -> str:
    """Anki tags: the bank, the type, the type::sub-type, and whether it is the user's own."""
    tags = ["interview-prep", q["type"], f"{q['type']}::{q['subtype']}"]
    if q["custom"]:
        tags.append("my-question")
    return " ".join(tags)


def anki_text(db: sqlite_utils.Database) -> str:
    """The whole export as text: header lines, then one note per question."""
    qs = questions.all_questions(db)
    latest = attempts.latest_answers(db)
    buffer = io.StringIO()
    buffer.write("\n".join(HEADER) + "\n")
    writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for _, q in qs.iterrows():
        writer.writerow([q["id"], q["text"], _back(q, latest), _tags(q)])
    return buffer.getvalue()


def export_anki(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write the Anki text file into ``out_dir``."""
    path = Path(out_dir) / FILENAME
    path.write_text(anki_text(db), encoding="utf-8")
    return [path]
