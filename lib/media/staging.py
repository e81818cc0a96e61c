"""Take files written together with their rows: they wait in a hidden folder until the rows commit.

A batch of takes (the demo's sample) writes each file into
``recordings/.staged-<uuid>/`` under the name its row will hold, inserts the
rows inside the caller's one transaction, and moves the files into place only
once that transaction has committed. A process killed before the commit leaves
no row and only the hidden folder; one killed after it leaves the rows and the
files still in the folder. ``settle_staged_takes`` resolves both while holding
the database's write lock, so it never touches a batch that is still being
written (that batch holds the lock): a file whose row exists is moved into
place, any other is deleted, and the folder goes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

import sqlite_utils

from lib.core import config
from lib.media.paths import EXTENSION, new_take_path
from lib.storage.db import open_db, transaction

STAGED_PREFIX = ".staged-"


class StagedTakes:
    """Files of takes whose rows are not committed yet; ``publish`` after the commit, ``discard`` after a failure."""

    def __init__(self) -> None:
        self.folder = config.recordings_dir() / f"{STAGED_PREFIX}{uuid.uuid4().hex}"

    def new_path(self) -> tuple[str, Path]:
        """(the path the row stores, where to write the file until the rows commit)."""
        relative, final = new_take_path()
        self.folder.mkdir(exist_ok=True)
        return relative, self.folder / final.name

    def publish(self) -> None:
        """Move every staged file into ``recordings/`` (the rows naming them are committed)."""
        if self.folder.is_dir():
            for staged in self.folder.iterdir():
                _move_into_place(staged)
        _remove_folder(self.folder)

    def discard(self) -> None:
        """Delete the staged files (their rows were rolled back)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _move_into_place(staged: Path) -> None:
    """Rename a staged file to its name in ``recordings/``; already moved (by a settle) counts as done."""
    with contextlib.suppress(FileNotFoundError):
        os.replace(staged, config.recordings_dir() / staged.name)


def _remove_folder(folder: Path) -> None:
    try:
        folder.rmdir()
    except FileNotFoundError:
        pass
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def staged_folders() -> list[Path]:
    """Hidden folders of staged takes left in ``recordings/``."""
    root = config.recordings_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob(f"{STAGED_PREFIX}*") if p.is_dir())


def settle_staged_takes(db: sqlite_utils.Database) -> int:
    """Finish or undo batches cut short: staged files with a row move into place, the rest go; returns files kept.

    Takes the write lock first (a no-op when the caller's transaction holds it),
    so a batch still writing, which holds that lock, is never touched.
    """
    if not staged_folders():
        return 0  # the usual case: no lock taken on every start
    kept = 0
    with transaction(db):
        for folder in staged_folders():
            for staged in folder.iterdir():
                stored = db.conn.execute(
                    "SELECT 1 FROM recordings WHERE path = ?", (f"recordings/{staged.name}",)
                ).fetchone()
                if stored and staged.suffix == EXTENSION and staged.is_file():
                    _move_into_place(staged)
                    kept += 1
                elif staged.is_dir():
                    shutil.rmtree(staged, ignore_errors=True)
                else:
                    staged.unlink(missing_ok=True)
            _remove_folder(folder)
    return kept


def settle_at_start() -> int:
    """Start-up step: settle what a stopped batch of takes left in ``recordings/`` (nothing to do, no lock taken)."""
    if not staged_folders():
        return 0
    with open_db() as db:
        return settle_staged_takes(db)
