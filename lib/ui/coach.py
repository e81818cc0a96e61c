"""The coach's feedback and a spoken answer's delivery, drawn the same way on Practice and Recordings.

Every piece of the user's own words (the answer, the transcript, the quoted
evidence) goes through ``text`` or ``st.text``: shown literally, never as markup.
"""

from __future__ import annotations

import streamlit as st

from lib.coach.attempts import Progress
from lib.coach.feedback import Check, Feedback
from lib.media import speech
from lib.ui.markup import text


def _checks(title: str, checks: tuple[Check, ...]) -> None:
    if not checks:
        return
    covered = sum(c.covered for c in checks)
    st.markdown(f"**{title}** · {covered} of {len(checks)} covered")
    for check in checks:
        icon = ":green[:material/check_circle:]" if check.covered else ":gray[:material/radio_button_unchecked:]"
        st.markdown(f"{icon} {text(check.name)}")
        if check.evidence:
            st.caption(f"“{text(check.evidence)}”")


def feedback_panel(feedback: Feedback, key: str) -> None:
    """Score and its parts, guide points with the answer's own words, framework steps, AI checks, what next."""
    st.metric("Coach's score (of 100)", feedback.score)
    # Wrapped text, not a grid: a part's sentence is the point of the table and a grid column cuts it off.
    st.markdown("\n".join(f"- **{p.name}** {p.points} / {p.out_of} — {text(p.detail)}" for p in feedback.parts))
    _checks("What a strong answer covers", feedback.guide)
    _checks("Framework steps", feedback.framework)
    _checks("AI checks", feedback.ai_checks)
    if feedback.improvements:
        st.markdown("**To improve**\n\n" + "\n".join(f"1. {text(s)}" for s in feedback.improvements))
    if feedback.follow_ups:
        st.markdown("**An interviewer would ask next**\n\n" + "\n".join(f"- {text(s)}" for s in feedback.follow_ups))
    if feedback.llm_error:
        st.caption(f"Your model added nothing: {text(feedback.llm_error)}")
    elif feedback.llm:
        _model_notes(feedback.llm)
    st.caption(
        f"{feedback.words} words · coached by the {'built-in coach' if feedback.engine == 'builtin' else 'model'}"
    )


def _model_notes(extra: dict) -> None:
    """What the user's model added; quotes it gave were already checked against the answer."""
    with st.expander("What your model added"):
        for item in extra.get("rubric", []) or []:
            st.markdown(text(item if isinstance(item, str) else " — ".join(str(v) for v in dict(item).values())))
        if extra.get("outline"):
            st.markdown("**A stronger outline**\n\n" + "\n".join(f"1. {text(s)}" for s in extra["outline"]))
        if extra.get("follow_ups"):
            st.markdown("**More follow-ups**\n\n" + "\n".join(f"- {text(s)}" for s in extra["follow_ups"]))
        if extra.get("dropped_quotes"):
            st.caption(f"{extra['dropped_quotes']} quote(s) not found in your answer were dropped.")


def progress_note(progress: Progress, number: int) -> None:
    """Attempt ``number`` against the one before: points newly covered, lost, still missing, score change."""
    sign = "+" if progress.score_change >= 0 else ""
    st.markdown(f"**Attempt {number} against attempt {number - 1}** · score {sign}{progress.score_change}")
    if progress.newly_covered:
        st.markdown("Newly covered:\n" + "\n".join(f"- :green[{text(p)}]" for p in progress.newly_covered))
    if progress.no_longer_covered:
        st.markdown("Covered before, missing now:\n" + "\n".join(f"- {text(p)}" for p in progress.no_longer_covered))
    if not progress.newly_covered and not progress.no_longer_covered:
        st.caption("The same guide points as last time.")


def delivery_panel(analysis: speech.Analysis, target_seconds: float | None, key: str) -> None:
    """Pace, talk time against the target, fillers and pauses of a spoken answer, and its transcript."""
    summary = speech.delivery_summary(analysis, False, target_seconds)
    shown = [k for k in summary if k not in ("I / we",)]
    for col, label in zip(st.columns(len(shown)), shown, strict=False):
        value, note = summary[label]
        col.metric(label, value, note, delta_color="off", delta_arrow="off")
    st.caption(f"Fillers: {speech.filler_summary(analysis.fillers)} · {analysis.engine}, model {text(analysis.model)}")
    st.markdown("**Transcript** (filler words highlighted)")
    with st.container(border=True, key=f"{key}_transcript"):
        st.markdown(speech.transcript_markdown(analysis.transcript))


def answer_text(sections: dict[str, str], answer: str) -> None:
    """A typed answer section by section (or a transcript as one block), shown literally."""
    filled = {name: body for name, body in sections.items() if str(body or "").strip()}
    if not filled:
        st.text(answer)
        return
    for name, body in filled.items():
        st.markdown(f"**{text(name)}**")
        st.text(body)
