"""Speech analysis of saved takes, off the page thread, stored with the take.

One single-thread executor per process analyses submitted takes one at a time
(the model is loaded once and two analyses at once would only fight for the
same cores). Whoever stores a take submits it (the recorder's ``on_saved``
callback, or the Recordings page on first view); storage never starts work.
Progress is kept in memory for the page's status box; the result is a row in
``recording_analyses`` written in one transaction when the run ends.
Re-analysing appends a row and the latest row is the take's analysis, so
earlier results stay as history and a restart loses nothing but a run that
had not finished — the page queues that take again.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_futures
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core import clock, config
from lib.core.errors import PrepError
from lib.media import speech
from lib.media.paths import recording_file
from lib.media.takes import get_recording
from lib.storage.db import open_db, transaction

log = logging.getLogger(__name__)

STATUS_DONE = "done"
STATUS_FAILED = "failed"


@dataclass(frozen=True)
class JobState:
    """Where one queued or running analysis stands."""

    recording_id: int
    stage: str = "Waiting for the analyser"
    fraction: float = 0.0
    finished: bool = False
    error: str = ""


# ---------------------------------------------------------------- storage


def store_analysis(db: sqlite_utils.Database, recording_id: int, result: speech.Analysis, elapsed_s: float) -> int:
    """Append a finished analysis of a take; returns its row id."""
    recording_id = int(recording_id)  # a pandas id is numpy.int64, which sqlite3 cannot bind
    with transaction(db):
        get_recording(db, recording_id)
        return (
            db["recording_analyses"]
            .insert(
                {
                    "recording_id": recording_id,
                    "created_at": clock.now_iso(),
                    "status": STATUS_DONE,
                    "error": "",
                    "duration_s": result.duration_s,
                    "speaking_s": result.speaking_s,
                    "words": result.words,
                    "wpm": result.wpm,
                    "filler_total": result.filler_total,
                    "fillers_per_min": result.fillers_per_min,
                    "long_pause_count": len(result.long_pauses),
                    "i_count": result.i_count,
                    "we_count": result.we_count,
                    "engine": result.engine,
                    "model": result.model,
                    "elapsed_s": round(elapsed_s, 2),
                    "result_json": json.dumps(result.to_dict(), ensure_ascii=False),
                }
            )
            .last_pk
        )


def store_failure(db: sqlite_utils.Database, recording_id: int, error: str) -> int:
    """Append a failed run with its reason, so the page says why instead of retrying forever."""
    recording_id = int(recording_id)
    with transaction(db):
        get_recording(db, recording_id)
        return (
            db["recording_analyses"]
            .insert(
                {"recording_id": recording_id, "created_at": clock.now_iso(), "status": STATUS_FAILED, "error": error}
            )
            .last_pk
        )


def analyze_recording(db: sqlite_utils.Database, recording_id: int, progress: speech.ProgressFn | None = None) -> int:
    """Analyse one take now and append the result (a failure is stored too); returns the row id."""
    started = time.monotonic()
    try:
        path = recording_file(db, recording_id)
        result = speech.analyze_file(path, progress)
    except PrepError as exc:
        return store_failure(db, recording_id, exc.message)
    return store_analysis(db, recording_id, result, time.monotonic() - started)


def latest_analysis(db: sqlite_utils.Database, recording_id: int) -> dict | None:
    """The take's current analysis row (with ``result`` parsed), or None if it was never analysed."""
    recording_id = int(recording_id)
    cur = db.conn.execute(
        "SELECT * FROM recording_analyses WHERE recording_id = ? ORDER BY id DESC LIMIT 1", (recording_id,)
    )
    row = cur.fetchone()
    if row is None:
        return None
    data = dict(zip([c[0] for c in cur.description], row, strict=False))
    data["result"] = speech.Analysis.from_dict(json.loads(data["result_json"])) if data["result_json"] else None
    return data


def analysis_history(db: sqlite_utils.Database, recording_id: int) -> pd.DataFrame:
    """Every run of one take, newest first."""
    recording_id = int(recording_id)
    return pd.read_sql_query(
        "SELECT id, created_at, status, error, wpm, fillers_per_min, speaking_s, model FROM recording_analyses "
        "WHERE recording_id = ? ORDER BY id DESC",
        db.conn,
        params=(recording_id,),
    )


def latest_filler_count(db: sqlite_utils.Database, recording_id: int) -> int | None:
    """Filler words the latest successful analysis heard, to start the self-review from."""
    recording_id = int(recording_id)
    row = db.conn.execute(
        "SELECT filler_total FROM recording_analyses WHERE recording_id = ? AND status = ? ORDER BY id DESC LIMIT 1",
        (recording_id, STATUS_DONE),
    ).fetchone()
    return None if row is None else int(row[0])


def needs_analysis(db: sqlite_utils.Database, recording_id: int) -> bool:
    """A take with sound and a file that has never been analysed (or whose run was lost)."""
    recording_id = int(recording_id)
    row = db.conn.execute(
        """SELECT 1 FROM recordings r
           WHERE r.id = ? AND r.status = 'ok' AND r.has_audio = 1 AND r.path IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM recording_analyses a WHERE a.recording_id = r.id)""",
        (recording_id,),
    ).fetchone()
    return row is not None


def trend_frame(db: sqlite_utils.Database) -> pd.DataFrame:
    """One row per analysed take (its latest successful run), oldest first, with its talk-time target."""
    df = pd.read_sql_query(
        """SELECT r.id AS recording_id, r.created_at, r.title, r.mode, r.target_seconds,
                  a.wpm, a.fillers_per_min, a.filler_total, a.speaking_s, a.duration_s, a.long_pause_count,
                  a.i_count, a.we_count
           FROM recordings r
           JOIN recording_analyses a ON a.id = (
               SELECT MAX(id) FROM recording_analyses WHERE recording_id = r.id AND status = 'done')
           ORDER BY r.created_at, r.id""",
        db.conn,
    )
    targets = [speech.talk_target(m == "story", t) for m, t in zip(df["mode"], df["target_seconds"], strict=False)]
    df["target_low_s"] = [t[0] if t else None for t in targets]
    df["target_high_s"] = [t[1] if t else None for t in targets]
    # Stored in UTC; charted in local time, as naive datetimes plotly draws as they are.
    df["created_at"] = pd.to_datetime([clock.local(v).replace(tzinfo=None) for v in df["created_at"]])
    return df


# ---------------------------------------------------------------- background worker


class AnalysisWorker:
    """Takes waiting for analysis and the one thread that analyses them.

    The executor starts its thread on the first submit. At interpreter exit it
    finishes the work it was given before the process ends, so a take's result
    is stored rather than lost.
    """

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None
        self._futures: list[Future] = []
        self._states: dict[tuple[str, int], JobState] = {}
        self._lock = threading.Lock()

    def submit(self, recording_id: int, db_path: Path | None = None) -> JobState:
        """Queue a take unless it is already queued or running; returns its state."""
        db_path = Path(db_path or config.db_path())
        key = (str(db_path), recording_id)
        with self._lock:
            current = self._states.get(key)
            if current is not None and not current.finished:
                return current
            state = self._states[key] = JobState(recording_id)
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech-analysis")
            self._futures = [f for f in self._futures if not f.done()]
            self._futures.append(self._executor.submit(self._analyse, db_path, recording_id, key))
        return state

    def state(self, recording_id: int, db_path: Path | None = None) -> JobState | None:
        """The take's queued, running or just-finished run in this process, if any."""
        with self._lock:
            return self._states.get((str(Path(db_path or config.db_path())), recording_id))

    def wait(self, timeout: float = 120.0) -> bool:
        """Block until every submitted take is done (for tests and scripts); False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                pending = [f for f in self._futures if not f.done()]
            remaining = deadline - time.monotonic()
            if not pending:
                return True
            if remaining <= 0:
                return False
            wait_for_futures(pending, timeout=remaining)

    def _update(self, key: tuple[str, int], **changes) -> None:
        with self._lock:
            self._states[key] = replace(self._states[key], **changes)

    def _analyse(self, db_path: Path, recording_id: int, key: tuple[str, int]) -> None:
        def progress(stage: str, fraction: float) -> None:
            # Transcription is nearly all of the time; decoding and VAD take the first tenth.
            overall = 0.1 + 0.9 * fraction if stage == "Transcribing" else 0.05
            self._update(key, stage=stage, fraction=round(overall, 3))

        try:
            with open_db(db_path) as db:
                row_id = analyze_recording(db, recording_id, progress)
                failed = db.conn.execute("SELECT error FROM recording_analyses WHERE id = ?", (row_id,)).fetchone()[0]
            self._update(key, stage="Done" if not failed else "Failed", fraction=1.0, finished=True, error=failed)
        except Exception as exc:  # a vanished data folder or take must not end the worker's other jobs
            log.exception("speech analysis of take %s failed", recording_id)
            self._update(key, stage="Failed", fraction=1.0, finished=True, error=str(exc))


_worker = AnalysisWorker()


def worker() -> AnalysisWorker:
    """The process's one analysis worker."""
    return _worker


def analyse_saved_take(recording_id: int) -> None:
    """Start analysing a just-stored take off the caller's thread (a recorder's ``on_saved`` callback)."""
    worker().submit(recording_id)


def request_analysis(db: sqlite_utils.Database, recording_id: int) -> JobState:
    """Queue a take for (re-)analysis after checking it has a file; the page polls the state."""
    recording_id = int(recording_id)
    recording_file(db, recording_id)
    return worker().submit(recording_id)


def running_analysis(db: sqlite_utils.Database, recording_id: int) -> JobState | None:
    """The take's unfinished run, queuing one first if the take was never analysed."""
    recording_id = int(recording_id)
    state = worker().state(recording_id)
    # Queued automatically once per process: a run that could not even store its failure
    # is not retried on every rerun; the page's button retries it.
    if state is None and needs_analysis(db, recording_id):
        state = request_analysis(db, recording_id)
    return state if state is not None and not state.finished else None
