"""Interviews of an application: logging a round, the thank-you note, feedback received.

``starts_at`` is an instant, stored in UTC like every timestamp; the user enters
and reads it in local wall-clock time. Thanks and feedback are rows in
``interview_events``, so the latest feedback is the current one.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.core.dates import date_text
from lib.core.errors import InputError
from lib.jobsearch.common import clean_text, valid_id
from lib.jobsearch.stages import history_bounds
from lib.practice.questions import TYPE_LABELS as PRACTICE_TYPE_LABELS
from lib.storage.db import transaction

# Round types are the practice types (so a round links to what to rehearse), plus the screens every process has.
ROUND_TYPES = {
    "recruiter_screen": "Recruiter screen",
    "hiring_manager": "Hiring manager",
    **PRACTICE_TYPE_LABELS,
    "onsite_loop": "Onsite / loop",
}
THANK_YOU_HOURS = 24
SHOWN_FORMAT = "%Y-%m-%dT%H:%M"  # how a start time is shown and exported: local, to the minute


def add_interview(
    db: sqlite_utils.Database,
    application_id: int | None,
    round_type: str,
    starts_at: dt.datetime,
    *,
    duration_min: int = 45,
    interviewers: str = "",
    prep_notes: str = "",
) -> int:
    """Log an interview (past or upcoming; a naive ``starts_at`` is local time) for an application; returns its id."""
    if application_id is None:
        raise InputError("an interview belongs to an application; add the application first", field="Application")
    application_id = valid_id(application_id, "Application")
    if round_type not in ROUND_TYPES:
        raise InputError(f"unknown round type '{round_type}'", field="Round")
    if not isinstance(starts_at, dt.datetime):
        raise InputError("enter the date and time of the interview", field="Date")
    if not 5 <= int(duration_min) <= 12 * 60:
        raise InputError("an interview lasts 5 minutes to 12 hours", field="Minutes")
    local_start = clock.local(starts_at.replace(second=0, microsecond=0))
    with transaction(db):
        first, _, _ = history_bounds(db, application_id)
        if local_start.date().isoformat() < first:
            today = clock.today()
            day, applied = date_text(local_start.date(), today), date_text(dt.date.fromisoformat(first), today)
            raise InputError(f"{day} is before the application date {applied}", field="Date")
        return (
            db["interviews"]
            .insert(
                {
                    "application_id": application_id,
                    "round_type": round_type,
                    "starts_at": clock.stamp(local_start),
                    "duration_min": int(duration_min),
                    "interviewers": clean_text(interviewers, 500, "Interviewers"),
                    "prep_notes": clean_text(prep_notes, 5000, "Prep notes"),
                    "created_at": clock.now_iso(),
                }
            )
            .last_pk
        )


def _interview_exists(db: sqlite_utils.Database, interview_id: object) -> int:
    interview_id = valid_id(interview_id, "Interview")
    if not db["interviews"].count_where("id = ?", [interview_id]):
        raise InputError(f"interview {interview_id} does not exist", field="Interview")
    return interview_id


def record_feedback(db: sqlite_utils.Database, interview_id: int, text: str) -> None:
    """Append feedback received for an interview (the latest is shown)."""
    text = clean_text(text, 5000, "Feedback received")
    if not text:
        raise InputError("write the feedback first", field="Feedback received")
    with transaction(db):
        interview_id = _interview_exists(db, interview_id)
        db["interview_events"].insert(
            {"interview_id": interview_id, "kind": "feedback", "text": text, "at": clock.now_iso()}
        )


def mark_thank_you_sent(db: sqlite_utils.Database, interview_id: int) -> None:
    """Note that the thank-you email for an interview went out."""
    with transaction(db):
        interview_id = _interview_exists(db, interview_id)
        db["interview_events"].insert(
            {"interview_id": interview_id, "kind": "thank_you_sent", "text": "", "at": clock.now_iso()}
        )


def interviews_table(db: sqlite_utils.Database) -> pd.DataFrame:
    """Interviews, latest first, with their application, latest feedback and whether a thank-you went out.

    ``starts_at`` is local wall-clock time ('2026-11-20T10:00'), as the pages, CSV and calendar show it.
    """
    df = pd.read_sql_query(
        """SELECT i.id, i.application_id, c.name AS company, a.role, i.round_type, i.starts_at, i.duration_min,
                  i.interviewers, i.prep_notes,
                  COALESCE((SELECT text FROM interview_events e WHERE e.interview_id = i.id AND kind = 'feedback'
                            ORDER BY id DESC LIMIT 1), '') AS feedback,
                  EXISTS (SELECT 1 FROM interview_events e
                          WHERE e.interview_id = i.id AND kind = 'thank_you_sent') AS thank_you_sent
           FROM interviews i JOIN applications a ON a.id = i.application_id JOIN companies c ON c.id = a.company_id
           ORDER BY i.starts_at DESC""",
        db.conn,
    )
    df["starts_at"] = df["starts_at"].map(lambda value: clock.local_text(value, SHOWN_FORMAT)).astype(object)
    return df


def interview_labels(interviews: pd.DataFrame, today: dt.date | None = None) -> dict[int, str]:
    """'Company — Round, 20 Nov 10:00' by interview id (from ``interviews_table``), as a person knows it."""
    if interviews.empty:
        return {}
    today = today or clock.today()

    def when(starts_at: str) -> str:
        start = dt.datetime.fromisoformat(starts_at)
        return f"{date_text(start.date(), today)} {start:%H:%M}"

    labels = (
        interviews["company"].astype(str)
        + " — "
        + interviews["round_type"].map(lambda r: str(ROUND_TYPES.get(r)))
        + ", "
        + interviews["starts_at"].map(when)
    )
    return dict(zip(interviews["id"].astype(int).tolist(), labels.tolist(), strict=False))
