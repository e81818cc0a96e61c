"""Mock interview: record yourself from the webcam answering a question, a STAR story or a full mock."""

import streamlit as st

from lib import ui
from lib.media import analysis_jobs, mock_plans, takes
from lib.media.checklist import TAKE_COLUMNS
from lib.media.monitor import TakeMonitor
from lib.ui import recorder

ui.page_header(
    "Mock interview",
    "Treat it like a real interview: don't stop/restart, answer as if talking to an interviewer. "
    f"The take is saved when you press {recorder.LABELS['stop']}; watch and review it on the Recordings page.",
)
# A saved take is analysed at once, off the page thread, so its delivery metrics
# are ready by the time the user opens it on the Recordings page.
monitor = st.session_state.setdefault("mock_interview_monitor", TakeMonitor(on_saved=analysis_jobs.analyse_saved_take))
bank = ui.query(mock_plans.question_bank)
stories = ui.query(mock_plans.story_options)
busy = monitor.status()["state"] in ("waiting", "recording")  # what is being recorded is fixed at START

modes = ["question", "full_mock"] + (["story"] if len(stories) else [])
mode = st.radio(
    "What are you rehearsing?",
    modes,
    format_func=takes.MODES.get,
    horizontal=True,
    key="mock_interview_mode",
    disabled=busy,
)
if not len(stories):
    st.caption("STAR story rehearsal appears here once your story bank has a story.")

if mode == "question" and len(bank):
    plan = recorder.choose_question(bank, busy)
elif mode == "story":
    plan = recorder.choose_story(stories, busy)
elif mode == "full_mock":
    st.markdown(
        "Do full interviews solo: 1. Product Sense (30 min) 2. Execution (30 min) 3. Behavioral (30 min)"
        " — one take, no stopping."
    )
    recorder.full_mock_rounds(monitor, ui.query(mock_plans.full_mock_plan), busy)
    plan = mock_plans.full_mock_take_plan()
else:
    st.info("The question bank is empty; record a full mock instead.")
    plan = mock_plans.full_mock_take_plan()

# The status sits beside the preview, so the recording clock stays in sight (below it on a phone).
camera, status = st.columns([3, 2])
with camera:
    context = recorder.webcam(monitor, plan)
with status:
    recorder.take_status(monitor, plan, playing=bool(context.state.playing))

recent = ui.query(takes.list_recordings).head(5)
if len(recent):
    st.subheader("Recent takes")
    ui.table(recent[["id", "recorded", "mode_label", "title", "length", "status"]], labels=TAKE_COLUMNS)
