"""`python -m lib demo`: a realistic sample in an empty data directory, all or nothing.

The whole sample is one transaction: the emptiness check and every step run
under one write lock (``BEGIN IMMEDIATE``), so a second demo started at the
same time waits, then finds the data and refuses; a demo that fails or is
killed leaves no row. The take files are written into a hidden staging folder
and moved into ``recordings/`` only after the commit; what a killed demo left
there is settled (moved into place or deleted) under the same lock before the
next demo looks, and at start-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import sqlite3
from collections.abc import Callable

from lib.core import clock
from lib.core.errors import InputError, PrepError, StorageError
from lib.demo import jobsearch, materials, media, plan, practice, stories
from lib.materials import uploads
from lib.media.staging import StagedTakes, settle_staged_takes
from lib.storage.db import BUSY_TIMEOUT_MS, open_db, transaction

# In order: later steps build on what earlier ones wrote (stories link questions, takes follow interviews).
# Each fills sample data as step(db, scale, rng, today); the label is what the progress line says.
DEMO_STEPS = (
    ("plan.curriculum", plan.demo),
    ("practice.attempts", practice.demo),
    ("materials.case_studies", materials.case_studies),
    ("materials.checklists", materials.checklists),
    ("demo.stories", stories.demo),
    ("jobsearch.common", jobsearch.demo),
    ("materials.files", materials.files),
    ("media.takes", media.demo_takes),
    ("media.analysis_jobs", media.demo_analyses),
)
# Steps that write or read take files: they are also given the run's staging folder as ``staged``.
STEPS_WITH_FILES = (media.demo_takes, media.demo_analyses)

REFUSAL = "the data directory already holds data; demo only fills an empty one"
# A demo queued behind another writer (another demo, an import, a restore) waits this long for it.
WAIT_FOR_WRITER_S = 600


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
    """Fill the configured data directory with sample data in one transaction; refuses one that holds data."""
    if not isinstance(scale, int) or scale < 1 or scale > 1000:
        raise InputError("scale must be a whole number from 1 to 1000", field="--scale")
    today = today or clock.today()
    rng = random.Random(seed)
    staged = StagedTakes()
    files_written = False  # uploaded files are written as their rows are; a rollback leaves them to remove
    with open_db() as db:
        # Queue behind another writer (a second demo, an import) rather than fail after the usual 30 s.
        db.conn.execute(f"PRAGMA busy_timeout = {WAIT_FOR_WRITER_S * 1000}")
        try:
            with transaction(db):
                db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                settle_staged_takes(db)  # what a demo killed earlier left behind
                if user_row_count(db):
                    raise InputError(REFUSAL)
                for label, step in DEMO_STEPS:
                    if progress:
                        progress(label)
                    files_written = files_written or step is materials.files
                    if step in STEPS_WITH_FILES:
                        step(db, scale, rng, today, staged=staged)
                    else:
                        step(db, scale, rng, today)
        except StorageError as exc:
            staged.discard()
            if files_written:
                _remove_material_files(db)
            if "locked" in str(exc):
                raise StorageError(
                    f"another command kept the data directory busy for {WAIT_FOR_WRITER_S // 60} minutes; "
                    "nothing was written, try again when it has finished"
                ) from exc
            raise
        except BaseException:
            staged.discard()
            if files_written:
                _remove_material_files(db)
            raise
    staged.publish()


def _remove_material_files(db) -> None:
    """After a rollback: the uploaded files whose rows went with it (the next upload would remove them anyway)."""
    for kind in uploads.KINDS:
        with contextlib.suppress(PrepError, sqlite3.Error, OSError):
            uploads.sweep_orphans(db, kind)
