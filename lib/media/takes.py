"""Takes as stored: one row in ``recordings`` per take, its stream facts read back from the saved file.

A take is a file under the data directory's ``recordings/`` folder, named by
the app from a uuid (never from user text); the row says what the take is of
and what is in the file. Listing, deleting and the small formatting helpers the
pages show a take with live here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core import clock, config
from lib.core.dates import date_text
from lib.core.errors import InputError, StorageError
from lib.media.checklist import SCORE_DIMENSIONS
from lib.media.paths import EXTENSION, file_state, resolve_inside_recordings
from lib.media.probe import probe_media
from lib.storage.db import transaction

MODES = {"question": "Single question", "story": "STAR story rehearsal", "full_mock": "Full mock interview"}


@dataclass(frozen=True)
class TakePlan:
    """What a take is of, decided on the page before Start is pressed."""

    mode: str
    title: str
    question_id: str | None = None
    story_id: str | None = None
    target_seconds: float | None = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise InputError(f"unknown mode '{self.mode}'", field="mode")
        if self.mode == "question" and not self.question_id:
            raise InputError("choose a question", field="question")
        if self.mode == "story" and not self.story_id:
            raise InputError("choose a story", field="story")


def save_take(
    db: sqlite_utils.Database,
    plan: TakePlan,
    relative_path: str | None,
    error: str = "",
    created_at: str | None = None,
    staged: Path | None = None,
) -> int:
    """Store a finished take: its stream facts come from the file itself; returns the row id.

    ``staged`` is where the file is until the transaction commits (``lib.media.staging``), when not yet at its path.
    """
    facts: dict = {}
    problems = [error] if error else []
    if relative_path:
        path = resolve_inside_recordings(relative_path)
        path = staged if staged is not None else path
        if path.exists():
            try:
                info = probe_media(path)
                facts = {
                    "duration_s": info.duration_s,
                    "size_bytes": path.stat().st_size,
                    "has_video": int(info.has_video),
                    "has_audio": int(info.has_audio),
                    "video_frames": info.video_frames,
                    "audio_frames": info.audio_frames,
                    "width": info.width,
                    "height": info.height,
                }
            except StorageError as exc:
                problems.append(str(exc))
        else:
            problems.append("the recorder wrote no file")
            relative_path = None
    status = "failed" if problems or not facts.get("has_video") and not facts.get("has_audio") else "ok"
    if status == "failed" and not problems:
        problems.append("the file holds neither video nor audio")
    row = {
        "created_at": created_at or clock.now_iso(),
        "mode": plan.mode,
        "question_id": plan.question_id,
        "story_id": plan.story_id,
        "title": plan.title,
        "path": relative_path,
        "duration_s": None,
        "size_bytes": None,
        "has_video": 0,
        "has_audio": 0,
        "video_frames": 0,
        "audio_frames": 0,
        "width": None,
        "height": None,
        "target_seconds": plan.target_seconds,
        "status": status,
        "error": "; ".join(problems),
        **facts,
    }
    with transaction(db):
        return db["recordings"].insert(row).last_pk


def recorded_text(created_at: str, today: dt.date) -> str:
    """When a take was recorded, in local time: '25 Nov 11:30', with the year when it is not ``today``'s."""
    when = clock.local(created_at)
    return f"{date_text(when.date(), today)} {when:%H:%M}"


def take_labels(takes: pd.DataFrame, today: dt.date | None = None) -> dict[int, str]:
    """'#3 · 25 Nov 11:30 · Single question — title' (local time) by take id, for a ``list_recordings`` frame."""
    if takes.empty:
        return {}
    today = today or clock.today()
    labels = (
        "#"
        + takes["id"].astype(str)
        + " · "
        + takes["created_at"].map(lambda value: recorded_text(value, today))
        + " · "
        + takes["mode_label"].astype(str)
        + " — "
        + takes["title"].astype(str)
    )
    return dict(zip(takes["id"].tolist(), labels.tolist(), strict=False))


def list_recordings(db: sqlite_utils.Database) -> pd.DataFrame:
    """Every take, newest first, with its latest self-review scores and whether its file is there."""
    df = pd.read_sql_query(
        f"""SELECT r.*, v.created_at AS reviewed_at, {", ".join("v." + d for d in SCORE_DIMENSIONS)},
                   v.filler_words, v.stopped_or_restarted
            FROM recordings r
            LEFT JOIN mock_reviews v ON v.id = (
                SELECT MAX(id) FROM mock_reviews WHERE recording_id = r.id AND source = 'self')
            ORDER BY r.created_at DESC, r.id DESC""",
        db.conn,
    )
    # A column holding only NULLs comes back as objects; the pages do arithmetic on these.
    for column in ("duration_s", "size_bytes", "target_seconds", "width", "height", *SCORE_DIMENSIONS, "filler_words"):
        df[column] = pd.to_numeric(df[column], errors="coerce")
    df["file"] = [file_state(p) for p in df["path"]]
    df["mode_label"] = df["mode"].map(MODES).fillna(df["mode"])
    df["length"] = df["duration_s"].map(format_duration)
    df["recorded"] = df["created_at"].map(clock.local_text)  # stored in UTC, shown in local time
    return df


def format_duration(seconds: float | None) -> str:
    """75.4 -> '1:15'; '—' when unknown."""
    if seconds is None or seconds != seconds:
        return "—"
    whole = int(round(seconds))
    return (
        f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
        if whole >= 3600
        else f"{whole // 60}:{whole % 60:02d}"
    )


def get_recording(db: sqlite_utils.Database, recording_id: int) -> dict:
    """One take's row; InputError when there is none."""
    cur = db.conn.execute("SELECT * FROM recordings WHERE id = ?", (recording_id,))
    row = cur.fetchone()
    if row is None:
        raise InputError(f"no take with id {recording_id}", field="recording")
    return dict(zip([c[0] for c in cur.description], row, strict=False))


def _referencing_tables(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(table, column) pairs whose foreign key points at recordings.id."""
    refs = []
    for table in db.table_names():
        for fk in db.conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            if fk[2] == "recordings":
                refs.append((table, fk[3]))
    return refs


def delete_recording(db: sqlite_utils.Database, recording_id: int) -> None:
    """Delete a take: its file, its row and every row that belongs to it (reviews, analyses).

    The file is first moved aside, so a failed database write puts it back and
    nothing is half-deleted.
    """
    row = get_recording(db, recording_id)
    path = None
    if row["path"]:
        try:
            path = resolve_inside_recordings(row["path"], recording_id)
        except InputError:
            path = None  # never touch a file outside recordings/; the row still goes
    aside = None
    if path is not None and path.exists():
        aside = path.with_name(path.name + ".deleting")
        path.rename(aside)
    try:
        with transaction(db):
            for table, column in _referencing_tables(db):
                db.conn.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?', (recording_id,))
            db.conn.execute("DELETE FROM recordings WHERE id = ?", (recording_id,))
    except BaseException:
        if aside is not None:
            aside.rename(path)
        raise
    if aside is not None:
        aside.unlink(missing_ok=True)


def disk_usage(db: sqlite_utils.Database) -> dict:
    """Bytes and count of the files in recordings/ and how many takes have lost their file."""
    root = config.recordings_dir()
    files = [p for p in root.iterdir() if p.is_file() and p.suffix == EXTENSION]
    paths = [r[0] for r in db.conn.execute("SELECT path FROM recordings").fetchall()]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "takes": len(paths),
        "missing": sum(1 for p in paths if file_state(p) == "missing"),
    }


def take_caption(row) -> str:
    """'95 s of 10 min target · 1.2 MB · video + audio' for a row of list_recordings (NaN-safe)."""

    def known(value) -> bool:
        return value == value and bool(value)  # NaN is not equal to itself

    duration = f"{row['duration_s']:.0f} s" if known(row["duration_s"]) else "—"
    target = f" of {row['target_seconds'] / 60:g} min target" if known(row["target_seconds"]) else ""
    size = format_bytes(row["size_bytes"]) if known(row["size_bytes"]) else "—"
    streams = f"{'video' if row['has_video'] else 'no video'} + {'audio' if row['has_audio'] else 'no audio'}"
    return f"{duration}{target} · {size} · {streams}"


def format_bytes(n: float) -> str:
    """1536 -> '1.5 KB'."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def with_local_times(frame: pd.DataFrame, column: str = "created_at") -> pd.DataFrame:
    """A copy of ``frame`` whose stored instants in ``column`` read in local time, for a table on a page."""
    return frame.assign(**{column: frame[column].map(clock.local_text)})
