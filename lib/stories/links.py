"""Which questions each story answers: link and unlink events, the current links their latest state.

A link is an event (linked / unlinked), never an update, so the history of
what a story was said to answer stays; the current links are each pair's
latest event, for stories still in the bank.
"""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from lib.core import clock
from lib.storage.db import transaction
from lib.stories.store import get_story


def current_links(db: sqlite_utils.Database) -> pd.DataFrame:
    """Story-question pairs whose latest event is 'linked', for stories still in the bank."""
    return pd.read_sql_query(
        """SELECT e.story_id, e.question_id, e.origin, e.at FROM story_links e
           WHERE e.id = (SELECT MAX(id) FROM story_links l
                         WHERE l.story_id = e.story_id AND l.question_id = e.question_id)
             AND e.linked = 1
             AND (SELECT deleted FROM story_versions v WHERE v.story_id = e.story_id ORDER BY v.id DESC LIMIT 1) = 0
           ORDER BY e.story_id, e.question_id""",
        db.conn,
    )


def set_story_links(db: sqlite_utils.Database, story_id: str, question_ids: list[str], origin: str = "manual") -> int:
    """Make ``question_ids`` the questions the story answers; appends one event per change, returns how many."""
    wanted = {str(q).strip() for q in question_ids if str(q).strip()}
    with transaction(db):
        get_story(db, story_id)
        links = current_links(db)
        have = set(links.loc[links["story_id"] == story_id, "question_id"])
        now = clock.now_iso()
        events = [
            {"story_id": story_id, "question_id": q, "linked": 1, "origin": origin, "at": now}
            for q in sorted(wanted - have)
        ]
        events += [
            {"story_id": story_id, "question_id": q, "linked": 0, "origin": origin, "at": now}
            for q in sorted(have - wanted)
        ]
        db["story_links"].insert_all(events)
    return len(events)


def link_story(db: sqlite_utils.Database, story_id: str, question_id: str, origin: str = "manual") -> None:
    """Add one question to the ones a story answers (a confirmed suggestion, say)."""
    links = current_links(db)
    have = list(links.loc[links["story_id"] == story_id, "question_id"])
    set_story_links(db, story_id, [*have, question_id], origin)


def confirm_links(db: sqlite_utils.Database, pairs: list[tuple[str, str]]) -> int:
    """Link each confirmed (story_id, question_id) suggestion, all in one transaction; returns how many were new."""
    added = 0
    with transaction(db):
        links = current_links(db)
        for story_id, question_id in pairs:
            have = list(links.loc[links["story_id"] == story_id, "question_id"])
            added += set_story_links(db, story_id, [*have, question_id], "suggested")
            links = current_links(db)
    return added
