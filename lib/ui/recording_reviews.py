"""The Recordings page's writes: a take's review, a partner's feedback, deleting a take.

Each is stored in its button's callback, which Streamlit runs before the page: a
click costs one run of the page, which already shows the new state, instead of a
run that writes and a second one (``st.rerun``) that shows it. The callback reads
what was entered from the widgets' state; a refusal waits for that run and is shown
beside the form, which keeps what was entered.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from lib.core import clock
from lib.media import analysis_jobs, checklist, reviews, takes
from lib.media.checklist import REVIEW_COLUMNS, SCORE_DIMENSIONS
from lib.ui import messages
from lib.ui.cache import callback_error, query, write_in_callback
from lib.ui.tables import dataframe as table

REVIEW_PREFIX = "recordings_review"
REVIEW_ERROR = "recordings_review_error"
PARTNER_PREFIX = "recordings_partner"
PARTNER_ERROR = "recordings_partner_error"
DELETE_CONFIRM = "recordings_delete_confirm"
DELETE_ERROR = "recordings_delete_error"
NEUTRAL_SCORE = 3


def review_fields(prefix: str, filler_start: int = 0, *, seed: dict | None = None) -> None:
    """The seed's checklist as form widgets (``seed``: the values they start from).

    The seed is each widget's default as well as its state: a browser that draws
    the form afresh shows the default, and a slider's own default is its minimum.
    """
    seed = seed or {}
    cols = st.columns(len(SCORE_DIMENSIONS))
    for col, (name, label) in zip(cols, SCORE_DIMENSIONS.items(), strict=False):
        col.slider(label, 1, 5, seed.get(name, NEUTRAL_SCORE), key=f"{prefix}_{name}")
    c1, c2 = st.columns(2)
    c1.number_input(
        checklist.FILLER_LABEL, min_value=0, max_value=100_000, value=filler_start, step=1, key=f"{prefix}_filler"
    )
    c2.checkbox(checklist.STOP_RESTART_LABEL, seed.get("stopped", False), key=f"{prefix}_stopped")
    st.markdown(f"**{checklist.IMPROVE_LABEL}**")
    for i in (1, 2, 3):
        st.text_input(f"{i}.", seed.get(f"improve_{i}", ""), key=f"{prefix}_improve_{i}")
    st.text_area("Notes", key=f"{prefix}_notes")


def review_from_state(prefix: str) -> reviews.Review:
    """The review the widgets of ``review_fields(prefix)`` hold, read from their state (in a callback)."""
    state = st.session_state
    return reviews.Review(
        **{name: state[f"{prefix}_{name}"] for name in SCORE_DIMENSIONS},
        filler_words=state[f"{prefix}_filler"],
        stopped_or_restarted=state[f"{prefix}_stopped"],
        notes=state[f"{prefix}_notes"],
        improvements=[state[f"{prefix}_improve_{i}"] for i in (1, 2, 3)],
    )


def review_seed(history: pd.DataFrame) -> dict:
    """The values a new review of a take starts from: its last own review's, or the neutral defaults."""
    own = history[history["source"] == "self"] if len(history) else history
    last = own.iloc[-1] if len(own) else None
    seed: dict = {name: NEUTRAL_SCORE if last is None else int(last[name]) for name in SCORE_DIMENSIONS}
    seed["stopped"] = bool(last is not None and last["stopped_or_restarted"])
    for i in (1, 2, 3):
        seed[f"improve_{i}"] = "" if last is None else str(last[f"improve_{i}"] or "")
    seed["review_id"] = None if last is None else int(last["id"])
    return seed


def seed_review(take_id: int, seed: dict) -> None:
    """Start the review form from ``seed``, once per take and review.

    The widgets' keys outlive a change of take, so a new seed goes through their
    state; it is their default too, which the browser falls back on if it draws
    the form afresh.
    """
    marker = (take_id, seed["review_id"])
    # Seeded again when the form's state was dropped while another tab was shown.
    if st.session_state.get("recordings_review_seeded") == marker and f"{REVIEW_PREFIX}_clarity" in st.session_state:
        return
    for name in SCORE_DIMENSIONS:
        st.session_state[f"{REVIEW_PREFIX}_{name}"] = seed[name]
    st.session_state[f"{REVIEW_PREFIX}_stopped"] = seed["stopped"]
    for i in (1, 2, 3):
        st.session_state[f"{REVIEW_PREFIX}_improve_{i}"] = seed[f"improve_{i}"]
    st.session_state["recordings_review_seeded"] = marker


def _save_review(take_id: int) -> None:
    """Append the review the form holds (a callback); the run that follows starts the next review from it."""
    _, problem = write_in_callback(REVIEW_ERROR, reviews.add_review, take_id, review_from_state(REVIEW_PREFIX))
    if not problem:
        messages.toast(f"Review of take #{take_id} saved")


def review_form(take_id: int) -> None:
    """This take's earlier reviews and the form for a new one, started from the last."""
    history = query(reviews.reviews, take_id)
    if len(history):
        with st.expander(f"Earlier reviews of this take ({len(history)})"):
            table(history, labels=REVIEW_COLUMNS, ticks=["stopped_or_restarted"])
    seed = review_seed(history)
    seed_review(take_id, seed)
    # Not cleared on submit: a new review starts from the last one, which is what was just saved.
    with st.form("recordings_review_form"):
        st.markdown("**Review this take**")
        filler_start = query(analysis_jobs.latest_filler_count, take_id) or 0
        review_fields(REVIEW_PREFIX, filler_start, seed=seed)
        st.form_submit_button("Save review", type="primary", on_click=_save_review, args=(take_id,))
        if problem := callback_error(REVIEW_ERROR):
            messages.error(problem)


def _delete(take_id: int) -> None:
    """Delete the take once its box is ticked (a callback); the tick goes with it, so it never arms the next take."""
    state = st.session_state
    if not state.get(DELETE_CONFIRM):
        state[DELETE_ERROR] = "Tick the box above to confirm the deletion."
        return
    _, problem = write_in_callback(DELETE_ERROR, takes.delete_recording, take_id)
    if not problem:
        state[DELETE_CONFIRM] = False
        messages.toast(f"Take #{take_id} deleted")


def delete_take(take_id: int) -> None:
    """Delete the take, behind a confirmation."""
    with st.expander("Delete this take"):
        sure = st.checkbox("Yes, delete the video file and its reviews for good", key=DELETE_CONFIRM)
        st.button("Delete take", disabled=not sure, key="recordings_delete", on_click=_delete, args=(take_id,))
        if problem := callback_error(DELETE_ERROR):
            messages.error(problem)


def _partner_start() -> dict:
    """The partner form's starting values by widget key, which it returns to once feedback is saved."""
    start: dict = {f"{PARTNER_PREFIX}_{name}": NEUTRAL_SCORE for name in SCORE_DIMENSIONS}
    start.update({f"{PARTNER_PREFIX}_improve_{i}": "" for i in (1, 2, 3)})
    start.update(
        {
            f"{PARTNER_PREFIX}_filler": 0,
            f"{PARTNER_PREFIX}_stopped": False,
            f"{PARTNER_PREFIX}_notes": "",
            f"{PARTNER_PREFIX}_went_well": "",
            f"{PARTNER_PREFIX}_name": "",
            f"{PARTNER_PREFIX}_date": clock.today(),
            f"{PARTNER_PREFIX}_type": checklist.INTERVIEW_TYPES[0],
            f"{PARTNER_PREFIX}_take": None,
        }
    )
    return start


def _save_partner() -> None:
    """Append the partner's feedback the form holds (a callback); once saved the form starts over."""
    state = st.session_state
    feedback = review_from_state(PARTNER_PREFIX)
    feedback.went_well = state[f"{PARTNER_PREFIX}_went_well"]
    partner = " ".join(str(state[f"{PARTNER_PREFIX}_name"]).split())
    _, problem = write_in_callback(
        PARTNER_ERROR,
        reviews.add_partner_feedback,
        partner,
        state[f"{PARTNER_PREFIX}_date"],
        state[f"{PARTNER_PREFIX}_type"],
        feedback,
        state[f"{PARTNER_PREFIX}_take"],
    )
    if not problem:
        messages.toast(f"Feedback from {partner} saved")
        state.update(_partner_start())


def partner_form(take_ids: list[int], take_label: Callable[[int], str]) -> None:
    """A partner's feedback on a session, against one of ``take_ids`` or none; a refusal keeps what was entered."""
    # Not cleared on submit: a refused entry stays to fix, and the callback starts a saved one over.
    with st.form("recordings_partner_form"):
        st.markdown("**Enter a partner's feedback**")
        c1, c2, c3 = st.columns(3)
        c1.text_input("Partner", key=f"{PARTNER_PREFIX}_name")
        c2.date_input("Session date", value=clock.today(), key=f"{PARTNER_PREFIX}_date")
        c3.selectbox("Interview type", checklist.INTERVIEW_TYPES, key=f"{PARTNER_PREFIX}_type")
        st.selectbox(
            "Take",
            [None, *take_ids],
            format_func=lambda t: "No recording of this session" if t is None else take_label(t),
            key=f"{PARTNER_PREFIX}_take",
        )
        review_fields(PARTNER_PREFIX)
        st.text_area("What went well", key=f"{PARTNER_PREFIX}_went_well")
        st.form_submit_button("Save partner feedback", type="primary", on_click=_save_partner)
        if problem := callback_error(PARTNER_ERROR):
            messages.error(problem)
