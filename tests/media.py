"""Test media made at test time: PyAV frames, fake WebRTC tracks, and browser capture files."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError

AUDIO_RATE = 48_000
AUDIO_SAMPLES = 960  # 20 ms, what a WebRTC Opus track delivers


def video_frames(
    seconds: float, fps: int = 15, size: tuple[int, int] = (320, 240), start_pts: int = 0
) -> list[av.VideoFrame]:
    """Moving colour bars, timestamped on RTP's 90 kHz video clock like aiortc's frames."""
    width, height = size
    frames = []
    for i in range(int(seconds * fps)):
        x = np.arange(width, dtype=np.uint16)[None, :]
        y = np.arange(height, dtype=np.uint16)[:, None]
        rgb = np.stack(
            [(x + i * 4) % 256 + 0 * y, (y + i * 2) % 256 + 0 * x, np.full((height, width), (i * 8) % 256)], axis=-1
        )
        frame = av.VideoFrame.from_ndarray(rgb.astype(np.uint8), format="rgb24")
        frame.pts = start_pts + i * 90_000 // fps
        frame.time_base = Fraction(1, 90_000)
        frames.append(frame)
    return frames


def audio_frames(seconds: float, freq: float = 440.0, start_pts: int = 0) -> list[av.AudioFrame]:
    """A stereo s16 tone in 20-ms frames, like aiortc's decoded Opus."""
    frames = []
    for i in range(int(seconds * AUDIO_RATE / AUDIO_SAMPLES)):
        t = (np.arange(AUDIO_SAMPLES) + i * AUDIO_SAMPLES) / AUDIO_RATE
        wave = (np.sin(2 * np.pi * freq * t) * 8000).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(np.repeat(wave, 2)[None, :], format="s16", layout="stereo")
        frame.sample_rate = AUDIO_RATE
        frame.pts = start_pts + i * AUDIO_SAMPLES
        frame.time_base = Fraction(1, AUDIO_RATE)
        frames.append(frame)
    return frames


class FakeTrack:
    """A stand-in for an aiortc remote track: hands out prepared frames, then ends."""

    def __init__(
        self,
        kind: str,
        frames: list,
        wait_for: asyncio.Event | None = None,
        signal_after: tuple[int, asyncio.Event] | None = None,
    ):
        self.kind = kind
        self._frames = list(frames)
        self._wait_for = wait_for
        self._signal_after = signal_after
        self.delivered = 0

    async def recv(self):
        if self._wait_for is not None:
            await self._wait_for.wait()
        await asyncio.sleep(0)
        if not self._frames:
            raise MediaStreamError
        if self._signal_after and self.delivered >= self._signal_after[0]:
            self._signal_after[1].set()
        self.delivered += 1
        return self._frames.pop(0)


def decoded_streams(path: Path) -> dict:
    """Decode a file completely; per stream kind: frames decoded, seconds covered, first picture size."""
    result: dict = {}
    with av.open(str(path)) as container:
        for stream in container.streams:
            kind = stream.type
            entry = {"frames": 0, "start": None, "end": 0.0, "size": None}
            for frame in container.decode(stream):
                t = float(frame.pts * frame.time_base)
                span = (frame.samples / frame.sample_rate) if kind == "audio" else 0.0
                entry["frames"] += 1
                entry["start"] = t if entry["start"] is None else min(entry["start"], t)
                entry["end"] = max(entry["end"], t + span)
                if kind == "video" and entry["size"] is None:
                    entry["size"] = (frame.width, frame.height)
            container.seek(0)
            result[kind] = entry
    return result


def make_fake_camera(path: Path, seconds: int = 8) -> Path:
    """A .y4m clip for Chromium's --use-file-for-fake-video-capture (ffmpeg's test pattern)."""
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=15",
            "-t",
            str(seconds),
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
    )
    return path


def make_spoken_wav(path: Path, text: str) -> Path:
    """Speech from espeak-ng, resampled by sox to 48 kHz mono 16-bit for --use-file-for-fake-audio-capture."""
    raw = path.with_suffix(".espeak.wav")
    subprocess.run(["espeak-ng", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", "48000", "-c", "1", "-b", "16", str(path)], check=True)
    raw.unlink()
    return path


def media_tools_missing() -> list[str]:
    """Which of ffmpeg, espeak-ng and sox are not installed."""
    return [tool for tool in ("ffmpeg", "espeak-ng", "sox") if shutil.which(tool) is None]


class WebcamStub:
    """Stands in for ``streamlit_webrtc.webrtc_streamer`` under AppTest, which cannot run the component.

    It remembers the arguments of the last call, so a test can take the page's
    recorder factory and drive a take through it.
    """

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.playing = False

    def __call__(self, **kwargs):
        from types import SimpleNamespace

        self.calls.append(kwargs)
        return SimpleNamespace(state=SimpleNamespace(playing=self.playing, signalling=self.playing))

    @property
    def last(self) -> dict:
        return self.calls[-1]
