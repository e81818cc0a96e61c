"""Recordings: watch takes, review them against the seed's checklist, compare, partner feedback, charts."""

import streamlit as st

from lib import ui
from lib.coach import takes as coach_takes
from lib.core import clock
from lib.media import analysis_jobs, checklist, paths, recovery, reviews, speech, speech_charts, takes
from lib.media import charts as recordings_charts
from lib.media.checklist import ANALYSIS_COLUMNS, REVIEW_COLUMNS, SCORE_DIMENSIONS, TAKE_COLUMNS
from lib.ui import coach as coach_ui

ui.page_header(
    "Recordings", "Watch playback (painful but essential!), note what you see, and identify 3 areas to improve."
)
recovered, _ = ui.write(recovery.recover_interrupted_takes)
if recovered:
    ui.info(
        f"{len(recovered)} take(s) cut short when the app stopped were recovered; they are marked failed below.",
        icon=":material/restore:",
    )

all_takes = ui.query(takes.list_recordings)
usage = ui.query(takes.disk_usage)
c1, c2, c3 = st.columns(3)
c1.metric("Takes", len(all_takes))
c2.metric("Disk used by recordings", takes.format_bytes(usage["bytes"]))
c3.metric("Reviewed", int(all_takes["reviewed_at"].notna().sum()) if len(all_takes) else 0)
if usage["missing"]:
    ui.warning(
        f"{usage['missing']} take(s) have lost their file; they are listed as missing.", icon=":material/warning:"
    )


# Looked up once per rerun: a take picker formats every option, and filtering
# the frame per option grew with the square of the number of takes.
take_rows = all_takes.set_index("id", drop=False)
take_labels = takes.take_labels(all_takes)


def take_label(take_id: int) -> str:
    """'#3 · 2026-11-25 11:30 · Single question — title' for a take id."""
    return take_labels[take_id]


def show_video(take_id: int) -> None:
    """The take's video, or why it cannot be played."""
    row = take_rows.loc[take_id]
    if row["status"] == "failed":
        ui.error(f"This take failed: {row['error']}", icon=":material/error:")
    if row["file"] == "present":
        path, error = ui.write(paths.recording_file, take_id)
        if path:
            st.video(str(path))
        else:
            ui.error(error)
    elif row["file"] == "missing":
        st.warning("The file of this take is missing from the recordings folder.", icon=":material/videocam_off:")
    st.caption(takes.take_caption(row))


def seed_review(take_id: int, history) -> None:
    """Start the review form from this take's last own review (or the neutral defaults), once per take and review."""
    own = history[history["source"] == "self"] if len(history) else history
    last = own.iloc[-1] if len(own) else None
    seed = (take_id, None if last is None else int(last["id"]))
    if st.session_state.get("recordings_review_seeded") == seed:
        return
    for name in SCORE_DIMENSIONS:
        st.session_state[f"recordings_review_{name}"] = 3 if last is None else int(last[name])
    st.session_state["recordings_review_stopped"] = bool(last is not None and last["stopped_or_restarted"])
    for i in (1, 2, 3):
        st.session_state[f"recordings_review_improve_{i}"] = "" if last is None else str(last[f"improve_{i}"] or "")
    st.session_state["recordings_review_seeded"] = seed


def review_fields(prefix: str, filler_start: int = 0, *, seeded: bool = False) -> reviews.Review:
    """The seed's checklist as form widgets; returns what was entered (``seeded``: values already in the state)."""
    cols = st.columns(len(SCORE_DIMENSIONS))
    scores = {
        name: col.slider(label, 1, 5, None if seeded else 3, key=f"{prefix}_{name}")
        for col, (name, label) in zip(cols, SCORE_DIMENSIONS.items(), strict=False)
    }
    c1, c2 = st.columns(2)
    filler = c1.number_input(
        checklist.FILLER_LABEL, min_value=0, max_value=100_000, value=filler_start, step=1, key=f"{prefix}_filler"
    )
    stopped = c2.checkbox(checklist.STOP_RESTART_LABEL, key=f"{prefix}_stopped")
    st.markdown(f"**{checklist.IMPROVE_LABEL}**")
    improvements = [st.text_input(f"{i}.", key=f"{prefix}_improve_{i}") for i in (1, 2, 3)]
    notes = st.text_area("Notes", key=f"{prefix}_notes")
    return reviews.Review(
        **scores, filler_words=filler, stopped_or_restarted=stopped, notes=notes, improvements=improvements
    )


def scores_table(take_id: int):
    """Latest self-review scores of a take, as a small table (None when unreviewed)."""
    row = take_rows.loc[take_id]
    if row["reviewed_at"] != row["reviewed_at"] or row["reviewed_at"] is None:
        return None
    values = {label: int(row[name]) for name, label in SCORE_DIMENSIONS.items()}
    values[checklist.FILLER_LABEL] = int(row["filler_words"])
    return {"checklist": list(values), "score": list(values.values())}


@st.fragment(run_every=1.0)
def analysis_progress(take_id: int) -> None:
    """Live progress of the take's background analysis; reruns the page when it ends."""
    job = analysis_jobs.worker().state(take_id)
    if job is None or job.finished:
        st.rerun()
    with st.status(f"Analysing the take's speech: {job.stage}…", expanded=True):
        st.progress(job.fraction)


def delivery_analysis(take_id: int) -> None:
    """Speech metrics of the take: analysed in the background on first view, re-analysed on demand."""
    st.markdown("**Delivery, measured on this machine**")
    job, error = ui.write(analysis_jobs.running_analysis, take_id)
    if error or job is not None:
        ui.error(error) if error else analysis_progress(take_id)
        return
    latest = ui.query(analysis_jobs.latest_analysis, take_id)
    if latest is not None and latest["result"] is None:
        ui.warning(f"The analysis failed: {latest['error']}", icon=":material/warning:")
    elif latest is not None:
        result, row = latest["result"], take_rows.loc[take_id]
        summary = speech.delivery_summary(result, row["mode"] == "story", row["target_seconds"])
        for col, (label, (value, note)) in zip(st.columns(3) + st.columns(3), summary.items(), strict=False):
            col.metric(label, value, note, delta_color="off", delta_arrow="off")
        st.caption(f"Fillers: {speech.filler_summary(result.fillers)} · {result.engine}, model {ui.text(result.model)}")
        c1, c2 = st.columns([1, 2])
        with c1:
            ui.chart(ui.figure(speech_charts.pace_gauge, result.wpm), key="recordings_pace_gauge")
        with c2:
            ui.chart(
                ui.figure(speech_charts.latest_pause_timeline, ui.q(analysis_jobs.latest_analysis, take_id)),
                key="recordings_pause_timeline",
            )
        with st.expander("Transcript (filler words highlighted)"):
            st.markdown(speech.transcript_markdown(result.transcript))
        # The form's widget keeps its first value, so a newly measured count is offered through its
        # state — unless the user has already typed a count of their own for this take.
        offered = st.session_state.get("recordings_filler_offered")
        if offered is None or offered[:2] != (take_id, latest["id"]):
            previous = offered[2] if offered and offered[0] == take_id else 0
            if st.session_state.get("recordings_review_filler", previous) == previous:
                st.session_state["recordings_review_filler"] = int(latest["filler_total"])
            st.session_state["recordings_filler_offered"] = (take_id, latest["id"], int(latest["filler_total"]))
    history = ui.query(analysis_jobs.analysis_history, take_id)
    if len(history) > 1:
        with st.expander(f"Earlier analyses of this take ({len(history) - 1})"):
            ui.table(history.iloc[1:], labels=ANALYSIS_COLUMNS)
    if st.button(
        "Re-analyse" if latest is not None else "Analyse", key="recordings_reanalyse", icon=":material/refresh:"
    ):
        _, error = ui.write(analysis_jobs.request_analysis, take_id)
        ui.error(error) if error else st.rerun()


def content_feedback(take_id: int) -> None:
    """The coach's feedback on what was said, for a take tied to a question once its transcript exists."""
    found, error = ui.write(coach_takes.take_feedback, take_id)
    feedback, note = found or (None, "")
    if error or note:
        ui.warning(error or note)
    elif feedback is not None:
        with st.expander(f"What you said, as the coach reads it · {feedback.score} / 100", expanded=True):
            coach_ui.feedback_panel(feedback, "recordings_coach")


tab_watch, tab_compare, tab_partner, tab_charts = st.tabs(
    ["Watch & review", "Compare two takes", "Partner mocks", "Charts"]
)

with tab_watch:
    if all_takes.empty:
        st.info("No takes yet. Record one on the Mock interview page.")
        ui.page_link("mock_interview", "Open the Mock interview page")
    else:
        c1, c2 = st.columns(2)
        mode_filter = c1.multiselect(
            "Mode", list(takes.MODES), format_func=takes.MODES.get, key="recordings_filter_mode"
        )
        unreviewed = c2.checkbox("Only takes not yet reviewed", key="recordings_filter_unreviewed")
        shown = all_takes[all_takes["mode"].isin(mode_filter)] if mode_filter else all_takes
        shown = shown[shown["reviewed_at"].isna()] if unreviewed else shown
        ui.table(
            shown[["id", "recorded", "mode_label", "title", "length", "status", "file", *SCORE_DIMENSIONS]],
            labels=TAKE_COLUMNS,
        )
        if shown.empty:
            st.caption("No take matches the filter.")
        else:
            take_id = st.selectbox("Take", list(shown["id"]), format_func=take_label, key="recordings_take")
            show_video(take_id)
            delivery_analysis(take_id)
            content_feedback(take_id)
            history = ui.query(reviews.reviews, take_id)
            if len(history):
                with st.expander(f"Earlier reviews of this take ({len(history)})"):
                    ui.table(history, labels=REVIEW_COLUMNS, ticks=["stopped_or_restarted"])
            seed_review(take_id, history)
            # Not cleared on submit: a new review starts from the last one, which is what was just saved.
            with st.form("recordings_review_form"):
                st.markdown("**Review this take**")
                filler_start = ui.query(analysis_jobs.latest_filler_count, take_id) or 0
                review = review_fields("recordings_review", filler_start, seeded=True)
                if st.form_submit_button("Save review", type="primary"):
                    _, error = ui.write(reviews.add_review, take_id, review)
                    ui.error_or_rerun(error)
            with st.expander("Delete this take"):
                sure = st.checkbox(
                    "Yes, delete the video file and its reviews for good", key="recordings_delete_confirm"
                )
                if st.button("Delete take", disabled=not sure, key="recordings_delete"):
                    _, error = ui.write(takes.delete_recording, take_id)
                    ui.error_or_rerun(error)

with tab_compare:
    if len(all_takes) < 2:
        st.caption("Record at least two takes to compare them side by side.")
    else:
        ids = list(all_takes["id"])
        columns = st.columns(2)
        for i, col in enumerate(columns):
            with col:
                chosen = st.selectbox(
                    f"Take {'AB'[i]}",
                    ids,
                    index=min(i, len(ids) - 1),
                    format_func=take_label,
                    key=f"recordings_compare_{i}",
                )
                show_video(chosen)
                scores = scores_table(chosen)
                if scores:
                    ui.table(scores)
                else:
                    st.caption("Not reviewed yet.")

with tab_partner:
    st.markdown(
        "Trade interviewer/interviewee roles, 1-hour session each, and give each other feedback."
        " Print the form for your partner:"
    )
    form_type = st.selectbox(
        "Interview type",
        checklist.INTERVIEW_TYPES,
        index=len(checklist.INTERVIEW_TYPES) - 1,
        key="recordings_form_type",
    )
    st.download_button(
        "Download the feedback form (markdown)",
        checklist.partner_form_markdown(form_type),
        file_name="partner-feedback-form.md",
        mime="text/markdown",
        key="recordings_form_download",
    )
    with st.form("recordings_partner_form", clear_on_submit=True):
        st.markdown("**Enter a partner's feedback**")
        c1, c2, c3 = st.columns(3)
        partner = c1.text_input("Partner", key="recordings_partner_name")
        session_date = c2.date_input("Session date", value=clock.today(), key="recordings_partner_date")
        interview_type = c3.selectbox("Interview type", checklist.INTERVIEW_TYPES, key="recordings_partner_type")
        options = [None, *all_takes["id"]]
        take_for = st.selectbox(
            "Take",
            options,
            format_func=lambda t: "No recording of this session" if t is None else take_label(t),
            key="recordings_partner_take",
        )
        feedback = review_fields("recordings_partner")
        feedback.went_well = st.text_area("What went well", key="recordings_partner_went_well")
        if st.form_submit_button("Save partner feedback", type="primary"):
            _, error = ui.write(reviews.add_partner_feedback, partner, session_date, interview_type, feedback, take_for)
            ui.error_or_rerun(error)
    partner_rows = ui.query(reviews.reviews)
    partner_rows = partner_rows[partner_rows["source"] == "partner"]
    if len(partner_rows):
        ui.table(
            partner_rows.drop(columns=["source"]).iloc[::-1], labels=REVIEW_COLUMNS, ticks=["stopped_or_restarted"]
        )

with tab_charts:
    ui.chart(ui.figure(recordings_charts.scores_over_time, ui.q(reviews.reviews)), key="recordings_scores_chart")
    ui.chart(
        ui.figure(recordings_charts.recurring_improvements, ui.q(reviews.improvement_counts)),
        key="recordings_improve_chart",
    )
    ui.chart(ui.figure(recordings_charts.filler_words_over_time, ui.q(reviews.reviews)), key="recordings_filler_chart")
    ui.chart(
        ui.figure(recordings_charts.duration_vs_target, ui.q(takes.list_recordings)),
        key="recordings_duration_chart",
    )
    ui.chart(
        ui.figure(speech_charts.delivery_trends, ui.q(analysis_jobs.trend_frame)), key="recordings_delivery_trends"
    )
