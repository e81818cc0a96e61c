"""The Mock interview page's parts: what to rehearse, the full mock's rounds, the webcam and what it is doing.

The webcam is streamlit-webrtc's component. Its buttons and messages are given the
app's words (``LABELS``); its colours and font follow the app's theme on their own.
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st
import streamlit_webrtc

from lib.media import mock_plans, takes
from lib.media.monitor import TakeMonitor
from lib.ui import messages
from lib.ui.markup import markup, text
from lib.ui.routing import page_link

NO_ICE_SERVERS = {"iceServers": []}  # no public STUN: the app makes no network calls, the peer is local
# Every text the webcam component shows, in the app's words (streamlit_webrtc.Translations).
LABELS = {
    "start": "Start recording",
    "stop": "Stop and save",
    "select_device": "Choose camera and microphone",
    "select_camera": "Camera",
    "select_microphone": "Microphone",
    "turn_camera_on": "Turn the camera on",
    "turn_camera_off": "Turn the camera off",
    "mute_microphone": "Mute the microphone",
    "unmute_microphone": "Unmute the microphone",
    "device_ask_permission": "Allow the camera and microphone when the browser asks.",
    "device_not_available": "No camera or microphone was found. Connect one, then choose it here.",
    "device_access_denied": "The browser blocked the camera or microphone. Allow them in its site settings.",
    "media_api_not_available": "This browser cannot reach a camera here. Open the app at http://localhost.",
}
# The preview plays your own picture back: muted, or you would hear yourself a moment late while you speak.
VIDEO_ATTRS = {"autoPlay": True, "muted": True, "controls": False, "style": {"width": "100%", "borderRadius": "8px"}}


def webcam(monitor: TakeMonitor, plan: takes.TakePlan):
    """The webcam component, recording into the monitor's recorder; returns its context."""
    # Looked up on the module at each call: the tests stand a stub in for the component.
    return streamlit_webrtc.webrtc_streamer(
        key="mock_interview_recorder",
        mode=streamlit_webrtc.WebRtcMode.SENDRECV,
        rtc_configuration=NO_ICE_SERVERS,
        server_rtc_configuration=NO_ICE_SERVERS,
        media_stream_constraints={"video": True, "audio": True},
        in_recorder_factory=monitor.factory(plan),
        translations=LABELS,
        video_html_attrs=VIDEO_ATTRS,
    )


def choose_question(bank: pd.DataFrame, busy: bool) -> takes.TakePlan:
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
    st.markdown(f"**{text(row['text'])}** — aim for about {int(row['target_minutes'])} minutes")
    guide = row.get("guide")
    if isinstance(guide, (list, tuple)) and guide:
        with st.expander("Answer guide"):
            st.markdown("\n".join(f"- {text(point)}" for point in guide))
    return mock_plans.question_plan_from_row(row)


def choose_story(stories: pd.DataFrame, busy: bool) -> takes.TakePlan:
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


def _rounds(monitor: TakeMonitor, plan: list[dict]) -> None:
    index = st.session_state.setdefault("mock_interview_round", 0)
    current = plan[index]
    started = st.session_state.get("mock_interview_round_started")
    if started is None and index == 0 and monitor.status()["state"] == "recording":
        started = st.session_state["mock_interview_round_started"] = monitor.recorder.first_frame_at
    st.markdown(f"#### Round {index + 1} of {len(plan)}: {current['round']} ({current['minutes']} min)")
    clock, used = round_clock(started)
    st.progress(used, text=f"Round time {clock}" if started else "Round timer not started")
    st.markdown("\n".join(f"{i}. {text(q)}" for i, q in enumerate(current["questions"], 1)))
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


def full_mock_rounds(monitor: TakeMonitor, plan: list[dict], busy: bool) -> None:
    """The three rounds in sequence, with a timer for the round in progress (it starts with the take)."""
    ticking = bool(st.session_state.get("mock_interview_round_started")) or busy
    st.fragment(_rounds, run_every=1 if ticking else None)(monitor, plan)


def _status(monitor: TakeMonitor, plan: takes.TakePlan, playing: bool) -> None:
    status = monitor.status()
    state = status["state"]
    if state == "idle":
        messages.info(
            markup(
                "Press **{}** to begin (allow the camera and microphone). **{}** saves the take.",
                LABELS["start"],
                LABELS["stop"],
            ),
            icon=":material/videocam:",
        )
    elif state == "waiting":
        st.warning("Connecting to the camera and microphone…", icon=":material/hourglass_top:")
    elif state == "recording":
        seconds = int(status["seconds"])
        target = f" of about {plan.target_seconds / 60:g} min" if plan.target_seconds else ""
        messages.error(
            f"● Recording — {seconds // 60:02d}:{seconds % 60:02d}{target}. Press {LABELS['stop']} when you finish.",
            icon=":material/radio_button_checked:",
        )
    elif state == "saving":
        st.warning("Saving the take…", icon=":material/save:")
    elif state == "saved":
        messages.success(f"Take saved (#{status['recording_id']}): {status['title']}", icon=":material/check_circle:")
        page_link("recordings", "Watch and review it on the Recordings page")
    else:
        messages.error(f"The take failed: {status['error']}", icon=":material/error:")
        if status["recording_id"]:
            st.caption("Whatever was recorded is kept on the Recordings page.")
    announced = st.session_state.get("mock_interview_announced")
    if state in ("saved", "failed") and status["recording_id"] and announced != status["recording_id"] and not playing:
        st.session_state["mock_interview_announced"] = status["recording_id"]
        st.rerun(scope="app")  # stop polling and refresh the list below


def take_status(monitor: TakeMonitor, plan: takes.TakePlan, playing: bool) -> None:
    """What the recorder is doing now, polled while it is live; announces the saved take once."""
    live = playing or monitor.status()["state"] in ("waiting", "recording", "saving")
    st.fragment(_status, run_every=1 if live else None)(monitor, plan, playing)
