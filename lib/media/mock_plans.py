"""What a take is of: one question from the bank, one STAR story, or the seed's full mock interview.

The seed's self mock: "Do full interviews solo: 1. Product Sense (30 min)
2. Execution (30 min) 3. Behavioral (30 min)", recorded in one take without
stopping. Every question comes from the question bank.
"""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from lib.core.errors import InputError
from lib.core.textsafe import one_line
from lib.media.takes import TakePlan
from lib.practice import questions
from lib.stories import store as stories

STORY_TARGET_SECONDS = 180.0  # the seed: "Practice telling in 2-3 minutes"
ROUND_MINUTES = 30
FULL_MOCK_ROUNDS = ("Product Sense", "Execution", "Behavioral")
FULL_MOCK_TARGET_SECONDS = float(len(FULL_MOCK_ROUNDS) * ROUND_MINUTES * 60)
# The bank's question type asked in each round of the full mock.
ROUND_TYPES = {"Product Sense": "product_sense", "Execution": "execution", "Behavioral": "behavioural"}


def question_bank(db: sqlite_utils.Database) -> pd.DataFrame:
    """The practice question bank (id, type, text, target_minutes, ...): shipped and the user's own."""
    return questions.all_questions(db)


def story_options(db: sqlite_utils.Database) -> pd.DataFrame:
    """The current STAR stories as (id, title); empty when there are none."""
    df = stories.current_stories(db)
    return pd.DataFrame({"id": df["story_id"].astype(str), "title": df["title"].astype(str)})


def _round_key(question_type: str) -> str:
    return "".join(ch for ch in str(question_type).lower() if ch.isalpha())


def full_mock_plan(db: sqlite_utils.Database) -> list[dict]:
    """The seed's three 30-minute rounds, each with the bank's questions of its type that fill about 30 minutes.

    Questions rotate with each full mock already recorded, so the next mock asks
    something new. A round whose type has no question in the bank lists none.
    """
    bank = question_bank(db)
    done = db.conn.execute("SELECT COUNT(*) FROM recordings WHERE mode = 'full_mock'").fetchone()[0]
    plan = []
    for name in FULL_MOCK_ROUNDS:
        wanted = _round_key(ROUND_TYPES[name])
        pool = bank[bank["type"].map(_round_key) == wanted] if len(bank) else bank
        items = [(str(r.text), float(r.target_minutes)) for r in pool.itertuples()]
        start = (done * 3) % len(items) if items else 0
        rotated = items[start:] + items[:start]
        chosen, minutes = [], 0.0
        for text, mins in rotated:
            if chosen and minutes + mins > ROUND_MINUTES:
                break
            chosen.append(text)
            minutes += mins
        plan.append({"round": name, "minutes": ROUND_MINUTES, "questions": chosen})
    return plan


def question_plan(db: sqlite_utils.Database, question_id: str) -> TakePlan:
    """A single-question take: titled by the question, timed by its target."""
    bank = question_bank(db)
    match = bank[bank["id"] == question_id]
    if match.empty:
        raise InputError("that question is not in the bank", field="question")
    return question_plan_from_row(match.iloc[0])


def question_plan_from_row(row) -> TakePlan:
    """A single-question take from a row of the question bank."""
    minutes = row["target_minutes"]
    seconds = float(minutes) * 60 if minutes == minutes and minutes else None  # NaN when unset
    return TakePlan("question", one_line(row["text"], 120), question_id=str(row["id"]), target_seconds=seconds)


def story_plan(db: sqlite_utils.Database, story_id: str) -> TakePlan:
    """A STAR story rehearsal: aim for 2-3 minutes."""
    options = story_options(db)
    match = options[options["id"] == str(story_id)]
    if match.empty:
        raise InputError("that story does not exist", field="story")
    return TakePlan(
        "story", one_line(match.iloc[0]["title"], 120), story_id=str(story_id), target_seconds=STORY_TARGET_SECONDS
    )


def full_mock_take_plan() -> TakePlan:
    """A full mock: the three rounds in one take, no stopping or restarting."""
    return TakePlan("full_mock", "Full mock: " + ", ".join(FULL_MOCK_ROUNDS), target_seconds=FULL_MOCK_TARGET_SECONDS)
