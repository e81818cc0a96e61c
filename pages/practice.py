"""Practice: pick a question, answer it against its framework on a timer, review against the guide, rehearse."""

import datetime as dt
import time

import streamlit as st

from lib import ui
from lib.coach import attempts as coached
from lib.core import clock
from lib.practice import attempts, frameworks, progress, questions, schedule
from lib.practice import charts as practice_charts
from lib.storage import drafts as kept
from lib.ui import llm_coach
from lib.ui import practice as practice_ui

DUE_SHOWN = 20  # each due row is four elements on every rerun; 'Next due' reaches the rest
today = clock.today()
state = st.session_state
# Drafts, timers and the current question live outside widget keys so they
# survive reruns and page switches (Streamlit drops a widget's key when the
# widget is not drawn).
drafts: dict = state.setdefault("practice_drafts", {})
timers: dict = state.setdefault("practice_timers", {})
results: dict = state.setdefault("practice_results", {})  # question id -> (attempt id, coach's note) on screen
pauses: dict = state.setdefault("practice_pauses", {})  # question id -> (seconds paused, paused since or None)

ui.page_header(
    "Practice",
    "Answer against the framework on a timer, check the guide, rate yourself. Weak answers come back sooner.",
)

status = ui.query(schedule.question_status)
due = ui.query(schedule.due_questions, today)


def choose(question_id: str | None) -> None:
    """Make a question the current one on the next run."""
    if question_id:
        state["practice_goto"] = question_id


def save_draft(question_id: str, section: str, key: str) -> None:
    """Keep a section's text as it is typed; the first keystrokes start the timer."""
    drafts.setdefault(question_id, {})[section] = state.get(key, "")
    timers.setdefault(question_id, time.time())
    # Kept in the database too, so the words survive a reload or a restart, not only a page switch.
    _, error = ui.write(kept.save, "practice", question_id, {section: state.get(key, "")})
    if error:
        state["practice_submit_error"] = error


def forget_draft(question_id: str) -> None:
    """Empty the boxes and stop the timer: after a submit, or when the user discards the draft."""
    drafts.pop(question_id, None)
    timers.pop(question_id, None)
    pauses.pop(question_id, None)
    for key in [k for k in state if str(k).startswith(f"practice_ans_{question_id}_")]:
        state[key] = ""


def discard_draft(question_id: str) -> None:
    """Throw the kept draft away (a callback)."""
    _, error = ui.write(kept.discard, "practice", question_id)
    if error:
        state["practice_submit_error"] = error
    else:
        forget_draft(question_id)


def submit(question_id: str) -> None:
    """Store the answer with the coach's feedback; on success show it and empty the sections (a callback)."""
    started_at, now = timers.get(question_id), time.time()
    # Paused time is not answering time.
    seconds = attempts.elapsed_seconds((started_at or now) + practice_ui.paused_for(pauses, question_id, now), now)
    began = dt.datetime.fromtimestamp(started_at, dt.UTC) if started_at else None
    sections = drafts.get(question_id, {})
    # The attempt is stored and its draft forgotten together.
    result, error = ui.write(
        kept.send, "practice", question_id, coached.submit_typed, question_id, sections, seconds, started_at=began
    )
    if error:
        state["practice_submit_error"] = error
        return
    show_result(question_id, result.attempt_id, result.note)
    forget_draft(question_id)


def show_result(question_id: str, attempt_id: int, note: str = "") -> None:
    """Keep a just-submitted attempt on screen beside its feedback until the user answers again."""
    results[question_id] = (int(attempt_id), note)


if len(due):
    ui.info(
        f"{len(due)} question{'s' if len(due) != 1 else ''} due for rehearsal today.", icon=":material/event_repeat:"
    )

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
shown = schedule.filter_questions(status, today, qtype, subtype, never, due_only)

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
    "Question", options, format_func=labels.get, key="practice_pick", help=f"{len(shown)} questions match the filters"
)
state["practice_current"] = picked
b2.button("Surprise me", on_click=choose, args=(schedule.surprise(shown),), key="practice_surprise", width="stretch")
b3.button(
    "Next due",
    on_click=choose,
    args=(schedule.next_due_from(due),),
    disabled=due.empty,
    key="practice_next_due",
    width="stretch",
)

q = ui.query(questions.question, picked)
fw = frameworks.framework(q["framework_id"])
st.markdown(f"### {ui.text(q['text'])}")
st.caption(
    f"{questions.TYPE_LABELS[q['type']]} · {questions.subtype_label(q['subtype'])} · "
    f"target {q['target_minutes']} min · {fw.name}"
)
with st.expander(f"Framework: {fw.name}", icon=":material/account_tree:"):
    st.markdown(frameworks.markdown(fw, heading_level=4))
with st.expander("Settings: your own model coach (optional, off by default)", icon=":material/settings:"):
    llm_coach.llm_settings_section("practice_llm")

tab_answer, tab_history, tab_charts, tab_due, tab_add = st.tabs(
    ["Answer", "History", "Charts", "Due", "Add a question"]
)

with tab_answer:
    history = ui.query(attempts.attempts, picked)
    shown_id, note = results.get(picked, (None, ""))
    shown = history[history["id"] == shown_id]
    focus = shown.iloc[0] if len(shown) else attempts.awaiting_review(history)
    if shown.empty:
        how = st.segmented_control(
            "How to answer", ["Type", "Out loud"], default="Type", key="practice_mode", label_visibility="collapsed"
        )
        if how == "Out loud":
            practice_ui.answer_out_loud(picked, lambda aid: show_result(picked, aid))
        else:
            stored = ui.query(kept.load, "practice", picked)
            if picked not in drafts:  # a new session (a reload, a restart): the words come back from the database
                drafts[picked] = dict(stored.fields)
            # Always drawn, filled only when there is a draft: the boxes below keep their place (and focus).
            with st.container():
                if stored:
                    k1, k2 = st.columns([4, 1], vertical_alignment="center")
                    k1.caption(f"Draft from {clock.local_text(stored.saved_at)}, kept as you type.")
                    k2.button("Discard draft", key="practice_discard", on_click=discard_draft, args=(picked,))
            practice_ui.typed_answer(q, drafts[picked], timers, save_draft)
            st.button("Submit answer", type="primary", key="practice_submit", on_click=submit, args=(picked,))
        if state.get("practice_submit_error"):
            ui.error(state.pop("practice_submit_error"))
    if focus is not None:
        feedback = ui.query(coached.attempt_feedback, int(focus["id"]))
        practice_ui.answer_beside_feedback(focus, feedback, note, "practice_result")
        st.markdown(f"#### Review attempt {int(focus['attempt_no'])}")
        practice_ui.review_form(focus, q["guide"], "practice_review", feedback)
        if len(shown):
            st.button(
                "Answer again", icon=":material/replay:", key="practice_again", on_click=results.pop, args=(picked,)
            )
    elif len(history):
        last = history.iloc[-1]
        with st.expander(f"Change the self-review of attempt {int(last['attempt_no'])}"):
            practice_ui.review_form(
                last, q["guide"], "practice_rereview", ui.query(coached.attempt_feedback, int(last["id"]))
            )
    if state.get("practice_flash"):
        ui.success(state.pop("practice_flash"))

with tab_history:
    if history.empty:
        st.caption("No attempts at this question yet.")
    else:
        practice_ui.history_view(history, picked)

with tab_charts:
    ui.chart(ui.figure(practice_charts.attempts_vs_plan, ui.q(progress.plan_progress)), key="practice_plan_chart")
    ui.chart(ui.figure(practice_charts.rating_trend, ui.q(progress.rating_trend)), key="practice_trend_chart")
    ui.chart(ui.figure(practice_charts.time_vs_target, ui.q(progress.time_vs_target)), key="practice_time_chart")

with tab_due:
    if due.empty:
        st.caption("Nothing due today.")
    for r in due.head(DUE_SHOWN).itertuples():
        d1, d2 = st.columns([5, 1], vertical_alignment="center")
        d1.markdown(
            f"{ui.text(r.text)} · :gray[{questions.TYPE_LABELS.get(r.type, r.type)}, "
            f"due {clock.local(r.due.to_pydatetime()):%a %d %b}]"
        )
        d2.button("Practise", key=f"practice_due_{r.item_id}", on_click=choose, args=(r.item_id,))
    if len(due) > DUE_SHOWN:
        st.caption(
            f"…and {len(due) - DUE_SHOWN} more, most overdue first above; the Due filter and 'Next due' reach them all."
        )

with tab_add, st.form("practice_custom_form", clear_on_submit=True):
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
        new_id, error = ui.write(
            questions.add_custom_question,
            new_type or "",
            new_text,
            subtype=new_subtype or "",
            target_minutes=new_minutes,
            guide=questions.parse_guide(new_guide),
        )
        if error:
            ui.error(error)
        else:
            choose(new_id)
            st.rerun()
