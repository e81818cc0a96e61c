"""Browser journey: a take opened on the Recordings page is analysed in the background and its metrics appear."""

from __future__ import annotations

import shutil

import pytest

from lib.media import analysis_jobs, paths, takes
from lib.storage.db import open_db
from tests import audio
from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def spoken_take(tmp_path, data_dir) -> int:
    """A stored take whose file is a spoken MP4/AAC answer with fillers and a long pause."""
    if not audio.tools_available():
        pytest.fail("espeak-ng and sox missing: .ci/run installs them from Debian")
    clip = audio.spoken_clip(tmp_path / "answer.wav", audio.FILLER_SENTENCES, [0.7, 2.5])
    relative, path = paths.new_take_path()
    shutil.copyfile(audio.as_mp4(clip.path), path)
    plan = takes.TakePlan("story", "Launch under pressure", story_id="s1")
    with open_db() as db:
        return takes.save_take(db, plan, relative)


def test_opening_a_take_analyses_it_without_blocking_the_page(spoken_take, page, app_server) -> None:
    page.goto(f"{app_server.url}/recordings")
    page.get_by_role("heading", name="Recordings").wait_for()
    # The page renders at once; the status box stands in until the background run ends.
    page.get_by_text("Review this take").wait_for()
    page.get_by_text("Transcript (filler words highlighted)").wait_for(timeout=120_000)
    wait_for_app_idle(page)
    assert page.get_by_test_id("stMetricLabel").filter(has_text="Pace").count() == 1
    assert page.get_by_text("Re-analyse").count() == 1
    with open_db() as db:
        latest = analysis_jobs.latest_analysis(db, spoken_take)
    assert latest["status"] == analysis_jobs.STATUS_DONE
    filler_input = page.get_by_label("Filler words (um, uh, like)").first
    assert filler_input.input_value() == str(latest["filler_total"])
