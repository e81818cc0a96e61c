"""The Recordings page's parts: the take picker, a take's video, analysis, coach and review, compare, partner, charts.

The page shows one tab at a time (``TABS``): a hidden tab is neither computed nor
sent to the browser, where drawing videos, charts and tables is what a page switch
waits for.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.coach import takes as coach_takes
from lib.media import analysis_jobs, checklist, paths, recovery, reviews, speech, speech_charts, takes
from lib.media import charts as recordings_charts
from lib.media.checklist import ANALYSIS_COLUMNS, REVIEW_COLUMNS, SCORE_DIMENSIONS, TAKE_COLUMNS
from lib.ui import coach as coach_ui
from lib.ui import messages
from lib.ui import recording_reviews as reviews_ui
from lib.ui.cache import figure, q, query, write
from lib.ui.charts import chart
from lib.ui.markup import text
from lib.ui.routing import page_link
from lib.ui.tables import dataframe as table

TAB_KEY = "recordings_tab"
TABS = ("Watch & review", "Compare two takes", "Partner mocks", "Charts")
# A picker sends every option to the browser: past this many takes it offers the latest and a search.
TAKES_OFFERED = 50
TAKE_ROWS_SHOWN = 100
# Choices that outlive a tab switch: a widget not drawn in a run loses its state.
KEPT_KEYS = (
    "recordings_take",
    "recordings_take_search",
    "recordings_filter_mode",
    "recordings_filter_unreviewed",
    "recordings_compare_0",
    "recordings_compare_1",
    "recordings_charts_shown",
)


def keep_choices() -> None:
    """Carry the picker and filter choices across runs in which their tab is not drawn."""
    for key in KEPT_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def recovered_notice() -> None:
    """Store takes cut short when the app stopped, and say so."""
    recovered, _ = write(recovery.recover_interrupted_takes)
    if recovered:
        messages.info(
            f"{len(recovered)} take(s) cut short when the app stopped were recovered; they are marked failed below.",
            icon=":material/restore:",
        )


class Takes:
    """Every take, looked up by id once per rerun (filtering the frame per picker option grew with its square)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.rows = frame.set_index("id", drop=False)
        self.labels = takes.take_labels(frame)

    def label(self, take_id: int) -> str:
        """'#3 · 25 Nov 11:30 · Single question — title' for a take id."""
        return self.labels[take_id]


def headline(all_takes: Takes) -> None:
    """Takes, disk used, reviewed; a warning for takes whose file is gone."""
    frame = all_takes.frame
    usage = query(takes.disk_usage)
    c1, c2, c3 = st.columns(3)
    c1.metric("Takes", len(frame))
    c2.metric("Disk used by recordings", takes.format_bytes(usage["bytes"]))
    c3.metric("Reviewed", int(frame["reviewed_at"].notna().sum()) if len(frame) else 0)
    if usage["missing"]:
        messages.warning(
            f"{usage['missing']} take(s) have lost their file; they are listed as missing.", icon=":material/warning:"
        )


def show_video(all_takes: Takes, take_id: int) -> None:
    """The take's video, or why it cannot be played."""
    row = all_takes.rows.loc[take_id]
    if row["status"] == "failed":
        messages.error(f"This take failed: {row['error']}", icon=":material/error:")
    if row["file"] == "present":
        path, error = write(paths.recording_file, take_id)
        if path:
            st.video(str(path))
        else:
            messages.error(error)
    elif row["file"] == "missing":
        st.warning("The file of this take is missing from the recordings folder.", icon=":material/videocam_off:")
    st.caption(takes.take_caption(row))


@st.fragment(run_every=1.0)
def analysis_progress(take_id: int) -> None:
    """Live progress of the take's background analysis; reruns the page when it ends."""
    job = analysis_jobs.worker().state(take_id)
    if job is None or job.finished:
        st.rerun()
    with st.status(f"Analysing the take's speech: {job.stage}…", expanded=True):
        st.progress(job.fraction)


def offer_filler_count(take_id: int, latest: dict) -> None:
    """Offer a newly measured filler count to the review form, unless the user typed one of their own for this take.

    The form's widget keeps its first value, so the count goes through its state.
    """
    offered = st.session_state.get("recordings_filler_offered")
    if offered is None or offered[:2] != (take_id, latest["id"]):
        previous = offered[2] if offered and offered[0] == take_id else 0
        if st.session_state.get(f"{reviews_ui.REVIEW_PREFIX}_filler", previous) == previous:
            st.session_state[f"{reviews_ui.REVIEW_PREFIX}_filler"] = int(latest["filler_total"])
        st.session_state["recordings_filler_offered"] = (take_id, latest["id"], int(latest["filler_total"]))


def delivery_analysis(all_takes: Takes, take_id: int) -> None:
    """Speech metrics of the take: analysed in the background on first view, re-analysed on demand."""
    st.markdown("**Delivery, measured on this machine**")
    job, error = write(analysis_jobs.running_analysis, take_id)
    if error or job is not None:
        messages.error(error) if error else analysis_progress(take_id)
        return
    latest = query(analysis_jobs.latest_analysis, take_id)
    if latest is not None and latest["result"] is None:
        messages.warning(f"The analysis failed: {latest['error']}", icon=":material/warning:")
    elif latest is not None:
        result, row = latest["result"], all_takes.rows.loc[take_id]
        summary = speech.delivery_summary(result, row["mode"] == "story", row["target_seconds"])
        for col, (label, (value, note)) in zip(st.columns(3) + st.columns(3), summary.items(), strict=False):
            col.metric(label, value, note, delta_color="off", delta_arrow="off")
        st.caption(f"Fillers: {speech.filler_summary(result.fillers)} · {result.engine}, model {text(result.model)}")
        # Behind a toggle: the numbers above say the same, and each chart drawn makes opening the page slower.
        if st.toggle("Show pace and pauses as charts", key="recordings_charts_shown"):
            c1, c2 = st.columns([1, 2])
            with c1:
                chart(figure(speech_charts.pace_gauge, result.wpm), key="recordings_pace_gauge")
            with c2:
                chart(
                    figure(speech_charts.latest_pause_timeline, q(analysis_jobs.latest_analysis, take_id)),
                    key="recordings_pause_timeline",
                )
        with st.expander("Transcript (filler words highlighted)"):
            st.markdown(speech.transcript_markdown(result.transcript))
        offer_filler_count(take_id, latest)
    history = query(analysis_jobs.analysis_history, take_id)
    if len(history) > 1:
        with st.expander(f"Earlier analyses of this take ({len(history) - 1})"):
            table(history.iloc[1:], labels=ANALYSIS_COLUMNS)
    if st.button(
        "Re-analyse" if latest is not None else "Analyse", key="recordings_reanalyse", icon=":material/refresh:"
    ):
        _, error = write(analysis_jobs.request_analysis, take_id)
        messages.error(error) if error else st.rerun()


def content_feedback(take_id: int) -> None:
    """The coach's feedback on what was said, for a take tied to a question once its transcript exists."""
    found, error = write(coach_takes.take_feedback, take_id)
    feedback, note = found or (None, "")
    if error or note:
        messages.warning(error or note)
    elif feedback is not None:
        with st.expander(f"What you said, as the coach reads it · {feedback.score} / 100", expanded=True):
            coach_ui.feedback_panel(feedback, "recordings_coach")


def pick_take(all_takes: Takes) -> int | None:
    """The filters, the takes they leave as a table, and the take to watch (None when none is left)."""
    frame = all_takes.frame
    c1, c2 = st.columns(2)
    mode_filter = c1.multiselect("Mode", list(takes.MODES), format_func=takes.MODES.get, key="recordings_filter_mode")
    unreviewed = c2.checkbox("Only takes not yet reviewed", key="recordings_filter_unreviewed")
    shown = frame[frame["mode"].isin(mode_filter)] if mode_filter else frame
    shown = shown[shown["reviewed_at"].isna()] if unreviewed else shown
    if len(shown) > TAKES_OFFERED:
        search = st.text_input("Find a take by its title or #number", key="recordings_take_search").strip()
        if search:
            found = shown["title"].str.contains(search, case=False, regex=False)
            shown = shown[found | (("#" + shown["id"].astype(str)) == search) | (shown["id"].astype(str) == search)]
    columns = ["id", "recorded", "mode_label", "title", "length", "status", "file", *SCORE_DIMENSIONS]
    table(shown.head(TAKE_ROWS_SHOWN)[columns], labels=TAKE_COLUMNS)
    if shown.empty:
        st.caption("No take matches the filter.")
        return None
    offered = list(shown["id"].head(TAKES_OFFERED))
    if len(shown) > TAKES_OFFERED:
        st.caption(f"The latest {TAKES_OFFERED} of {len(shown)} takes; search to find an older one.")
    if st.session_state.get("recordings_take") not in offered:
        st.session_state.pop("recordings_take", None)  # filtered out: the newest take left stands in
    return st.selectbox("Take", offered, format_func=all_takes.label, key="recordings_take")


def watch_and_review(all_takes: Takes) -> None:
    """Pick a take, watch it, read its analysis and the coach's feedback, review it."""
    if all_takes.frame.empty:
        st.info("No takes yet. Record one on the Mock interview page.")
        page_link("mock_interview", "Open the Mock interview page")
        return
    take_id = pick_take(all_takes)
    if take_id is None:
        return
    show_video(all_takes, take_id)
    delivery_analysis(all_takes, take_id)
    content_feedback(take_id)
    reviews_ui.review_form(take_id)
    reviews_ui.delete_take(take_id)


def scores_table(all_takes: Takes, take_id: int) -> dict | None:
    """Latest self-review scores of a take, as a small table (None when unreviewed)."""
    row = all_takes.rows.loc[take_id]
    if pd.isna(row["reviewed_at"]):
        return None
    values = {label: int(row[name]) for name, label in SCORE_DIMENSIONS.items()}
    values[checklist.FILLER_LABEL] = int(row["filler_words"])
    return {"checklist": list(values), "score": list(values.values())}


def compare(all_takes: Takes) -> None:
    """Two takes side by side, each with its latest scores."""
    ids = list(all_takes.frame["id"].head(TAKES_OFFERED))
    if len(ids) < 2:
        st.caption("Record at least two takes to compare them side by side.")
        return
    for i, col in enumerate(st.columns(2)):
        key = f"recordings_compare_{i}"
        if st.session_state.get(key) not in ids:
            st.session_state[key] = ids[i]
        with col:
            chosen = st.selectbox(f"Take {'AB'[i]}", ids, format_func=all_takes.label, key=key)
            show_video(all_takes, chosen)
            scores = scores_table(all_takes, chosen)
            if scores:
                table(scores)
            else:
                st.caption("Not reviewed yet.")


def partner_mocks(all_takes: Takes) -> None:
    """The partner's printable form, their feedback entered here, and the feedback so far."""
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
    reviews_ui.partner_form(list(all_takes.frame["id"].head(TAKES_OFFERED)), all_takes.label)
    partner_rows = query(reviews.reviews)
    partner_rows = partner_rows[partner_rows["source"] == "partner"]
    if len(partner_rows):
        table(partner_rows.drop(columns=["source"]).iloc[::-1], labels=REVIEW_COLUMNS, ticks=["stopped_or_restarted"])


def progress_charts() -> None:
    """Scores, recurring improvements, fillers, length against target and delivery over time."""
    chart(figure(recordings_charts.scores_over_time, q(reviews.reviews)), key="recordings_scores_chart")
    chart(
        figure(recordings_charts.recurring_improvements, q(reviews.improvement_counts)),
        key="recordings_improve_chart",
    )
    chart(figure(recordings_charts.filler_words_over_time, q(reviews.reviews)), key="recordings_filler_chart")
    chart(figure(recordings_charts.duration_vs_target, q(takes.list_recordings)), key="recordings_duration_chart")
    chart(figure(speech_charts.delivery_trends, q(analysis_jobs.trend_frame)), key="recordings_delivery_trends")
