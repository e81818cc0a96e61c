"""Sample job materials for the demo: case studies, checklists ticked, reflection entries, resume and LinkedIn files.

The resume and LinkedIn files are real ones shipped in ``data/demo/`` (made by
``scripts/demo_materials.py``) and go through the app's own upload check, so
their findings, the checklist items they prove and the job match are the app's
verdicts on them, not numbers typed here.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import sqlite_utils

from lib.core import clock
from lib.jobsearch import applications
from lib.materials import tailoring
from lib.materials import uploads as material_uploads
from lib.materials.case_studies import TEXT_FIELDS, load_case_studies
from lib.materials.checklists import load_checklists
from lib.storage.db import transaction

DEMO_FILES = Path(__file__).resolve().parent.parent.parent / "data" / "demo"
# Oldest first, with how many days ago each was uploaded: the draft, the better version, the LinkedIn export.
UPLOADS = (
    ("resume", "resume-first-draft.pdf", 20),
    ("resume", "resume-later.pdf", 4),
    ("linkedin", "linkedin-export.zip", 3),
)
JOB_DESCRIPTION = """{role}, {company}

About the role
You will own the roadmap for our assistant, built on large language models (LLMs) and
retrieval-augmented generation (RAG), with a cross-functional team of engineers, designers and data scientists.

What you will do
- Define product strategy and OKRs
- Run A/B testing and experimentation to measure impact
- Partner with ML engineers on model evaluation and fine-tuning
- Write clear PRDs and communicate with stakeholders

What we look for
- 4+ years of product management experience
- Hands-on with SQL and Python; familiarity with LangChain or vector databases
- Experience shipping machine learning products
"""

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
    """Before-interview items ticked, a couple of reflection entries (the resume and LinkedIn files prove theirs)."""
    cl = load_checklists()
    at = clock.stamp(dt.datetime.combine(today - dt.timedelta(days=1), dt.time(15)))
    events = [
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


def files(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """Two resume versions and a LinkedIn export checked by the app, and job descriptions with two applications.

    The same few files at any scale: they show the checks, not volume. Needs the job search's applications.
    """
    for kind, name, days_ago in UPLOADS:
        when = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(20, 30))
        material_uploads.add_version(db, kind, (DEMO_FILES / name).read_bytes(), name, at=when)
    saved = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(10))
    tailoring.save_job_description(
        db, None, JOB_DESCRIPTION.format(role="AI Product Manager", company="Assistant Platform"), "", saved
    )
    for app in _tailored_applications(db, today):
        text = JOB_DESCRIPTION.format(role=app["role"], company=app["company"])
        tailoring.save_job_description(db, app["id"], text, "job-description.txt", saved)


def _tailored_applications(db: sqlite_utils.Database, today: dt.date) -> list[dict]:
    """The application the Applications page opens on, and the one with the next interview."""
    pipeline = applications.pipeline(db, today)
    if pipeline.empty:
        return []
    chosen = [int(pipeline["id"].iloc[0])]
    upcoming = db.conn.execute(
        "SELECT application_id FROM interviews WHERE starts_at > ? ORDER BY starts_at LIMIT 1",
        [clock.stamp(dt.datetime.combine(today, dt.time(23, 59)))],
    ).fetchone()
    if upcoming is not None and upcoming[0] not in chosen:
        chosen.append(int(upcoming[0]))
    rows = pipeline.set_index("id").loc[chosen, ["company", "role"]].reset_index()
    return rows.to_dict("records")
