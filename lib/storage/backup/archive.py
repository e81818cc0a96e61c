"""What a backup holds: the file names, the manifest's format, file hashes and the recordings on disk."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from lib.core import config
from lib.storage.backup.staging import folder_bytes, staging_folders

FORMAT = "interview-prep-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_NAME = "prep.db"
RECORDINGS = "recordings"
MATERIALS = "materials"  # the resume and LinkedIn export files the user uploaded
KEEP_PREFIX = "before-restore-"
CHUNK = 1 << 20

Progress = Callable[[float, str], None]


def no_progress(_fraction: float, _label: str) -> None:
    """Progress sink for callers that do not show progress."""


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def recording_files(data_dir: Path) -> list[Path]:
    """Regular files under recordings/, sorted; symlinks are skipped, never followed."""
    return _regular_files(data_dir / RECORDINGS)


def material_files(data_dir: Path) -> list[Path]:
    """Uploaded material files under materials/, sorted; hidden ones (a write not yet finished) are left out."""
    return [p for p in _regular_files(data_dir / MATERIALS) if not p.name.startswith(".")]


def _regular_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def kept_copies(data_dir: Path | None = None) -> list[Path]:
    """The dated folders earlier restores left behind, newest first."""
    data_dir = data_dir or config.data_dir()
    return sorted((p for p in data_dir.glob(f"{KEEP_PREFIX}*") if p.is_dir()), reverse=True)


def disk_usage(data_dir: Path | None = None) -> dict[str, int]:
    """Bytes used by the database (with its WAL), recordings, uploaded materials, kept copies, unfinished restores."""
    data_dir = data_dir or config.data_dir()

    def size(paths) -> int:
        return sum(p.stat().st_size for p in paths if p.is_file() and not p.is_symlink())

    database = size(data_dir / n for n in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"))
    recordings = size(recording_files(data_dir))
    materials = size(material_files(data_dir))
    kept = sum(folder_bytes(k) for k in kept_copies(data_dir))
    # A restore running now, or one killed before start-up could clean it (a folder it cannot remove).
    staging = sum(folder_bytes(s) for s in staging_folders(data_dir))
    return {
        "database": database,
        "recordings": recordings,
        "materials": materials,
        "kept_copies": kept,
        "unfinished_restores": staging,
        "total": database + recordings + materials + kept + staging,
    }
