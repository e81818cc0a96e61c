"""Telling stories out loud: logged rehearsals, the pace they imply, and which story to tell next.

Each telling is an FSRS review of the story (``lib.practice.rehearsal``, item
kind "story") and a row in ``story_rehearsals`` with its length and word
count, from which the user's own speaking pace is calibrated.
"""

from __future__ import annotations

import datetime as dt
import statistics

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.core.dates import date_text
from lib.core.due import DueItem
from lib.core.errors import InputError
from lib.practice import rehearsal
from lib.storage.db import transaction
from lib.stories.store import current_stories, get_story, report_for

# Rehearsals outside this span are false starts or a timer left running; they do not calibrate the pace.
CALIBRATION_SECONDS = (30, 600)
CALIBRATION_MIN_REHEARSALS = 3


def log_rehearsal(
    db: sqlite_utils.Database, story_id: str, duration_s: object, rating: int, *, when: dt.datetime | None = None
) -> dt.datetime:
    """Log one telling of a story (its length and a 1-4 self-rating); returns when it is next due."""
    try:
        seconds = float(duration_s)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError("the rehearsal has no duration", field="duration") from None
    if not 1 <= seconds <= 3600:
        raise InputError("a rehearsal lasts between 1 second and an hour", field="duration")
    with transaction(db):
        story = get_story(db, story_id)
        due = rehearsal.record_review(db, "story", story_id, rating, when=when, duration_s=seconds, source="stories")
        at = clock.stamp(when or clock.now())
        db["story_rehearsals"].insert(
            {
                "story_id": story_id,
                "version_id": int(story["version_id"]),
                "words": report_for(story).words,
                "duration_s": seconds,
                "rating": int(rating),
                "at": at,
            }
        )
    return due


def rehearsals(db: sqlite_utils.Database) -> pd.DataFrame:
    """Every logged rehearsal with the story's title then and the pace it implies."""
    df = pd.read_sql_query(
        """SELECT r.id, r.story_id, v.title, r.words, r.duration_s, r.rating, r.at
           FROM story_rehearsals r JOIN story_versions v ON v.id = r.version_id ORDER BY r.at, r.id""",
        db.conn,
    )
    df["wpm"] = (df["words"].astype(float) / (df["duration_s"].astype(float) / 60)).round(1)
    return df


def calibrated_pace(db: sqlite_utils.Database) -> float | None:
    """Median words a minute over plausible rehearsals, once there are enough of them."""
    df = rehearsals(db)
    lo, hi = CALIBRATION_SECONDS
    usable = df[(df["duration_s"] >= lo) & (df["duration_s"] <= hi) & (df["words"] > 0)]
    if len(usable) < CALIBRATION_MIN_REHEARSALS:
        return None
    return round(statistics.median(usable["wpm"]), 1)


def due_stories(db: sqlite_utils.Database, today: dt.date) -> list[DueItem]:
    """Stories whose rehearsal is due (the Overview's due list)."""
    cards = rehearsal.due_cards(db, today, "story")
    if cards.empty:
        return []
    stories = current_stories(db)
    titles = dict(zip(stories["story_id"], stories["title"], strict=False))
    return [
        DueItem("Rehearse story", titles[c.item_id], c.due.to_pydatetime().astimezone().date(), "stories")
        for c in cards.itertuples()
        if c.item_id in titles
    ]


def rehearsal_queue(db: sqlite_utils.Database, today: dt.date) -> pd.DataFrame:
    """Stories in the order to tell them: due or never told first, then by next due date (story_id, title, status)."""
    bank = current_stories(db)[["story_id", "title"]]
    cards = rehearsal.cards(db, "story")
    due = {c.item_id: c.due.to_pydatetime().astimezone().date() for c in cards.itertuples()}
    dates = [due.get(s) for s in bank["story_id"]]
    status = ["never told" if d is None else ("due" if d <= today else f"next on {date_text(d, today)}") for d in dates]
    queue = bank.assign(status=status, order=[dt.date.min if d is None else max(d, today) for d in dates])
    return queue.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)
