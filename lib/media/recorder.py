"""A webcam recorder that does not lose takes (MP4: H.264 ``veryfast`` + AAC).

It replaces aiortc's stock ``MediaRecorder`` (same ``addTrack`` / ``start`` /
``stop`` shape, so streamlit-webrtc's ``in_recorder_factory`` accepts it),
because the stock one loses the video of most WebRTC takes: audio arrives
before the first video keyframe, the container header is written with a
default video size, and the real frames then kill the video task silently.

What this one does instead:

- the container is opened, and both streams declared, only when the first
  video frame has fixed the picture size; audio that arrives earlier is held
  (up to ``MAX_AUDIO_HOLD_S``, after which the take goes on as audio only);
- a later change of picture size is rescaled to the first size;
- ``stop()`` is idempotent and never yields to the event loop, because
  streamlit-webrtc calls it once per ended track and two interleaved stops
  leave an MP4 without its index;
- the file is written as ``NAME.part`` and renamed when complete, so nothing
  ever reads a half-written take;
- pipeline errors go to a real logging handler and into the take's error text.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
from aiortc.mediastreams import MediaStreamError

from lib.media import paths

log = logging.getLogger(__name__)

VIDEO_TIME_BASE = Fraction(1, 90_000)  # RTP's video clock: keeps variable frame timing exact
AUDIO_RATE = 48_000
AUDIO_LAYOUT = "mono"  # one microphone; halves the audio size of a stereo copy
# veryfast: 2-3 ms a 640x480 frame on two cores. No B-frames: in fragmented MP4
# (no edit list) their negative decode times would push the video start back.
VIDEO_OPTIONS = {"preset": "veryfast", "crf": "26", "bf": "0"}
AUDIO_BIT_RATE = 96_000
# Fragmented MP4: the index is written first and the media in self-contained
# fragments, so even a take cut short by a crash plays up to its last fragment.
CONTAINER_OPTIONS = {"movflags": "empty_moov+default_base_moof", "frag_duration": "2000000"}  # a fragment every 2 s
MAX_AUDIO_HOLD_S = 10.0
LOOPBACK_ICE_ENV = "PREP_WEBRTC_LOOPBACK_ICE"


def ensure_logging() -> None:
    """Give the recorder and aiortc a real handler: aiortc logs to a NullHandler by default."""
    for name in (__name__, "aiortc"):
        logger = logging.getLogger(name)
        if not any(getattr(h, "_prep_recorder", False) for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            handler.setLevel(logging.WARNING)
            handler._prep_recorder = True  # type: ignore[attr-defined]
            logger.addHandler(handler)
            if logger.level == logging.NOTSET or logger.level > logging.WARNING:
                logger.setLevel(logging.WARNING)


def allow_loopback_ice_if_requested() -> bool:
    """Offer 127.0.0.1 as an ICE candidate when PREP_WEBRTC_LOOPBACK_ICE=1.

    For test machines whose only network is loopback: aioice leaves 127.0.0.1
    out of its host candidates, so the browser and the server never connect.
    Off by default; a real laptop has a LAN or Wi-Fi address.
    """
    if os.environ.get(LOOPBACK_ICE_ENV) != "1":
        return False
    import aioice.ice

    original = aioice.ice.get_host_addresses
    if getattr(original, "_prep_loopback", False):
        return True

    def with_loopback(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        addresses = original(use_ipv4, use_ipv6)
        if use_ipv4 and "127.0.0.1" not in addresses:
            addresses.append("127.0.0.1")
        return addresses

    with_loopback._prep_loopback = True  # type: ignore[attr-defined]
    aioice.ice.get_host_addresses = with_loopback
    return True


class TakeRecorder:
    """Records one take from a WebRTC video track and audio track to ``path``."""

    def __init__(self, path: Path, on_finished: Callable[[str], None] | None = None):
        ensure_logging()
        self.path = Path(path)
        self.part_path = self.path.with_name(self.path.name + ".part")
        self.on_finished = on_finished
        self.state = "waiting"  # waiting -> recording -> saved | failed
        self.error = ""
        self.first_frame_at: float | None = None
        self.video_frames = 0
        self.audio_frames = 0
        self._tracks: dict[str, object] = {}
        self._tasks: list[asyncio.Task] = []
        self._errors: list[str] = []
        self._finished = False
        paths.start_writing(self.path)
        self._container = None
        self._video = None
        self._audio = None
        self._size: tuple[int, int] | None = None
        self._held_audio: list[tuple[av.AudioFrame, float]] = []
        self._video_start: tuple[int, int] | None = None  # (first frame's pts in 1/90000, offset in 1/90000)
        self._last_video_pts = -1
        self._audio_next_pts: int | None = None
        self._resampler: av.AudioResampler | None = None

    # ---- the aiortc MediaRecorder interface

    def addTrack(self, track) -> None:  # noqa: N802 (aiortc's name)
        """Record this track; one audio and one video track per take."""
        if track.kind not in ("audio", "video"):
            return
        if track.kind in self._tracks:
            log.warning("a second %s track was offered to one take; keeping the first", track.kind)
            return
        self._tracks[track.kind] = track

    async def start(self) -> None:
        """Begin reading the tracks."""
        if self._tasks or self._finished:
            return
        for kind, track in self._tracks.items():
            self._tasks.append(asyncio.ensure_future(self._read(kind, track)))

    async def stop(self) -> None:
        """Finish the take; safe to call any number of times (it never yields)."""
        self.finish()

    # ---- status for the page (read from another thread; plain attributes)

    def elapsed_seconds(self) -> float:
        """Seconds since the first frame arrived (0 before)."""
        return 0.0 if self.first_frame_at is None else time.monotonic() - self.first_frame_at

    # ---- frames

    async def _read(self, kind: str, track) -> None:
        try:
            while not self._finished:
                try:
                    frame = await track.recv()
                except MediaStreamError:
                    return
                if not self._finished:
                    self.write_frame(kind, frame)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one broken stream must not take the other down
            log.exception("the %s stream of %s failed", kind, self.path.name)
            self._errors.append(f"{kind} stream failed: {exc}")

    def write_frame(self, kind: str, frame) -> None:
        """Encode one frame of ``kind`` ("audio" or "video")."""
        now = time.monotonic()
        if self.first_frame_at is None:
            self.first_frame_at = now
            self.state = "recording"
        if kind == "video":
            self._write_video(frame, now)
        else:
            self._write_audio(frame, now)

    def _offset_ticks(self, now: float, rate: int) -> int:
        """Time since the first frame of the take, in ``1/rate`` units (aligns the two streams)."""
        return int(round((now - (self.first_frame_at or now)) * rate))

    def _write_video(self, frame: av.VideoFrame, now: float) -> None:
        if self._container is None:
            if self._finished:
                return
            self._open((frame.width - frame.width % 2, frame.height - frame.height % 2))
        if self._video is None:
            return  # the take went on as audio only
        pts = self._video_pts(frame, now)
        if pts <= self._last_video_pts:
            return  # a repeated or late timestamp: the encoder needs them strictly increasing
        self._last_video_pts = pts
        width, height = self._size
        if (frame.width, frame.height) != (width, height) or frame.format.name != "yuv420p":
            frame = frame.reformat(width=width, height=height, format="yuv420p")
        else:
            # The frame is shared with the self-view sent back to the browser: retime a copy, never the original.
            frame = av.VideoFrame.from_ndarray(frame.to_ndarray(), format="yuv420p")
        frame.pts = pts
        frame.time_base = VIDEO_TIME_BASE
        self._mux(self._video.encode(frame))
        self.video_frames += 1

    def _video_pts(self, frame: av.VideoFrame, now: float) -> int:
        if frame.pts is None or frame.time_base is None:
            return self._offset_ticks(now, 90_000)
        own = int(frame.pts * frame.time_base * 90_000)
        if self._video_start is None:
            self._video_start = (own, self._offset_ticks(now, 90_000))
        first, offset = self._video_start
        return offset + own - first

    def _write_audio(self, frame: av.AudioFrame, now: float) -> None:
        if self._container is None:
            self._held_audio.append((frame, now))
            held = sum(f.samples / f.sample_rate for f, _ in self._held_audio)
            if "video" not in self._tracks or held >= MAX_AUDIO_HOLD_S:
                if "video" in self._tracks:
                    log.warning("no video in the first %.0f s of %s; recording audio only", held, self.path.name)
                    self._errors.append(f"no video arrived in the first {held:.0f} s; the take has audio only")
                self._open(None)
            return
        self._encode_audio(frame, now)

    def _encode_audio(self, frame: av.AudioFrame, now: float) -> None:
        if self._audio is None:
            return
        if self._audio_next_pts is None:
            self._audio_next_pts = self._offset_ticks(now, AUDIO_RATE)
        # The frame is shared with the audio sent back to the browser, so it is not touched:
        # the resampler makes new frames, timed here in samples on the take's own clock.
        for out in self._resampler.resample(frame):
            out.pts = self._audio_next_pts
            out.time_base = Fraction(1, AUDIO_RATE)
            self._audio_next_pts += out.samples
            self._mux(self._audio.encode(out))
        self.audio_frames += 1

    def _open(self, size: tuple[int, int] | None) -> None:
        """Open the container and declare every stream before anything is written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        container = av.open(str(self.part_path), mode="w", format="mp4", options=dict(CONTAINER_OPTIONS))
        try:
            if size is not None:
                video = container.add_stream("libx264", rate=30, options=dict(VIDEO_OPTIONS))
                video.width, video.height = size
                video.pix_fmt = "yuv420p"
                video.time_base = VIDEO_TIME_BASE
                video.codec_context.time_base = VIDEO_TIME_BASE
                self._video, self._size = video, size
            if "audio" in self._tracks:
                audio = container.add_stream("aac", rate=AUDIO_RATE)
                audio.layout = AUDIO_LAYOUT
                audio.bit_rate = AUDIO_BIT_RATE
                audio.time_base = Fraction(1, AUDIO_RATE)
                self._audio = audio
                self._resampler = av.AudioResampler(
                    format="fltp", layout=AUDIO_LAYOUT, rate=AUDIO_RATE, frame_size=1024
                )
        except Exception:
            container.close()
            raise
        self._container = container
        held, self._held_audio = self._held_audio, []
        for frame, arrived in held:
            self._encode_audio(frame, arrived)

    def _mux(self, packets) -> None:
        for packet in packets:
            self._container.mux(packet)

    # ---- finishing

    def finish(self) -> None:
        """Flush, close and rename the file, then report; only the first call does anything."""
        if self._finished:
            return
        self._finished = True
        for task in self._tasks:
            task.cancel()
        try:
            self._close_container()
        except Exception as exc:
            log.exception("could not finish %s", self.path.name)
            self._errors.append(f"could not finish the file: {exc}")
        paths.stop_writing(self.path)
        self.error = "; ".join(self._errors)
        self.state = "saved" if self.path.exists() and not self._errors else "failed"
        if self.on_finished is not None:
            try:
                self.on_finished(self.error)
            except Exception as exc:
                log.exception("could not store the take %s", self.path.name)
                self.error = "; ".join([*self._errors, f"the take could not be stored: {exc}"])
                self.state = "failed"

    def _close_container(self) -> None:
        if self._container is None and self._held_audio:
            self._open(None)
        if self._container is None:
            self._errors.append("no audio or video arrived; nothing was recorded")
            return
        container, self._container = self._container, None
        try:
            for stream in (self._video, self._audio):
                if stream is None:
                    continue
                if stream is self._audio and self._resampler is not None and self._audio_next_pts is not None:
                    for out in self._resampler.resample(None):
                        out.pts = self._audio_next_pts
                        self._audio_next_pts += out.samples
                        for packet in stream.encode(out):
                            container.mux(packet)
                for packet in stream.encode(None):
                    container.mux(packet)
        finally:
            container.close()
        os.replace(self.part_path, self.path)
