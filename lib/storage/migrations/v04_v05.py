"""Schema versions 4-5: STAR stories and the job search.

Shipped migrations: never edit one. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import sqlite_utils


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
