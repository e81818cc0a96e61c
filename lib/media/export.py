"""``mock-interview-reviews.md``: every take's reviews and the recurring things to improve, as one document."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from lib.media.checklist import FILLER_LABEL, SCORE_DIMENSIONS
from lib.media.reviews import improvement_counts, reviews
from lib.media.takes import list_recordings


def export_reviews(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """``mock-interview-reviews.md``: every take and review, and the recurring things to improve."""
    takes = list_recordings(db)
    all_reviews = reviews(db)
    if takes.empty and all_reviews.empty:
        return []
    lines = ["# Mock interview reviews", ""]
    for r in all_reviews.itertuples():
        who = "Self review" if r.source == "self" else f"Partner feedback from {r.reviewer}"
        take = ""
        if r.recording_id == r.recording_id and r.recording_id is not None:
            match = takes[takes["id"] == r.recording_id]
            take = f" — take: {match.iloc[0]['title']}" if len(match) else ""
        lines += [f"## {r.session_date} · {r.interview_type} · {who}{take}", ""]
        lines += [f"- {label}: {getattr(r, name)}/5" for name, label in SCORE_DIMENSIONS.items()]
        lines += [
            f"- {FILLER_LABEL}: {r.filler_words}",
            f"- Stopped or restarted: {'yes' if r.stopped_or_restarted else 'no'}",
        ]
        improvements = [t for t in (r.improve_1, r.improve_2, r.improve_3) if t]
        if improvements:
            lines += ["- To improve:"] + [f"  {i}. {t}" for i, t in enumerate(improvements, 1)]
        if r.went_well:
            lines.append(f"- Went well: {r.went_well}")
        if r.notes:
            lines.append(f"- Notes: {r.notes}")
        lines.append("")
    counts = improvement_counts(db)
    if len(counts):
        lines += ["## Recurring things to improve", ""] + [
            f"- {c.improvement} ({c.count}×)" for c in counts.itertuples()
        ]
    path = Path(out_dir) / "mock-interview-reviews.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]
