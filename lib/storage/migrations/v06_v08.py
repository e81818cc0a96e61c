"""Schema versions 6-8: webcam takes and reviews, speech analyses, materials.

Shipped migrations: never edit one. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import sqlite_utils


def m006_recordings(db: sqlite_utils.Database) -> None:
    """Webcam takes (one row per take, read back from the saved file) and their reviews.

    A review is a row, never edited: the latest one per take is its current
    review. Partner feedback shares the table, with or without a recording.
    """
    db["recordings"].create(
        {
            "id": int,
            "created_at": str,
            "mode": str,
            "question_id": str,
            "story_id": str,
            "title": str,
            "path": str,
            "duration_s": float,
            "size_bytes": int,
            "has_video": int,
            "has_audio": int,
            "video_frames": int,
            "audio_frames": int,
            "width": int,
            "height": int,
            "target_seconds": float,
            "status": str,
            "error": str,
        },
        pk="id",
        not_null={"created_at", "mode", "title", "status"},
        defaults={"status": "ok", "error": ""},
    )
    db["recordings"].create_index(["created_at"])
    db["recordings"].create_index(["path"], unique=True)
    db["mock_reviews"].create(
        {
            "id": int,
            "created_at": str,
            "source": str,
            "reviewer": str,
            "recording_id": int,
            "session_date": str,
            "interview_type": str,
            "clarity": int,
            "structure": int,
            "confidence": int,
            "eye_contact": int,
            "filler_words": int,
            "stopped_or_restarted": int,
            "went_well": str,
            "notes": str,
            "improve_1": str,
            "improve_2": str,
            "improve_3": str,
        },
        pk="id",
        foreign_keys=[("recording_id", "recordings", "id")],
        not_null={"created_at", "source", "session_date"},
        defaults={"reviewer": "", "went_well": "", "notes": "", "improve_1": "", "improve_2": "", "improve_3": ""},
    )
    db["mock_reviews"].create_index(["recording_id"])


def m007_speech(db: sqlite_utils.Database) -> None:
    """Speech analyses of takes: a row per finished run, re-analysis appends, the latest wins."""
    db["recording_analyses"].create(
        {
            "id": int,
            "recording_id": int,
            "created_at": str,
            "status": str,
            "error": str,
            "duration_s": float,
            "speaking_s": float,
            "words": int,
            "wpm": float,
            "filler_total": int,
            "fillers_per_min": float,
            "long_pause_count": int,
            "i_count": int,
            "we_count": int,
            "engine": str,
            "model": str,
            "elapsed_s": float,
            "result_json": str,
        },
        pk="id",
        foreign_keys=[("recording_id", "recordings", "id")],
        not_null={"recording_id", "created_at", "status"},
        defaults={"error": ""},
    )
    db["recording_analyses"].create_index(["recording_id"])


def m008_materials(db: sqlite_utils.Database) -> None:
    """Case-study versions, checklist ticks, reflection journal and deliverable ticks, all appended."""
    db["case_study_versions"].create(
        {
            "id": int,
            "case_key": str,
            "name": str,
            "category": str,
            "problem": str,
            "ml_approach": str,
            "key_metrics": str,
            "what_makes_it_great": str,
            "how_to_improve": str,
            "removed": int,
            "saved_at": str,
        },
        pk="id",
        not_null={"case_key", "name", "removed", "saved_at"},
        defaults={"removed": 0},
    )
    db["case_study_versions"].create_index(["case_key"])
    db["checklist_events"].create(
        {"id": int, "list_id": str, "item_id": str, "done": int, "at": str},
        pk="id",
        not_null={"list_id", "item_id", "done", "at"},
    )
    db["checklist_events"].create_index(["list_id", "item_id"])
    db["reflection_entries"].create(
        {"id": int, "prompt_id": str, "text": str, "written_on": str, "created_at": str},
        pk="id",
        not_null={"prompt_id", "text", "written_on", "created_at"},
    )
    db["deliverable_ticks"].create(
        {"id": int, "deliverable_id": str, "done": int, "at": str},
        pk="id",
        not_null={"deliverable_id", "done", "at"},
    )
