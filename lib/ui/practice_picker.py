"""The top of the Practice page: what is due, the filters, the question picker and the question itself."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib.practice import frameworks, questions, schedule
from lib.ui import llm_coach, messages
from lib.ui.cache import query
from lib.ui.markup import text

TAB_KEY = "practice_tab"
TABS = ["Answer", "History", "Charts", "Due", "Add a question"]


def choose(question_id: str | None, tab: str | None = None) -> None:
    """Make a question the current one on the next run, with ``tab`` open if given."""
    if question_id:
        st.session_state["practice_goto"] = question_id
        if tab:
            # Applied just before the tabs are drawn: a widget's state cannot change once it is drawn in a run.
            st.session_state["practice_goto_tab"] = tab


def open_tab() -> tuple[str, object]:
    """The page's tabs; the open one's label and container. Only that tab is drawn and sent to the browser.

    Switching tabs reruns the page, so a hidden tab's charts and lists cost nothing until opened.
    """
    state = st.session_state
    if state.get("practice_goto_tab") in TABS:
        state[TAB_KEY] = state.pop("practice_goto_tab")
    containers = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
    return next((label, tab) for label, tab in zip(TABS, containers, strict=True) if tab.open)


def due_banner(due: pd.DataFrame) -> None:
    """One line saying how many questions are due for rehearsal today, when any are."""
    if len(due):
        messages.info(
            f"{len(due)} question{'s' if len(due) != 1 else ''} due for rehearsal today.",
            icon=":material/event_repeat:",
        )


def _filtered(status: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """The type, sub-type, never-tried and due filters, and the questions they leave."""
    c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
    qtype = c1.selectbox(
        "Type",
        [None, *questions.QUESTION_TYPES],
        format_func=lambda t: "All types" if t is None else questions.TYPE_LABELS[t],
        key="practice_filter_type",
    )
    subtypes = [*questions.SUBTYPES.get(qtype, questions.all_subtypes()), "custom"]
    subtype = c2.selectbox(
        "Sub-type",
        [None, *subtypes],
        format_func=lambda s: "All sub-types" if s is None else questions.subtype_label(s),
        key="practice_filter_subtype",
    )
    never = c3.checkbox("Never tried", key="practice_filter_never")
    due_only = c4.checkbox("Due", key="practice_filter_due")
    return schedule.filter_questions(status, today, qtype, subtype, never, due_only)


def question_picker(status: pd.DataFrame, due: pd.DataFrame, today: dt.date) -> str:
    """The filters, the question picker, Surprise me and Next due; the picked question's id.

    Stops the page with one line when no question matches the filters.
    """
    state = st.session_state
    shown = _filtered(status, today)
    current = state.pop("practice_goto", None) or state.get("practice_current")
    options = list(shown["id"])
    if current in set(status["id"]) and current not in options:
        options.insert(0, current)
    labels = dict(zip(status["id"], status["type"].map(questions.TYPE_LABELS) + " · " + status["text"], strict=False))
    b1, b2, b3 = st.columns([4, 1, 1], vertical_alignment="bottom")
    if not options:
        st.caption("No question matches these filters.")
        st.stop()
    if current in options and current != state.get("practice_current") or state.get("practice_pick") not in options:
        state["practice_pick"] = current if current in options else options[0]
    picked = b1.selectbox(
        "Question",
        options,
        format_func=labels.get,
        key="practice_pick",
        help=f"{len(shown)} questions match the filters",
    )
    state["practice_current"] = picked
    b2.button(
        "Surprise me", on_click=choose, args=(schedule.surprise(shown),), key="practice_surprise", width="stretch"
    )
    b3.button(
        "Next due",
        on_click=choose,
        args=(schedule.next_due_from(due),),
        disabled=due.empty,
        key="practice_next_due",
        width="stretch",
    )
    return picked


def question_heading(q: dict) -> None:
    """The question, its type and target, its framework, and the optional model coach's settings."""
    fw = frameworks.framework(q["framework_id"])
    st.markdown(f"### {text(q['text'])}")
    st.caption(
        f"{questions.TYPE_LABELS[q['type']]} · {questions.subtype_label(q['subtype'])} · "
        f"target {q['target_minutes']} min · {fw.name}"
    )
    with st.expander(f"Framework: {fw.name}", icon=":material/account_tree:"):
        st.markdown(frameworks.markdown(fw, heading_level=4))
    # Drawn only while open: a dozen inputs few people touch are not sent on every run.
    settings = st.expander(
        "Settings: your own model coach (optional, off by default)",
        icon=":material/settings:",
        key="practice_llm_open",
        on_change="rerun",
    )
    if settings.open:
        with settings:
            llm_coach.llm_settings_section("practice_llm")


def picked_question(question_id: str) -> dict:
    """The picked question (bank or custom), cached until the next write."""
    return query(questions.question, question_id)
