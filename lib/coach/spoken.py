"""Answers spoken out loud: the recording kept under recordings/, transcribed on this machine, coached.

The audio is written under an app-chosen name first (the speech decoder reads
files), measured and transcribed by the offline Whisper of ``lib.media.speech``,
and coached on its transcript; the attempt and its feedback are then stored in
one transaction. If anything fails the file is removed again, so no audio is
left behind without its attempt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from lib.coach.attempts import coach_or_note, store_feedback
from lib.coach.feedback import Feedback
from lib.core.errors import InputError
from lib.media import paths, speech
from lib.practice import attempts as practice_attempts
from lib.practice import questions
from lib.storage.db import transaction

# A 30-minute case answer as 16-bit mono WAV at 48 kHz is about 170 MB; anything larger is not one answer.
MAX_AUDIO_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class SpokenAnswer:
    """A stored spoken attempt: its id, what was heard, and the coach's feedback (or why there is none)."""

    attempt_id: int
    analysis: speech.Analysis
    feedback: Feedback | None
    note: str = ""


def _extension(audio: bytes) -> str:
    """The container of recorded bytes, from its signature: the browser's WAV, or WebM/MP4 from elsewhere."""
    if audio[:4] == b"RIFF" and audio[8:12] == b"WAVE":
        return ".wav"
    if audio[:4] == b"\x1a\x45\xdf\xa3":
        return ".webm"
    if audio[4:8] == b"ftyp":
        return ".mp4"
    raise InputError("the recording is not audio the app can read (WAV, WebM or MP4)", field="recording")


def answer_out_loud(
    db: sqlite_utils.Database,
    question_id: str,
    audio: bytes,
    *,
    started_at: dt.datetime | None = None,
    progress: speech.ProgressFn | None = None,
) -> SpokenAnswer:
    """Keep, transcribe and coach one spoken answer; the attempt's time is the recording's length."""
    questions.question(db, question_id)  # an unknown question is refused before anything is written
    audio = bytes(audio or b"")
    if not audio:
        raise InputError("record an answer before submitting", field="recording")
    if len(audio) > MAX_AUDIO_BYTES:
        raise InputError(f"the recording is larger than {MAX_AUDIO_BYTES // 2**20} MB", field="recording")
    relative, path = paths.new_answer_path(_extension(audio))
    path.write_bytes(audio)
    try:
        analysis = speech.analyze_file(path, progress)
        if progress:
            progress("Coaching the answer", 1.0)
        feedback, note = coach_or_note(
            question_id, analysis.transcript, wpm=analysis.wpm, transcript=analysis.transcript
        )
        with transaction(db):
            attempt_id = practice_attempts.submit_attempt(
                db,
                question_id,
                {},
                min(analysis.duration_s, practice_attempts.MAX_SECONDS),
                started_at=started_at,
                transcript=analysis.transcript,
                audio_path=relative,
                delivery=analysis.to_dict(),
            )
            if feedback is not None:
                store_feedback(db, feedback, attempt_id=attempt_id)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return SpokenAnswer(int(attempt_id), analysis, feedback, note)


def answer_audio(relative: str) -> bytes | None:
    """The stored audio of a spoken attempt, or None when it has none or its file is gone."""
    if not relative:
        return None
    try:
        path = paths.resolve_inside_recordings(relative)
    except InputError:
        return None
    return path.read_bytes() if path.exists() else None


def delivery_of(delivery: dict | None) -> speech.Analysis | None:
    """A stored attempt's delivery metrics back as an Analysis."""
    return speech.Analysis.from_dict(delivery) if delivery else None
