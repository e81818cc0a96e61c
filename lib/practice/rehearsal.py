"""Spaced rehearsal of questions and stories with FSRS (the `fsrs` package).

Every review is appended to ``rehearsal_reviews``; a card's state is what the
scheduler makes of its reviews in order. ``rehearsal_cards`` keeps that result
so the due list is one indexed query; ``rebuild_cards`` recomputes it from the
reviews at any time.

Interview answers are rehearsed over days, not minutes, so the scheduler runs
without FSRS's minute-long learning steps.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlite_utils
from fsrs import Card, Rating, Scheduler

from lib.core import clock
from lib.core.errors import InputError
from lib.storage.db import transaction

ITEM_KINDS = ("question", "story")
RATING_LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
_SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_from_score(score: float) -> int:
    """Map a 1–5 self-review average to an FSRS rating (1 Again … 4 Easy)."""
    if score < 2:
        return 1
    if score < 3:
        return 2
    if score < 4.25:
        return 3
    return 4


def _replay(reviews: list[tuple[int, str]]) -> Card:
    card = Card(card_id=1)
    for rating, reviewed_at in reviews:
        card, _ = _SCHEDULER.review_card(card, Rating(rating), dt.datetime.fromisoformat(reviewed_at))
    return card


def record_review(
    db: sqlite_utils.Database,
    item_kind: str,
    item_id: str,
    rating: int,
    *,
    when: dt.datetime | None = None,
    duration_s: float | None = None,
    source: str = "",
) -> dt.datetime:
    """Append a review and update the item's card; returns when it is next due (UTC)."""
    if item_kind not in ITEM_KINDS:
        raise InputError(f"unknown kind '{item_kind}'", field="item_kind")
    if rating not in RATING_LABELS:
        raise InputError("rating must be 1 (Again) to 4 (Easy)", field="rating")
    if not str(item_id).strip():
        raise InputError("missing item", field="item_id")
    reviewed_at = clock.stamp(when or clock.now())
    with transaction(db):
        db["rehearsal_reviews"].insert(
            {
                "item_kind": item_kind,
                "item_id": str(item_id),
                "rating": int(rating),
                "reviewed_at": reviewed_at,
                "duration_s": duration_s,
                "source": source,
            }
        )
        return _refresh_card(db, item_kind, str(item_id))


def _refresh_card(db: sqlite_utils.Database, item_kind: str, item_id: str) -> dt.datetime:
    rows = db.conn.execute(
        "SELECT rating, reviewed_at FROM rehearsal_reviews"
        " WHERE item_kind = ? AND item_id = ? ORDER BY reviewed_at, id",
        (item_kind, item_id),
    ).fetchall()
    card = _replay(rows)
    db["rehearsal_cards"].upsert(
        {
            "item_kind": item_kind,
            "item_id": item_id,
            "card_json": card.to_json(),
            "due": card.due.isoformat(),
            "reviews": len(rows),
            "last_rating": rows[-1][0],
            "last_review": rows[-1][1],
        },
        pk=("item_kind", "item_id"),
    )
    return card.due


def rebuild_cards(db: sqlite_utils.Database) -> int:
    """Recompute every card from the review history; returns how many cards."""
    with transaction(db):
        db.execute("DELETE FROM rehearsal_cards")
        keys = db.conn.execute("SELECT DISTINCT item_kind, item_id FROM rehearsal_reviews").fetchall()
        for kind, item in keys:
            _refresh_card(db, kind, item)
    return len(keys)


def cards(db: sqlite_utils.Database, item_kind: str | None = None) -> pd.DataFrame:
    """All cards with their due date (UTC), number of reviews and last rating."""
    sql = "SELECT item_kind, item_id, due, reviews, last_rating, last_review FROM rehearsal_cards"
    params: tuple = ()
    if item_kind:
        sql += " WHERE item_kind = ?"
        params = (item_kind,)
    df = pd.read_sql_query(sql + " ORDER BY due", db.conn, params=params)
    df["due"] = pd.to_datetime(df["due"], utc=True, format="ISO8601")
    return df


def due_cards(db: sqlite_utils.Database, today: dt.date | None = None, item_kind: str | None = None) -> pd.DataFrame:
    """Cards due by the end of ``today`` (local time), most overdue first."""
    today = today or clock.today()
    end_of_day = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()).astimezone().astimezone(dt.UTC)
    sql = "SELECT item_kind, item_id, due, reviews, last_rating, last_review FROM rehearsal_cards WHERE due < ?"
    params: list = [end_of_day.isoformat()]
    if item_kind:
        sql += " AND item_kind = ?"
        params.append(item_kind)
    df = pd.read_sql_query(sql + " ORDER BY due", db.conn, params=params)
    df["due"] = pd.to_datetime(df["due"], utc=True, format="ISO8601")
    return df


def review_history(db: sqlite_utils.Database, item_kind: str, item_id: str) -> pd.DataFrame:
    """Every review of one item, oldest first."""
    return pd.read_sql_query(
        "SELECT rating, reviewed_at, duration_s, source FROM rehearsal_reviews"
        " WHERE item_kind = ? AND item_id = ? ORDER BY reviewed_at, id",
        db.conn,
        params=(item_kind, str(item_id)),
    )
