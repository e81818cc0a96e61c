"""Where the user's data lives: PREP_DATA_DIR, else a per-user folder outside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from lib.core.errors import StorageError

APP_NAME = "interview-prep-dashboard"
REPO_ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = REPO_ROOT / "data"
_FIX = "set PREP_DATA_DIR to a folder you can write to (it is created if missing)"


def data_dir() -> Path:
    """The data directory; created on first use. A place that is not, or cannot become, a folder is a StorageError."""
    configured = os.environ.get("PREP_DATA_DIR")
    shown = configured or platformdirs.user_data_dir(APP_NAME)
    try:
        path = Path(configured).expanduser() if configured else Path(shown)
        path.mkdir(parents=True, exist_ok=True)
        return path.resolve()
    except FileExistsError:
        raise StorageError(f"the data directory is a file, not a folder; {_FIX}", where=shown) from None
    except NotADirectoryError:
        raise StorageError(f"part of the data directory's path is a file, not a folder; {_FIX}", where=shown) from None
    except (OSError, RuntimeError) as exc:  # no permission, read-only disk, a name too long, an unknown ~user
        reason = getattr(exc, "strerror", None) or str(exc)
        raise StorageError(f"the data directory cannot be created ({reason}); {_FIX}", where=shown) from None


def db_path() -> Path:
    """Path of the SQLite database inside the data directory."""
    return data_dir() / "prep.db"


def recordings_dir() -> Path:
    """Folder holding webcam takes; file names are always chosen by the app."""
    path = data_dir() / "recordings"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"the recordings folder cannot be created ({exc.strerror or exc}); {_FIX}", where=str(path)
        ) from None
    return path
