"""The seed's review checklist ("Note: ..."), in its own words, and a printable form of it for a partner."""

from __future__ import annotations

SCORE_DIMENSIONS = {
    "clarity": "Clarity of communication",
    "structure": "Structure of answers",
    "confidence": "Confidence level",
    "eye_contact": "Eye contact / body language",
}
FILLER_LABEL = "Filler words (um, uh, like)"
STOP_RESTART_LABEL = "Did I stop or restart? (the rule: Don't stop/restart)"
IMPROVE_LABEL = "Identify 3 areas to improve"
INTERVIEW_TYPES = ("Product Sense", "Execution", "Strategy", "Technical", "Behavioral", "Mixed")
# What a table of reviews calls each column.
REVIEW_COLUMNS = {
    "created_at": "Reviewed",
    "source": "By",
    "session_date": "Session",
    "interview_type": "Interview type",
    "clarity": "Clarity",
    "structure": "Structure",
    "confidence": "Confidence",
    "eye_contact": "Eye contact",
    "filler_words": "Filler words",
    "stopped_or_restarted": "Stopped or restarted",
    "went_well": "Went well",
    "improve_1": "To improve (1)",
    "improve_2": "To improve (2)",
    "improve_3": "To improve (3)",
}
# What a table of takes calls its columns; the scores read as their short names.
TAKE_COLUMNS = {
    "recorded": "Recorded",
    "mode_label": "Mode",
    "title": "Take",
    "length": "Length",
    "status": "Status",
    "file": "File",
    **{k: v for k, v in REVIEW_COLUMNS.items() if k in SCORE_DIMENSIONS},
}
# What the table of a take's analyses calls its columns.
ANALYSIS_COLUMNS = {
    "created_at": "Analysed",
    "wpm": "Words a minute",
    "fillers_per_min": "Fillers a minute",
    "speaking_s": "Seconds speaking",
}


def partner_form_markdown(interview_type: str = "Mixed", questions: list[str] | None = None) -> str:
    """A printable feedback form for a partner mock (the seed's checklist, ready to fill by hand)."""
    lines = [
        f"# Partner mock interview — feedback form ({interview_type})",
        "",
        "Interviewer: ____________________   Interviewee: ____________________   Date: __________",
        "",
        "Trade interviewer/interviewee roles · 1-hour session each · Give each other feedback · "
        "Repeat for each interview type if possible.",
        "",
    ]
    if questions:
        lines += ["## Questions asked", ""] + [f"{i}. {q}" for i, q in enumerate(questions, 1)] + [""]
    lines += ["## Scores (1 = weak, 5 = strong)", "", "| | 1 | 2 | 3 | 4 | 5 |", "|---|---|---|---|---|---|"]
    lines += [f"| {label} | ☐ | ☐ | ☐ | ☐ | ☐ |" for label in SCORE_DIMENSIONS.values()]
    lines += [
        "",
        f"**{FILLER_LABEL}** — tally: ______________________",
        "",
        "**Did they stop or restart an answer?** ☐ No  ☐ Yes — where: ______________________",
        "",
        "## What went well",
        "",
        "- ",
        "- ",
        "",
        f"## {IMPROVE_LABEL}",
        "",
        "1. ",
        "2. ",
        "3. ",
        "",
        "## Notes",
        "",
        "",
    ]
    return "\n".join(lines)
