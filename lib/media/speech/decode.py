"""Decoding: the first audio track of any media file (MP4/AAC, WebM/Opus, WAV …) as 16 kHz mono samples."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from lib.core.errors import InputError

SAMPLE_RATE = 16_000


def decode_audio(path: Path) -> np.ndarray:
    """The first audio track of a media file as 16 kHz mono int16 samples."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", where=str(path))
    try:
        container = av.open(str(path))
    except av.error.FFmpegError as exc:
        raise InputError("not an audio or video file", where=str(path)) from exc
    chunks = []
    with container:
        if not container.streams.audio:
            raise InputError("the file has no audio track", where=str(path))
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        try:
            for frame in container.decode(container.streams.audio[0]):
                chunks.extend(f.to_ndarray().reshape(-1) for f in resampler.resample(frame))
            chunks.extend(f.to_ndarray().reshape(-1) for f in resampler.resample(None))
        except av.error.FFmpegError as exc:
            raise InputError(f"the audio cannot be decoded ({exc.strerror or exc})", where=str(path)) from exc
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
    if samples.size == 0:
        raise InputError("the audio track is empty", where=str(path))
    return samples.astype(np.int16, copy=False)
