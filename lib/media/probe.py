"""Stream facts of a saved take, read back from the file with PyAV (no full decode)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lib.core.errors import StorageError

# av (FFmpeg) is imported where media is read: most pages only query takes,
# and importing it added to the app's cold start.


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
