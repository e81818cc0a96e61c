"""Restores in progress: one at a time per data directory, and the staging folders an interrupted one leaves.

A restore extracts into ``.restore-<stamp>`` inside the data directory while
it holds an exclusive ``flock`` on the directory itself. The kernel drops
that lock when the process ends, kill -9 included, so start-up can tell a
staging folder that a running restore is filling from one left by a restore
that died: if the lock can be taken, no restore is running and every
staging folder is stale.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from lib.core import config
from lib.core.errors import StorageError

STAGING_PREFIX = ".restore-"


def staging_folders(data_dir: Path) -> list[Path]:
    """The staging folders of restores in the data directory (running or interrupted)."""
    try:
        return sorted(p for p in data_dir.glob(f"{STAGING_PREFIX}*") if p.is_dir() and not p.is_symlink())
    except OSError:
        return []


def _try_lock(data_dir: Path) -> int | None:
    """The data directory opened with its restore lock held, or None when another process holds it."""
    fd = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def restore_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data directory's restore lock for a whole restore; a second restore at once is refused."""
    try:
        fd = _try_lock(data_dir)
    except OSError as exc:
        raise StorageError(
            f"the data directory cannot be opened ({exc.strerror or exc}); nothing was changed", where=str(data_dir)
        ) from None
    if fd is None:
        raise StorageError(
            "another restore into this data directory is running; wait for it to finish, then try again "
            "(nothing was changed)",
            where=str(data_dir),
        )
    try:
        yield
    finally:
        os.close(fd)  # releases the lock


def clean_stale_staging(data_dir: Path | None = None) -> int:
    """Remove the staging folders interrupted restores left, unless a restore is running now; returns how many."""
    if data_dir is None:
        try:
            data_dir = config.data_dir()
        except StorageError:
            return 0  # opening the database next says what is wrong with the folder
    stale = staging_folders(data_dir)
    if not stale:
        return 0  # the common case costs one directory listing
    try:
        fd = _try_lock(data_dir)
    except OSError:
        return 0  # a folder that cannot be opened is reported by whatever opens the database next
    if fd is None:
        return 0  # a restore is filling one of them right now
    try:
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(fd)
    return sum(1 for folder in stale if not folder.exists())


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (links not followed); 0 for what cannot be read."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(folder, followlinks=False):
        for name in filenames:
            with contextlib.suppress(OSError):
                path = Path(dirpath) / name
                if not path.is_symlink():
                    total += path.stat().st_size
    return total
