"""Webcam takes: where their files live, what is in them, and how the user reviewed them.

A take is a file under the data directory's ``recordings/`` folder, named by
the app from a uuid (never from user text), and one row in ``recordings``
whose stream facts are read back from the saved file with PyAV. Reviews —
the user's own against the seed's checklist, and a partner's — are rows in
``mock_reviews`` that are never edited: the latest one per take is current.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import random
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import sqlite_utils

from lib.core import config
from lib.core.dates import not_in_future, parse_date
from lib.core.errors import InputError, PrepError, StorageError
from lib.core.textsafe import one_line
from lib.storage.db import open_db, transaction

if TYPE_CHECKING:
    from lib.media.recorder import TakeRecorder

# av (FFmpeg) and lib.recorder (aiortc) are imported where media is read or
# recorded: the Overview and most pages only query takes, and importing both
# added about a fifth of a second to the app's cold start.

log = logging.getLogger(__name__)

MODES = {"question": "Single question", "story": "STAR story rehearsal", "full_mock": "Full mock interview"}
STORY_TARGET_SECONDS = 180.0  # the seed: "Practice telling in 2-3 minutes"
ROUND_MINUTES = 30
FULL_MOCK_ROUNDS = ("Product Sense", "Execution", "Behavioral")
FULL_MOCK_TARGET_SECONDS = float(len(FULL_MOCK_ROUNDS) * ROUND_MINUTES * 60)
EXTENSION = ".mp4"

# The seed's review checklist ("Note: ..."), in its own words.
SCORE_DIMENSIONS = {
    "clarity": "Clarity of communication",
    "structure": "Structure of answers",
    "confidence": "Confidence level",
    "eye_contact": "Eye contact / body language",
}
FILLER_LABEL = "Filler words (um, uh, like)"
STOP_RESTART_LABEL = "Did I stop or restart? (the rule: Don't stop/restart)"
IMPROVE_LABEL = "Identify 3 areas to improve"
INTERVIEW_TYPES = ("Product Sense", "Execution", "Strategy", "Technical", "Behavioral", "Mixed")


# ---------------------------------------------------------------- files


def new_take_path() -> tuple[str, Path]:
    """A fresh app-chosen file name: (path relative to the data directory, absolute path)."""
    name = f"{uuid.uuid4().hex}{EXTENSION}"
    return f"recordings/{name}", config.recordings_dir() / name


def _resolve_inside_recordings(relative: str | None, recording_id: int | None = None) -> Path:
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
    return _resolve_inside_recordings(row[0], recording_id)


@dataclass(frozen=True)
class MediaInfo:
    """Stream facts of a saved file, read back with PyAV."""

    duration_s: float
    has_video: bool
    has_audio: bool
    video_frames: int
    audio_frames: int
    width: int | None
    height: int | None
    video_duration_s: float
    audio_duration_s: float


def _stream_seconds(stream) -> float:
    if stream is None or not stream.duration or stream.time_base is None:
        return 0.0
    return float(stream.duration * stream.time_base)


def _count_packets(path: Path) -> dict[str, int]:
    """Packets per stream kind of the first video and audio streams, in one pass without decoding."""
    import av

    counts = {"video": 0, "audio": 0}
    with av.open(str(path)) as container:
        streams = [s[0] for s in (container.streams.video, container.streams.audio) if s]
        for packet in container.demux(streams):
            if packet.size:
                counts[packet.stream.type] += 1
    return counts


def probe_media(path: Path) -> MediaInfo:
    """Streams, frame counts, size and durations of a media file (no full decode)."""
    import av

    try:
        with av.open(str(path)) as container:
            video = container.streams.video[0] if container.streams.video else None
            audio = container.streams.audio[0] if container.streams.audio else None
            v_seconds, a_seconds = _stream_seconds(video), _stream_seconds(audio)
            total = max(v_seconds, a_seconds) or (container.duration or 0) / 1_000_000
            v_frames = int(video.frames) if video is not None else 0
            a_frames = int(audio.frames) if audio is not None else 0
            width = video.codec_context.width if video is not None else None
            height = video.codec_context.height if video is not None else None
    except (av.FFmpegError, OSError) as exc:
        raise StorageError(f"the file cannot be read as media: {exc}", where=str(path)) from exc
    # Fragmented MP4 has no frame count in its header; counting packets is cheap.
    if (video is not None and v_frames == 0) or (audio is not None and a_frames == 0):
        counts = _count_packets(path)
        v_frames = v_frames or counts["video"]
        a_frames = a_frames or counts["audio"]
    return MediaInfo(
        duration_s=round(float(total), 3),
        has_video=video is not None and v_frames > 0,
        has_audio=audio is not None and a_frames > 0,
        video_frames=v_frames,
        audio_frames=a_frames,
        width=width,
        height=height,
        video_duration_s=round(v_seconds, 3),
        audio_duration_s=round(a_seconds, 3),
    )


# ---------------------------------------------------------------- takes


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


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def save_take(
    db: sqlite_utils.Database,
    plan: TakePlan,
    relative_path: str | None,
    error: str = "",
    created_at: str | None = None,
) -> int:
    """Store a finished take: its stream facts come from the file itself; returns the row id."""
    facts: dict = {}
    problems = [error] if error else []
    if relative_path:
        path = _resolve_inside_recordings(relative_path)
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
        "created_at": created_at or _now(),
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


def take_finished_callback(plan: TakePlan, relative_path: str, on_saved: Callable[[int], None] | None = None):
    """A recorder callback that stores the take in its own connection (it runs off the page thread)."""

    def finished(error: str) -> None:
        try:
            with open_db() as db:
                recording_id = save_take(db, plan, relative_path, error)
        except Exception:
            log.exception("could not store the take %s", relative_path)
            raise
        _plan_file(config.data_dir() / relative_path).unlink(missing_ok=True)
        if on_saved:
            on_saved(recording_id)

    return finished


# ---------------------------------------------------------------- takes cut short

RECOVER_AFTER_S = 120  # a take untouched this long is not being written by any process


def _plan_file(take_path: Path) -> Path:
    return take_path.with_suffix(".plan.json")


def write_take_plan(take_path: Path, plan: TakePlan) -> None:
    """Note what a take is of next to its file, so a take cut short by a crash can still be stored."""
    _plan_file(take_path).write_text(json.dumps(dataclasses.asdict(plan)), encoding="utf-8")


def complete_fragments_length(path: Path) -> int:
    """Bytes of ``path`` up to the end of its last complete top-level MP4 box.

    A crash stops the writer mid-fragment; everything before that fragment is
    a valid fragmented MP4 on its own.
    """
    size = path.stat().st_size
    end = 0
    with path.open("rb") as f:
        while end + 8 <= size:
            f.seek(end)
            header = f.read(16)
            box = int.from_bytes(header[:4], "big")
            if box == 1 and len(header) >= 16:
                box = int.from_bytes(header[8:16], "big")
            if box < 8 or end + box > size:
                break
            end += box
    return end


def _recording_now(take_path: Path) -> bool:
    """Whether a recorder of this process is writing ``take_path``; none can be before lib.recorder is imported."""
    recorder = sys.modules.get("lib.media.recorder")
    return recorder is not None and recorder.is_writing(take_path)


def recover_interrupted_takes(db: sqlite_utils.Database, now: float | None = None) -> list[int]:
    """Store takes whose recording was cut short (the app or machine stopped); returns their ids.

    The saved part is kept as a take marked failed, with what happened in its error.
    A finished file whose row could not be written at the time is stored as it is.
    """
    now = time.time() if now is None else now
    recovered = []
    for plan_path in sorted(config.recordings_dir().glob("*.plan.json")):
        take_path = plan_path.with_name(plan_path.name.removesuffix(".plan.json") + EXTENSION)
        part_path = take_path.with_name(take_path.name + ".part")
        newest = max((p.stat().st_mtime for p in (take_path, plan_path, part_path) if p.exists()), default=now)
        if _recording_now(take_path) or now - newest < RECOVER_AFTER_S:
            continue
        relative = f"recordings/{take_path.name}"
        if db.conn.execute("SELECT 1 FROM recordings WHERE path = ?", (relative,)).fetchone():
            plan_path.unlink()  # stored already; only the note was left behind
            continue
        try:
            plan = TakePlan(**json.loads(plan_path.read_text(encoding="utf-8")))
        except (ValueError, TypeError, PrepError) as exc:
            log.warning("cannot read %s: %s", plan_path.name, exc)
            continue
        if take_path.exists():
            message = ""
        elif part_path.exists():
            with part_path.open("r+b") as f:
                f.truncate(complete_fragments_length(part_path))
            part_path.rename(take_path)
            message = "the app stopped during this take; what was written before it stopped is kept"
        else:
            relative, message = None, "the app stopped before anything was recorded"
        when = dt.datetime.fromtimestamp(plan_path.stat().st_mtime).isoformat(timespec="seconds")
        recovered.append(save_take(db, plan, relative, error=message, created_at=when))
        plan_path.unlink()
    return recovered


def _file_state(relative: str | None) -> str:
    if not relative:
        return "no file"
    try:
        path = _resolve_inside_recordings(relative)
    except InputError:
        return "refused"
    return "present" if path.exists() else "missing"


def take_labels(takes: pd.DataFrame) -> dict[int, str]:
    """'#3 · 2026-11-25 11:30 · Single question — title' by take id, for a ``list_recordings`` frame."""
    if takes.empty:
        return {}
    labels = (
        "#"
        + takes["id"].astype(str)
        + " · "
        + takes["created_at"].astype(str).str[:16].str.replace("T", " ", regex=False)
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
    df["file"] = [_file_state(p) for p in df["path"]]
    df["mode_label"] = df["mode"].map(MODES).fillna(df["mode"])
    df["length"] = df["duration_s"].map(format_duration)
    df["recorded"] = df["created_at"].str.slice(0, 16).str.replace("T", " ")
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
            path = _resolve_inside_recordings(row["path"], recording_id)
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
        "missing": sum(1 for p in paths if _file_state(p) == "missing"),
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


class TakeMonitor:
    """The latest take of one page session: made by the recorder factory, read by the page.

    The recorder runs on streamlit-webrtc's worker thread; the page only reads
    plain attributes that the recorder sets, so no lock is needed.
    """

    def __init__(self) -> None:
        self.recorder: TakeRecorder | None = None
        self.plan: TakePlan | None = None
        self.recording_id: int | None = None

    def factory(self, plan: TakePlan) -> Callable[[], TakeRecorder]:
        """An ``in_recorder_factory``: every Start makes a new file for ``plan``."""

        def make() -> TakeRecorder:
            from lib.media.recorder import TakeRecorder, allow_loopback_ice_if_requested

            allow_loopback_ice_if_requested()
            relative, path = new_take_path()
            write_take_plan(path, plan)
            self.recording_id = None
            self.plan = plan
            self.recorder = TakeRecorder(path, on_finished=take_finished_callback(plan, relative, self._saved))
            return self.recorder

        return make

    def _saved(self, recording_id: int) -> None:
        self.recording_id = recording_id
        # Analyse at once, off this thread, so the delivery metrics are ready
        # by the time the user opens the take on the Recordings page.
        from lib.media import analysis_jobs

        analysis_jobs.worker().submit(recording_id)

    def status(self) -> dict:
        """state ('idle', 'waiting', 'recording', 'saving', 'saved', 'failed'), seconds, error, recording id."""
        rec = self.recorder
        if rec is None:
            return {"state": "idle", "seconds": 0.0, "error": "", "recording_id": None, "title": ""}
        state = rec.state
        if state in ("saved", "failed") and self.recording_id is None and not rec.error:
            state = "saving"
        return {
            "state": state,
            "seconds": rec.elapsed_seconds() if state in ("waiting", "recording") else 0.0,
            "error": rec.error,
            "recording_id": self.recording_id,
            "title": self.plan.title if self.plan else "",
        }


# ---------------------------------------------------------------- what a take is of

# Used when the question bank has no question of a round's type; the seed's own wording.
SEED_ROUND_QUESTIONS = {
    "Product Sense": [
        "Design an AI writing assistant for students",
        "How would you add AI to Notion?",
        "What's your favorite AI product? How would you improve it?",
    ],
    "Execution": [
        "What metrics would you track for GitHub Copilot?",
        "DAU dropped 10%. How do you investigate?",
        "How would you A/B test a recommendation algorithm?",
    ],
    "Behavioral": [
        "Tell me about yourself",
        "Why PM? Why AI PM?",
        "Tell me about a time you failed",
        "Tell me about a conflict with an engineer",
        "Tell me about a time you influenced without authority",
        "Tell me about a data-driven decision",
    ],
}
SEED_ROUND_MINUTES = {"Product Sense": 30, "Execution": 15, "Behavioral": 5}
ROUND_TYPES = {"Product Sense": "product_sense", "Execution": "execution", "Behavioral": "behavioural"}


def question_bank(db: sqlite_utils.Database) -> pd.DataFrame:
    """The practice question bank (id, type, text, target_minutes, ...); empty if the app has none."""
    try:
        from lib.practice import questions
    except ImportError:
        return pd.DataFrame(columns=["id", "type", "subtype", "text", "target_minutes"])
    return questions.all_questions(db)


def story_options(db: sqlite_utils.Database) -> pd.DataFrame:
    """The current STAR stories as (id, title); empty when there are none."""
    try:
        from lib.stories import store as stories
    except ImportError:
        return pd.DataFrame(columns=["id", "title"])
    df = stories.current_stories(db)
    id_column = "story_id" if "story_id" in df.columns else "id"
    return pd.DataFrame({"id": df[id_column].astype(str), "title": df["title"].astype(str)})


def _round_key(question_type: str) -> str:
    return "".join(ch for ch in str(question_type).lower() if ch.isalpha())


def full_mock_plan(db: sqlite_utils.Database) -> list[dict]:
    """The seed's three 30-minute rounds, each with questions that fill about 30 minutes.

    Questions come from the bank by type and rotate with each full mock already
    recorded, so the next mock asks something new.
    """
    bank = question_bank(db)
    done = db.conn.execute("SELECT COUNT(*) FROM recordings WHERE mode = 'full_mock'").fetchone()[0]
    plan = []
    for name in FULL_MOCK_ROUNDS:
        wanted = _round_key(ROUND_TYPES[name])
        pool = bank[bank["type"].map(_round_key) == wanted] if len(bank) else bank
        if len(pool):
            items = [(str(r.text), float(r.target_minutes or SEED_ROUND_MINUTES[name])) for r in pool.itertuples()]
        else:
            items = [(q, float(SEED_ROUND_MINUTES[name])) for q in SEED_ROUND_QUESTIONS[name]]
        start = (done * 3) % len(items)
        rotated = items[start:] + items[:start]
        chosen, minutes = [], 0.0
        for text, mins in rotated:
            if chosen and minutes + mins > ROUND_MINUTES:
                break
            chosen.append(text)
            minutes += mins
        plan.append({"round": name, "minutes": ROUND_MINUTES, "questions": chosen})
    return plan


def question_plan(db: sqlite_utils.Database, question_id: str) -> TakePlan:
    """A single-question take: titled by the question, timed by its target."""
    bank = question_bank(db)
    match = bank[bank["id"] == question_id]
    if match.empty:
        raise InputError("that question is not in the bank", field="question")
    return question_plan_from_row(match.iloc[0])


def question_plan_from_row(row) -> TakePlan:
    """A single-question take from a row of the question bank."""
    minutes = row["target_minutes"]
    seconds = float(minutes) * 60 if minutes == minutes and minutes else None  # NaN when unset
    return TakePlan("question", one_line(row["text"], 120), question_id=str(row["id"]), target_seconds=seconds)


def story_plan(db: sqlite_utils.Database, story_id: str) -> TakePlan:
    """A STAR story rehearsal: aim for 2-3 minutes."""
    options = story_options(db)
    match = options[options["id"] == str(story_id)]
    if match.empty:
        raise InputError("that story does not exist", field="story")
    return TakePlan(
        "story", one_line(match.iloc[0]["title"], 120), story_id=str(story_id), target_seconds=STORY_TARGET_SECONDS
    )


def full_mock_take_plan() -> TakePlan:
    """A full mock: the three rounds in one take, no stopping or restarting."""
    return TakePlan("full_mock", "Full mock: " + ", ".join(FULL_MOCK_ROUNDS), target_seconds=FULL_MOCK_TARGET_SECONDS)


# ---------------------------------------------------------------- reviews


@dataclass
class Review:
    """One filled-in checklist: the user's own after watching a take, or a partner's."""

    clarity: object
    structure: object
    confidence: object
    eye_contact: object
    filler_words: object = 0
    stopped_or_restarted: bool = False
    notes: str = ""
    improvements: list[str] = field(default_factory=list)
    went_well: str = ""


def _score(value: object, name: str) -> int:
    label = SCORE_DIMENSIONS[name]
    if isinstance(value, bool) or value is None or value == "":
        raise InputError("give a score from 1 to 5", field=label)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"'{value}' is not a score from 1 to 5", field=label) from None
    if number != int(number) or not 1 <= number <= 5:
        raise InputError(f"'{value}' is not a score from 1 to 5", field=label)
    return int(number)


def _filler_count(value: object) -> int:
    if isinstance(value, bool) or value is None or value == "":
        return 0
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"'{value}' is not a count", field=FILLER_LABEL) from None
    if number != int(number) or number < 0:
        raise InputError("count whole filler words, zero or more", field=FILLER_LABEL)
    if number > 100_000:
        raise InputError("that is more filler words than a 90-minute take could hold", field=FILLER_LABEL)
    return int(number)


def _validated(review: Review) -> dict:
    improvements = [" ".join(str(i or "").split()) for i in review.improvements]
    improvements = [i for i in improvements if i]
    if len(improvements) > 3:
        raise InputError("name at most three things to improve", field=IMPROVE_LABEL)
    for text in improvements:
        if len(text) > 300:
            raise InputError("keep each thing to improve under 300 characters", field=IMPROVE_LABEL)
    improvements += [""] * (3 - len(improvements))
    return {
        **{name: _score(getattr(review, name), name) for name in SCORE_DIMENSIONS},
        "filler_words": _filler_count(review.filler_words),
        "stopped_or_restarted": int(bool(review.stopped_or_restarted)),
        "notes": str(review.notes or "").strip(),
        "went_well": str(review.went_well or "").strip(),
        "improve_1": improvements[0],
        "improve_2": improvements[1],
        "improve_3": improvements[2],
    }


def add_review(db: sqlite_utils.Database, recording_id: int, review: Review, created_at: str | None = None) -> int:
    """Append the user's own review of a take (an earlier review stays as history)."""
    values = _validated(review)
    if not any(values[f"improve_{i}"] for i in (1, 2, 3)):
        raise InputError("name at least one thing to improve", field=IMPROVE_LABEL)
    with transaction(db):
        take = get_recording(db, recording_id)
        return (
            db["mock_reviews"]
            .insert(
                {
                    "created_at": created_at or _now(),
                    "source": "self",
                    "reviewer": "",
                    "recording_id": recording_id,
                    "session_date": take["created_at"][:10],
                    "interview_type": MODES.get(take["mode"], take["mode"]),
                    **values,
                }
            )
            .last_pk
        )


def add_partner_feedback(
    db: sqlite_utils.Database,
    partner: str,
    session_date: object,
    interview_type: str,
    review: Review,
    recording_id: int | None = None,
    created_at: str | None = None,
) -> int:
    """Append a partner's feedback, against a take or a session that was not recorded."""
    partner = " ".join(str(partner or "").split())
    if not partner:
        raise InputError("who gave the feedback?", field="partner")
    if len(partner) > 120:
        raise InputError("keep the name under 120 characters", field="partner")
    if interview_type not in INTERVIEW_TYPES:
        raise InputError(f"unknown interview type '{interview_type}'", field="interview type")
    when = _session_date(session_date)
    values = _validated(review)
    with transaction(db):
        if recording_id is not None:
            get_recording(db, recording_id)
        return (
            db["mock_reviews"]
            .insert(
                {
                    "created_at": created_at or _now(),
                    "source": "partner",
                    "reviewer": partner,
                    "recording_id": recording_id,
                    "session_date": when.isoformat(),
                    "interview_type": interview_type,
                    **values,
                }
            )
            .last_pk
        )


def _session_date(value: object) -> dt.date:
    return not_in_future(parse_date(value, "session date"), "session date", dt.date.today())


def reviews(db: sqlite_utils.Database, recording_id: int | None = None) -> pd.DataFrame:
    """Every review (self and partner), oldest first; only one take's when ``recording_id`` is given."""
    sql = "SELECT * FROM mock_reviews"
    params: tuple = ()
    if recording_id is not None:
        sql += " WHERE recording_id = ?"
        params = (recording_id,)
    return pd.read_sql_query(sql + " ORDER BY created_at, id", db.conn, params=params)


def improvement_counts(db: sqlite_utils.Database) -> pd.DataFrame:
    """Things to improve named across all reviews, grouped case-insensitively, most frequent first."""
    rows = db.conn.execute("SELECT improve_1, improve_2, improve_3, source, created_at FROM mock_reviews").fetchall()
    items: dict[str, dict] = {}
    for *texts, source, created in rows:
        for text in texts:
            if not text:
                continue
            key = " ".join(text.lower().split()).rstrip(".")
            entry = items.setdefault(
                key, {"improvement": one_line(text, 80), "count": 0, "last_named": created, "sources": set()}
            )
            entry["count"] += 1
            entry["last_named"] = max(entry["last_named"], created)
            entry["sources"].add(source)
    df = pd.DataFrame(
        [{**e, "sources": ", ".join(sorted(e["sources"]))} for e in items.values()],
        columns=["improvement", "count", "last_named", "sources"],
    )
    return df.sort_values(["count", "last_named"], ascending=[False, False], ignore_index=True)


def due_reviews(db: sqlite_utils.Database, today: dt.date):
    """Takes recorded but not yet watched and reviewed, due from the day they were recorded."""
    from lib.core.due import DueItem

    rows = db.conn.execute(
        """SELECT r.title, r.created_at FROM recordings r
           WHERE r.status = 'ok' AND NOT EXISTS (
               SELECT 1 FROM mock_reviews v WHERE v.recording_id = r.id AND v.source = 'self')
           ORDER BY r.created_at"""
    ).fetchall()
    return [DueItem("Review take", title, dt.date.fromisoformat(created[:10]), "recordings") for title, created in rows]


# ---------------------------------------------------------------- partner form


def partner_form_markdown(interview_type: str = "Mixed", questions: list[str] | None = None) -> str:
    """A printable feedback form for a partner mock (the seed's checklist, ready to fill by hand)."""
    lines = [
        f"# Partner mock interview — feedback form ({interview_type})",
        "",
        "Interviewer: ____________________   Interviewee: ____________________   Date: __________",
        "",
        "Trade interviewer/interviewee roles · 1-hour session each · Give each other feedback · "
        "Repeat for each interview type if possible.",
        "",
    ]
    if questions:
        lines += ["## Questions asked", ""] + [f"{i}. {q}" for i, q in enumerate(questions, 1)] + [""]
    lines += ["## Scores (1 = weak, 5 = strong)", "", "| | 1 | 2 | 3 | 4 | 5 |", "|---|---|---|---|---|---|"]
    lines += [f"| {label} | ☐ | ☐ | ☐ | ☐ | ☐ |" for label in SCORE_DIMENSIONS.values()]
    lines += [
        "",
        f"**{FILLER_LABEL}** — tally: ______________________",
        "",
        "**Did they stop or restart an answer?** ☐ No  ☐ Yes — where: ______________________",
        "",
        "## What went well",
        "",
        "- ",
        "- ",
        "",
        f"## {IMPROVE_LABEL}",
        "",
        "1. ",
        "2. ",
        "3. ",
        "",
        "## Notes",
        "",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- export


def export_reviews(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """``mock-interview-reviews.md``: every take and review, and the recurring things to improve."""
    takes = list_recordings(db)
    all_reviews = reviews(db)
    if takes.empty and all_reviews.empty:
        return []
    lines = ["# Mock interview reviews", ""]
    for r in all_reviews.itertuples():
        who = "Self review" if r.source == "self" else f"Partner feedback from {r.reviewer}"
        take = ""
        if r.recording_id == r.recording_id and r.recording_id is not None:
            match = takes[takes["id"] == r.recording_id]
            take = f" — take: {match.iloc[0]['title']}" if len(match) else ""
        lines += [f"## {r.session_date} · {r.interview_type} · {who}{take}", ""]
        lines += [f"- {label}: {getattr(r, name)}/5" for name, label in SCORE_DIMENSIONS.items()]
        lines += [
            f"- {FILLER_LABEL}: {r.filler_words}",
            f"- Stopped or restarted: {'yes' if r.stopped_or_restarted else 'no'}",
        ]
        improvements = [t for t in (r.improve_1, r.improve_2, r.improve_3) if t]
        if improvements:
            lines += ["- To improve:"] + [f"  {i}. {t}" for i, t in enumerate(improvements, 1)]
        if r.went_well:
            lines.append(f"- Went well: {r.went_well}")
        if r.notes:
            lines.append(f"- Notes: {r.notes}")
        lines.append("")
    counts = improvement_counts(db)
    if len(counts):
        lines += ["## Recurring things to improve", ""] + [
            f"- {c.improvement} ({c.count}×)" for c in counts.itertuples()
        ]
    path = Path(out_dir) / "mock-interview-reviews.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


# ---------------------------------------------------------------- demo

_DEMO_IMPROVEMENTS = [
    "Pause instead of saying um",
    "State the structure before diving in",
    "Look at the camera, not the notes",
    "Quantify the result",
    "Clarify the goal first",
    "Summarize the recommendation at the end",
]


def _demo_plans(db: sqlite_utils.Database) -> list[TakePlan]:
    """A question take, a story rehearsal (when the bank has stories) and a full mock."""
    bank = question_bank(db)
    plans = []
    for question_type in ("product_sense", "behavioural", "execution"):
        pool = bank[bank["type"] == question_type] if len(bank) else bank
        if len(pool):
            plans.append(question_plan(db, str(pool.iloc[0]["id"])))
    stories = story_options(db)
    if len(stories):
        plans.append(story_plan(db, stories.iloc[0]["id"]))
    plans.append(full_mock_take_plan())
    return plans


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """A few real (tiny, generated) takes over the past days, self-reviewed, plus partner feedback."""
    from lib.demo.media_clips import write_demo_take

    plans = _demo_plans(db)
    plans = [plans[i % len(plans)] for i in range(len(plans) + min(scale - 1, 8))]  # media stays small at any scale
    for n, plan in enumerate(plans):
        when = dt.datetime.combine(today - dt.timedelta(days=len(plans) - n), dt.time(9 + n % 8, 30))
        relative, path = new_take_path()
        write_demo_take(path, seconds=2.0 + rng.random() * 2, hue=rng.randrange(256), freq=180 + 40 * n)
        recording_id = save_take(db, plan, relative, created_at=when.isoformat(timespec="seconds"))
        base = min(5, 2 + n // 2)
        review = Review(
            clarity=min(5, base + rng.randint(0, 1)),
            structure=base,
            confidence=max(1, min(5, base + rng.randint(-1, 1))),
            eye_contact=max(1, base - 1 + rng.randint(0, 1)),
            filler_words=max(0, 14 - 3 * n + rng.randint(0, 3)),
            stopped_or_restarted=n == 0,
            notes="Watched the playback once through without stopping.",
            improvements=rng.sample(_DEMO_IMPROVEMENTS, 3),
        )
        add_review(db, recording_id, review, created_at=(when + dt.timedelta(hours=2)).isoformat(timespec="seconds"))
    partner = Review(
        clarity=4,
        structure=3,
        confidence=4,
        eye_contact=4,
        filler_words=6,
        went_well="Clear opening and good clarifying questions.",
        improvements=["State the structure before diving in", "Quantify the result"],
        notes="Traded interviewer/interviewee roles, one hour each.",
    )
    add_partner_feedback(
        db,
        "Sam (PM friend)",
        today - dt.timedelta(days=1),
        "Product Sense",
        partner,
        created_at=dt.datetime.combine(today - dt.timedelta(days=1), dt.time(19, 0)).isoformat(timespec="seconds"),
    )
