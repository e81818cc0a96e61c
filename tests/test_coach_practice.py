"""The coach around practice: feedback stored with attempts and takes, attempt N against N-1, the review's
starting point, readiness from coverage, a spoken answer kept with its audio and transcript, and the migration."""

from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.coach import attempts as coached
from lib.coach import spoken, takes
from lib.coach.feedback import Check, Feedback, Part
from lib.core.errors import InputError
from lib.media import analysis_jobs, paths, speech
from lib.plan import readiness
from lib.practice import attempts as practice
from lib.practice import questions, rehearsal
from lib.storage import migrations
from tests import audio

QID = "ps-design-an-ai-writing-assistant-for-students"
STRONG = {
    "Clarify": "The users are high school students writing essays in English. The goal is learning to write, "
    "not getting text produced for them.",
    "Identify": "Their needs are getting started on a blank page, structuring an argument, and feedback on drafts.",
    "Report": "I would build a coach that gives rubric-based feedback on drafts using an LLM, with citations.",
    "List solutions": "A coaching mode instead of ghost-writing, so academic integrity holds, and teachers can "
    "see how the assistant was used.",
    "Evaluate": "I would measure writing improvement over a term, weekly retention and teacher adoption, with "
    "guardrails on misuse and age-appropriate content.",
    "Summarize": "So my recommendation: ship the draft-feedback coach first to one school and grow from there.",
}
WEAK = {"Clarify": "It would be an app. Students would like it a lot."}


def _guide() -> list[str]:
    return list(questions.question(None, QID)["guide"])


def _feedback(covered: list[bool], score: int = 50) -> Feedback:
    guide = tuple(Check(p, c, p[:20] if c else "") for p, c in zip(_guide(), covered, strict=True))
    parts = (Part("Guide points", sum(covered), len(covered), "found"), Part("Framework", 3, 7, "steps"))
    return Feedback(QID, "builtin", 120, guide, (), (), parts, score, (), ())


def test_a_typed_answer_and_its_feedback_are_stored_together_and_quotes_are_verbatim(db):
    result = coached.submit_typed(db, QID, STRONG, 600)
    assert result.feedback is not None and result.note == ""
    stored = coached.attempt_feedback(db, result.attempt_id)
    assert stored == result.feedback
    answer = practice.attempts(db, QID).iloc[0]["answer_text"]
    assert any(c.covered for c in stored.guide)
    for check in (*stored.guide, *stored.framework, *stored.ai_checks):
        assert check.evidence in answer  # every quote is the user's own words, verbatim
    assert db.conn.execute("SELECT COUNT(*) FROM coach_feedback WHERE attempt_id = ?", (result.attempt_id,)).fetchone()


def test_an_empty_answer_stores_neither_attempt_nor_feedback(db):
    with pytest.raises(InputError, match="write an answer"):
        coached.submit_typed(db, QID, {"Clarify": "   "}, 10)
    assert db.conn.execute("SELECT COUNT(*) FROM practice_attempts").fetchone()[0] == 0
    assert db.conn.execute("SELECT COUNT(*) FROM coach_feedback").fetchone()[0] == 0


def test_a_failed_attempt_write_leaves_no_feedback_behind(db):
    """All or nothing: a refused attempt (time out of range) rolls back the feedback stored beside it."""
    with pytest.raises(InputError):
        coached.submit_typed(db, QID, STRONG, 10**9)
    assert db.conn.execute("SELECT COUNT(*) FROM coach_feedback").fetchone()[0] == 0


def test_feedback_is_appended_and_the_latest_is_current(db):
    aid = coached.submit_typed(db, QID, WEAK, 60).attempt_id
    again = _feedback([True] * 5, score=91)
    coached.store_feedback(db, again, attempt_id=aid)
    assert coached.attempt_feedback(db, aid) == again
    assert len(coached.feedback_history(db, aid)) == 2


def test_feedback_belongs_to_exactly_one_attempt_or_take(db):
    with pytest.raises(InputError):
        coached.store_feedback(db, _feedback([False] * 5))
    with pytest.raises(InputError):
        coached.store_feedback(db, _feedback([False] * 5), attempt_id=1, recording_id=1)


def test_history_compares_attempt_n_with_n_minus_one(db):
    first = coached.submit_typed(db, QID, WEAK, 60)
    second = coached.submit_typed(db, QID, STRONG, 600)
    by_attempt = coached.question_feedback(db, QID)
    assert set(by_attempt) == {first.attempt_id, second.attempt_id}
    progress = coached.compare(by_attempt[first.attempt_id], by_attempt[second.attempt_id])
    covered_now = {c.name for c in by_attempt[second.attempt_id].guide if c.covered}
    covered_before = {c.name for c in by_attempt[first.attempt_id].guide if c.covered}
    assert set(progress.newly_covered) == covered_now - covered_before
    assert progress.newly_covered  # the strong answer covers points the weak one did not
    assert progress.score_change == by_attempt[second.attempt_id].score - by_attempt[first.attempt_id].score


@given(before=st.lists(st.booleans(), min_size=5, max_size=5), after=st.lists(st.booleans(), min_size=5, max_size=5))
def test_compare_partitions_the_guide(before, after):
    progress = coached.compare(_feedback(before), _feedback(after))
    guide = _guide()
    assert list(progress.newly_covered) == [p for p, b, a in zip(guide, before, after, strict=True) if a and not b]
    assert list(progress.no_longer_covered) == [p for p, b, a in zip(guide, before, after, strict=True) if b and not a]
    assert list(progress.still_missing) == [p for p, a in zip(guide, after, strict=True) if not a]


@given(covered=st.lists(st.booleans(), min_size=5, max_size=5), score=st.integers(0, 100))
def test_the_review_starts_from_the_coachs_reading(covered, score):
    ticked, scores = coached.suggested_review(_feedback(covered, score), _guide())
    assert ticked == [i for i, c in enumerate(covered) if c]
    assert set(scores) == set(practice.DIMENSIONS) and all(1 <= v <= 5 for v in scores.values())
    # More guide points covered never suggests less depth.
    assert scores["depth"] == max(1, min(5, 1 + round(4 * sum(covered) / 5)))


def test_fsrs_schedules_on_the_users_final_rating_not_the_coachs(db):
    aid = coached.submit_typed(db, QID, STRONG, 600).attempt_id
    _, suggested = coached.suggested_review(coached.attempt_feedback(db, aid), _guide())
    final = dict.fromkeys(practice.DIMENSIONS, 1)  # the user disagrees with the coach: it went badly
    assert final != suggested
    practice.review_attempt(db, aid, final, [])
    assert rehearsal.review_history(db, "question", QID)["rating"].tolist() == [rehearsal.rating_from_score(1)]


def test_readiness_counts_guide_coverage_of_the_latest_answers(db):
    before = readiness.practice_part({"Product sense": (1, 1)}, [], readiness.guide_coverage(db))
    assert "guide points covered: none measured yet" in before.missing
    coached.submit_typed(db, QID, WEAK, 60)
    coached.store_feedback(db, _feedback([True, True, False, False, False]), attempt_id=1)
    assert readiness.guide_coverage(db) == (2, 5)
    part = readiness.practice_part({"Product sense": (1, 1)}, [], readiness.guide_coverage(db))
    assert part.progress == pytest.approx((1 + (2 / 5) / readiness.COVERAGE_TARGET) / 2)
    assert any("40%" in m for m in part.missing) and "40% of guide points covered" in part.have
    coached.store_feedback(db, _feedback([True] * 5), attempt_id=1)
    assert readiness.practice_part({"Product sense": (1, 1)}, [], readiness.guide_coverage(db)).done


def test_readiness_on_demo_data_runs_with_coverage(demo_dir):
    from lib.storage.db import open_db

    with open_db() as db:
        found = {p.key: p for p in readiness.parts(db)}
    assert "guide points" in " ".join(found["practice"].missing) or found["practice"].done


# ---------------------------------------------------------------- spoken answers and takes

needs_speech = pytest.mark.skipif(not audio.tools_available(), reason="espeak-ng and sox make the spoken clip")
SPOKEN = [
    "I would start with high school students who write essays, and the goal is learning, not output",
    "Their needs are getting started, structuring an argument and feedback on drafts",
    "I would measure writing improvement, retention and teacher adoption",
]


@pytest.fixture(scope="module")
def spoken_wav(tmp_path_factory) -> bytes:
    if not audio.tools_available():
        pytest.skip("espeak-ng and sox are needed")
    path = tmp_path_factory.mktemp("spoken") / "answer.wav"
    audio.spoken_clip(path, SPOKEN, [0.6, 2.4])
    return path.read_bytes()


@needs_speech
def test_a_spoken_answer_is_kept_with_its_audio_transcript_delivery_and_feedback(db, data_dir, spoken_wav):
    stages = []
    result = spoken.answer_out_loud(db, QID, spoken_wav, progress=lambda stage, f: stages.append(stage))
    row = practice.attempts(db, QID).iloc[0]
    assert row["audio_path"].startswith("recordings/answer-") and row["audio_path"].endswith(".wav")
    assert (data_dir / row["audio_path"]).read_bytes() == spoken_wav
    assert "students" in row["transcript"].lower() and row["answer_text"] == row["transcript"]
    assert row["delivery"]["wpm"] > 0 and len(row["delivery"]["long_pauses"]) == 1
    assert "Transcribing" in stages
    assert result.feedback is not None and result.feedback.transcript == row["transcript"]
    assert coached.attempt_feedback(db, result.attempt_id) == result.feedback
    for check in result.feedback.guide:
        assert check.evidence in row["transcript"]


def test_a_silent_recording_is_refused_and_leaves_no_file(db, data_dir, tmp_path):
    silence = audio.silent_clip(tmp_path / "silence.wav", 2.0).read_bytes()
    with pytest.raises(InputError, match="silent"):
        spoken.answer_out_loud(db, QID, silence)
    assert list((data_dir / "recordings").glob("answer-*")) == []
    assert db.conn.execute("SELECT COUNT(*) FROM practice_attempts").fetchone()[0] == 0


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=64))
def test_bytes_that_are_not_audio_are_refused_before_anything_is_written(db, data_dir, junk):
    with pytest.raises(InputError):
        spoken.answer_out_loud(db, QID, junk)
    assert list((data_dir / "recordings").glob("answer-*")) == []


def test_the_audio_path_is_chosen_by_the_app_and_read_back_only_inside_recordings():
    relative, absolute = paths.new_answer_path()
    assert relative == f"recordings/{absolute.name}" and absolute.name.startswith("answer-")
    assert spoken.answer_audio("../prep.db") is None and spoken.answer_audio("") is None
    with pytest.raises(InputError):
        paths.new_answer_path("/../../x")


@needs_speech
def test_a_take_tied_to_a_question_gets_content_feedback_once_transcribed(db, tmp_path, spoken_wav):
    wav = tmp_path / "take.wav"
    wav.write_bytes(spoken_wav)
    result = speech.analyze_file(audio.as_mp4(wav))
    rid = (
        db["recordings"]
        .insert(
            {
                "created_at": "2026-03-01T10:00:00+00:00",
                "mode": "question",
                "question_id": QID,
                "title": "t",
                "path": None,
            }
        )
        .last_pk
    )
    assert takes.take_feedback(db, rid) == (None, "")  # no transcript yet: nothing to coach
    analysis_jobs.store_analysis(db, rid, result, 1.0)
    feedback, note = takes.take_feedback(db, rid)
    assert note == "" and feedback is not None and feedback.question_id == QID
    assert takes.take_feedback(db, rid)[0] == feedback
    assert db.conn.execute("SELECT COUNT(*) FROM coach_feedback WHERE recording_id = ?", (rid,)).fetchone()[0] == 1


def test_a_take_without_a_question_is_not_coached(db):
    rid = (
        db["recordings"]
        .insert({"created_at": "2026-03-01T10:00:00+00:00", "mode": "full_mock", "title": "t", "path": None})
        .last_pk
    )
    assert takes.take_feedback(db, rid) == (None, "")


# ---------------------------------------------------------------- the migration


def test_the_coach_migration_keeps_every_attempt_of_an_older_database(tmp_path, monkeypatch):
    path = tmp_path / "old" / "prep.db"
    path.parent.mkdir()
    monkeypatch.setenv("PREP_DATA_DIR", str(path.parent))
    from lib.storage.db import open_db

    with open_db(path) as db:
        migrations.migration.apply(db, stop_before=["m011_coach"])
        db["practice_attempts"].insert(
            {
                "question_id": QID,
                "framework_id": "circles",
                "sections_json": json.dumps({"Clarify": "old answer"}),
                "answer_text": "Clarify\nold answer",
                "seconds_taken": 60,
                "target_minutes": 25,
                "submitted_at": "2026-01-01T10:00:00+00:00",
            }
        )
    migrations.prepare(path)
    with open_db(path) as db:
        row = practice.attempts(db).iloc[0]
        assert row["answer_text"] == "Clarify\nold answer" and row["audio_path"] == "" and row["delivery"] is None
        assert coached.attempt_feedback(db, int(row["id"])) is None
        with pytest.raises(sqlite3.IntegrityError):
            db.conn.execute("INSERT INTO coach_feedback (engine, score, created_at) VALUES ('builtin', 1, 'x')")
