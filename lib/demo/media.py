"""Sample takes for the demo data: small generated clips, self-reviewed, a partner's feedback, and their analyses.

Takes and reviews are written through the same functions a user's recording
and review go through; the analyses are made up (a full-length answer with
pace and fillers improving over the week) because the clips hold a tone, not speech.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils

from lib.core import clock
from lib.demo.media_clips import write_demo_take
from lib.media import analysis_jobs, mock_plans, paths, reviews, speech, takes
from lib.media.staging import StagedTakes
from lib.media.takes import TakePlan


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """Demo takes with their reviews, then an analysis of each."""
    demo_takes(db, scale, rng, today)
    demo_analyses(db, scale, rng, today)


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
        write_demo_take(path, seconds=2.0 + rng.random() * 2, hue=rng.randrange(256), freq=180 + 40 * n)
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


_DEMO_SENTENCES = [
    "I would start by clarifying who the students are and what they struggle with when they write.",
    "The goal is to help them improve a draft, not to write it for them.",
    "I'd measure weekly active writers and how many drafts get a second revision.",
    "We tested three prompts with twenty students and the guided one won by 30%.",
    "The biggest risk is trust, so every suggestion shows why it was made.",
]
_DEMO_FILLERS = ["um,", "uh,", "like,", "so,", "you know,", "basically", "actually"]


def _demo_transcript(rng: random.Random, words: int, filler_share: float) -> str:
    """About ``words`` words of sample answer, fillers sprinkled in at roughly ``filler_share`` of them."""
    out: list[str] = []
    sentences = iter(lambda: rng.choice(_DEMO_SENTENCES), None)
    while len(out) < words:
        for word in next(sentences).split():
            if rng.random() < filler_share:
                out.extend(rng.choice(_DEMO_FILLERS).split())
            out.append(word)
    text = " ".join(out)
    return text[0].upper() + text[1:]


def _demo_pauses(rng: random.Random, length: float, count: int) -> list[speech.Pause]:
    """``count`` long pauses spread through an answer of ``length`` seconds."""
    starts = sorted(rng.sample(range(15, max(16, int(length) - 15), 20), k=count)) if count else []
    return [speech.Pause(float(t), round(t + rng.uniform(1.9, 3.2), 2)) for t in starts]


def _demo_segments(length: float, pauses: list[speech.Pause]) -> list[tuple[float, float]]:
    """Speech stretches of a demo answer: everything between the long pauses."""
    edges = [0.8, *[x for p in pauses for x in (p.start_s, p.end_s)], round(length, 2)]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]


def demo_analyses(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """An analysis of each demo take as if it were a full answer, pace and fillers improving over the week."""
    takes = db.conn.execute(
        "SELECT id, mode, target_seconds FROM recordings WHERE status = 'ok' ORDER BY created_at, id"
    ).fetchall()
    for n, (recording_id, mode, target_seconds) in enumerate(takes):
        progress = n / max(1, len(takes) - 1)
        target = speech.talk_target(mode == "story", target_seconds)
        length = min(target[1] if target else 180.0, 300.0) * rng.uniform(0.75, 1.1)
        pauses = _demo_pauses(rng, length, max(0, 3 - n))
        segments = _demo_segments(length, pauses)
        speaking = round(sum(b - a for a, b in segments), 2)
        transcript = _demo_transcript(rng, int(speaking / 60 * (178 - 30 * progress)), 0.1 - 0.07 * progress)
        words = speech.count_words(transcript)
        fillers = speech.count_fillers(transcript)
        i_count, we_count = speech.pronoun_counts(transcript)
        result = speech.Analysis(
            duration_s=round(length + 0.8, 2),
            speaking_s=speaking,
            words=words,
            wpm=round(words / (speaking / 60), 1),
            fillers=fillers,
            fillers_per_min=round(sum(fillers.values()) / (speaking / 60), 2),
            long_pauses=pauses,
            i_count=i_count,
            we_count=we_count,
            numbers=speech.numbers_mentioned(transcript),
            transcript=transcript,
            engine=speech.engine_label(),
            model=speech.DEFAULT_MODEL_LABEL,
            speech_segments=segments,
        )
        analysis_jobs.store_analysis(db, recording_id, result, elapsed_s=length * 0.06)
