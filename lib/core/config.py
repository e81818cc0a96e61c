"""Where the user's data lives: PREP_DATA_DIR, else a per-user folder outside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "interview-prep-dashboard"
REPO_ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = REPO_ROOT / "data"


def data_dir() -> Path:
    """The data directory; created on first use."""
    configured = os.environ.get("PREP_DATA_DIR")
    path = Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def db_path() -> Path:
    """Path of the SQLite database inside the data directory."""
    return data_dir() / "prep.db"


def recordings_dir() -> Path:
    """Folder holding webcam takes; file names are always chosen by the app."""
    path = data_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path
