"""Analyses stored with their takes: append-only history, the background worker, restart, charts, demo."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest

from lib.core.errors import InputError
from lib.demo import media as demo_media
from lib.media import analysis_jobs, paths, speech, speech_charts, takes
from lib.storage import migrations
from lib.storage.db import open_db
from tests import audio


def _result(**changes) -> speech.Analysis:
    base = dict(
        duration_s=150.0,
        speaking_s=132.0,
        words=330,
        wpm=150.0,
        fillers={**dict.fromkeys(speech.FILLER_WORDS, 0), "um": 2, "like": 4},
        fillers_per_min=2.73,
        long_pauses=[speech.Pause(40.0, 42.5)],
        i_count=9,
        we_count=3,
        numbers=["30%"],
        transcript="Um, I led it, like, end to end.",
        engine="faster-whisper 1.2.1",
        model="tiny.en",
        speech_segments=[(0.5, 40.0), (42.5, 149.0)],
    )
    return speech.Analysis(**{**base, **changes})


def _take(source: Path | None = None, mode: str = "question", target: float | None = 600) -> int:
    """A stored take whose file is a copy of ``source`` (or no file at all)."""
    relative, path = paths.new_take_path()
    if source is not None:
        shutil.copyfile(source, path)
    plan = takes.TakePlan(
        mode,
        "Tell me about a launch",
        question_id="q1" if mode == "question" else None,
        story_id="s1" if mode == "story" else None,
        target_seconds=target,
    )
    with open_db() as db:
        return takes.save_take(db, plan, relative if source is not None else None)


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> audio.Clip:
    """A short spoken answer with fillers and one long pause."""
    if not audio.tools_available():
        pytest.skip("espeak-ng and sox are needed to speak the test clip")
    return audio.spoken_clip(tmp_path_factory.mktemp("clip") / "answer.wav", audio.FILLER_SENTENCES, [0.7, 2.5])


def test_reanalysis_appends_and_the_latest_wins() -> None:
    take = _take(None)
    with open_db() as db:
        first = analysis_jobs.store_analysis(db, take, _result(wpm=180.0), elapsed_s=1.0)
        second = analysis_jobs.store_analysis(db, take, _result(wpm=150.0), elapsed_s=1.0)
        latest = analysis_jobs.latest_analysis(db, take)
        history = analysis_jobs.analysis_history(db, take)
    assert second > first
    assert latest["id"] == second and latest["result"].wpm == 150.0
    assert list(history["wpm"]) == [150.0, 180.0]
    assert latest["result"].long_pauses == [speech.Pause(40.0, 42.5)]
    assert latest["result"].speech_segments == [(0.5, 40.0), (42.5, 149.0)]


def test_stored_result_survives_a_restart(data_dir: Path) -> None:
    take = _take(None)
    with open_db() as db:
        analysis_jobs.store_analysis(db, take, _result(), elapsed_s=2.0)
    migrations.prepare()  # what a restart does first
    with open_db() as db:
        latest = analysis_jobs.latest_analysis(db, take)
    assert latest["result"] == _result()
    assert json.loads(latest["result_json"])["fillers"]["like"] == 4


def test_a_failed_run_is_stored_with_its_reason_and_no_filler_default() -> None:
    take = _take(None)
    with open_db() as db:
        analysis_jobs.analyze_recording(db, take)
        latest = analysis_jobs.latest_analysis(db, take)
        assert analysis_jobs.latest_filler_count(db, take) is None
    assert latest["status"] == analysis_jobs.STATUS_FAILED
    assert "has no file" in latest["error"] and latest["result"] is None


def test_filler_default_comes_from_the_latest_successful_run() -> None:
    take = _take(None)
    with open_db() as db:
        analysis_jobs.store_analysis(db, take, _result(), elapsed_s=1.0)
        analysis_jobs.store_failure(db, take, "no speech found")
        assert analysis_jobs.latest_filler_count(db, take) == 6


def test_storing_for_a_missing_take_writes_nothing() -> None:
    with open_db() as db:
        with pytest.raises(InputError, match="no take with id 99"):
            analysis_jobs.store_analysis(db, 99, _result(), elapsed_s=1.0)
        assert db["recording_analyses"].count == 0


def test_deleting_a_take_deletes_its_analyses() -> None:
    take = _take(None)
    with open_db() as db:
        analysis_jobs.store_analysis(db, take, _result(), elapsed_s=1.0)
        takes.delete_recording(db, take)
        assert db["recording_analyses"].count == 0


def test_worker_analyses_a_take_in_the_background(spoken: audio.Clip) -> None:
    take = _take(spoken.path)
    with open_db() as db:
        assert analysis_jobs.needs_analysis(db, take)
        state = analysis_jobs.running_analysis(db, take)
    assert state is not None and not state.finished
    assert analysis_jobs.worker().wait(180)
    state = analysis_jobs.worker().state(take)
    assert state.finished and state.fraction == 1.0 and not state.error
    with open_db() as db:
        latest = analysis_jobs.latest_analysis(db, take)
        assert not analysis_jobs.needs_analysis(db, take)
        assert analysis_jobs.running_analysis(db, take) is None
    result = latest["result"]
    assert abs(result.speaking_s - spoken.talk_s(speech.BRIEF_PAUSE_S)) <= 0.5
    assert len(result.long_pauses) == 1
    assert latest["filler_total"] == result.filler_total > 0
    assert latest["elapsed_s"] > 0


def test_reanalysis_through_the_worker_adds_a_row(spoken: audio.Clip) -> None:
    take = _take(spoken.path)
    for _ in range(2):
        with open_db() as db:
            analysis_jobs.request_analysis(db, take)
        assert analysis_jobs.worker().wait(180)
    with open_db() as db:
        assert db["recording_analyses"].count_where("recording_id = ?", [take]) == 2


def test_worker_stores_a_failure_for_a_silent_take(tmp_path: Path) -> None:
    take = _take(audio.silent_clip(tmp_path / "quiet.wav"))
    with open_db() as db:
        analysis_jobs.request_analysis(db, take)
    assert analysis_jobs.worker().wait(60)
    assert "no speech" in analysis_jobs.worker().state(take).error
    with open_db() as db:
        assert analysis_jobs.latest_analysis(db, take)["status"] == analysis_jobs.STATUS_FAILED


def test_a_take_without_sound_is_not_queued() -> None:
    take = _take(None)
    with open_db() as db:
        assert not analysis_jobs.needs_analysis(db, take)
        assert analysis_jobs.running_analysis(db, take) is None


def test_trend_frame_uses_each_takes_target() -> None:
    story, question = _take(None, mode="story", target=None), _take(None, mode="question", target=900)
    with open_db() as db:
        analysis_jobs.store_analysis(db, story, _result(wpm=170.0), elapsed_s=1.0)
        analysis_jobs.store_failure(db, story, "later run failed")
        analysis_jobs.store_analysis(db, question, _result(wpm=150.0), elapsed_s=1.0)
        trends = analysis_jobs.trend_frame(db)
    assert list(trends["wpm"]) == [170.0, 150.0]
    assert list(trends["target_high_s"]) == [180.0, 900.0]
    fig = speech_charts.delivery_trends(trends)
    assert list(fig.data[0].y) == [170.0, 150.0]
    targets = {trace.name: list(trace.y) for trace in fig.data if trace.name.startswith("target")}
    assert targets == {"target (min)": [2.0, 5.0], "target (max)": [3.0, 15.0]}  # story 2-3 min; question 1/3 up


def test_pace_gauge_and_pause_timeline() -> None:
    gauge = speech_charts.pace_gauge(190.0)
    assert gauge.data[0].value == 190.0 and gauge.data[0].gauge.bar.color == speech_charts.WARN
    assert speech_charts.pace_gauge(145.0).data[0].gauge.bar.color == speech_charts.GOOD
    timeline = speech_charts.pause_timeline(_result())
    speaking, pauses = timeline.data
    assert list(speaking.base) == [0.5, 42.5] and list(pauses.base) == [40.0]
    assert list(pauses.x) == [2.5]


def test_demo_analyses_every_demo_take(demo_dir: Path) -> None:
    with open_db() as db:
        takes = db.conn.execute("SELECT COUNT(*) FROM recordings WHERE status = 'ok'").fetchone()[0]
        trends = analysis_jobs.trend_frame(db)
        sample = analysis_jobs.latest_analysis(db, int(trends["recording_id"].iloc[0]))["result"]
    assert len(trends) == takes > 0
    assert trends["fillers_per_min"].iloc[0] > trends["fillers_per_min"].iloc[-1]
    assert sample.words == speech.count_words(sample.transcript)
    assert sample.fillers == speech.count_fillers(sample.transcript)


def test_demo_step_skips_failed_takes(data_dir: Path) -> None:
    failed = _take(None)
    with open_db() as db:
        demo_media.demo(db, 1, random.Random(3), dt.date(2026, 11, 20))
        ok = db.conn.execute("SELECT COUNT(*) FROM recordings WHERE status = 'ok'").fetchone()[0]
        assert db["recording_analyses"].count == ok
        assert analysis_jobs.latest_analysis(db, failed) is None
