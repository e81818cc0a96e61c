"""The Recordings page with speech analyses: stored metrics, background progress, failures, safe transcript."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib.media import analysis_jobs, paths, speech, takes
from lib.storage.db import open_db
from tests import audio
from tests.conftest import open_tab, run_page

PAGE = "pages/recordings.py"


def _take(source: Path | None = None, mode: str = "story") -> int:
    relative, path = paths.new_take_path()
    if source is not None:
        shutil.copyfile(source, path)
    plan = takes.TakePlan(
        mode,
        "Launch story",
        story_id="s1" if mode == "story" else None,
        question_id="q1" if mode == "question" else None,
    )
    with open_db() as db:
        return takes.save_take(db, plan, relative if source is not None else None)


def _stored(take: int, transcript: str) -> speech.Analysis:
    result = speech.Analysis(
        duration_s=150.0,
        speaking_s=140.0,
        words=350,
        wpm=150.0,
        fillers=speech.count_fillers(transcript),
        fillers_per_min=1.5,
        long_pauses=[speech.Pause(30.0, 32.4)],
        i_count=6,
        we_count=2,
        numbers=["30%"],
        transcript=transcript,
        engine="faster-whisper 1.2.1",
        model="tiny.en",
        speech_segments=[(0.4, 30.0), (32.4, 149.0)],
    )
    with open_db() as db:
        analysis_jobs.store_analysis(db, take, result, elapsed_s=1.0)
    return result


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> audio.Clip:
    if not audio.tools_available():
        pytest.skip("espeak-ng and sox are needed to speak the test clip")
    return audio.spoken_clip(tmp_path_factory.mktemp("clip") / "answer.wav", audio.FILLER_SENTENCES, [0.7, 2.5])


def test_stored_analysis_is_shown_with_charts_and_starts_the_review(spoken: audio.Clip) -> None:
    take = _take(spoken.path)
    _stored(take, "Um, so I led the launch, you know, and like we grew 30%.")
    at = run_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    metrics = _metrics(at)
    assert metrics["Pace"] == "150 wpm"
    assert metrics["Talk time"] == "2.3 min"
    assert {m.label: m.delta for m in at.metric}["Talk time"] == "on target (2–3 min)"
    assert metrics["Pauses ≥ 1.8 s"] == "1"
    assert not at.get("plotly_chart"), "the charts wait behind their toggle"
    at.toggle(key="recordings_charts_shown").set_value(True).run()
    keys = {c.key for c in at.get("plotly_chart")}
    assert {"recordings_pace_gauge", "recordings_pause_timeline"} <= keys
    assert at.number_input(key="recordings_review_filler").value == 4
    assert any(b.label == "Re-analyse" for b in at.button)
    charts = open_tab(at, "recordings_tab", "Charts")
    assert "recordings_delivery_trends" in {c.key for c in charts.get("plotly_chart")}


def test_transcript_is_escaped_and_only_fillers_are_highlighted(spoken: audio.Clip) -> None:
    take = _take(spoken.path)
    _stored(take, "Um, <script>alert(1)</script> [click](http://evil.example) :red[x] basically done.")
    at = run_page(PAGE)
    shown = next(m.value for m in at.markdown if "script" in m.value)
    assert ":orange-background[Um]" in shown and ":orange-background[basically]" in shown
    assert "<script>" not in shown and "\\<script\\>" in shown
    assert "](http" not in shown and "\\:red\\[x\\]" in shown


def test_a_new_take_is_analysed_in_the_background_then_shown(spoken: audio.Clip) -> None:
    take = _take(spoken.path)
    at = run_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert "Pace" not in _metrics(at)
    assert analysis_jobs.worker().state(take) is not None
    assert analysis_jobs.worker().wait(180)
    at.run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["Pauses ≥ 1.8 s"] == "1"
    with open_db() as db:
        assert analysis_jobs.latest_filler_count(db, take) == at.number_input(key="recordings_review_filler").value


def test_a_failed_analysis_says_why_and_reanalyse_queues_again(tmp_path: Path) -> None:
    take = _take(audio.silent_clip(tmp_path / "quiet.wav"))
    with open_db() as db:
        analysis_jobs.analyze_recording(db, take)
    at = run_page(PAGE)
    assert any("no speech found" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Re-analyse").click().run()
    assert not at.exception
    assert analysis_jobs.worker().wait(60)
    with open_db() as db:
        assert db["recording_analyses"].count_where("recording_id = ?", [take]) == 2
    at.run()
    assert any(e.label == "Earlier analyses of this take (1)" for e in at.expander)


def test_analysing_a_take_without_a_file_says_why() -> None:
    take = _take(None)
    at = run_page(PAGE)
    assert analysis_jobs.worker().state(take) is None
    next(b for b in at.button if b.label == "Analyse").click().run()
    assert any("has no file" in e.value for e in at.error)
    with open_db() as db:
        assert analysis_jobs.latest_analysis(db, take) is None
