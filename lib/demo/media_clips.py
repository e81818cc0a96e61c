"""Small generated takes for the demo data: a generated picture with a shipped spoken clip (or a tone), via PyAV.

They go through the app's own ``TakeRecorder``, so demo files are exactly
what a webcam take looks like on disk. The sound of a demo take is one of the
short text-to-speech answers in ``data/demo/`` (see its README), so analysing
the take finds real words; the tone is for tests that only need a playable file.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import av
import numpy as np

from lib.media.recorder import TakeRecorder

CLIPS_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"
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


def clip_samples(clip: Path) -> np.ndarray:
    """The clip's sound as 48 kHz mono 16-bit samples, as a microphone track would deliver it."""
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    chunks = []
    with av.open(str(clip)) as container:
        for frame in container.decode(audio=0):
            chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
    chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    return np.concatenate(chunks).astype(np.int16)


def _spoken(samples: np.ndarray, i: int) -> av.AudioFrame:
    """The ``i``-th 20 ms of a clip, silence past its end."""
    chunk = np.zeros(SAMPLES_PER_FRAME, dtype=np.int16)
    part = samples[i * SAMPLES_PER_FRAME : (i + 1) * SAMPLES_PER_FRAME]
    chunk[: len(part)] = part
    frame = av.AudioFrame.from_ndarray(chunk[None, :], format="s16", layout="mono")
    frame.sample_rate = SAMPLE_RATE
    return frame


def write_demo_take(
    path: Path,
    seconds: float = 3.0,
    size: tuple[int, int] = (160, 120),
    fps: int = 10,
    hue: int = 0,
    freq: float = 220.0,
    clip: Path | None = None,
) -> None:
    """Write a small MP4 take at ``path`` through the app's recorder: the clip's speech for its length, else a tone."""
    samples = clip_samples(clip) if clip is not None else None
    if samples is not None:
        seconds = len(samples) / SAMPLE_RATE
    recorder = TakeRecorder(Path(path))
    # The recorder learns which streams to expect from the tracks it is given.
    recorder.addTrack(SimpleNamespace(kind="video"))
    recorder.addTrack(SimpleNamespace(kind="audio"))
    audio_index = 0
    for i in range(math.ceil(seconds * fps)):
        frame = _picture(i, *size, hue)
        frame.pts = i * 90_000 // fps
        frame.time_base = Fraction(1, 90_000)
        recorder.write_frame("video", frame)
        while audio_index * SAMPLES_PER_FRAME < (i + 1) * SAMPLE_RATE / fps:
            sound = _tone(audio_index, freq) if samples is None else _spoken(samples, audio_index)
            recorder.write_frame("audio", sound)
            audio_index += 1
    recorder.finish()
    if recorder.state != "saved":
        raise RuntimeError(f"demo take was not written: {recorder.error}")
