"""Degraded environments: a read-only data directory, a full disk, a missing recording file.

The read-only directory and the full disk are real: a child process runs in
its own mount namespace (util-linux ``unshare``) where the data directory is a
read-only bind mount or a tiny tmpfs, so SQLite meets the true OS errors.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest

from lib.plan import curriculum, time_log
from lib.storage.db import open_db
from tests.conftest import ROOT, browser_available, run_page

TINY_DISK = "1m"


def unshare_command() -> list[str]:
    """A private mount namespace; without root, inside a user namespace where the caller maps to root."""
    command = ["unshare", "--mount", "--propagation", "private"]
    return command if os.geteuid() == 0 else [*command, "--map-root-user"]


@cache
def mount_namespace_problem() -> str | None:
    """Why a private mount namespace cannot be made here, or None when it can."""
    if shutil.which("unshare") is None:
        return "util-linux unshare is not installed"
    with tempfile.TemporaryDirectory() as scratch:
        probe = subprocess.run(
            [*unshare_command(), "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$0"', scratch],
            capture_output=True,
            text=True,
        )
    if probe.returncode != 0:
        return (
            "unshare --mount is not permitted here (needs root, CAP_SYS_ADMIN or user namespaces): "
            + probe.stderr.strip()
        )
    return None


needs_mount_namespace = pytest.mark.skipif(mount_namespace_problem() is not None, reason=str(mount_namespace_problem()))


def run_in_namespace(setup: str, args: list[str], data_dir: Path, mount_point: Path | None = None) -> dict:
    """Run tests.degraded_child in a new mount namespace after ``setup``.

    ``setup`` is shell; $D is the mount point, by default the data directory.
    """
    script = f'{setup} && exec "$PY" -m tests.degraded_child "$@"'
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir), "D": str(mount_point or data_dir), "PY": sys.executable}
    proc = subprocess.run(
        [*unshare_command(), "sh", "-c", script, "child", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, f"child failed ({proc.returncode}): {proc.stderr[-3000:]}"
    return json.loads(lines[-1].removeprefix("RESULT "))


def log_some_time(n: int) -> list[int]:
    """Entries the user logged before things went wrong."""
    with open_db() as db:
        session = curriculum.load_curriculum().days[0].sessions[0].id
        return [
            time_log.log_time(db, session, 20, dt.date.today() - dt.timedelta(days=i), f"before {i}") for i in range(n)
        ]


def assert_clear_message(seen: dict, *words: str) -> None:
    """No crash, no traceback on the page, and an error that says what is wrong."""
    assert seen["exceptions"] == [], seen
    text = " ".join(seen["errors"]).lower()
    assert any(w in text for w in words), seen
    assert "traceback" not in text and "sqlite3." not in text


@needs_mount_namespace
@pytest.mark.browser
def test_read_only_data_directory_gets_a_clear_message(data_dir: Path) -> None:
    if not browser_available():
        pytest.skip("no /usr/bin/chromium on this machine")
    before = log_some_time(3)
    seen = run_in_namespace('mount --bind "$D" "$D" && mount -o remount,bind,ro "$D"', ["render"], data_dir)
    for url in ("/", "/curriculum"):
        assert_clear_message(seen[url], "read-only")
    assert seen["write"].get("type") == "StorageError", seen["write"]
    conn = sqlite3.connect(data_dir / "prep.db")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert [r[0] for r in conn.execute("SELECT id FROM time_log ORDER BY id")] == before


@needs_mount_namespace
@pytest.mark.browser
def test_data_directory_that_cannot_be_created_gets_a_clear_message(tmp_path: Path) -> None:
    if not browser_available():
        pytest.skip("no /usr/bin/chromium on this machine")
    parent = tmp_path / "read-only-home"
    parent.mkdir()
    seen = run_in_namespace(
        'mount --bind "$D" "$D" && mount -o remount,bind,ro "$D"', ["render"], parent / "prep-data", parent
    )
    for url in ("/", "/curriculum"):
        assert_clear_message(seen[url], "read-only")
    assert seen["write"].get("type") == "StorageError", seen["write"]
    assert list(parent.iterdir()) == []


@needs_mount_namespace
def test_full_disk_while_logging_time_is_a_storage_error_and_nothing_is_lost(data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "after-full-disk"
    outcome = run_in_namespace(f'mount -t tmpfs -o size={TINY_DISK} tmpfs "$D"', ["fill", str(copy)], data_dir)
    assert "crash" not in outcome, outcome
    assert outcome["type"] == "StorageError" and "disk is full" in outcome["error"], outcome
    assert outcome.get("read_crash") is None and outcome["readable_rows"] >= len(outcome["confirmed"]) > 0
    assert outcome["integrity"] == ["ok"]
    conn = sqlite3.connect(copy / "prep.db")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    stored = {r[0] for r in conn.execute("SELECT id FROM time_log")}
    assert set(outcome["confirmed"]) <= stored
    print(
        f"\nreliability: disk full after {len(outcome['confirmed'])} confirmed writes "
        f"on a {TINY_DISK} tmpfs, all present"
    )


def test_missing_recording_file_is_shown_as_missing(data_dir: Path) -> None:
    from lib.demo.media_clips import write_demo_take
    from lib.media import paths
    from lib.media import takes as recordings

    relative, path = paths.new_take_path()
    write_demo_take(path, seconds=1.0)
    with open_db() as db:
        take = recordings.save_take(db, recordings.TakePlan(mode="full_mock", title="Lost take"), relative)
    path.unlink()
    with open_db() as db:
        listed = recordings.list_recordings(db)
    assert listed.set_index("id").loc[take, "file"] == "missing"
    at = run_page("pages/recordings.py")
    assert not at.exception, [e.value for e in at.exception]
    assert any("missing" in str(w.value) for w in at.warning), [w.value for w in at.warning]
