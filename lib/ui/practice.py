"""The Practice page's parts: an answer beside its feedback, the self-review, answering out loud, history."""

from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd
import streamlit as st

from lib.coach import attempts as coached
from lib.coach import spoken
from lib.coach.feedback import Feedback
from lib.core import clock
from lib.core.dates import date_text
from lib.practice import attempts, frameworks
from lib.ui import coach as coach_ui
from lib.ui import llm_coach, messages, tables
from lib.ui.cache import callback_error, query, write, write_in_callback
from lib.ui.markup import text


def review_form(attempt: pd.Series, guide: list[str], prefix: str, feedback: Feedback | None) -> None:
    """Tick the guide, rate the four dimensions, add notes; saving appends a review.

    An attempt not yet reviewed starts from the coach's reading (the points it
    found ticked, ratings from its parts); the user's saved ratings decide the schedule.
    """
    aid = int(attempt["id"])
    reviewed = not pd.isna(attempt["structure"])
    if feedback is not None and not reviewed:
        start_ticked, start = coached.suggested_review(feedback, guide)
        st.caption("Started from the coach's reading: change anything you see differently, then save.")
    else:
        start_ticked, start = list(attempt["guide_checked"]), attempts.review_defaults(attempt)
    with st.form(f"{prefix}_form"):
        st.markdown(
            "**What a strong answer covers** — tick what yours did:"
            if guide
            else "*This question has no answer guide; rate it on its own.*"
        )
        for i, point in enumerate(guide):
            st.checkbox(text(point), value=i in start_ticked, key=f"{prefix}_guide_{aid}_{i}")
        cols = st.columns(4)
        for n, d in enumerate(attempts.DIMENSIONS):
            cols[n].slider(attempts.DIMENSION_LABELS[d], 1, 5, start[d], key=f"{prefix}_rate_{aid}_{d}")
        st.text_area(
            "Notes", value=attempt["notes"], key=f"{prefix}_notes_{aid}", placeholder="What to do differently next time"
        )
        # Saved in the button's callback: the click costs one run of the page, not a run and an st.rerun().
        st.form_submit_button("Save review", type="primary", on_click=_save_review, args=(aid, len(guide), prefix))
        if error := callback_error(f"{prefix}_error"):
            messages.error(error)


def _save_review(aid: int, points: int, prefix: str) -> None:
    """Append the review the form holds; a saved one reruns the whole page, whose due list it changes (a callback)."""
    state = st.session_state
    ticked = [i for i in range(points) if state.get(f"{prefix}_guide_{aid}_{i}")]
    scores = {d: state[f"{prefix}_rate_{aid}_{d}"] for d in attempts.DIMENSIONS}
    next_due, error = write_in_callback(
        f"{prefix}_error", attempts.review_attempt, aid, scores, ticked, state[f"{prefix}_notes_{aid}"]
    )
    if error:
        return  # shown beside the form, which keeps what was entered
    when = date_text(clock.local(next_due).date(), clock.today(), weekday=True) if next_due else ""
    state["practice_flash"] = f"Review saved. Due again {when}." if when else "Review saved."
    # From inside the answer's fragment: the due banner and picker above it change too.
    st.rerun()


def paused_for(pauses: dict, question_id: str, now: float) -> float:
    """Seconds the question's timer has spent paused, counting a pause still running."""
    total, since = pauses.get(question_id, (0.0, None))
    return total + (now - since if since is not None else 0.0)


def toggle_pause(pauses: dict, question_id: str) -> None:
    """Pause a running timer, or resume a paused one (a callback)."""
    total, since = pauses.get(question_id, (0.0, None))
    now = time.time()
    pauses[question_id] = (total + now - since, None) if since is not None else (total, now)


def answer_timer(q: dict, timers: dict, pauses: dict) -> None:
    """The timer, in the sidebar so it stays in sight while the boxes scroll; paused time does not count."""
    started = timers.get(q["id"])
    if started is None:
        st.button(
            "Start timer",
            icon=":material/timer:",
            key="practice_start",
            on_click=lambda: timers.__setitem__(q["id"], time.time()),
        )
        return
    paused = pauses.get(q["id"], (0.0, None))[1] is not None

    @st.fragment(run_every=None if paused else 1)
    def countdown() -> None:
        """The ticking clock: reruns on its own every second, not the page."""
        now = time.time()
        left = q["target_minutes"] * 60 - attempts.elapsed_seconds(started + paused_for(pauses, q["id"], now), now)
        label = "Time left" if left >= 0 else "Over target"
        st.metric(f"{label} (paused)" if paused else label, attempts.countdown_label(left))

    countdown()
    st.button(
        "Resume" if paused else "Pause",
        icon=":material/play_arrow:" if paused else ":material/pause:",
        key="practice_pause",
        on_click=toggle_pause,
        args=(pauses, q["id"]),
    )


def typed_answer(
    q: dict, draft: dict, timers: dict, save_draft: Callable[[str, str, str], None], sidebar: object
) -> None:
    """The timer (in ``sidebar``) and one box per framework step; each box is saved as typed, so a draft survives."""
    with sidebar:
        answer_timer(q, timers, st.session_state.setdefault("practice_pauses", {}))
    for i, (name, prompt) in enumerate(frameworks.section_prompts(q["framework_id"])):
        key = f"practice_ans_{q['id']}_{i}"
        st.text_area(
            name,
            value=draft.get(name, ""),
            help=prompt,
            placeholder=prompt,
            height=100,
            key=key,
            on_change=save_draft,
            args=(q["id"], name, key),
        )


def your_answer(attempt: pd.Series, key: str) -> None:
    """The answer as given: its audio and delivery when spoken, its sections when typed."""
    if attempt["audio_path"]:
        audio = spoken.answer_audio(attempt["audio_path"])
        if audio is not None:
            st.audio(audio, format="audio/wav")
        else:
            st.caption("The recording of this answer is missing from the recordings folder.")
        delivery = spoken.delivery_of(attempt["delivery"])
        if delivery is not None:
            coach_ui.delivery_panel(delivery, float(attempt["target_minutes"]) * 60, key)
            return
    coach_ui.answer_text(attempt["sections"], attempt["answer_text"])


def answer_beside_feedback(attempt: pd.Series, feedback: Feedback | None, note: str, key: str) -> None:
    """The submitted answer on the left, the coach's feedback on the right."""
    left, right = st.columns(2, gap="large")
    with left, st.container(key=f"{key}_answer"):
        minutes, seconds = divmod(int(attempt["seconds_taken"]), 60)
        st.markdown(f"#### Your answer · attempt {int(attempt['attempt_no'])}")
        st.caption(f"{minutes} min {seconds} s against a target of {int(attempt['target_minutes'])} min")
        your_answer(attempt, key)
    with right, st.container(key=f"{key}_feedback"):
        st.markdown("#### The coach's feedback")
        if feedback is not None:
            coach_ui.feedback_panel(feedback, key)
            if llm_coach.llm_available() and st.button(
                "Ask my model too", key=f"{key}_ask_llm", icon=":material/smart_toy:"
            ):
                added = llm_coach.run_llm_coach(feedback, attempt["question_id"], attempt["answer_text"], f"{key}_llm")
                # Appended: the built-in reading stays in the history, the model's (or its failure) is current.
                _, error = write(coached.store_feedback, added, attempt_id=int(attempt["id"]))
                messages.error(error) if error else st.rerun()
        else:
            st.caption(text(note) if note else "This answer was saved before the coach existed: no feedback.")


def answer_out_loud(question_id: str, on_stored: Callable[[int], None]) -> None:
    """Record an answer with the microphone; on submit it is transcribed here, coached and kept."""
    st.caption(
        "Answer as you would in the interview. The recording stays on this machine: it is transcribed by "
        "the app's own speech model and kept with the attempt under recordings/."
    )
    round_no = st.session_state.setdefault("practice_audio_round", 0)
    audio = st.audio_input("Record your answer", key=f"practice_audio_{question_id}_{round_no}")
    if not st.button(
        "Submit recording", type="primary", disabled=audio is None, key="practice_submit_audio", icon=":material/mic:"
    ):
        return
    with st.status("Transcribing your answer on this machine…", expanded=True) as box:
        bar = st.progress(0.0, text="Decoding audio")

        def progress(stage: str, fraction: float) -> None:
            bar.progress(max(0.0, min(1.0, float(fraction))), text=stage)

        result, error = write(spoken.answer_out_loud, question_id, audio.getvalue(), progress=progress)
        box.update(
            label="Could not use this recording" if error else "Transcribed and coached",
            state="error" if error else "complete",
        )
    if error:
        messages.error(error)
        return
    st.session_state["practice_audio_round"] = round_no + 1
    on_stored(result.attempt_id)
    st.rerun()


def history_view(history: pd.DataFrame, question_id: str) -> None:
    """Every attempt with its feedback, and the latest beside the one before with what it newly covers."""
    feedback = query(coached.question_feedback, question_id)
    tables.dataframe(attempts.history_table(history), key="practice_history_table")
    # Keyed on the count so a new attempt is the one shown, not the one picked before it existed.
    numbers = list(history["attempt_no"].astype(int))[::-1]
    picked = st.selectbox(
        "Attempt",
        numbers,
        format_func=lambda n: f"Attempt {n}",
        key=f"practice_history_pick_{question_id}_{len(numbers)}",
    )
    at = history.iloc[picked - 1]
    before = history.iloc[picked - 2] if picked > 1 else None
    current_fb = feedback.get(int(at["id"]))
    if before is not None and current_fb is not None:
        coach_ui.progress_note(coached.compare(feedback.get(int(before["id"])), current_fb), picked)
    pair = [at] if before is None else [at, before]
    for col, row in zip(st.columns(len(pair)), pair, strict=False):
        with col:
            when = date_text(clock.local(row["submitted_at"].to_pydatetime()).date(), clock.today())
            st.markdown(f"**Attempt {int(row['attempt_no'])}** · {when}")
            col.code(row["answer_text"], language=None, wrap_lines=True)
            if row["notes"]:
                st.caption("Notes")
                st.code(row["notes"], language=None, wrap_lines=True)
            row_fb = feedback.get(int(row["id"]))
            if row_fb is None:
                st.caption("Not coached.")
            else:
                with st.expander(f"Feedback on attempt {int(row['attempt_no'])} · {row_fb.score} / 100"):
                    coach_ui.feedback_panel(row_fb, f"practice_history_{int(row['id'])}")
