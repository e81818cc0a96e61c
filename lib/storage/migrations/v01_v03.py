"""Schema versions 1-3: curriculum time log, spaced rehearsal, practice attempts.

Shipped migrations: never edit one. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import sqlite_utils


def m001_curriculum(db: sqlite_utils.Database) -> None:
    """Time log, activity ticks, day status overrides and settings."""
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["time_log"].create(
        {
            "id": int,
            "day_id": str,
            "session_id": str,
            "minutes": int,
            "logged_on": str,
            "note": str,
            "created_at": str,
            "replaces_id": int,
            "deleted": int,
        },
        pk="id",
        foreign_keys=[("replaces_id", "time_log", "id")],
        not_null={"day_id", "session_id", "minutes", "logged_on", "created_at", "deleted"},
        defaults={"deleted": 0, "note": ""},
    )
    db["time_log"].create_index(["day_id"])
    db["time_log"].create_index(["replaces_id"])
    db["activity_events"].create(
        {"id": int, "activity_id": str, "done": int, "at": str},
        pk="id",
        not_null={"activity_id", "done", "at"},
    )
    db["activity_events"].create_index(["activity_id"])
    db["day_status_events"].create(
        {"id": int, "day_id": str, "status": str, "at": str},
        pk="id",
        not_null={"day_id", "status", "at"},
    )


def m002_rehearsal(db: sqlite_utils.Database) -> None:
    """Spaced rehearsal: every review is a row; cards are derived from them."""
    db["rehearsal_reviews"].create(
        {
            "id": int,
            "item_kind": str,
            "item_id": str,
            "rating": int,
            "reviewed_at": str,
            "duration_s": float,
            "source": str,
        },
        pk="id",
        not_null={"item_kind", "item_id", "rating", "reviewed_at"},
    )
    db["rehearsal_reviews"].create_index(["item_kind", "item_id"])
    # A materialised view of the reviews, rebuilt by lib.practice.rehearsal.rebuild_cards.
    db["rehearsal_cards"].create(
        {
            "item_kind": str,
            "item_id": str,
            "card_json": str,
            "due": str,
            "reviews": int,
            "last_rating": int,
            "last_review": str,
        },
        pk=("item_kind", "item_id"),
    )
    db["rehearsal_cards"].create_index(["due"])


def m003_practice(db: sqlite_utils.Database) -> None:
    """Custom questions, timed answer attempts and their self-reviews (all appended, never updated)."""
    db["custom_questions"].create(
        {
            "id": int,
            "type": str,
            "subtype": str,
            "text": str,
            "target_minutes": int,
            "framework_id": str,
            "guide_json": str,
            "created_at": str,
        },
        pk="id",
        not_null={"type", "subtype", "text", "target_minutes", "framework_id", "guide_json", "created_at"},
    )
    db["practice_attempts"].create(
        {
            "id": int,
            "question_id": str,
            "framework_id": str,
            "sections_json": str,
            "answer_text": str,
            "seconds_taken": int,
            "target_minutes": int,
            "started_at": str,
            "submitted_at": str,
        },
        pk="id",
        not_null={"question_id", "sections_json", "answer_text", "seconds_taken", "target_minutes", "submitted_at"},
    )
    db["practice_attempts"].create_index(["question_id"])
    db["practice_reviews"].create(
        {
            "id": int,
            "attempt_id": int,
            "structure": int,
            "clarity": int,
            "depth": int,
            "ai_specifics": int,
            "guide_checked_json": str,
            "notes": str,
            "reviewed_at": str,
        },
        pk="id",
        foreign_keys=[("attempt_id", "practice_attempts", "id")],
        not_null={"attempt_id", "structure", "clarity", "depth", "ai_specifics", "guide_checked_json", "reviewed_at"},
        defaults={"notes": ""},
    )
    db["practice_reviews"].create_index(["attempt_id"])
