"""Sample job materials for the demo: case studies written up, checklists ticked, reflection entries."""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils

from lib.core import clock
from lib.materials.case_studies import TEXT_FIELDS, load_case_studies
from lib.materials.checklists import load_checklists
from lib.storage.db import transaction

_CASE_TEXT = {
    "problem": [
        "People need answers, not ten blue links.",
        "Users waste time on blank-page drafting.",
        "Finding something new to enjoy among millions of items is hard.",
    ],
    "ml_approach": [
        "LLM with retrieval over fresh sources; answers cite them.",
        "Collaborative filtering plus content embeddings, re-ranked per user.",
        "Diffusion model conditioned on the prompt; users choose and refine.",
    ],
    "key_metrics": [
        "Weekly active users, retention at week 4, answer thumbs-up rate.",
        "Acceptance rate, time saved per task, paid conversion.",
        "Saves per session, skip rate, long-term retention.",
    ],
    "what_makes_it_great": [
        "It feels instant and rarely needs a second try.",
        "It lives where the work already happens.",
        "It surprises you with things you did not know you wanted.",
    ],
    "how_to_improve": [
        "Show confidence and let users verify claims in one click.",
        "Learn team style from accepted edits.",
        "Let users steer with a simple 'more like / less like' control.",
    ],
}

_REFLECTIONS = [
    "Structure beats speed: CIRCLES kept me calm even on odd questions.",
    "I can explain RAG and evaluation trade-offs to an engineer without notes.",
    "Twelve weeks ago I could not name an ML metric; now I have a portfolio project.",
]


def case_studies(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """Most starters written up, a few half-done, two of the user's own products added.

    ``scale`` saves each case that many times (versions), written in one batch.
    """
    cs = load_case_studies()
    rows = []
    keys = [(s.id, s.name, s.category) for s in cs.starters] + [
        ("own-1", "Duolingo Max", "AI tutoring"),
        ("own-2", "Grammarly", "writing assistant"),
    ]
    for n, (key, name, category) in enumerate(keys):
        filled = len(TEXT_FIELDS) if n < 8 else rng.randint(1, 3)
        for version in range(scale):
            when = dt.datetime.combine(today - dt.timedelta(days=2), dt.time(9)) + dt.timedelta(minutes=n * 7 + version)
            rows.append(
                {
                    "case_key": key,
                    "name": name,
                    "category": category,
                    **{f: (rng.choice(_CASE_TEXT[f]) if i < filled else "") for i, f in enumerate(TEXT_FIELDS)},
                    "removed": 0,
                    "saved_at": clock.stamp(when),
                }
            )
    with transaction(db):
        db["case_study_versions"].insert_all(rows, batch_size=1000)


def checklists(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """The resume checklist done, LinkedIn half done, a couple of reflection entries."""
    cl = load_checklists()
    at = clock.stamp(dt.datetime.combine(today - dt.timedelta(days=1), dt.time(15)))
    events = [{"list_id": "resume", "item_id": i.id, "done": 1, "at": at} for i in cl.checklist("resume").items]
    events += [
        {"list_id": "linkedin", "item_id": i.id, "done": 1, "at": at} for i in cl.checklist("linkedin").items[:3]
    ]
    events += [
        {"list_id": "before-interview", "item_id": i.id, "done": 1, "at": at}
        for i in cl.checklist("before-interview").items
        if rng.random() < 0.6
    ]
    entries = []
    for n in range(2 * scale):
        prompt = cl.reflection.prompts[n % len(cl.reflection.prompts)]
        entries.append(
            {
                "prompt_id": prompt.id,
                "text": rng.choice(_REFLECTIONS),
                "written_on": (today - dt.timedelta(days=n % 3)).isoformat(),
                "created_at": at,
            }
        )
    with transaction(db):
        db["checklist_events"].insert_all(events, batch_size=1000)
        db["reflection_entries"].insert_all(entries, batch_size=1000)
