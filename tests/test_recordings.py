"""Storage of takes, their read-back metadata, reviews, partner feedback, deletion, charts and demo."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from lib.core import clock, config
from lib.core.errors import InputError, StorageError
from lib.core.figures import NoData
from lib.demo import media as demo_media
from lib.demo.media_clips import write_demo_take
from lib.media import charts as recordings_charts
from lib.media import checklist, export, mock_plans, paths, recovery, reviews, takes
from lib.media.monitor import TakeMonitor
from lib.media.reviews import Review
from lib.media.takes import TakePlan
from lib.storage.db import transaction
from tests.media import audio_frames, decoded_streams, video_frames

PLAN = TakePlan("question", "Design an AI writing assistant for students", question_id="ps-x", target_seconds=1500)


def _good_review(**changes) -> Review:
    values = dict(
        clarity=4, structure=3, confidence=4, eye_contact=2, filler_words=7, improvements=["Quantify the result"]
    )
    return Review(**{**values, **changes})


@pytest.fixture
def take_id(db) -> int:
    relative, path = paths.new_take_path()
    write_demo_take(path, seconds=2.0)
    return takes.save_take(db, PLAN, relative)


def test_saved_take_row_is_read_back_from_the_file(db, take_id) -> None:
    row = takes.get_recording(db, take_id)
    path = paths.recording_file(db, take_id)
    streams = decoded_streams(path)
    assert row["status"] == "ok" and row["error"] == ""
    assert row["path"].startswith("recordings/") and row["path"].endswith(".mp4")
    assert row["size_bytes"] == path.stat().st_size
    assert (row["has_video"], row["has_audio"]) == (1, 1)
    assert row["video_frames"] == streams["video"]["frames"] == 20
    assert (row["width"], row["height"]) == streams["video"]["size"] == (160, 120)
    assert row["duration_s"] == pytest.approx(2.0, abs=0.1)
    assert row["target_seconds"] == 1500 and row["question_id"] == "ps-x"


def test_take_without_a_file_is_stored_as_failed(db) -> None:
    relative, _ = paths.new_take_path()
    recording_id = takes.save_take(db, PLAN, relative, error="video stream failed: boom")
    row = takes.get_recording(db, recording_id)
    assert row["status"] == "failed"
    assert "video stream failed: boom" in row["error"] and "no file" in row["error"]
    assert row["path"] is None


@pytest.mark.parametrize(
    "bad_path", ["../prep.db", "recordings/../prep.db", "/etc/passwd", "recordings", "elsewhere/x.mp4"]
)
def test_recording_file_refuses_paths_outside_recordings(db, take_id, bad_path) -> None:
    with transaction(db):
        db["recordings"].update(take_id, {"path": bad_path})
    with pytest.raises(InputError, match="outside the recordings folder"):
        paths.recording_file(db, take_id)


def test_recording_file_of_an_unknown_take(db) -> None:
    with pytest.raises(InputError, match="no take"):
        paths.recording_file(db, 999)


def test_missing_file_is_listed_as_missing(db, take_id) -> None:
    paths.recording_file(db, take_id).unlink()
    listed = takes.list_recordings(db)
    assert listed.loc[listed["id"] == take_id, "file"].item() == "missing"
    assert takes.disk_usage(db) == {"bytes": 0, "files": 0, "takes": 1, "missing": 1}


def test_delete_removes_file_row_reviews_and_rows_that_point_at_the_take(db, take_id) -> None:
    path = paths.recording_file(db, take_id)
    reviews.add_review(db, take_id, _good_review())
    with transaction(db):
        db["take_notes"].create(
            {"id": int, "recording_id": int}, pk="id", foreign_keys=[("recording_id", "recordings", "id")]
        )
        db["take_notes"].insert({"recording_id": take_id})
    takes.delete_recording(db, take_id)
    assert not path.exists() and list(path.parent.iterdir()) == []
    assert db["recordings"].count == 0 and db["mock_reviews"].count == 0 and db["take_notes"].count == 0


def test_delete_keeps_the_file_when_the_database_write_fails(db, take_id, monkeypatch) -> None:
    path = paths.recording_file(db, take_id)

    def refuse(*args):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(takes, "_referencing_tables", refuse)
    with pytest.raises(RuntimeError):
        takes.delete_recording(db, take_id)
    assert path.exists()
    assert db["recordings"].count == 1


def test_reviews_are_appended_and_the_latest_is_current(db, take_id) -> None:
    reviews.add_review(db, take_id, _good_review(clarity=2), created_at="2026-01-01T10:00:00")
    reviews.add_review(
        db, take_id, _good_review(clarity=5, stopped_or_restarted=True), created_at="2026-01-02T10:00:00"
    )
    history = reviews.reviews(db, take_id)
    assert list(history["clarity"]) == [2, 5]
    listed = takes.list_recordings(db).iloc[0]
    assert listed["clarity"] == 5 and listed["stopped_or_restarted"] == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"clarity": 0}, "Clarity of communication"),
        ({"structure": 6}, "Structure of answers"),
        ({"confidence": "high"}, "Confidence level"),
        ({"eye_contact": 2.5}, "Eye contact / body language"),
        ({"filler_words": -1}, "Filler words (um, uh, like)"),
        ({"improvements": []}, "Identify 3 areas to improve"),
        ({"improvements": ["a", "b", "c", "d"]}, "Identify 3 areas to improve"),
    ],
)
def test_bad_review_is_refused_with_its_field_and_nothing_is_stored(db, take_id, changes, field) -> None:
    with pytest.raises(InputError) as caught:
        reviews.add_review(db, take_id, _good_review(**changes))
    assert caught.value.field == field
    assert db["mock_reviews"].count == 0


def test_partner_feedback_with_and_without_a_take(db, take_id) -> None:
    reviews.add_partner_feedback(db, "Sam", dt.date.today(), "Execution", _good_review(improvements=[]))
    reviews.add_partner_feedback(
        db, "Ana", "2026-01-05", "Behavioral", _good_review(went_well="Calm"), recording_id=take_id
    )
    stored = reviews.reviews(db)
    assert list(stored["reviewer"]) == ["Sam", "Ana"]
    assert stored["recording_id"].isna().tolist() == [True, False]
    assert set(stored["source"]) == {"partner"}


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("  ", dt.date.today(), "Execution"), "partner"),
        (("Sam", dt.date.today() + dt.timedelta(days=2), "Execution"), "session date"),
        (("Sam", "31/12/2025", "Execution"), "session date"),
        (("Sam", dt.date.today(), "Cooking"), "interview type"),
    ],
)
def test_bad_partner_feedback_is_refused(db, args, field) -> None:
    with pytest.raises(InputError) as caught:
        reviews.add_partner_feedback(db, *args, _good_review())
    assert caught.value.field == field
    assert db["mock_reviews"].count == 0


def test_partner_feedback_against_an_unknown_take_is_refused(db) -> None:
    with pytest.raises(InputError, match="no take"):
        reviews.add_partner_feedback(db, "Sam", dt.date.today(), "Execution", _good_review(), recording_id=42)
    assert db["mock_reviews"].count == 0


def test_recurring_improvements_are_grouped_case_insensitively(db, take_id) -> None:
    reviews.add_review(db, take_id, _good_review(improvements=["Quantify the result", "Slow down"]))
    reviews.add_review(db, take_id, _good_review(improvements=["quantify the  result.", "Eye contact"]))
    counts = reviews.improvement_counts(db)
    assert counts.iloc[0]["count"] == 2 and counts.iloc[0]["improvement"] == "Quantify the result"
    assert len(counts) == 3


def test_partner_form_carries_the_seed_checklist() -> None:
    form = checklist.partner_form_markdown("Execution", ["DAU dropped 10%. How do you investigate?"])
    for label in (
        "Clarity of communication",
        "Structure of answers",
        "Confidence level",
        "Filler words (um, uh, like)",
        "Eye contact / body language",
        "Identify 3 areas to improve",
        "Trade interviewer/interviewee roles",
    ):
        assert label in form
    assert "1. DAU dropped 10%. How do you investigate?" in form


def test_export_writes_nothing_without_takes_or_reviews(db, tmp_path) -> None:
    assert export.export_reviews(db, tmp_path) == []
    assert list(tmp_path.glob("*.md")) == []


def test_export_lists_reviews_and_recurring_improvements(db, take_id, tmp_path) -> None:
    reviews.add_review(db, take_id, _good_review())
    (path,) = export.export_reviews(db, tmp_path)
    text = path.read_text()
    assert "Self review" in text and "Clarity of communication: 4/5" in text and "Quantify the result (1×)" in text


def test_full_mock_has_the_three_rounds_and_rotates(db) -> None:
    plan = mock_plans.full_mock_plan(db)
    assert [r["round"] for r in plan] == ["Product Sense", "Execution", "Behavioral"]
    assert all(r["minutes"] == 30 and r["questions"] for r in plan)
    takes.save_take(db, mock_plans.full_mock_take_plan(), None)
    assert mock_plans.full_mock_plan(db)[2]["questions"] != plan[2]["questions"]


def test_monitor_saves_the_take_when_the_recorder_finishes(db) -> None:
    saved: list[int] = []
    monitor = TakeMonitor(on_saved=saved.append)
    assert monitor.status()["state"] == "idle"
    rec = monitor.factory(PLAN)()
    rec.addTrack(type("T", (), {"kind": "video"})())
    rec.addTrack(type("T", (), {"kind": "audio"})())
    for frame in audio_frames(0.5):
        rec.write_frame("audio", frame)
    for frame in video_frames(1.0):
        rec.write_frame("video", frame)
    assert monitor.status()["state"] == "recording"
    rec.finish()
    status = monitor.status()
    assert status["state"] == "saved" and status["recording_id"] is not None
    assert saved == [status["recording_id"]], "whoever made the monitor hears of the stored take"
    row = takes.get_recording(db, status["recording_id"])
    assert row["status"] == "ok" and row["title"] == PLAN.title and row["has_video"] == 1


def test_demo_adds_takes_with_real_files_and_reviews(db) -> None:
    demo_media.demo_takes(db, 1, random.Random(3), dt.date(2026, 3, 6))
    listed = takes.list_recordings(db)
    assert len(listed) >= 2 and set(listed["file"]) == {"present"} and set(listed["status"]) == {"ok"}
    assert "full_mock" in set(listed["mode"])
    assert listed["clarity"].notna().all()
    assert (reviews.reviews(db)["source"] == "partner").any()


def test_charts_have_a_trace_per_dimension_and_the_improvement_counts(db, take_id) -> None:
    reviews.add_review(db, take_id, _good_review())
    fig = recordings_charts.scores_over_time(reviews.reviews(db))
    assert [t.name for t in fig.data] == list(checklist.SCORE_DIMENSIONS.values())
    assert list(fig.data[0].y) == [4]
    bars = recordings_charts.recurring_improvements(reviews.improvement_counts(db))
    assert list(bars.data[0].customdata) == ["Quantify the result"] and list(bars.data[0].x) == [1]
    empty = recordings_charts.scores_over_time(reviews.reviews(db).iloc[0:0])
    assert isinstance(empty, NoData)


def _interrupted_take(seconds: float = 12.0):
    """A take whose app stopped mid-recording: a plan file and a .part that was never finished."""
    from types import SimpleNamespace

    from lib.media.recorder import TakeRecorder

    relative, path = paths.new_take_path()
    recovery.write_take_plan(path, PLAN)
    rec = TakeRecorder(path)
    rec.addTrack(SimpleNamespace(kind="video"))
    rec.addTrack(SimpleNamespace(kind="audio"))
    audio = iter(audio_frames(seconds))
    for i, frame in enumerate(video_frames(seconds, size=(640, 480))):
        rec.write_frame("video", frame)
        for _ in range(3 if i % 3 else 4):
            rec.write_frame("audio", next(audio))
    part = path.with_name(path.name + ".part")
    data = part.read_bytes() if part.stat().st_size else b""
    rec.finish()  # only to release the encoder; the crash is simulated by the copy below
    path.unlink()
    part.write_bytes(data + b"\x00\x00\x10\x00moof")  # a fragment cut off mid-write
    return path, part


def test_a_take_cut_short_is_recovered_up_to_its_last_complete_fragment(db) -> None:
    import time

    path, part = _interrupted_take()
    assert recovery.recover_interrupted_takes(db, now=time.time()) == [], "too recent: it may still be recording"
    (recording_id,) = recovery.recover_interrupted_takes(db, now=time.time() + recovery.RECOVER_AFTER_S + 1)
    row = takes.get_recording(db, recording_id)
    assert row["status"] == "failed" and "the app stopped during this take" in row["error"]
    assert row["title"] == PLAN.title and row["question_id"] == PLAN.question_id
    assert path.exists() and not part.exists() and not list(path.parent.glob("*.plan.json"))
    streams = decoded_streams(path)
    assert streams["video"]["frames"] > 0 and streams["audio"]["frames"] > 0
    assert row["duration_s"] > 2
    assert recovery.recover_interrupted_takes(db, now=time.time() + 10_000) == []


def test_a_take_still_being_recorded_is_never_recovered(db) -> None:
    import time

    monitor = TakeMonitor()
    rec = monitor.factory(PLAN)()
    rec.addTrack(type("T", (), {"kind": "video"})())
    for frame in video_frames(1.0):
        rec.write_frame("video", frame)
    assert recovery.recover_interrupted_takes(db, now=time.time() + 10_000) == []
    rec.finish()
    assert not list(config.recordings_dir().glob("*.plan.json")), "a stored take leaves no plan behind"


def test_a_finished_take_whose_row_was_not_written_is_stored_later(db, monkeypatch) -> None:
    import time

    monitor = TakeMonitor()
    rec = monitor.factory(PLAN)()

    def database_gone(*args, **kwargs):
        raise StorageError("the disk is full; nothing was saved")

    with monkeypatch.context() as patch:
        patch.setattr(takes, "save_take", database_gone)
        rec.addTrack(type("T", (), {"kind": "video"})())
        for frame in video_frames(1.0):
            rec.write_frame("video", frame)
        rec.finish()
    assert rec.state == "failed" and "disk is full" in rec.error
    assert db["recordings"].count == 0

    (recording_id,) = recovery.recover_interrupted_takes(db, now=time.time() + recovery.RECOVER_AFTER_S + 1)
    row = takes.get_recording(db, recording_id)
    assert row["status"] == "ok" and row["has_video"] == 1 and row["title"] == PLAN.title
    assert recovery.recover_interrupted_takes(db, now=time.time() + 10_000) == []


def test_durations_read_as_clock_times() -> None:
    assert [takes.format_duration(s) for s in (None, float("nan"), 5.4, 75.4, 1800, 5400)] == [
        "—",
        "—",
        "0:05",
        "1:15",
        "30:00",
        "1:30:00",
    ]


def test_unreviewed_takes_are_due_for_review(db, take_id) -> None:
    (item,) = reviews.due_reviews(db, dt.date.today())
    assert (item.kind, item.title, item.page) == ("Review take", PLAN.title, "recordings")
    assert item.due == clock.local(takes.get_recording(db, take_id)["created_at"]).date()
    reviews.add_review(db, take_id, _good_review())
    assert reviews.due_reviews(db, dt.date.today()) == []


@pytest.fixture
def berlin_time(monkeypatch):
    """The machine's local time zone set to Europe/Berlin (UTC+1 in winter) for one test."""
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_take_labels_name_each_take_in_local_time(db, berlin_time) -> None:
    take_id = takes.save_take(db, PLAN, None, created_at="2026-11-25T10:30:00+00:00")
    listed = takes.list_recordings(db)
    assert takes.take_labels(listed, today=dt.date(2026, 12, 1)) == {
        take_id: f"#{take_id} · 25 Nov 11:30 · Single question — Design an AI writing assistant for students"
    }
    assert f"#{take_id} · 25 Nov 2026 11:30 ·" in takes.take_labels(listed, today=dt.date(2027, 1, 4))[take_id]
    assert listed.iloc[0]["recorded"] == "2026-11-25 11:30"
    assert takes.take_labels(listed.head(0)) == {}


def test_a_take_recorded_late_in_the_evening_is_due_on_its_local_day(db, berlin_time) -> None:
    takes.save_take(db, TakePlan("full_mock", "Late mock"), None, created_at="2026-11-25T23:30:00+00:00")
    assert reviews.due_reviews(db, dt.date(2026, 11, 27)) == []  # a failed take (no file) is not reviewed
    relative, path = paths.new_take_path()
    write_demo_take(path, seconds=1.0)
    take_id = takes.save_take(db, TakePlan("full_mock", "Late mock"), relative, created_at="2026-11-25T23:30:00+00:00")
    (item,) = reviews.due_reviews(db, dt.date(2026, 11, 27))
    assert item.due == dt.date(2026, 11, 26)
    reviews.add_review(db, take_id, _good_review())
    assert reviews.reviews(db).iloc[-1]["session_date"] == "2026-11-26"


def test_take_caption_reads_known_and_missing_facts() -> None:
    nan = float("nan")
    known = {"duration_s": 95.2, "target_seconds": 600.0, "size_bytes": 1_500_000, "has_video": 1, "has_audio": 1}
    assert takes.take_caption(known).startswith("95 s of 10 min target · ")
    assert takes.take_caption(known).endswith(" · video + audio")
    unknown = {"duration_s": nan, "target_seconds": nan, "size_bytes": nan, "has_video": 0, "has_audio": 1}
    assert takes.take_caption(unknown) == "— · — · no video + audio"
