"""Browser journeys of the answer coach: answer out loud through a fake microphone, and a typed answer."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from lib.practice import attempts as practice
from lib.storage.db import open_db
from tests.conftest import wait_for_app_idle
from tests.media import make_spoken_wav

pytestmark = pytest.mark.browser

QUESTION = "Design an AI writing assistant for students"
QID = "ps-design-an-ai-writing-assistant-for-students"
SPOKEN = (
    "I would build it for high school students who write essays. "
    "Their needs are getting started, structuring an argument, and feedback on drafts. "
    "I would measure writing improvement and teacher adoption."
)


def _open_question(pg, url: str) -> None:
    pg.goto(f"{url}/practice")
    pg.get_by_role("heading", name="Practice").wait_for()
    pg.get_by_role("combobox", name="Question").click()
    pg.get_by_role("option", name=f"Product sense · {QUESTION}").click()
    pg.get_by_role("heading", name=QUESTION).wait_for()
    wait_for_app_idle(pg)


def test_answer_out_loud_with_a_fake_microphone(browser_launcher, app_server, tmp_path) -> None:
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.skip("espeak-ng and sox make the spoken clip")
    speech = make_spoken_wav(tmp_path / "speech.wav", SPOKEN)
    browser = browser_launcher(
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={speech}",
        ]
    )
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, permissions=["microphone"])
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    _open_question(pg, app_server.url)

    pg.get_by_role("radio", name="Out loud").or_(pg.get_by_role("button", name="Out loud")).first.click()
    wait_for_app_idle(pg)
    recorder = pg.locator('[data-testid="stAudioInput"]')
    recorder.wait_for()
    recorder.get_by_role("button", name="Record").click()
    pg.wait_for_timeout(9000)  # the clip plays on a loop; nine seconds holds it at least once
    recorder.get_by_role("button", name="Stop recording").click()
    wait_for_app_idle(pg)
    pg.get_by_role("button", name="Submit recording").click()
    feedback = pg.locator(".st-key-practice_result_feedback")
    expect(feedback).to_contain_text("Coach's score", timeout=120_000)
    with open_db() as db:
        row = practice.attempts(db, QID).iloc[0]
    assert row["audio_path"].startswith("recordings/answer-")
    assert "students" in row["transcript"].lower()
    answer = pg.locator(".st-key-practice_result_answer")
    expect(answer).to_contain_text("Pace")
    expect(answer).to_contain_text("Transcript")
    expect(answer).to_contain_text("students")
    expect(feedback).to_contain_text("What a strong answer covers")


def test_a_typed_answer_gets_feedback_beside_it(page, app_server) -> None:
    pg = page
    _open_question(pg, app_server.url)
    identify = pg.locator(f".st-key-practice_ans_{QID}_1 textarea")
    identify.fill("Their needs are getting started on a blank page, structuring an argument, and feedback on drafts.")
    identify.press("Control+Enter")
    wait_for_app_idle(pg)
    pg.get_by_role("button", name="Submit answer").click()
    wait_for_app_idle(pg)
    answer = pg.locator(".st-key-practice_result_answer")
    feedback = pg.locator(".st-key-practice_result_feedback")
    expect(answer).to_contain_text("structuring an argument")
    expect(feedback).to_contain_text("Coach's score")
    expect(feedback).to_contain_text("What a strong answer covers")
    # Beside, not below: the two columns sit side by side.
    a, f = answer.bounding_box(), feedback.bounding_box()
    assert f["x"] > a["x"] + a["width"] / 2 and abs(f["y"] - a["y"]) < 200
    expect(pg.get_by_role("button", name="Save review")).to_be_visible()
