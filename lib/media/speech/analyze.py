"""The whole analysis of a take: decode, find speech and pauses, transcribe, count."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lib.core.errors import InputError
from lib.media.speech.decode import SAMPLE_RATE, decode_audio
from lib.media.speech.results import Analysis, ProgressFn
from lib.media.speech.transcribe import engine_label, transcribe
from lib.media.speech.vad import long_pauses, speech_segments
from lib.media.speech.words import count_fillers, count_words, numbers_mentioned, pronoun_counts


def analyze_samples(samples: np.ndarray, progress: ProgressFn | None = None, where: str | None = None) -> Analysis:
    """Every metric of 16 kHz mono samples; a take with no speech is an error."""
    duration = len(samples) / SAMPLE_RATE
    if progress:
        progress("Finding speech and pauses", 0.0)
    segments = speech_segments(samples)
    speaking = sum(b - a for a, b in segments)
    if speaking < 0.5:
        raise InputError("no speech found: the recording is silent", where=where)
    transcript, label = transcribe(samples, segments, progress)
    words = count_words(transcript)
    if words == 0:
        raise InputError("no words were recognised: the sound in the recording is not speech", where=where)
    fillers = count_fillers(transcript)
    i_count, we_count = pronoun_counts(transcript)
    minutes = speaking / 60
    return Analysis(
        duration_s=round(duration, 2),
        speaking_s=round(speaking, 2),
        words=words,
        wpm=round(words / minutes, 1),
        fillers=fillers,
        fillers_per_min=round(sum(fillers.values()) / minutes, 2),
        long_pauses=long_pauses(segments),
        i_count=i_count,
        we_count=we_count,
        numbers=numbers_mentioned(transcript),
        transcript=transcript,
        engine=engine_label(),
        model=label,
        speech_segments=segments,
    )


def analyze_file(path: Path, progress: ProgressFn | None = None) -> Analysis:
    """Every metric of one recording file."""
    if progress:
        progress("Decoding audio", 0.0)
    return analyze_samples(decode_audio(Path(path)), progress, where=str(path))
