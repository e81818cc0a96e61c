"""Browser journey: record a take from a fake camera and microphone, review it, enter partner feedback, delete it.

Headless Chromium plays a generated .y4m clip as the camera and a spoken .wav
as the microphone; the app records through streamlit-webrtc into its own
recorder. The saved file must decode with at least 4 s of video and an audio
stream, its row must match the file, and a review saved on the Recordings
page must be stored.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib.media import paths, reviews, takes
from lib.media.recorder import LOOPBACK_ICE_ENV
from lib.storage.db import open_db
from lib.ui.recorder import LABELS
from tests.conftest import AppServer, wait_for_app_idle
from tests.media import decoded_streams, make_fake_camera, make_spoken_wav, media_tools_missing

pytestmark = pytest.mark.browser

SPOKEN = (
    "Um, so the goal here is to design an AI writing assistant for students. "
    "First I would clarify who the users are and what they need. "
    "Then I would prioritise one problem and list solutions."
)


@pytest.fixture
def capture_files(tmp_path):
    """The fake camera clip and spoken microphone file, made now with ffmpeg, espeak-ng and sox."""
    missing = media_tools_missing()
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: .ci/run installs them from Debian")
    return make_fake_camera(tmp_path / "camera.y4m"), make_spoken_wav(tmp_path / "speech.wav", SPOKEN)


@pytest.fixture
def webcam_app(data_dir):
    """The app with the loopback ICE switch on, since a CI machine may have no other network."""
    server = AppServer(data_dir, extra_env={LOOPBACK_ICE_ENV: "1"})
    yield server
    server.stop()


def _webcam_page(browser_launcher, capture_files):
    camera, speech = capture_files
    browser = browser_launcher(
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={camera}",
            f"--use-file-for-fake-audio-capture={speech}",
            "--allow-loopback-in-peer-connection",
        ]
    )
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def test_record_a_take_then_review_it(browser_launcher, capture_files, webcam_app, data_dir) -> None:
    pg = _webcam_page(browser_launcher, capture_files)
    pg.goto(f"{webcam_app.url}/mock_interview")
    pg.get_by_role("heading", name="Mock interview").wait_for()
    component = pg.frame_locator('iframe[title="streamlit_webrtc.component.webrtc_streamer"]')

    component.get_by_role("button", name=LABELS["start"]).click()
    pg.get_by_text("● Recording").wait_for(timeout=30_000)
    pg.wait_for_timeout(5_500)
    component.get_by_role("button", name=LABELS["stop"]).click()
    pg.get_by_text("Take saved").wait_for(timeout=30_000)

    with open_db() as db:
        listed = takes.list_recordings(db)
        assert len(listed) == 1
        take = listed.iloc[0]
        path = paths.recording_file(db, int(take["id"]))
    assert take["status"] == "ok", take["error"]
    assert take["mode"] == "question" and take["question_id"]
    assert path.exists() and not list(path.parent.glob("*.part"))
    streams = decoded_streams(path)
    assert streams["video"]["end"] - streams["video"]["start"] >= 4.0
    assert streams["audio"]["frames"] > 0
    assert take["has_video"] == 1 and take["has_audio"] == 1
    assert take["size_bytes"] == path.stat().st_size
    assert (take["width"], take["height"]) == streams["video"]["size"]
    assert take["video_frames"] == streams["video"]["frames"]
    assert take["duration_s"] == pytest.approx(max(streams["video"]["end"], streams["audio"]["end"]), abs=0.2)

    pg.goto(f"{webcam_app.url}/recordings")
    pg.get_by_role("heading", name="Recordings").wait_for()
    form = pg.get_by_test_id("stForm").filter(has_text="Review this take")
    form.get_by_label("1.", exact=True).fill("Pause instead of saying um")
    form.get_by_label("Notes", exact=True).fill("Steady pace; looked down twice.")
    form.get_by_role("button", name="Save review").click()
    pg.get_by_text(f"Review of take #{take['id']} saved").wait_for()
    pg.get_by_text("Earlier reviews of this take (1)").wait_for()

    with open_db() as db:
        stored = reviews.reviews(db, int(take["id"]))
    assert len(stored) == 1
    assert stored.iloc[0]["improve_1"] == "Pause instead of saying um"
    assert stored.iloc[0]["clarity"] == 3 and stored.iloc[0]["source"] == "self"

    # Back from other tabs, the form is drawn from the last review again, not from each slider's minimum.
    for tab in ("Charts", "Partner mocks", "Watch & review"):
        pg.get_by_role("tab", name=tab).click()
        wait_for_app_idle(pg)
    form.get_by_label("2.", exact=True).fill("Look at the camera")
    form.get_by_role("button", name="Save review").click()
    pg.get_by_text("Earlier reviews of this take (2)").wait_for()
    with open_db() as db:
        second = reviews.reviews(db, int(take["id"])).iloc[-1]
    assert (second["clarity"], second["structure"], second["improve_1"]) == (3, 3, "Pause instead of saying um")
    assert second["improve_2"] == "Look at the camera"
    _partner_feedback_then_delete(pg)


def _partner_feedback_then_delete(pg) -> None:
    """A refused partner entry keeps what was typed; a saved one starts the form over; a take goes behind a tick."""
    pg.get_by_role("tab", name="Partner mocks").click()
    form = pg.get_by_test_id("stForm").filter(has_text="Enter a partner's feedback")
    form.get_by_label("1.", exact=True).fill("Clarify the goal first")
    form.get_by_role("button", name="Save partner feedback").click()
    form.get_by_text("who gave the feedback?").wait_for()
    expect(form.get_by_label("1.", exact=True)).to_have_value("Clarify the goal first")
    form.get_by_label("Partner", exact=True).fill("Sam")
    form.get_by_role("button", name="Save partner feedback").click()
    pg.get_by_text("Feedback from Sam saved").wait_for()
    wait_for_app_idle(pg)
    expect(form.get_by_label("Partner", exact=True)).to_have_value("")
    expect(form.get_by_label("1.", exact=True)).to_have_value("")
    with open_db() as db:
        partner = reviews.reviews(db).query("source == 'partner'")
    assert partner["reviewer"].tolist() == ["Sam"] and partner.iloc[0]["improve_1"] == "Clarify the goal first"

    pg.get_by_role("tab", name="Watch & review").click()
    pg.get_by_text("Delete this take").click()
    delete = pg.get_by_role("button", name="Delete take")
    expect(delete).to_be_disabled()
    pg.get_by_text("Yes, delete the video file and its reviews for good").click()
    expect(delete).to_be_enabled()
    delete.click()
    pg.get_by_text("No takes yet").wait_for()
    with open_db() as db:
        assert takes.list_recordings(db).empty
