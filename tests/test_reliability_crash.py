"""Nothing confirmed is lost: writers killed at random instants, and two writers at once.

The writers are separate processes running ``tests/reliability_child.py``,
which writes through the app's own lib functions and prints a line for each
write after it has committed. SIGKILL gives SQLite no chance to clean up, so
what survives is exactly what its write-ahead log guarantees.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_page

KILLS = 20
FIRST_START_KILLS = 4
CONCURRENT_WRITES = 500
# Where each kind of confirmed write must be found afterwards: (table, key column).
CONFIRMED_TABLES = {
    "time": ("time_log", "id"),
    "story": ("story_versions", "story_id"),
    "stage": ("stage_events", "id"),
}


def start_child(data_dir: Path, *args: str, stdin: int | None = None) -> subprocess.Popen:
    """A writer process on the test's data directory, its lines readable from stdout."""
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability_child", *args],
        cwd=ROOT,
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def confirmed_lines(output: str) -> list[tuple[str, str]]:
    """(kind, key) of every complete confirmation line; a line cut by the kill is not a confirmation."""
    complete = output[: output.rfind("\n") + 1] if "\n" in output else ""
    pairs = []
    for line in complete.splitlines():
        kind, _, key = line.partition(" ")
        if kind in CONFIRMED_TABLES:
            pairs.append((kind, key))
    return pairs


def integrity(db_file: Path) -> list[str]:
    """SQLite's own full check of the file, read through a plain connection."""
    conn = sqlite3.connect(db_file)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def missing_writes(db_file: Path, confirmed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Confirmed writes that are not in the database."""
    conn = sqlite3.connect(db_file)
    try:
        missing = []
        for kind, key in confirmed:
            table, column = CONFIRMED_TABLES[kind]
            if conn.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", (key,)).fetchone() is None:
                missing.append((kind, key))
        return missing
    finally:
        conn.close()


def kill_at_random_instant(data_dir: Path, tag: str, rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    """Start a writer, SIGKILL it at a random moment of its write loop; returns (writers, confirmed)."""
    proc = start_child(data_dir, "forever", tag)
    ready = proc.stdout.readline()
    assert ready.startswith("ready"), proc.stderr.read()
    time.sleep(rng.uniform(0.0, 0.5))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    output = proc.stdout.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the writer stopped on its own instead of being killed"
    return ready.split()[1].split(","), confirmed_lines(output)


@pytest.mark.timeout(240)
def test_sigkill_at_random_instants_loses_no_confirmed_write(data_dir: Path) -> None:
    rng = random.Random()
    confirmed: list[tuple[str, str]] = []
    writers: list[str] = []
    for round_no in range(KILLS):
        writers, lines = kill_at_random_instant(data_dir, f"k{round_no}", rng)
        confirmed += lines
        # Check after every kill too: a later writer must not paper over damage.
        assert integrity(data_dir / "prep.db") == ["ok"], f"after kill {round_no + 1}"
    kinds = {kind for kind, _ in confirmed}
    assert len(confirmed) > KILLS, "the writers confirmed too little for the test to mean anything"
    assert writers == ["time_writer", "story_writer", "stage_writer"]
    assert kinds == set(CONFIRMED_TABLES), f"no confirmed write of {set(CONFIRMED_TABLES) - kinds}"
    assert missing_writes(data_dir / "prep.db", confirmed) == []
    print(
        f"\nreliability: {KILLS} SIGKILLs survived, {len(confirmed)} confirmed writes all present "
        f"(writers: {', '.join(writers)})"
    )

    for page_path in ("pages/overview.py", "pages/curriculum.py"):
        at = run_page(page_path)
        assert not at.exception, [e.value for e in at.exception]


@pytest.mark.timeout(120)
def test_sigkill_during_first_start_leaves_a_usable_database(tmp_path: Path) -> None:
    """Killed while importing, creating the database or migrating it: the next start finishes the job."""
    from lib.storage import migrations
    from lib.storage.db import open_db

    rng = random.Random()
    for round_no in range(FIRST_START_KILLS):
        folder = tmp_path / f"first-start-{round_no}"
        folder.mkdir()
        proc = start_child(folder, "forever", f"f{round_no}")
        time.sleep(rng.uniform(0.2, 1.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        if (folder / "prep.db").exists():
            assert integrity(folder / "prep.db") == ["ok"], f"after kill {round_no + 1}"
        migrations.prepare(folder / "prep.db")  # the next start
        with open_db(folder / "prep.db") as db:
            assert migrations.schema_version(db) == migrations.LATEST_SCHEMA_VERSION
        assert integrity(folder / "prep.db") == ["ok"]


@pytest.mark.timeout(240)
def test_two_writers_at_once_all_writes_land(data_dir: Path) -> None:
    a = start_child(data_dir, "count", "writer-a", str(CONCURRENT_WRITES), stdin=subprocess.PIPE)
    b = start_child(data_dir, "count", "writer-b", str(CONCURRENT_WRITES), stdin=subprocess.PIPE)
    for proc in (a, b):
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    for proc in (a, b):
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = {}
    for name, proc in (("a", a), ("b", b)):
        out, err = proc.communicate(timeout=200)
        assert proc.returncode == 0, err
        assert "locked" not in err.lower()
        assert out.rstrip().endswith("done")
        results[name] = [int(key) for kind, key in confirmed_lines(out) if kind == "time"]

    assert len(results["a"]) == len(results["b"]) == CONCURRENT_WRITES
    conn = sqlite3.connect(data_dir / "prep.db")
    try:
        stored = {
            tag: conn.execute("SELECT COUNT(*) FROM time_log WHERE note LIKE ?", (f"{tag} #%",)).fetchone()[0]
            for tag in ("writer-a", "writer-b")
        }
        total = conn.execute("SELECT COUNT(*) FROM time_log").fetchone()[0]
    finally:
        conn.close()
    assert stored == {"writer-a": CONCURRENT_WRITES, "writer-b": CONCURRENT_WRITES}
    assert total == 2 * CONCURRENT_WRITES
    # The writes interleaved: each writer committed while the other was mid-run.
    assert min(results["b"]) < max(results["a"]) and min(results["a"]) < max(results["b"])
    assert integrity(data_dir / "prep.db") == ["ok"]
