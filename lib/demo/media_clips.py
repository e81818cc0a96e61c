"""Small generated takes for the demo data: a few seconds of picture and tone, made with PyAV.

They go through the app's own ``TakeRecorder``, so demo files are exactly
what a webcam take looks like on disk; nothing large is shipped in the repo.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import av
import numpy as np

from lib.media.recorder import TakeRecorder

SAMPLE_RATE = 48_000
SAMPLES_PER_FRAME = 960  # 20 ms, as a WebRTC microphone track delivers


def _picture(i: int, width: int, height: int, hue: int) -> av.VideoFrame:
    """A moving gradient: cheap to make and to encode, and visibly alive when played."""
    x = np.arange(width, dtype=np.int32)[None, :]
    y = np.arange(height, dtype=np.int32)[:, None]
    rgb = np.empty((height, width, 3), dtype=np.uint8)
    rgb[..., 0] = (x + i * 3 + hue) % 256
    rgb[..., 1] = (y + i * 2) % 256
    rgb[..., 2] = (x + y + hue) % 256
    return av.VideoFrame.from_ndarray(rgb, format="rgb24")


def _tone(i: int, freq: float) -> av.AudioFrame:
    """20 ms of a soft tone that swells and fades twice a second, like speech cadence."""
    t = (np.arange(SAMPLES_PER_FRAME) + i * SAMPLES_PER_FRAME) / SAMPLE_RATE
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 2 * t)
    wave = (np.sin(2 * np.pi * freq * t) * envelope * 6000).astype(np.int16)
    frame = av.AudioFrame.from_ndarray(wave[None, :], format="s16", layout="mono")
    frame.sample_rate = SAMPLE_RATE
    return frame


def write_demo_take(
    path: Path,
    seconds: float = 3.0,
    size: tuple[int, int] = (160, 120),
    fps: int = 10,
    hue: int = 0,
    freq: float = 220.0,
) -> None:
    """Write a small MP4 take at ``path`` through the app's recorder."""
    recorder = TakeRecorder(Path(path))
    # The recorder learns which streams to expect from the tracks it is given.
    recorder.addTrack(SimpleNamespace(kind="video"))
    recorder.addTrack(SimpleNamespace(kind="audio"))
    audio_index = 0
    for i in range(int(seconds * fps)):
        frame = _picture(i, *size, hue)
        frame.pts = i * 90_000 // fps
        frame.time_base = Fraction(1, 90_000)
        recorder.write_frame("video", frame)
        while audio_index * SAMPLES_PER_FRAME < (i + 1) * SAMPLE_RATE / fps:
            recorder.write_frame("audio", _tone(audio_index, freq))
            audio_index += 1
    recorder.finish()
    if recorder.state != "saved":
        raise RuntimeError(f"demo take was not written: {recorder.error}")
