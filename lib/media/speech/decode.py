"""Decoding: the first audio track of any media file (MP4/AAC, WebM/Opus, WAV …) as 16 kHz mono samples.

A file's header is data, not a promise: a WAV that declares a 1 Hz rate asks
the resampler for 16,000 output samples per input sample, so a 200 KB file
once took minutes and gigabytes. The stream's rate and channels are checked
before anything is allocated, every decoded frame is checked again (a stream
may change its format midway), and the output goes into a buffer that grows
chunk by chunk and stops at the longest take the app analyses. Memory is
therefore bounded by ``MAX_TAKE_S``, whatever the file claims.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np

from lib.core.errors import InputError

SAMPLE_RATE = 16_000
# Microphones and files record at 8–192 kHz; anything outside is a broken or hostile header.
MIN_INPUT_RATE, MAX_INPUT_RATE = 8_000, 192_000
MAX_CHANNELS = 8
# The longest take analysed: the full mock is three 30-minute rounds, with room to spare.
MAX_TAKE_S = 2 * 60 * 60
# One decoded frame holds at most this much sound (codecs use a few ms to a second).
MAX_FRAME_S = 10


def _limit_text(seconds: float) -> str:
    return f"{seconds / 3600:.3g} hours" if seconds >= 3600 else f"{seconds / 60:.3g} minutes"


def check_regular_file(path: Path) -> None:
    """Refuse a path that is not a readable, non-empty regular file (a folder, a device, a pipe)."""
    try:
        info = os.stat(path)  # follows a symlink: what matters is what it points at
    except FileNotFoundError:
        raise InputError("no such file", where=str(path)) from None
    except OSError as exc:
        raise InputError(f"the file cannot be read ({exc.strerror or exc})", where=str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("this is a folder, not a recording", where=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError("this is not a regular file (a device or a pipe), not a recording", where=str(path))
    if info.st_size == 0:
        raise InputError("the file is empty", where=str(path))
    if not os.access(path, os.R_OK):
        raise InputError("the file cannot be read (permission denied)", where=str(path))


def _check_format(rate: int | None, channels: int | None, where: str) -> None:
    """Refuse a sample rate or channel count no real recording has, before the resampler allocates for it."""
    if not rate or not MIN_INPUT_RATE <= rate <= MAX_INPUT_RATE:
        raise InputError(
            f"the audio declares a sample rate of {rate or 0} Hz; a recording has "
            f"{MIN_INPUT_RATE // 1000}–{MAX_INPUT_RATE // 1000} kHz",
            where=where,
        )
    if not channels or not 1 <= channels <= MAX_CHANNELS:
        raise InputError(
            f"the audio declares {channels or 0} channels; a recording has 1 to {MAX_CHANNELS}", where=where
        )


def _declared_seconds(container, stream) -> float:
    """How long the file says its audio lasts (0 when it does not say); FFmpeg bounds a WAV's claim by its size."""
    seconds = [(container.duration or 0) / 1_000_000]
    if stream.duration and stream.time_base:
        seconds.append(float(stream.duration * stream.time_base))
    return max(seconds)


class _Samples:
    """A growing int16 buffer that refuses to hold more than ``limit`` samples."""

    def __init__(self, limit: int, where: str) -> None:
        self.limit, self.where = limit, where
        self.data = np.zeros(SAMPLE_RATE * 60, dtype=np.int16)
        self.size = 0

    def add(self, chunk: np.ndarray) -> None:
        end = self.size + chunk.size
        if end > self.limit:
            raise InputError(
                f"the recording is longer than {_limit_text(self.limit / SAMPLE_RATE)}, the longest take analysed",
                where=self.where,
            )
        if end > self.data.size:
            grown = np.zeros(min(self.limit, max(end, self.data.size * 2)), dtype=np.int16)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : end] = chunk
        self.size = end

    def result(self) -> np.ndarray:
        return self.data[: self.size]


def decode_audio(path: Path, max_seconds: float = MAX_TAKE_S) -> np.ndarray:
    """The first audio track of a media file as 16 kHz mono int16 samples, at most ``max_seconds`` of them."""
    import av

    path = Path(path)
    where = str(path)
    check_regular_file(path)
    try:
        container = av.open(where)
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise InputError("not an audio or video file", where=where) from exc
    samples = _Samples(int(max_seconds * SAMPLE_RATE), where)
    with container:
        if not container.streams.audio:
            raise InputError("the file has no audio track", where=where)
        stream = container.streams.audio[0]
        context = stream.codec_context
        if context is None or context.codec is None:
            raise InputError("the audio track's codec is not supported", where=where)
        _check_format(context.sample_rate, context.channels, where)
        declared = _declared_seconds(container, stream)
        if declared > max_seconds:
            raise InputError(
                f"the recording says it lasts {_limit_text(declared)}; the longest take analysed is "
                f"{_limit_text(max_seconds)}",
                where=where,
            )
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        try:
            for frame in container.decode(stream):
                _check_format(frame.sample_rate, len(frame.layout.channels), where)
                if frame.samples > MAX_FRAME_S * frame.sample_rate:
                    raise InputError("the audio holds a frame far longer than any codec writes", where=where)
                for out in resampler.resample(frame):
                    samples.add(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                samples.add(out.to_ndarray().reshape(-1))
        except (av.error.FFmpegError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise InputError(f"the audio cannot be decoded ({reason})", where=where) from exc
    if samples.size == 0:
        raise InputError("the audio track is empty", where=where)
    return samples.result()
