"""`python -m lib demo`: a realistic sample in an empty data directory."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from lib.core import clock
from lib.core.errors import InputError
from lib.demo import jobsearch, materials, media, plan, practice, stories
from lib.storage.db import open_db

# In order: later steps build on what earlier ones wrote (stories link questions, takes follow interviews).
# Each fills sample data as step(db, scale, rng, today); the label is what the progress line says.
DEMO_STEPS = (
    ("plan.curriculum", plan.demo),
    ("practice.attempts", practice.demo),
    ("materials.case_studies", materials.case_studies),
    ("materials.checklists", materials.checklists),
    ("demo.stories", stories.demo),
    ("jobsearch.common", jobsearch.demo),
    ("media.takes", media.demo_takes),
    ("media.analysis_jobs", media.demo_analyses),
)


def user_row_count(db) -> int:
    """Rows in user tables (anything but bookkeeping); zero for a fresh database."""
    total = 0
    for table in db.table_names():
        if table.startswith(("_", "sqlite_")):
            continue
        total += db.conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    return total


def run_demo(
    scale: int = 1,
    *,
    seed: int = 12,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Fill the configured data directory with sample data; refuses one that holds data."""
    if not isinstance(scale, int) or scale < 1 or scale > 1000:
        raise InputError("scale must be a whole number from 1 to 1000", field="--scale")
    today = today or clock.today()
    rng = random.Random(seed)
    with open_db() as db:
        if user_row_count(db):
            raise InputError("the data directory already holds data; demo only fills an empty one")
        for label, step in DEMO_STEPS:
            if progress:
                progress(label)
            step(db, scale, rng, today)
