"""Sample takes for the demo data: small generated clips, self-reviewed, a partner's feedback, and their analyses.

Takes and reviews are written through the same functions a user's recording
and review go through. Each take's sound is one of the spoken answers shipped
in ``data/demo/`` (a hesitant early one, then a cleaner later one), and its
analysis is the app's own analysis of that sound, so every figure shown for a
demo take is what its file holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from pathlib import Path

import sqlite_utils

from lib.core import clock
from lib.demo.media_clips import CLIPS_DIR, write_demo_take
from lib.media import analysis_jobs, mock_plans, paths, reviews, speech, takes
from lib.media.staging import StagedTakes
from lib.media.takes import TakePlan


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """Demo takes with their reviews, then an analysis of each."""
    demo_takes(db, scale, rng, today)
    demo_analyses(db, scale, rng, today)


# The spoken answers the takes carry: the first half of the week's takes the hesitant one, then the cleaner one.
FIRST_CLIP = CLIPS_DIR / "first-answer.ogg"
LATER_CLIP = CLIPS_DIR / "later-answer.ogg"

_DEMO_IMPROVEMENTS = [
    "Pause instead of saying um",
    "State the structure before diving in",
    "Look at the camera, not the notes",
    "Quantify the result",
    "Clarify the goal first",
    "Summarize the recommendation at the end",
]


def _demo_plans(db: sqlite_utils.Database) -> list[TakePlan]:
    """A question take, a story rehearsal (when the bank has stories) and a full mock."""
    bank = mock_plans.question_bank(db)
    plans = []
    for question_type in ("product_sense", "behavioural", "execution"):
        pool = bank[bank["type"] == question_type] if len(bank) else bank
        if len(pool):
            plans.append(mock_plans.question_plan(db, str(pool.iloc[0]["id"])))
    stories = mock_plans.story_options(db)
    if len(stories):
        plans.append(mock_plans.story_plan(db, stories.iloc[0]["id"]))
    plans.append(mock_plans.full_mock_take_plan())
    return plans


def demo_takes(
    db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date, staged: StagedTakes | None = None
) -> None:
    """A few real (tiny, generated) takes over the past days, self-reviewed, plus partner feedback.

    With ``staged``, the files wait in its hidden folder until the caller's transaction commits.
    """
    plans = _demo_plans(db)
    plans = [plans[i % len(plans)] for i in range(len(plans) + min(scale - 1, 8))]  # media stays small at any scale
    for n, plan in enumerate(plans):
        when = dt.datetime.combine(today - dt.timedelta(days=len(plans) - n), dt.time(9 + n % 8, 30))
        relative, path = staged.new_path() if staged is not None else paths.new_take_path()
        write_demo_take(path, hue=rng.randrange(256), clip=FIRST_CLIP if 2 * n < len(plans) else LATER_CLIP)
        recording_id = takes.save_take(
            db, plan, relative, created_at=clock.stamp(when), staged=path if staged is not None else None
        )
        base = min(5, 2 + n // 2)
        review = reviews.Review(
            clarity=min(5, base + rng.randint(0, 1)),
            structure=base,
            confidence=max(1, min(5, base + rng.randint(-1, 1))),
            eye_contact=max(1, base - 1 + rng.randint(0, 1)),
            filler_words=max(0, 14 - 3 * n + rng.randint(0, 3)),
            stopped_or_restarted=n == 0,
            notes="Watched the playback once through without stopping.",
            improvements=rng.sample(_DEMO_IMPROVEMENTS, 3),
        )
        reviews.add_review(db, recording_id, review, created_at=clock.stamp(when + dt.timedelta(hours=2)))
    partner = reviews.Review(
        clarity=4,
        structure=3,
        confidence=4,
        eye_contact=4,
        filler_words=6,
        went_well="Clear opening and good clarifying questions.",
        improvements=["State the structure before diving in", "Quantify the result"],
        notes="Traded interviewer/interviewee roles, one hour each.",
    )
    reviews.add_partner_feedback(
        db,
        "Sam (PM friend)",
        today - dt.timedelta(days=1),
        "Product Sense",
        partner,
        created_at=clock.stamp(dt.datetime.combine(today - dt.timedelta(days=1), dt.time(19, 0))),
    )


def _take_file(db: sqlite_utils.Database, recording_id: int, staged: StagedTakes | None) -> Path:
    """Where the take's file is now: in the run's staging folder until its rows commit, else in ``recordings/``."""
    if staged is not None:
        relative = db.conn.execute("SELECT path FROM recordings WHERE id = ?", (recording_id,)).fetchone()[0]
        waiting = staged.folder / Path(relative).name
        if waiting.exists():
            return waiting
    return paths.recording_file(db, recording_id)


def demo_analyses(
    db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date, staged: StagedTakes | None = None
) -> None:
    """The app's own analysis of each demo take's file, stored as the analyser would store it.

    Takes made from the same clip carry the same sound, so each distinct sound is
    analysed once and its result stored for every take that holds it: the
    Whisper pass costs seconds per clip, not per take, at any scale.
    """
    found: dict[str, tuple[speech.Analysis, float]] = {}
    for (recording_id,) in db.conn.execute(
        "SELECT id FROM recordings WHERE status = 'ok' ORDER BY created_at, id"
    ).fetchall():
        samples = speech.decode_audio(_take_file(db, recording_id, staged))
        sound = hashlib.sha256(samples.tobytes()).hexdigest()
        if sound not in found:
            started = time.monotonic()
            found[sound] = (speech.analyze_samples(samples), time.monotonic() - started)
        result, elapsed_s = found[sound]
        analysis_jobs.store_analysis(db, recording_id, result, elapsed_s=elapsed_s)
