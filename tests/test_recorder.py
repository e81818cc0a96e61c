"""The recorder alone, fed PyAV-generated frames through fake WebRTC tracks (no browser)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from lib.media import recorder
from lib.media.recorder import TakeRecorder
from tests.media import FakeTrack, audio_frames, decoded_streams, video_frames


async def _record(rec: TakeRecorder, *tracks: FakeTrack, stops: int = 2) -> None:
    """Run the take until every track is drained, then stop it ``stops`` times at once."""
    for track in tracks:
        rec.addTrack(track)
    await rec.start()
    while any(t._frames for t in tracks):
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.02)
    await asyncio.gather(*(rec.stop() for _ in range(stops)))


@pytest.fixture
def takes(tmp_path):
    """A folder of its own for the take, so leftovers are easy to see."""
    path = tmp_path / "takes"
    path.mkdir()
    return path


def _take(folder, finished: list) -> TakeRecorder:
    return TakeRecorder(folder / "take.mp4", on_finished=finished.append)


def test_audio_before_video_then_a_size_change_and_a_double_stop(takes) -> None:
    video_arrives = asyncio.Event()
    audio = FakeTrack("audio", audio_frames(4.0), signal_after=(25, video_arrives))
    video = FakeTrack(
        "video",
        video_frames(2.0, size=(320, 240)) + video_frames(2.0, size=(640, 480), start_pts=2 * 90_000),
        wait_for=video_arrives,
    )
    finished: list[str] = []
    rec = _take(takes, finished)

    asyncio.run(_record(rec, audio, video, stops=2))

    assert finished == [""], "the take is reported exactly once, without error"
    assert rec.state == "saved"
    assert sorted(p.name for p in takes.iterdir()) == ["take.mp4"], "no .part file is left behind"
    streams = decoded_streams(takes / "take.mp4")
    assert streams["video"]["frames"] == 60
    assert streams["video"]["size"] == (320, 240)
    assert streams["video"]["end"] - streams["video"]["start"] == pytest.approx(4.0, abs=0.15)
    assert streams["audio"]["end"] - streams["audio"]["start"] == pytest.approx(4.0, abs=0.1)
    assert streams["audio"]["start"] < 0.1, "audio held before the first video frame is kept"


def test_stop_before_any_frame_reports_a_failed_take(takes) -> None:
    finished: list[str] = []
    rec = _take(takes, finished)
    rec.addTrack(FakeTrack("audio", []))
    rec.addTrack(FakeTrack("video", []))

    asyncio.run(rec.stop())

    assert rec.state == "failed"
    assert finished and "nothing was recorded" in finished[0]
    assert list(takes.iterdir()) == []


def test_audio_only_when_no_camera_track(takes) -> None:
    finished: list[str] = []
    rec = _take(takes, finished)

    asyncio.run(_record(rec, FakeTrack("audio", audio_frames(2.0))))

    streams = decoded_streams(takes / "take.mp4")
    assert set(streams) == {"audio"}
    assert streams["audio"]["end"] == pytest.approx(2.0, abs=0.1)
    assert finished == [""]


def test_video_that_never_comes_does_not_hold_audio_forever(takes, monkeypatch) -> None:
    monkeypatch.setattr(recorder, "MAX_AUDIO_HOLD_S", 0.5)
    never = asyncio.Event()
    finished: list[str] = []
    rec = _take(takes, finished)
    audio = FakeTrack("audio", audio_frames(2.0))
    rec.addTrack(FakeTrack("video", video_frames(0.5), wait_for=never))

    asyncio.run(_record(rec, audio))

    streams = decoded_streams(takes / "take.mp4")
    assert set(streams) == {"audio"}
    assert streams["audio"]["end"] == pytest.approx(2.0, abs=0.1)
    assert rec.state == "failed" and "audio only" in finished[0]


class _BrokenTrack(FakeTrack):
    async def recv(self):
        frame = await super().recv()
        if self.delivered > 5:
            raise RuntimeError("decoder fell over")
        return frame


def test_a_broken_stream_is_logged_and_the_other_stream_is_kept(takes, caplog) -> None:
    finished: list[str] = []
    rec = _take(takes, finished)
    video = _BrokenTrack("video", video_frames(2.0))
    audio = FakeTrack("audio", audio_frames(2.0))
    caplog.set_level(logging.WARNING, logger="lib.media.recorder")

    async def run() -> None:
        rec.addTrack(video)
        rec.addTrack(audio)
        await rec.start()
        while audio._frames:
            await asyncio.sleep(0.005)
        await rec.stop()

    asyncio.run(run())

    assert rec.state == "failed"
    assert "video stream failed: decoder fell over" in finished[0]
    assert any("video stream" in r.getMessage() for r in caplog.records)
    streams = decoded_streams(takes / "take.mp4")
    assert streams["video"]["frames"] == 5
    assert streams["audio"]["end"] == pytest.approx(2.0, abs=0.1)


def test_recorder_logs_through_a_real_handler() -> None:
    recorder.ensure_logging()
    for name in ("lib.media.recorder", "aiortc"):
        handlers = logging.getLogger(name).handlers
        assert any(not isinstance(h, logging.NullHandler) for h in handlers)


def test_loopback_ice_switch(monkeypatch) -> None:
    import aioice.ice

    monkeypatch.setattr(aioice.ice, "get_host_addresses", aioice.ice.get_host_addresses)
    monkeypatch.delenv(recorder.LOOPBACK_ICE_ENV, raising=False)
    assert recorder.allow_loopback_ice_if_requested() is False
    assert "127.0.0.1" not in aioice.ice.get_host_addresses(True, False)

    monkeypatch.setenv(recorder.LOOPBACK_ICE_ENV, "1")
    assert recorder.allow_loopback_ice_if_requested() is True
    assert "127.0.0.1" in aioice.ice.get_host_addresses(True, False)


def test_frames_shared_with_the_self_view_are_not_changed(takes) -> None:
    """streamlit-webrtc hands the same frame objects to the recorder and to the sendback tracks."""
    rec = _take(takes, [])
    rec.addTrack(FakeTrack("video", []))
    rec.addTrack(FakeTrack("audio", []))
    audio = audio_frames(1.0, start_pts=123_456)
    video = [f.reformat(format="yuv420p") for f in video_frames(1.0, start_pts=987_654)]
    before = [(f.pts, f.time_base) for f in audio + video]
    for a in audio[:10]:
        rec.write_frame("audio", a)
    for v in video:
        rec.write_frame("video", v)
    for a in audio[10:]:
        rec.write_frame("audio", a)
    rec.finish()
    assert [(f.pts, f.time_base) for f in audio + video] == before
    assert rec.state == "saved"
