"""Where take files live: app-chosen names under ``recordings/``, and stored paths kept inside it."""

from __future__ import annotations

import uuid
from pathlib import Path

import sqlite_utils

from lib.core import config
from lib.core.errors import InputError

EXTENSION = ".mp4"


def new_take_path() -> tuple[str, Path]:
    """A fresh app-chosen file name: (path relative to the data directory, absolute path)."""
    name = f"{uuid.uuid4().hex}{EXTENSION}"
    return f"recordings/{name}", config.recordings_dir() / name


def new_answer_path(extension: str = ".wav") -> tuple[str, Path]:
    """A fresh app-chosen file name for a practice answer spoken out loud: (relative, absolute)."""
    if extension not in (".wav", ".webm", ".mp4"):
        raise InputError(f"unsupported audio type '{extension}'", field="audio")
    name = f"answer-{uuid.uuid4().hex}{extension}"
    return f"recordings/{name}", config.recordings_dir() / name


def resolve_inside_recordings(relative: str | None, recording_id: int | None = None) -> Path:
    """The absolute path of a stored relative path, refused when it leaves ``recordings/``."""
    take = f"take {recording_id}" if recording_id is not None else "the take"
    if not relative:
        raise InputError(f"{take} has no file", field="recording")
    root = config.recordings_dir().resolve()
    path = (config.data_dir() / relative).resolve()
    if not path.is_relative_to(root) or path == root:
        raise InputError(f"{take} points outside the recordings folder", field="path")
    return path


def recording_file(db: sqlite_utils.Database, recording_id: int) -> Path:
    """The absolute file of a take; refuses a row whose path leaves ``recordings/``."""
    row = db.conn.execute("SELECT path FROM recordings WHERE id = ?", (recording_id,)).fetchone()
    if row is None:
        raise InputError(f"no take with id {recording_id}", field="recording")
    return resolve_inside_recordings(row[0], recording_id)


def file_state(relative: str | None) -> str:
    """'present', 'missing', 'no file' or 'refused' (a path that leaves ``recordings/``)."""
    if not relative:
        return "no file"
    try:
        path = resolve_inside_recordings(relative)
    except InputError:
        return "refused"
    return "present" if path.exists() else "missing"


# Files being recorded by this process, never to be "recovered" as takes cut short.
# Kept here rather than in the recorder so that recovery need not import aiortc.
_writing: set[Path] = set()


def start_writing(path: Path) -> None:
    """Mark ``path`` as being recorded by this process."""
    _writing.add(Path(path))


def stop_writing(path: Path) -> None:
    """``path`` is no longer being recorded."""
    _writing.discard(Path(path))


def is_writing(path: Path) -> bool:
    """Whether a recorder of this process is still writing ``path``."""
    return Path(path) in _writing
