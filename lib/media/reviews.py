"""Reviews of takes: the user's own against the seed's checklist, and a partner's feedback.

Reviews are rows in ``mock_reviews`` that are never edited: the latest one per
take is current, earlier ones stay as history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.core.dates import not_in_future, parse_date
from lib.core.due import DueItem
from lib.core.errors import InputError
from lib.core.textsafe import one_line
from lib.media.checklist import FILLER_LABEL, IMPROVE_LABEL, INTERVIEW_TYPES, SCORE_DIMENSIONS
from lib.media.takes import MODES, get_recording
from lib.storage.db import transaction


@dataclass
class Review:
    """One filled-in checklist: the user's own after watching a take, or a partner's."""

    clarity: object
    structure: object
    confidence: object
    eye_contact: object
    filler_words: object = 0
    stopped_or_restarted: bool = False
    notes: str = ""
    improvements: list[str] = field(default_factory=list)
    went_well: str = ""


def _score(value: object, name: str) -> int:
    label = SCORE_DIMENSIONS[name]
    if isinstance(value, bool) or value is None or value == "":
        raise InputError("give a score from 1 to 5", field=label)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"'{value}' is not a score from 1 to 5", field=label) from None
    if number != int(number) or not 1 <= number <= 5:
        raise InputError(f"'{value}' is not a score from 1 to 5", field=label)
    return int(number)


def _filler_count(value: object) -> int:
    if isinstance(value, bool) or value is None or value == "":
        return 0
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"'{value}' is not a count", field=FILLER_LABEL) from None
    if number != int(number) or number < 0:
        raise InputError("count whole filler words, zero or more", field=FILLER_LABEL)
    if number > 100_000:
        raise InputError("that is more filler words than a 90-minute take could hold", field=FILLER_LABEL)
    return int(number)


def _validated(review: Review) -> dict:
    improvements = [" ".join(str(i or "").split()) for i in review.improvements]
    improvements = [i for i in improvements if i]
    if len(improvements) > 3:
        raise InputError("name at most three things to improve", field=IMPROVE_LABEL)
    for text in improvements:
        if len(text) > 300:
            raise InputError("keep each thing to improve under 300 characters", field=IMPROVE_LABEL)
    improvements += [""] * (3 - len(improvements))
    return {
        **{name: _score(getattr(review, name), name) for name in SCORE_DIMENSIONS},
        "filler_words": _filler_count(review.filler_words),
        "stopped_or_restarted": int(bool(review.stopped_or_restarted)),
        "notes": str(review.notes or "").strip(),
        "went_well": str(review.went_well or "").strip(),
        "improve_1": improvements[0],
        "improve_2": improvements[1],
        "improve_3": improvements[2],
    }


def add_review(db: sqlite_utils.Database, recording_id: int, review: Review, created_at: str | None = None) -> int:
    """Append the user's own review of a take (an earlier review stays as history)."""
    values = _validated(review)
    if not any(values[f"improve_{i}"] for i in (1, 2, 3)):
        raise InputError("name at least one thing to improve", field=IMPROVE_LABEL)
    with transaction(db):
        take = get_recording(db, recording_id)
        return (
            db["mock_reviews"]
            .insert(
                {
                    "created_at": created_at or clock.now_iso(),
                    "source": "self",
                    "reviewer": "",
                    "recording_id": recording_id,
                    "session_date": clock.local(take["created_at"]).date().isoformat(),
                    "interview_type": MODES.get(take["mode"], take["mode"]),
                    **values,
                }
            )
            .last_pk
        )


def add_partner_feedback(
    db: sqlite_utils.Database,
    partner: str,
    session_date: object,
    interview_type: str,
    review: Review,
    recording_id: int | None = None,
    created_at: str | None = None,
) -> int:
    """Append a partner's feedback, against a take or a session that was not recorded."""
    partner = " ".join(str(partner or "").split())
    if not partner:
        raise InputError("who gave the feedback?", field="partner")
    if len(partner) > 120:
        raise InputError("keep the name under 120 characters", field="partner")
    if interview_type not in INTERVIEW_TYPES:
        raise InputError(f"unknown interview type '{interview_type}'", field="interview type")
    when = _session_date(session_date)
    values = _validated(review)
    with transaction(db):
        if recording_id is not None:
            get_recording(db, recording_id)
        return (
            db["mock_reviews"]
            .insert(
                {
                    "created_at": created_at or clock.now_iso(),
                    "source": "partner",
                    "reviewer": partner,
                    "recording_id": recording_id,
                    "session_date": when.isoformat(),
                    "interview_type": interview_type,
                    **values,
                }
            )
            .last_pk
        )


def _session_date(value: object) -> dt.date:
    return not_in_future(parse_date(value, "session date"), "session date", clock.today())


def reviews(db: sqlite_utils.Database, recording_id: int | None = None) -> pd.DataFrame:
    """Every review (self and partner), oldest first; only one take's when ``recording_id`` is given."""
    sql = "SELECT * FROM mock_reviews"
    params: tuple = ()
    if recording_id is not None:
        sql += " WHERE recording_id = ?"
        params = (recording_id,)
    return pd.read_sql_query(sql + " ORDER BY created_at, id", db.conn, params=params)


def improvement_counts(db: sqlite_utils.Database) -> pd.DataFrame:
    """Things to improve named across all reviews, grouped case-insensitively, most frequent first."""
    rows = db.conn.execute("SELECT improve_1, improve_2, improve_3, source, created_at FROM mock_reviews").fetchall()
    items: dict[str, dict] = {}
    for *texts, source, created in rows:
        for text in texts:
            if not text:
                continue
            key = " ".join(text.lower().split()).rstrip(".")
            entry = items.setdefault(
                key, {"improvement": one_line(text, 80), "count": 0, "last_named": created, "sources": set()}
            )
            entry["count"] += 1
            entry["last_named"] = max(entry["last_named"], created)
            entry["sources"].add(source)
    df = pd.DataFrame(
        [{**e, "sources": ", ".join(sorted(e["sources"]))} for e in items.values()],
        columns=["improvement", "count", "last_named", "sources"],
    )
    return df.sort_values(["count", "last_named"], ascending=[False, False], ignore_index=True)


def due_reviews(db: sqlite_utils.Database, today: dt.date):
    """Takes recorded but not yet watched and reviewed, due from the day they were recorded."""
    rows = db.conn.execute(
        """SELECT r.title, r.created_at FROM recordings r
           WHERE r.status = 'ok' AND NOT EXISTS (
               SELECT 1 FROM mock_reviews v WHERE v.recording_id = r.id AND v.source = 'self')
           ORDER BY r.created_at"""
    ).fetchall()
    return [DueItem("Review take", title, clock.local(created).date(), "recordings") for title, created in rows]
