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
