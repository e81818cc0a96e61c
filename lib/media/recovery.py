"""Takes cut short: a note of what each take is of sits next to its file until the take is stored.

When the app or the machine stops mid-take, the note and a half-written
``.part`` file are left behind; the next visit stores what was saved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import time
from pathlib import Path

import sqlite_utils

from lib.core import clock, config
from lib.core.errors import PrepError
from lib.media import takes
from lib.media.paths import EXTENSION, is_writing
from lib.media.takes import TakePlan

log = logging.getLogger(__name__)

RECOVER_AFTER_S = 120  # a take untouched this long is not being written by any process


def plan_file(take_path: Path) -> Path:
    """The note that says what the take at ``take_path`` is of."""
    return take_path.with_suffix(".plan.json")


def write_take_plan(take_path: Path, plan: TakePlan) -> None:
    """Note what a take is of next to its file, so a take cut short by a crash can still be stored."""
    plan_file(take_path).write_text(json.dumps(dataclasses.asdict(plan)), encoding="utf-8")


def complete_fragments_length(path: Path) -> int:
    """Bytes of ``path`` up to the end of its last complete top-level MP4 box.

    A crash stops the writer mid-fragment; everything before that fragment is
    a valid fragmented MP4 on its own.
    """
    size = path.stat().st_size
    end = 0
    with path.open("rb") as f:
        while end + 8 <= size:
            f.seek(end)
            header = f.read(16)
            box = int.from_bytes(header[:4], "big")
            if box == 1 and len(header) >= 16:
                box = int.from_bytes(header[8:16], "big")
            if box < 8 or end + box > size:
                break
            end += box
    return end


def recover_interrupted_takes(db: sqlite_utils.Database, now: float | None = None) -> list[int]:
    """Store takes whose recording was cut short (the app or machine stopped); returns their ids.

    The saved part is kept as a take marked failed, with what happened in its error.
    A finished file whose row could not be written at the time is stored as it is.
    """
    now = time.time() if now is None else now
    recovered = []
    for note in sorted(config.recordings_dir().glob("*.plan.json")):
        take_path = note.with_name(note.name.removesuffix(".plan.json") + EXTENSION)
        part_path = take_path.with_name(take_path.name + ".part")
        newest = max((p.stat().st_mtime for p in (take_path, note, part_path) if p.exists()), default=now)
        if is_writing(take_path) or now - newest < RECOVER_AFTER_S:
            continue
        relative = f"recordings/{take_path.name}"
        if db.conn.execute("SELECT 1 FROM recordings WHERE path = ?", (relative,)).fetchone():
            note.unlink()  # stored already; only the note was left behind
            continue
        try:
            plan = TakePlan(**json.loads(note.read_text(encoding="utf-8")))
        except (ValueError, TypeError, PrepError) as exc:
            log.warning("cannot read %s: %s", note.name, exc)
            continue
        if take_path.exists():
            message = ""
        elif part_path.exists():
            with part_path.open("r+b") as f:
                f.truncate(complete_fragments_length(part_path))
            part_path.rename(take_path)
            message = "the app stopped during this take; what was written before it stopped is kept"
        else:
            relative, message = None, "the app stopped before anything was recorded"
        when = clock.stamp(dt.datetime.fromtimestamp(note.stat().st_mtime, dt.UTC))
        recovered.append(takes.save_take(db, plan, relative, error=message, created_at=when))
        note.unlink()
    return recovered
