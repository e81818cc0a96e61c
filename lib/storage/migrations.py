"""The schema as ordered migrations, each applied once inside a transaction.

Append new migrations at the end with the next number; never edit one that
has shipped. ``migrate`` also keeps the data-version triggers in place for
every user table, so new tables need nothing extra for cache invalidation.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils import Migrations

from lib.core.errors import StorageError
from lib.storage.db import transaction

migration = Migrations("interview_prep")


@migration()
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


@migration()
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
    # A materialised view of the reviews, rebuilt by lib.rehearsal.rebuild_cards.
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


@migration()
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


@migration()
def m004_stories(db: sqlite_utils.Database) -> None:
    """STAR stories as versions (edits and deletes append), story-question link events, timed rehearsals."""
    db["story_versions"].create(
        {
            "id": int,
            "story_id": str,
            "title": str,
            "theme_id": str,
            "source": str,
            "situation": str,
            "task": str,
            "action": str,
            "result": str,
            "learning": str,
            "tags": str,
            "deleted": int,
            "created_at": str,
        },
        pk="id",
        not_null={"story_id", "title", "theme_id", "source", "deleted", "created_at"},
        defaults={"deleted": 0},
    )
    db["story_versions"].create_index(["story_id"])
    db["story_links"].create(
        {"id": int, "story_id": str, "question_id": str, "linked": int, "origin": str, "at": str},
        pk="id",
        not_null={"story_id", "question_id", "linked", "at"},
    )
    db["story_links"].create_index(["story_id", "question_id"])
    db["story_rehearsals"].create(
        {"id": int, "story_id": str, "version_id": int, "words": int, "duration_s": float, "rating": int, "at": str},
        pk="id",
        not_null={"story_id", "words", "duration_s", "at"},
    )
    db["story_rehearsals"].create_index(["story_id"])


@migration()
def m005_job_search(db: sqlite_utils.Database) -> None:
    """Companies, applications with an append-only stage history, interviews, contacts.

    The current stage of an application, the feedback on an interview and a
    company's research are never columns that get overwritten: each change is
    a row in an events table and the current value is the latest row.
    """
    db["companies"].create(
        {
            "id": int,
            "name": str,
            "name_key": str,
            "category": str,
            "website": str,
            "priority": int,
            "excitement": int,
            "notes": str,
            "created_at": str,
            "merged_into": int,
        },
        pk="id",
        foreign_keys=[("merged_into", "companies", "id")],
        not_null={"name", "name_key", "created_at"},
        defaults={"category": "", "website": "", "notes": "", "priority": 3, "excitement": 3},
    )
    db.execute("CREATE UNIQUE INDEX idx_companies_live_name ON companies (name_key) WHERE merged_into IS NULL")
    db["company_research"].create(
        {"id": int, "company_id": int, "section": str, "text": str, "at": str},
        pk="id",
        foreign_keys=[("company_id", "companies", "id")],
        not_null={"company_id", "section", "text", "at"},
    )
    db["company_research"].create_index(["company_id", "section"])
    db["applications"].create(
        {
            "id": int,
            "company_id": int,
            "role": str,
            "job_url": str,
            "url_key": str,
            "source": str,
            "resume_version": str,
            "salary_range": str,
            "notes": str,
            "contact_email": str,
            "contact_phone": str,
            "questions_answers": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("company_id", "companies", "id")],
        not_null={"company_id", "role", "created_at"},
        defaults={
            "job_url": "",
            "url_key": "",
            "source": "",
            "resume_version": "",
            "salary_range": "",
            "notes": "",
            "contact_email": "",
            "contact_phone": "",
            "questions_answers": "",
        },
    )
    db["applications"].create_index(["company_id"])
    db.execute("CREATE UNIQUE INDEX idx_applications_url ON applications (url_key) WHERE url_key != ''")
    db["stage_events"].create(
        {"id": int, "application_id": int, "stage": str, "on_date": str, "note": str, "created_at": str},
        pk="id",
        foreign_keys=[("application_id", "applications", "id")],
        not_null={"application_id", "stage", "on_date", "created_at"},
        defaults={"note": ""},
    )
    db["stage_events"].create_index(["application_id", "on_date", "id"])
    db["application_actions"].create(
        {"id": int, "application_id": int, "action": str, "due_on": str, "at": str},
        pk="id",
        foreign_keys=[("application_id", "applications", "id")],
        not_null={"application_id", "action", "at"},
    )
    db["application_actions"].create_index(["application_id"])
    db["interviews"].create(
        {
            "id": int,
            "application_id": int,
            "round_type": str,
            "starts_at": str,
            "duration_min": int,
            "interviewers": str,
            "prep_notes": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("application_id", "applications", "id")],
        not_null={"application_id", "round_type", "starts_at", "created_at"},
        defaults={"interviewers": "", "prep_notes": "", "duration_min": 45},
    )
    db["interviews"].create_index(["application_id"])
    db["interview_events"].create(
        {"id": int, "interview_id": int, "kind": str, "text": str, "at": str},
        pk="id",
        foreign_keys=[("interview_id", "interviews", "id")],
        not_null={"interview_id", "kind", "at"},
        defaults={"text": ""},
    )
    db["interview_events"].create_index(["interview_id", "kind"])
    db["contacts"].create(
        {
            "id": int,
            "name": str,
            "company_id": int,
            "company_name": str,
            "role": str,
            "how_met": str,
            "profile_url": str,
            "url_key": str,
            "email": str,
            "warmth": str,
            "connected_on": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("company_id", "companies", "id")],
        not_null={"name", "created_at"},
        defaults={
            "company_name": "",
            "role": "",
            "how_met": "",
            "profile_url": "",
            "url_key": "",
            "email": "",
            "warmth": "cold",
            "connected_on": "",
        },
    )
    db["contacts"].create_index(["company_id"])
    db.execute("CREATE UNIQUE INDEX idx_contacts_url ON contacts (url_key) WHERE url_key != ''")
    db["contact_events"].create(
        {"id": int, "contact_id": int, "kind": str, "on_date": str, "note": str, "created_at": str},
        pk="id",
        foreign_keys=[("contact_id", "contacts", "id")],
        not_null={"contact_id", "kind", "on_date", "created_at"},
        defaults={"note": ""},
    )
    db["contact_events"].create_index(["contact_id", "on_date", "id"])


@migration()
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


@migration()
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


@migration()
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


# ---- new migrations go above this line, in numeric order ----


def _install_version_triggers(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"
    )
    db.execute("INSERT OR IGNORE INTO _data_version (id, version) VALUES (1, 0)")
    existing = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in db.table_names():
        if table.startswith(("_", "sqlite_")):
            continue
        for op in ("INSERT", "UPDATE", "DELETE"):
            name = f"_dv_{table}_{op.lower()}"
            if name in existing:
                continue
            db.execute(
                f'CREATE TRIGGER "{name}" AFTER {op} ON "{table}" '
                "BEGIN UPDATE _data_version SET version = version + 1 WHERE id = 1; END"
            )


def schema_version(db: sqlite_utils.Database) -> int:
    """How many of the app's migrations this database has applied."""
    return len(migration.applied(db))


LATEST_SCHEMA_VERSION = len(migration._migrations)


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the database to the newest schema; a failing step rolls back and says which."""
    applied = {m.name for m in migration.applied(db)}
    unknown = applied - {m.name for m in migration._migrations}
    if unknown:
        raise StorageError(
            f"the database was written by a newer version of the app (unknown migrations: {', '.join(sorted(unknown))}); "
            "update the app before opening it"
        )
    # Each step takes the write lock first (BEGIN IMMEDIATE) and reads what is
    # pending under it: two processes opening a new database at once then queue
    # on the busy timeout instead of racing to create the same tables, which
    # failed with "database is locked" when a read snapshot went stale.
    while True:
        with transaction(db):
            pending = migration.pending(db)
            if not pending:
                _install_version_triggers(db)
                return
            step = pending[0]
            try:
                migration.apply(db, stop_before=_names_after(step.name))
            except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as exc:
                raise StorageError(
                    f"schema migration '{step.name}' failed and was rolled back; "
                    f"the database stays at version {schema_version(db)}: {exc}"
                ) from exc


def _names_after(name: str) -> list[str]:
    names = [m.name for m in migration._migrations]
    return names[names.index(name) + 1 :]
