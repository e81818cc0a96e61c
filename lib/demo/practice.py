"""Sample practice for `python -m lib demo`: answers across the five question types, self-reviews, due cards."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random

import sqlite_utils

from lib.core import clock
from lib.practice import frameworks, questions, rehearsal
from lib.practice.attempts import DIMENSIONS, compose_answer
from lib.storage.db import transaction

_DEMO_PLAN = {"product_sense": 5, "execution": 5, "strategy": 3, "technical": 4, "behavioural": 5}
_DEMO_LINES = {
    "product_sense": (
        "Asked who the user is, what success looks like and what is out of scope.",
        "Chose busy students writing essays; the pain is starting and structuring.",
        "Compared an AI coach with templates; AI wins on personal feedback.",
        "Metrics: weekly drafts improved; guardrail: no ghost-written essays.",
        "Recommend a feedback-first coach, piloted with two schools.",
    ),
    "execution": (
        "Goal: weekly active users completing a task; checked the metric definition first.",
        "Hypotheses: logging change, model release, seasonality, competitor launch.",
        "Sized each by impact and effort; the model release is first.",
        "Success: acceptance rate back above 30% within two weeks; latency as guardrail.",
        "Plan: roll back, compare offline evals, add drift alerts.",
    ),
    "strategy": (
        "The company's edge is distribution and first-party data.",
        "Three options: build, partner, or wait a year.",
        "Partnering is fastest but creates dependency on one model vendor.",
        "Recommend partnering now with a build track for the core model.",
        "Success: 10% of users on the new feature in six months at positive margin.",
    ),
    "technical": (
        "In one line: it finds relevant text first, then answers from it.",
        "Documents are chunked, embedded and searched by similarity.",
        "Example: a support assistant citing help-centre articles.",
        "Fails when retrieval misses; measure recall of the retriever separately.",
        "For the PM: freshness of the index and citation UX are product decisions.",
    ),
    "behavioural": (
        "Two weeks before launch our evaluation showed a 12% error rate.",
        "I had to decide whether to ship or delay without authority over the ML team.",
        "I ran a quick error analysis, shared it, and proposed a narrower launch.",
        "We launched to 20% of users; errors fell to 4% and the date held.",
        "I learned to bring data before opinions.",
    ),
}


def _demo_sections(sections: list[str], qtype: str, rng: random.Random) -> dict[str, str]:
    """Plausible answer text for each framework section."""
    lines = _DEMO_LINES[qtype]
    start = rng.randrange(len(lines))
    return {name: lines[(start + i) % len(lines)] for i, name in enumerate(sections)}


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """Attempts across all five types over the past week, self-reviews, and rehearsal cards (some due).

    Rows go in as batches rather than through ``submit_attempt`` and ``review_attempt``:
    a large scale means tens of thousands of answers, and the cards are rebuilt once at the end.
    """
    qs = questions.all_questions(db)
    bank = {r.id: r for r in qs.itertuples()}
    picks: list[str] = []
    for qtype, n in _DEMO_PLAN.items():
        ids = list(qs[qs["type"] == qtype]["id"])
        # Past the bank's size, larger scales mean more attempts at the same questions.
        picks += list(itertools.islice(itertools.cycle(ids), n * scale))
    now = dt.datetime.combine(today, dt.time(20, 0)).astimezone()
    attempts_rows, reviews_rows, rehearsal_rows = [], [], []
    attempt_id = db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM practice_attempts").fetchone()[0]
    for qid in picks:
        q = bank[qid]
        sections = frameworks.answer_sections(q.framework_id)
        repeats = 2 if rng.random() < 0.45 else 1
        first_day = rng.randint(3, 7)
        for n in range(repeats):
            attempt_id += 1
            when = now - dt.timedelta(days=first_day - 2 * n, hours=rng.randint(0, 5))
            taken = int(q.target_minutes * 60 * rng.uniform(0.7, 1.4))
            body = _demo_sections(sections, q.type, rng)
            attempts_rows.append(
                {
                    "id": attempt_id,
                    "question_id": qid,
                    "framework_id": q.framework_id,
                    "sections_json": json.dumps(body),
                    "answer_text": compose_answer(body),
                    "seconds_taken": taken,
                    "target_minutes": int(q.target_minutes),
                    "started_at": clock.stamp(when - dt.timedelta(seconds=taken)),
                    "submitted_at": clock.stamp(when),
                }
            )
            base = 2 + n + rng.random() * 1.5
            scores = {d: max(1, min(5, round(base + rng.uniform(-1, 1)))) for d in DIMENSIONS}
            reviewed = when + dt.timedelta(minutes=10)
            checked = sorted(rng.sample(range(len(q.guide)), k=rng.randint(1, len(q.guide))))
            reviews_rows.append(
                {
                    "attempt_id": attempt_id,
                    **scores,
                    "guide_checked_json": json.dumps(checked),
                    "notes": "Tighten the opening; more on metrics." if n == 0 else "Better structure this time.",
                    "reviewed_at": clock.stamp(reviewed),
                }
            )
            rating = rehearsal.rating_from_score(sum(scores.values()) / len(scores))
            rehearsal_rows.append(
                {
                    "item_kind": "question",
                    "item_id": qid,
                    "rating": rating,
                    "reviewed_at": clock.stamp(reviewed),
                    "duration_s": float(taken),
                    "source": "practice",
                }
            )
    with transaction(db):
        db["practice_attempts"].insert_all(attempts_rows, batch_size=1000)
        db["practice_reviews"].insert_all(reviews_rows, batch_size=1000)
        db["rehearsal_reviews"].insert_all(rehearsal_rows, batch_size=1000)
    rehearsal.rebuild_cards(db)
