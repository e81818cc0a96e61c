"""`demo` is all or nothing: one sample or a clear refusal, whatever runs beside it or stops it midway."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.core import config
from lib.demo.run import REFUSAL, run_demo
from lib.media import staging, takes
from lib.media.takes import TakePlan
from lib.storage.db import open_db, transaction

ROOT = Path(__file__).resolve().parent.parent
PLAN = TakePlan("question", "Staged take", question_id="q1")


def _start_demo(data: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PREP_DATA_DIR": str(data)}
    return subprocess.Popen(
        [sys.executable, "-m", "lib", "demo", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _row_counts(data: Path) -> dict[str, int]:
    """Rows per user table; empty when there is no database yet."""
    path = data / "prep.db"
    if not path.exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("_", "sqlite_"))
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _take_files(data: Path) -> set[str]:
    """Take files in recordings/ as their rows would name them (staged leftovers are hidden, not takes)."""
    folder = data / "recordings"
    return {f"recordings/{p.name}" for p in folder.glob("*.mp4")} if folder.is_dir() else set()


def _stored_paths(data: Path) -> set[str]:
    if not (data / "prep.db").exists():
        return set()
    conn = sqlite3.connect(data / "prep.db")
    try:
        return {r[0] for r in conn.execute("SELECT path FROM recordings WHERE path IS NOT NULL")}
    except sqlite3.OperationalError:
        return set()  # killed before the schema was made
    finally:
        conn.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, int]]:
    """Row counts of one finished demo at scale 1 and at scale 20, made in a process of their own."""
    counts = {}
    for scale in (1, 20):
        data = tmp_path_factory.mktemp(f"reference-{scale}")
        done = _start_demo(data, "--scale", str(scale))
        _, err = done.communicate(timeout=300)
        assert done.returncode == 0, err
        counts[scale] = _row_counts(data)
    return counts


def _check_one_sample(data: Path, results: list, reference) -> None:
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    refused = next(err for code, _, err in results if code == 1)
    assert refused == f"error: {REFUSAL}\n"
    assert _row_counts(data) == reference[1]
    assert _take_files(data) == _stored_paths(data) and len(_take_files(data)) == reference[1]["recordings"]
    assert not list((data / "recordings").glob(".staged-*"))


def test_two_demos_at_once_on_a_new_folder_make_one_sample(tmp_path: Path, reference) -> None:
    data = tmp_path / "new"  # not even created: both also race to make the database
    runs = [_start_demo(data), _start_demo(data)]
    _check_one_sample(data, [(p.wait(timeout=300), *p.communicate()) for p in runs], reference)


def test_two_demos_released_at_the_same_instant_make_one_sample(data_dir: Path, reference) -> None:
    """Both demos reach an empty database while another writer holds it, then start together."""
    holder = sqlite3.connect(data_dir / "prep.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    runs = [_start_demo(data_dir), _start_demo(data_dir)]
    time.sleep(4)  # both have started and queue behind the writer
    holder.execute("ROLLBACK")
    holder.close()
    _check_one_sample(data_dir, [(p.wait(timeout=300), *p.communicate()) for p in runs], reference)


def _let_run(proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)


def test_a_demo_killed_at_any_moment_leaves_nothing_or_everything(tmp_path: Path, reference) -> None:
    rng = random.Random(20)
    # From before the database exists to the last step (a scale-20 demo runs about 3 s here).
    moments = [0.3, 0.8, 1.2, 1.6, 2.0, 2.4] + [rng.uniform(0.2, 3.5) for _ in range(3)]
    outcomes = []
    for n, moment in enumerate(moments):
        data = tmp_path / f"killed-{n}"
        proc = _start_demo(data, "--scale", "20")
        _let_run(proc, moment)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        counts = _row_counts(data)
        files, stored = _take_files(data), _stored_paths(data)
        if any(counts.values()):
            assert counts == reference[20], f"killed at {moment:.2f} s: a partial sample"
            outcomes.append("full")
        else:
            assert files == set(), f"killed at {moment:.2f} s: take files without rows"
            outcomes.append("empty")
        assert stored <= files | _staged_names(data), f"killed at {moment:.2f} s: a row without its file"
        again = _start_demo(data)
        _, err = again.communicate(timeout=300)
        if outcomes[-1] == "full":
            assert again.returncode == 1 and err == f"error: {REFUSAL}\n"
            assert _row_counts(data) == reference[20]
        else:
            assert again.returncode == 0, err
            assert _row_counts(data) == reference[1]
        # Whatever the kill left staged is settled: every take file has its row and the reverse.
        assert not list((data / "recordings").glob(".staged-*"))
        assert _take_files(data) == _stored_paths(data)
    assert "empty" in outcomes, outcomes


def _staged_names(data: Path) -> set[str]:
    return {f"recordings/{p.name}" for p in (data / "recordings").glob(".staged-*/*.mp4")}


# ---------------------------------------------------------------- in process: the staging mechanism


def _staged_take(db, batch: staging.StagedTakes) -> str:
    from lib.demo.media_clips import write_demo_take

    relative, path = batch.new_path()
    write_demo_take(path, seconds=0.5)
    takes.save_take(db, PLAN, relative, staged=path)
    return relative


def test_files_of_rows_rolled_back_are_deleted_on_the_next_settle(db) -> None:
    batch = staging.StagedTakes()
    with pytest.raises(RuntimeError), transaction(db):
        _staged_take(db, batch)
        raise RuntimeError("killed")  # the rows go; the hidden folder stays, as after a kill
    assert staging.staged_folders() == [batch.folder]
    assert staging.settle_staged_takes(db) == 0
    assert staging.staged_folders() == [] and not list(config.recordings_dir().iterdir())


def test_files_of_committed_rows_are_moved_into_place_on_the_next_settle(db) -> None:
    batch = staging.StagedTakes()
    with transaction(db):
        relative = _staged_take(db, batch)
    # Stopped between the commit and the move: the row is there, its file is still staged.
    assert takes.list_recordings(db)["file"].tolist() == ["missing"]
    assert staging.settle_staged_takes(db) == 1
    assert takes.list_recordings(db)["file"].tolist() == ["present"]
    assert (config.data_dir() / relative).is_file() and staging.staged_folders() == []
    batch.publish()  # the demo's own move after a settle did it first is harmless
    assert takes.list_recordings(db)["file"].tolist() == ["present"]


def test_a_settle_waits_for_a_batch_still_writing(data_dir: Path) -> None:
    """A batch that holds the write lock is never settled under it: the settle queues, then keeps its files."""
    import threading

    with open_db() as writer:
        batch = staging.StagedTakes()
        writer.conn.execute("BEGIN IMMEDIATE")
        relative = _staged_take(writer, batch)
        settled: list[int] = []

        def settle() -> None:
            with open_db() as other:
                settled.append(staging.settle_staged_takes(other))

        thread = threading.Thread(target=settle)
        thread.start()
        time.sleep(0.5)
        assert settled == [] and batch.folder.is_dir(), "the settle did not wait for the writer"
        writer.conn.execute("COMMIT")
        thread.join(timeout=30)
    assert settled == [1] and (config.data_dir() / relative).is_file()


def test_a_failing_last_step_leaves_no_row_and_no_file(db, data_dir: Path) -> None:
    """The database refuses the last step's rows: the whole sample goes, its files too, and the next demo works."""
    db.conn.execute(
        "CREATE TRIGGER refuse_analyses BEFORE INSERT ON recording_analyses BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="refused"):
        run_demo(1, today=dt.date(2026, 3, 6))
    assert not any(_row_counts(data_dir).values())
    assert not [p for p in config.recordings_dir().rglob("*") if p.is_file()]
    db.conn.execute("DROP TRIGGER refuse_analyses")
    run_demo(1, today=dt.date(2026, 3, 6))
    assert _take_files(data_dir) == _stored_paths(data_dir) != set()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("data dir is a file", "the data directory is a file, not a folder"),
        ("under a file", "part of the data directory's path is a file"),
        ("recordings is a file", "the recordings folder cannot be created"),
        ("recordings is a dangling link", "the recordings folder cannot be created"),
        ("spaces and accents", None),
    ],
)
def test_demo_in_an_odd_data_directory_fills_it_or_says_why_in_one_line(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setup: str, message: str | None
) -> None:
    base = tmp_path / "odd"
    base.mkdir()
    data = base / "data"
    if setup == "data dir is a file":
        data.write_text("x")
    elif setup == "under a file":
        (base / "file").write_text("x")
        data = base / "file" / "data"
    elif setup == "recordings is a file":
        data.mkdir()
        (data / "recordings").write_text("x")
    elif setup == "recordings is a dangling link":
        data.mkdir()
        (data / "recordings").symlink_to(base / "gone")
    else:
        data = base / "my prep — été ✓"
    monkeypatch.setenv("PREP_DATA_DIR", str(data))
    done = cli("demo")
    if message is None:
        assert done.returncode == 0, done.stderr
        assert _take_files(data) == _stored_paths(data) != set()
        return
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: ") and message in done.stderr and done.stderr.count("\n") == 1
    assert not any(_row_counts(data).values()) if data.is_dir() else True
