"""Where the speaker talks and pauses, from voice activity detection (webrtcvad) plus an energy floor.

Timing comes from the audio, not from the transcript: Whisper's word
timestamps are too loose to measure pauses.
"""

from __future__ import annotations

import numpy as np
import webrtcvad

from lib.media.speech.decode import SAMPLE_RATE
from lib.media.speech.results import Pause

FRAME_MS = 30
# webrtcvad's aggressiveness, 0–3; the energy floor below trims what mode 2 lets through.
VAD_MODE = 2
# Silences shorter than this (breaths, the gap after a sentence) are part of talking:
# they count as talk time, so pace reads on the scale of the usual 130–160 wpm
# guidance, which counts them too; only hesitations this long or longer are left out.
BRIEF_PAUSE_S = 1.0
# A speech island shorter than this is a click or a cough, not a word.
MIN_SPEECH_S = 0.12
# Frames this far below the take's loud frames are silence whatever the VAD says.
ENERGY_FLOOR_DB = 35
ABOVE_NOISE_DB = 6
# A 2 s silence measures 1.9–2.0 s after VAD edges, so "long" starts a little lower.
LONG_PAUSE_S = 1.8


def _frame_rms(frames: np.ndarray, block: int = 20_000) -> np.ndarray:
    """Root mean square of each frame, a block of frames at a time so a long take needs no float copy of itself."""
    rms = np.empty(len(frames), dtype=np.float64)
    for start in range(0, len(frames), block):
        part = frames[start : start + block].astype(np.float64)
        rms[start : start + block] = np.sqrt((part**2).mean(axis=1))
    return rms


def speech_segments(samples: np.ndarray) -> list[tuple[float, float]]:
    """Stretches of talking as (start_s, end_s): brief pauses bridged, clicks dropped."""
    vad = webrtcvad.Vad(VAD_MODE)
    frame = SAMPLE_RATE * FRAME_MS // 1000
    count = len(samples) // frame
    frames = samples[: count * frame].reshape(count, frame)
    rms = _frame_rms(frames)
    # webrtcvad keeps saying "speech" for a few frames after a word ends; an energy
    # floor relative to the take's loud frames cuts that tail off at the word's end.
    # The floor also sits above the room's own noise (the quietest frames).
    floor = (
        max(
            np.percentile(rms, 95) * 10 ** (-ENERGY_FLOOR_DB / 20),
            np.percentile(rms, 10) * 10 ** (ABOVE_NOISE_DB / 20),
            1.0,
        )
        if count
        else 1.0
    )
    raw: list[list[float]] = []
    for i in range(count):
        if rms[i] < floor or not vad.is_speech(frames[i].tobytes(), SAMPLE_RATE):
            continue
        start, end = i * frame / SAMPLE_RATE, (i + 1) * frame / SAMPLE_RATE
        if raw and start - raw[-1][1] < BRIEF_PAUSE_S:
            raw[-1][1] = end
        else:
            raw.append([start, end])
    return [(round(a, 3), round(b, 3)) for a, b in raw if b - a >= MIN_SPEECH_S]


def long_pauses(segments: list[tuple[float, float]], threshold_s: float = LONG_PAUSE_S) -> list[Pause]:
    """Silences between speech stretches at least ``threshold_s`` long (not the lead-in or the tail)."""
    return [
        Pause(round(a_end, 2), round(b_start, 2))
        for (_, a_end), (b_start, _) in zip(segments, segments[1:], strict=False)
        if b_start - a_end >= threshold_s
    ]
