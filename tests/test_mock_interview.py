"""The Mock interview page under AppTest, with the webcam component replaced by a stub."""

from __future__ import annotations

from streamlit_webrtc import Translations, WebRtcMode

from lib.media import mock_plans, takes
from lib.storage.db import open_db
from lib.ui import recorder
from tests.conftest import run_page
from tests.media import audio_frames, video_frames

PAGE = "pages/mock_interview.py"


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [s.value for s in at.success]
    return "\n".join(parts + [i.value for i in at.info] + [w.value for w in at.warning] + [c.value for c in at.caption])


def _record_through(factory) -> None:
    """What streamlit-webrtc does with the page's factory: make a recorder, feed it, stop it."""
    rec = factory()
    rec.addTrack(type("Track", (), {"kind": "video"})())
    rec.addTrack(type("Track", (), {"kind": "audio"})())
    for frame in audio_frames(0.3):
        rec.write_frame("audio", frame)
    for frame in video_frames(1.0):
        rec.write_frame("video", frame)
    rec.finish()


def test_recorder_is_ready_on_open_with_a_question(webcam_stub) -> None:
    at = run_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="mock_interview_mode").value == "question"
    assert at.selectbox(key="mock_interview_question").value
    call = webcam_stub.last
    assert call["mode"] == WebRtcMode.SENDRECV
    assert call["rtc_configuration"] == {"iceServers": []} and call["server_rtc_configuration"] == {"iceServers": []}
    assert call["media_stream_constraints"] == {"video": True, "audio": True}
    assert callable(call["in_recorder_factory"])
    assert f"Press **{recorder.LABELS['start']}**" in _texts(at)


def test_a_take_is_saved_for_the_chosen_question_and_announced(webcam_stub) -> None:
    at = run_page(PAGE)
    at.selectbox(key="mock_interview_type").select("execution").run()
    question_id = at.selectbox(key="mock_interview_question").value
    _record_through(webcam_stub.last["in_recorder_factory"])
    at.run()
    assert not at.exception
    assert "Take saved" in _texts(at)
    with open_db() as db:
        listed = takes.list_recordings(db)
    assert len(listed) == 1
    take = listed.iloc[0]
    assert (take["mode"], take["question_id"], take["status"], take["file"]) == (
        "question",
        question_id,
        "ok",
        "present",
    )
    assert take["target_seconds"] > 0


def test_a_failed_take_is_reported(webcam_stub) -> None:
    at = run_page(PAGE)
    rec = webcam_stub.last["in_recorder_factory"]()
    rec.finish()  # stopped before any frame arrived
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The take failed" in _texts(at)
    with open_db() as db:
        assert takes.list_recordings(db).iloc[0]["status"] == "failed"


def test_full_mock_shows_the_rounds_in_sequence_with_a_timer(webcam_stub) -> None:
    at = run_page(PAGE)
    at.radio(key="mock_interview_mode").set_value("full_mock").run()
    assert "Round 1 of 3: Product Sense (30 min)" in _texts(at)
    assert at.get("progress")[0].proto.text == "Round timer not started"
    at.button(key="mock_interview_round_start").click().run()
    assert at.get("progress")[0].proto.text.startswith("Round time 00:0")
    at.button(key="mock_interview_round_next").click().run()
    assert "Round 2 of 3: Execution (30 min)" in _texts(at)
    at.button(key="mock_interview_round_next").click().run()
    assert "Round 3 of 3: Behavioral (30 min)" in _texts(at)
    assert at.button(key="mock_interview_round_next").disabled
    _record_through(webcam_stub.last["in_recorder_factory"])
    with open_db() as db:
        take = takes.list_recordings(db).iloc[0]
    assert take["mode"] == "full_mock" and take["target_seconds"] == 3 * 30 * 60


def test_story_rehearsal_is_offered_when_stories_exist(webcam_stub, demo_dir) -> None:
    at = run_page(PAGE)
    with open_db() as db:
        stories = mock_plans.story_options(db)
    if stories.empty:
        assert "story" not in at.radio(key="mock_interview_mode").options
        return
    at.radio(key="mock_interview_mode").set_value("story").run()
    story_id = at.selectbox(key="mock_interview_story").value
    _record_through(webcam_stub.last["in_recorder_factory"])
    with open_db() as db:
        take = takes.list_recordings(db).iloc[0]
    assert (take["mode"], take["story_id"], take["target_seconds"]) == ("story", story_id, 180)


def test_the_choice_is_fixed_while_a_take_is_recording(webcam_stub) -> None:
    at = run_page(PAGE)
    at.selectbox(key="mock_interview_type").select("behavioural").run()
    question_id = at.selectbox(key="mock_interview_question").value
    rec = webcam_stub.last["in_recorder_factory"]()
    rec.addTrack(type("Track", (), {"kind": "video"})())
    rec.write_frame("video", video_frames(0.2)[0])
    at.run()
    assert at.selectbox(key="mock_interview_question").disabled and at.radio(key="mock_interview_mode").disabled
    assert at.selectbox(key="mock_interview_question").value == question_id
    assert "● Recording" in _texts(at)
    rec.finish()
    at.run()
    assert not at.selectbox(key="mock_interview_question").disabled
    assert at.selectbox(key="mock_interview_question").value == question_id


def test_the_first_round_timer_starts_with_the_take(webcam_stub) -> None:
    at = run_page(PAGE)
    at.radio(key="mock_interview_mode").set_value("full_mock").run()
    assert at.get("progress")[0].proto.text == "Round timer not started"
    rec = webcam_stub.last["in_recorder_factory"]()
    rec.addTrack(type("Track", (), {"kind": "video"})())
    rec.write_frame("video", video_frames(0.2)[0])
    at.run()
    assert at.get("progress")[0].proto.text.startswith("Round time 00:0")
    assert at.button(key="mock_interview_round_start").disabled
    rec.finish()


def test_the_webcam_speaks_the_apps_words(webcam_stub) -> None:
    at = run_page(PAGE)
    assert not at.exception
    labels = webcam_stub.last["translations"]
    assert labels == recorder.LABELS
    assert set(labels) == set(Translations.__annotations__), "every text the component shows is given"
    assert all(value.strip() and not value.isupper() for value in labels.values())
    assert (labels["start"], labels["stop"]) == ("Start recording", "Stop and save")
    assert labels["select_device"] == "Choose camera and microphone"
    texts = _texts(at) + "\n".join(c.value for c in at.caption)
    assert "START" not in texts and "STOP" not in texts, "the page names the buttons as they read"
    assert labels["stop"] in texts


def test_the_preview_is_muted_so_you_do_not_hear_yourself(webcam_stub) -> None:
    run_page(PAGE)
    attrs = webcam_stub.last["video_html_attrs"]
    assert attrs["muted"] is True and attrs["autoPlay"] is True and attrs["controls"] is False
