"""Mock interview: record yourself from the webcam answering a question, a STAR story or a full mock."""

import time

import streamlit as st
from streamlit_webrtc import WebRtcMode, webrtc_streamer

from lib import ui
from lib.media import analysis_jobs, mock_plans, takes
from lib.media.checklist import TAKE_COLUMNS
from lib.media.monitor import TakeMonitor

NO_ICE_SERVERS = {"iceServers": []}  # no public STUN: the app makes no network calls, the peer is local

ui.page_header(
    "Mock interview",
    "Treat it like a real interview: don't stop/restart, answer as if talking to an interviewer. "
    "The take is saved when you press STOP; watch and review it on the Recordings page.",
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


def choose_question():
    """Pick a question from the bank; returns the take plan."""
    types = list(dict.fromkeys(bank["type"]))
    c1, c2 = st.columns([1, 3])
    chosen_type = c1.selectbox(
        "Type",
        types,
        format_func=lambda t: str(t).replace("_", " ").capitalize(),
        key="mock_interview_type",
        disabled=busy,
    )
    pool = bank[bank["type"] == chosen_type]
    labels = dict(zip(pool["id"], pool["text"], strict=False))
    question_id = c2.selectbox(
        "Question", list(labels), format_func=labels.get, key="mock_interview_question", disabled=busy
    )
    row = pool[pool["id"] == question_id].iloc[0]
    st.markdown(f"**{ui.text(row['text'])}** — aim for about {int(row['target_minutes'])} minutes")
    guide = row.get("guide")
    if isinstance(guide, (list, tuple)) and guide:
        with st.expander("Answer guide"):
            st.markdown("\n".join(f"- {ui.text(point)}" for point in guide))
    return mock_plans.question_plan_from_row(row)


def choose_story():
    """Pick a STAR story to tell in 2-3 minutes; returns the take plan."""
    labels = dict(zip(stories["id"], stories["title"], strict=False))
    story_id = st.selectbox("Story", list(labels), format_func=labels.get, key="mock_interview_story", disabled=busy)
    st.caption("Practice telling it in 2-3 minutes. Focus on YOUR actions and end with the result.")
    return takes.TakePlan("story", labels[story_id], story_id=story_id, target_seconds=mock_plans.STORY_TARGET_SECONDS)


def round_clock(started: float | None) -> tuple[str, float]:
    """'mm:ss / 30:00' for the current round and the share of it used."""
    elapsed = 0.0 if started is None else time.monotonic() - started
    limit = mock_plans.ROUND_MINUTES * 60
    return f"{int(elapsed // 60):02d}:{int(elapsed % 60):02d} / {mock_plans.ROUND_MINUTES}:00", min(
        elapsed / limit, 1.0
    )


@st.fragment(run_every=1 if st.session_state.get("mock_interview_round_started") or busy else None)
def full_mock_rounds(plan: list[dict]) -> None:
    """The three rounds in sequence, with a timer for the round in progress (it starts with the take)."""
    index = st.session_state.setdefault("mock_interview_round", 0)
    current = plan[index]
    started = st.session_state.get("mock_interview_round_started")
    if started is None and index == 0 and monitor.status()["state"] == "recording":
        started = st.session_state["mock_interview_round_started"] = monitor.recorder.first_frame_at
    st.markdown(f"#### Round {index + 1} of {len(plan)}: {current['round']} ({current['minutes']} min)")
    clock, used = round_clock(started)
    st.progress(used, text=f"Round time {clock}" if started else "Round timer not started")
    st.markdown("\n".join(f"{i}. {ui.text(q)}" for i, q in enumerate(current["questions"], 1)))
    c1, c2, c3 = st.columns(3)
    if c1.button("Start round timer", disabled=started is not None, key="mock_interview_round_start"):
        st.session_state["mock_interview_round_started"] = time.monotonic()
        st.rerun()
    if c2.button("Next round", disabled=index + 1 >= len(plan), key="mock_interview_round_next"):
        st.session_state["mock_interview_round"] = index + 1
        st.session_state["mock_interview_round_started"] = time.monotonic() if started else None
        st.rerun()
    if c3.button("Back to round 1", key="mock_interview_round_reset"):
        st.session_state["mock_interview_round"] = 0
        st.session_state["mock_interview_round_started"] = None
        st.rerun(scope="app")
    upcoming = [f"{r['round']} ({r['minutes']} min)" for r in plan[index + 1 :]]
    if upcoming:
        st.caption("Then: " + " → ".join(upcoming))


if mode == "question" and len(bank):
    plan = choose_question()
elif mode == "story":
    plan = choose_story()
elif mode == "full_mock":
    st.markdown(
        "Do full interviews solo: 1. Product Sense (30 min) 2. Execution (30 min) 3. Behavioral (30 min)"
        " — one take, no stopping."
    )
    full_mock_rounds(ui.query(mock_plans.full_mock_plan))
    plan = mock_plans.full_mock_take_plan()
else:
    st.info("The question bank is empty; record a full mock instead.")
    plan = mock_plans.full_mock_take_plan()

context = webrtc_streamer(
    key="mock_interview_recorder",
    mode=WebRtcMode.SENDRECV,
    rtc_configuration=NO_ICE_SERVERS,
    server_rtc_configuration=NO_ICE_SERVERS,
    media_stream_constraints={"video": True, "audio": True},
    in_recorder_factory=monitor.factory(plan),
)
playing = bool(context.state.playing)
live = playing or monitor.status()["state"] in ("waiting", "recording", "saving")


@st.fragment(run_every=1 if live else None)
def take_status() -> None:
    """What the recorder is doing now; announces the saved take once."""
    status = monitor.status()
    state = status["state"]
    if state == "idle":
        st.info(
            "Press START to begin recording (allow the camera and microphone). STOP saves the take.",
            icon=":material/videocam:",
        )
    elif state == "waiting":
        st.warning("Connecting to the camera and microphone…", icon=":material/hourglass_top:")
    elif state == "recording":
        seconds = int(status["seconds"])
        target = f" of about {plan.target_seconds / 60:g} min" if plan.target_seconds else ""
        ui.error(
            f"● Recording — {seconds // 60:02d}:{seconds % 60:02d}{target}. Press STOP when you finish.",
            icon=":material/radio_button_checked:",
        )
    elif state == "saving":
        st.warning("Saving the take…", icon=":material/save:")
    elif state == "saved":
        ui.success(f"Take saved (#{status['recording_id']}): {status['title']}", icon=":material/check_circle:")
        ui.page_link("recordings", "Watch and review it on the Recordings page")
    else:
        ui.error(f"The take failed: {status['error']}", icon=":material/error:")
        if status["recording_id"]:
            st.caption("Whatever was recorded is kept on the Recordings page.")
    announced = st.session_state.get("mock_interview_announced")
    if state in ("saved", "failed") and status["recording_id"] and announced != status["recording_id"] and not playing:
        st.session_state["mock_interview_announced"] = status["recording_id"]
        st.rerun(scope="app")  # stop polling and refresh the list below


take_status()

recent = ui.query(takes.list_recordings).head(5)
if len(recent):
    st.subheader("Recent takes")
    ui.table(recent[["id", "recorded", "mode_label", "title", "length", "status"]], labels=TAKE_COLUMNS)
