"""The Practice page's tabs: answer and review, history, charts, what is due, and adding a question.

Drafts, timers and the answer on screen live in session state outside widget
keys, so they survive reruns, page switches and tabs that are not drawn
(Streamlit drops a widget's key when the widget is not drawn).
"""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd
import streamlit as st

from lib.coach import attempts as coached
from lib.core import clock
from lib.core.dates import date_text, instant_text
from lib.practice import attempts, progress, questions
from lib.practice import charts as practice_charts
from lib.storage import drafts as kept
from lib.ui import messages
from lib.ui import practice as practice_ui
from lib.ui.cache import figure, q, query, write
from lib.ui.charts import chart
from lib.ui.markup import text
from lib.ui.practice_picker import choose

DUE_SHOWN = 20  # each due row is four elements on every rerun; 'Next due' reaches the rest


def _kept(name: str) -> dict:
    """A dict in session state that outlives reruns and page switches."""
    return st.session_state.setdefault(name, {})


def _drafts() -> dict:
    return _kept("practice_drafts")


def _timers() -> dict:
    return _kept("practice_timers")


def _results() -> dict:
    """Question id -> (attempt id, coach's note) of the answer kept on screen beside its feedback."""
    return _kept("practice_results")


def _pauses() -> dict:
    """Question id -> (seconds paused, paused since or None)."""
    return _kept("practice_pauses")


def save_draft(question_id: str, section: str, key: str) -> None:
    """Keep a section's text as it is typed; the first keystrokes start the timer (a callback)."""
    state = st.session_state
    _drafts().setdefault(question_id, {})[section] = state.get(key, "")
    _timers().setdefault(question_id, time.time())
    # Kept in the database too, so the words survive a reload or a restart, not only a page switch.
    _, error = write(kept.save, "practice", question_id, {section: state.get(key, "")})
    if error:
        state["practice_submit_error"] = error


def forget_draft(question_id: str) -> None:
    """Empty the boxes and stop the timer: after a submit, or when the user discards the draft."""
    state = st.session_state
    _drafts().pop(question_id, None)
    _timers().pop(question_id, None)
    _pauses().pop(question_id, None)
    for key in [k for k in state if str(k).startswith(f"practice_ans_{question_id}_")]:
        state[key] = ""


def discard_draft(question_id: str) -> None:
    """Throw the kept draft away (a callback)."""
    _, error = write(kept.discard, "practice", question_id)
    if error:
        st.session_state["practice_submit_error"] = error
    else:
        forget_draft(question_id)


def show_result(question_id: str, attempt_id: int, note: str = "") -> None:
    """Keep a just-submitted attempt on screen beside its feedback until the user answers again."""
    _results()[question_id] = (int(attempt_id), note)


def submit(question_id: str) -> None:
    """Store the answer with the coach's feedback; on success show it and empty the sections (a callback)."""
    started_at, now = _timers().get(question_id), time.time()
    # Paused time is not answering time.
    seconds = attempts.elapsed_seconds((started_at or now) + practice_ui.paused_for(_pauses(), question_id, now), now)
    began = dt.datetime.fromtimestamp(started_at, dt.UTC) if started_at else None
    sections = _drafts().get(question_id, {})
    # The attempt is stored and its draft forgotten together.
    result, error = write(
        kept.send, "practice", question_id, coached.submit_typed, question_id, sections, seconds, started_at=began
    )
    if error:
        st.session_state["practice_submit_error"] = error
        return
    show_result(question_id, result.attempt_id, result.note)
    forget_draft(question_id)


def _typed(q: dict, sidebar: object) -> None:
    """The kept draft's line, one box per framework step, and Submit."""
    picked = q["id"]
    drafts = _drafts()
    stored = query(kept.load, "practice", picked)
    if picked not in drafts:  # a new session (a reload, a restart): the words come back from the database
        drafts[picked] = dict(stored.fields)
    # Always drawn, filled only when there is a draft: the boxes below keep their place (and focus).
    with st.container():
        if stored:
            k1, k2 = st.columns([4, 1], vertical_alignment="center")
            k1.caption(f"Draft from {instant_text(stored.saved_at)}, kept as you type.")
            k2.button("Discard draft", key="practice_discard", on_click=discard_draft, args=(picked,))
    practice_ui.typed_answer(q, drafts[picked], _timers(), save_draft, sidebar)
    st.button("Submit answer", type="primary", key="practice_submit", on_click=submit, args=(picked,))


# A fragment: typing, submitting and answering again rerun only this tab, not the page's filters, picker and
# due list, whose queries (every question and attempt) a submit would otherwise recompute before showing the
# answer. A saved review changes what is due, so its callback reruns the whole page.
@st.fragment
def answer_tab(q: dict) -> None:
    """Answer (typed or out loud), the answer beside its feedback, and its self-review."""
    state = st.session_state
    # The timer's place in the sidebar, claimed on every run: a fragment rerun can only fill a place outside
    # itself that the last full run gave it.
    sidebar = st.sidebar.container()
    picked = q["id"]
    history = query(attempts.attempts, picked)
    shown_id, note = _results().get(picked, (None, ""))
    shown = history[history["id"] == shown_id]
    focus = shown.iloc[0] if len(shown) else attempts.awaiting_review(history)
    if shown.empty:
        how = st.segmented_control(
            "How to answer", ["Type", "Out loud"], default="Type", key="practice_mode", label_visibility="collapsed"
        )
        if how == "Out loud":
            practice_ui.answer_out_loud(picked, lambda aid: show_result(picked, aid))
        else:
            _typed(q, sidebar)
        if state.get("practice_submit_error"):
            messages.error(state.pop("practice_submit_error"))
    if focus is not None:
        feedback = query(coached.attempt_feedback, int(focus["id"]))
        practice_ui.answer_beside_feedback(focus, feedback, note, "practice_result")
        st.markdown(f"#### Review attempt {int(focus['attempt_no'])}")
        practice_ui.review_form(focus, q["guide"], "practice_review", feedback)
        if len(shown):
            st.button(
                "Answer again", icon=":material/replay:", key="practice_again", on_click=_results().pop, args=(picked,)
            )
    elif len(history):
        last = history.iloc[-1]
        # Its form is drawn only while open, as most visits do not change an old review.
        again = st.expander(
            f"Change the self-review of attempt {int(last['attempt_no'])}",
            key="practice_rereview_open",
            on_change="rerun",
        )
        if again.open:
            with again:
                practice_ui.review_form(
                    last, q["guide"], "practice_rereview", query(coached.attempt_feedback, int(last["id"]))
                )
    if state.get("practice_flash"):
        messages.success(state.pop("practice_flash"))


def history_tab(question_id: str) -> None:
    """Every attempt at the question with its feedback, or one line when there is none yet."""
    history = query(attempts.attempts, question_id)
    if history.empty:
        st.caption("No attempts at this question yet.")
    else:
        practice_ui.history_view(history, question_id)


def charts_tab() -> None:
    """Attempts against the plan, the self-rating trend, and time taken against the target."""
    chart(figure(practice_charts.attempts_vs_plan, q(progress.plan_progress)), key="practice_plan_chart")
    chart(figure(practice_charts.rating_trend, q(progress.rating_trend)), key="practice_trend_chart")
    chart(figure(practice_charts.time_vs_target, q(progress.time_vs_target)), key="practice_time_chart")


def due_tab(due: pd.DataFrame, today: dt.date) -> None:
    """The questions due for rehearsal, most overdue first, each with a button to practise it."""
    if due.empty:
        st.caption("Nothing due today.")
    for r in due.head(DUE_SHOWN).itertuples():
        d1, d2 = st.columns([5, 1], vertical_alignment="center")
        when = date_text(clock.local(r.due.to_pydatetime()).date(), today, weekday=True)
        d1.markdown(f"{text(r.text)} · :gray[{questions.TYPE_LABELS.get(r.type, r.type)}, due {when}]")
        d2.button("Practise", key=f"practice_due_{r.item_id}", on_click=choose, args=(r.item_id, "Answer"))
    if len(due) > DUE_SHOWN:
        st.caption(
            f"…and {len(due) - DUE_SHOWN} more, most overdue first above; the Due filter and 'Next due' reach them all."
        )


def add_question_tab() -> None:
    """A question met in a real interview, added to the bank and opened to answer."""
    with st.form("practice_custom_form", clear_on_submit=True):
        st.markdown("**A question you met in a real interview.** It joins the bank and is practised like any other.")
        new_type = st.selectbox(
            "Type",
            questions.QUESTION_TYPES,
            index=None,
            format_func=questions.TYPE_LABELS.get,
            placeholder="Choose a type",
            key="practice_custom_type",
        )
        new_text = st.text_area("Question", key="practice_custom_text")
        new_subtype = st.selectbox(
            "Sub-type (optional)",
            questions.all_subtypes(),
            index=None,
            format_func=questions.subtype_label,
            placeholder="None",
            key="practice_custom_subtype",
        )
        new_minutes = st.number_input(
            "Target minutes (blank: the type's usual)",
            min_value=1,
            max_value=60,
            value=None,
            step=1,
            key="practice_custom_minutes",
        )
        new_guide = st.text_area(
            "What a strong answer covers (optional, one point per line, up to 6)", key="practice_custom_guide"
        )
        if st.form_submit_button("Add question"):
            new_id, error = write(
                questions.add_custom_question,
                new_type or "",
                new_text,
                subtype=new_subtype or "",
                target_minutes=new_minutes,
                guide=questions.parse_guide(new_guide),
            )
            if error:
                messages.error(error)
            else:
                choose(new_id, "Answer")
                st.rerun()
