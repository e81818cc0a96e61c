"""The demo tells the truth: takes carry real speech analysed by the app, and the job search is plausible."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lib.demo.run import run_demo
from lib.jobsearch import applications, networking
from lib.media import analysis_jobs, speech
from lib.media.paths import recording_file
from lib.media.probe import probe_media
from lib.storage.db import open_db

TODAY = dt.date(2026, 1, 14)  # early in a year: a sample spread over "the last months" must not reach far back
CLOSED = ("rejected", "withdrawn", "no_response", "accepted")
CURRENT = """SELECT application_id, stage FROM (
    SELECT application_id, stage, ROW_NUMBER() OVER (PARTITION BY application_id ORDER BY on_date DESC, id DESC) AS rn
    FROM stage_events) WHERE rn = 1"""


@pytest.fixture(scope="module")
def shipped_clips() -> list[Path]:
    """The spoken clips the demo's takes are made from."""
    clips = sorted((Path(__file__).resolve().parent.parent / "data" / "demo").glob("*.ogg"))
    assert clips, "no spoken demo clip is shipped"
    return clips


def test_shipped_clips_are_small_and_spoken(shipped_clips):
    assert sum(p.stat().st_size for p in shipped_clips) < 300_000
    for clip in shipped_clips:
        result = speech.analyze_file(clip)
        assert result.words >= 20, result.transcript
        assert result.speaking_s <= result.duration_s <= 30


def test_every_demo_take_stores_the_analysis_of_its_own_file(demo_dir):
    with open_db() as db:
        takes = db.conn.execute("SELECT id, duration_s FROM recordings WHERE status = 'ok'").fetchall()
        assert takes
        for recording_id, recorded_s in takes:
            stored = analysis_jobs.latest_analysis(db, recording_id)
            assert stored is not None and stored["status"] == analysis_jobs.STATUS_DONE
            path = recording_file(db, recording_id)
            fresh = speech.analyze_file(path)
            file_s = probe_media(path).duration_s
            # What the page shows is what the file holds: its length, its talk, its words.
            assert stored["speaking_s"] <= stored["duration_s"] <= file_s + 0.5
            assert abs(stored["duration_s"] - recorded_s) <= 0.5
            assert stored["speaking_s"] == pytest.approx(fresh.speaking_s, abs=0.3)
            assert stored["duration_s"] == pytest.approx(fresh.duration_s, abs=0.1)
            assert stored["words"] == fresh.words
            assert stored["filler_total"] == fresh.filler_total
            assert stored["result"].transcript == fresh.transcript
            assert stored["result"].numbers == fresh.numbers
            # Plausible speech: a few dozen words at a talking pace, a handful of fillers at most.
            assert 10 <= stored["words"] <= stored["speaking_s"] * 4
            assert 90 <= stored["wpm"] <= 240
            assert stored["filler_total"] <= stored["words"] // 5


def _pipeline_facts(today: dt.date) -> dict:
    with open_db() as db:
        stage = dict(db.conn.execute(CURRENT).fetchall())
        unthanked = db.conn.execute(
            """SELECT i.application_id, i.starts_at FROM interviews i WHERE NOT EXISTS
               (SELECT 1 FROM interview_events e WHERE e.interview_id = i.id AND e.kind = 'thank_you_sent')"""
        ).fetchall()
        actions = db.conn.execute(
            """SELECT application_id, due_on FROM application_actions x
               WHERE id = (SELECT MAX(id) FROM application_actions WHERE application_id = x.application_id)"""
        ).fetchall()
        dates = [r[0] for r in db.conn.execute("SELECT on_date FROM stage_events")]
        dates += [r[0] for r in db.conn.execute("SELECT on_date FROM contact_events")]
        dates += [r[0] for r in db.conn.execute("SELECT connected_on FROM contacts WHERE connected_on IS NOT NULL")]
        dates += [r[0][:10] for r in db.conn.execute("SELECT starts_at FROM interviews")]
        dates += [r[0] for r in db.conn.execute("SELECT due_on FROM application_actions")]
        due = applications.follow_ups(db, today) + networking.follow_ups(db, today)
    return {
        "stage": stage,
        "unthanked": unthanked,
        "actions": actions,
        "dates": [dt.date.fromisoformat(d) for d in dates],
        "overdue": [item for item in due if item.due < today],
    }


@pytest.mark.parametrize("scale", [1, 5])
def test_demo_pipeline_is_plausible(data_dir, scale):
    run_demo(scale, today=TODAY)
    facts = _pipeline_facts(TODAY)
    stages = list(facts["stage"].values())
    assert stages.count("accepted") <= 1, "a demo job search ends in at most one accepted offer"
    # Nothing is due on an application that is over: no thank-you, no next action.
    assert not [a for a, _ in facts["unthanked"] if facts["stage"][a] in CLOSED]
    assert not [a for a, _ in facts["actions"] if facts["stage"][a] in CLOSED]
    # A coached job search keeps up: a few follow-ups are late, not dozens.
    assert len(facts["overdue"]) <= 3 * scale, [(i.kind, i.title, i.due) for i in facts["overdue"]]
    # Everything happened in the last months, so every date is this season's, not last year's.
    assert min(facts["dates"]) >= TODAY - dt.timedelta(days=120)
    assert max(facts["dates"]) <= TODAY + dt.timedelta(days=30)
