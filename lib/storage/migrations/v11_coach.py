"""Schema version 11: answers spoken out loud, and the coach's feedback on answers and takes.

Shipped migration: never edit it. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import sqlite_utils


def m011_coach(db: sqlite_utils.Database) -> None:
    """A practice attempt's audio and transcript, and the coach's feedback (appended; the latest is current)."""
    attempts = db["practice_attempts"]
    # '' for a typed answer: the audio path is relative to the data directory, always under recordings/.
    attempts.add_column("audio_path", str, not_null_default="")
    attempts.add_column("transcript", str, not_null_default="")
    # The spoken answer's delivery metrics (lib.media.speech.Analysis as JSON), '' for a typed answer.
    attempts.add_column("delivery_json", str, not_null_default="")
    db["coach_feedback"].create(
        {
            "id": int,
            "attempt_id": int,
            "recording_id": int,
            "engine": str,
            "score": int,
            "feedback_json": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("attempt_id", "practice_attempts", "id"), ("recording_id", "recordings", "id")],
        not_null={"engine", "score", "feedback_json", "created_at"},
    )
    db["coach_feedback"].create_index(["attempt_id"])
    db["coach_feedback"].create_index(["recording_id"])
