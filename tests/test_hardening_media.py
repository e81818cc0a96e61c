"""Media is bounded by what the app analyses, not by what a file claims: hostile headers and odd paths.

Each hostile file is analysed by `python -m lib analyze` in a process of its
own, under an address-space cap so a regression fails the test instead of
exhausting the machine; its peak memory (``os.wait4``) and time are compared
with those of a normal spoken clip analysed the same way.
"""

from __future__ import annotations

import json
import os
import resource
import struct
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lib.core.errors import InputError
from lib.media.speech import decode
from tests import audio

ROOT = Path(__file__).resolve().parent.parent
CAP_BYTES = 3 * 1024**3  # far above a normal analysis, far below what the old decoder asked for


# ---------------------------------------------------------------- hostile files


def wav_bytes(rate: int, channels: int, data: bytes, declared: int | None = None, bits: int = 16) -> bytes:
    """A PCM WAV whose header says whatever it is told to, followed by ``data``."""
    declared = len(data) if declared is None else declared
    align = max(1, channels * bits // 8)
    return (
        b"RIFF"
        + struct.pack("<I", (36 + declared) & 0xFFFFFFFF)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, channels, rate & 0xFFFFFFFF, (rate * align) & 0xFFFFFFFF, align, bits)
        + b"data"
        + struct.pack("<I", declared & 0xFFFFFFFF)
        + data
    )


def tone(rate: int, seconds: float) -> np.ndarray:
    t = np.arange(int(rate * seconds))
    return (np.sin(2 * np.pi * 220 * t / rate) * 8000).astype(np.int16)


def encoded(path: Path, fmt: str, codec: str, rate: int, seconds: float = 4.0, options: dict | None = None) -> Path:
    """A tone in ``fmt`` with ``codec`` (PCM in Matroska or QuickTime, Opus in WebM, AAC in MP4)."""
    wave = tone(rate, seconds)
    size = {"libopus": 960, "aac": 1024}.get(codec, 1024)
    with av.open(str(path), "w", format=fmt, options=options or {}) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "mono"
        for i in range(0, len(wave) - size, size):
            chunk = wave[i : i + size]
            if codec == "aac":
                floats = (chunk / 32768).astype(np.float32)[None, :]
                frame = av.AudioFrame.from_ndarray(floats, format="fltp", layout="mono")
            else:
                frame = av.AudioFrame.from_ndarray(chunk[None, :], format="s16", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, i, Fraction(1, rate)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def patched(source: Path, target: Path, old: bytes, new: bytes, skip: int = 0, after: bytes = b"") -> Path:
    """A copy of ``source`` with the first ``old`` past ``after`` (``skip`` bytes into it) replaced by ``new``."""
    data = source.read_bytes()
    at = data.index(old, data.index(after)) + skip
    target.write_bytes(data[:at] + new + data[at + len(new) :])
    return target


def mkv_rate(path: Path, rate: float) -> Path:
    """PCM in Matroska whose SamplingFrequency element says ``rate``."""
    source = encoded(path.with_suffix(".src.mkv"), "matroska", "pcm_s16le", 8000)
    return patched(source, path, b"\xb5\x88" + struct.pack(">d", 8000.0), struct.pack(">d", rate), skip=2)


def mov_rate(path: Path, rate: int) -> Path:
    """PCM in QuickTime whose sound description says ``rate`` (16.16 fixed point)."""
    source = encoded(path.with_suffix(".src.mov"), "mov", "pcm_s16le", 8000)
    rate_field = struct.pack(">I", (rate << 16) & 0xFFFFFFFF)
    return patched(source, path, struct.pack(">I", 8000 << 16), rate_field, after=b"stsd")


def webm_rate(path: Path, rate: float) -> Path:
    """Opus in WebM whose SamplingFrequency element says ``rate`` (the decoder knows better)."""
    source = encoded(path.with_suffix(".src.webm"), "webm", "libopus", 48000)
    return patched(source, path, b"\xb5\x88" + struct.pack(">d", 48000.0), struct.pack(">d", rate), skip=2)


def mp4_field(path: Path, offset: int, value: bytes) -> Path:
    """AAC in MP4 with a field of its ``mp4a`` entry overwritten (channels: 20 bytes after the type; rate: 28)."""
    source = encoded(path.with_suffix(".src.mp4"), "mp4", "aac", 48000)
    return patched(source, path, b"mp4a", value, skip=offset)


def video_only(path: Path) -> Path:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _sparse_wav(path: Path) -> Path:
    """A valid 48 kHz header and 4 GB of (sparse) silence: twelve hours of real audio, costing no disk."""
    path.write_bytes(wav_bytes(48_000, 1, b"", declared=0xFFFFFFF0))
    os.truncate(path, 4 * 1024**3)
    return path


RATE_REFUSED = "the audio declares a sample rate of"
# name -> (maker, what `analyze` must answer: the start of its error, or "result" for any sound answer)
HOSTILE = {
    "wav_1hz": (lambda p: _write(p / "a.wav", wav_bytes(1, 1, bytes(200_000))), RATE_REFUSED + " 1 Hz"),
    "wav_0hz": (lambda p: _write(p / "a.wav", wav_bytes(0, 1, bytes(200_000))), "not an audio or video file"),
    "wav_4ghz": (lambda p: _write(p / "a.wav", wav_bytes(4_000_000_000, 1, bytes(200_000))), "not an audio"),
    "wav_100hz": (lambda p: _write(p / "a.wav", wav_bytes(100, 1, bytes(20_000))), RATE_REFUSED + " 100 Hz"),
    "wav_0_channels": (lambda p: _write(p / "a.wav", wav_bytes(16_000, 0, bytes(200_000))), "the audio declares 0"),
    "wav_255_channels": (lambda p: _write(p / "a.wav", wav_bytes(16_000, 255, bytes(200_000))), "the audio declares"),
    "wav_hours_in_2kb": (lambda p: _write(p / "a.wav", wav_bytes(16_000, 1, bytes(2000), 0xFFFFFFF0)), "no speech"),
    "wav_truncated": (lambda p: _write(p / "a.wav", wav_bytes(48_000, 1, tone(48_000, 2).tobytes())[:30]), "not an"),
    "wav_12_hours_sparse": (lambda p: _sparse_wav(p / "a.wav"), "the recording says it lasts 12.4 hours"),
    "text_named_wav": (lambda p: _write(p / "a.wav", b"Remember: smile, breathe, STAR.\n" * 100), "not an audio"),
    "random_named_wav": (lambda p: _write(p / "a.wav", np.random.default_rng(1).bytes(100_000)), "not an audio"),
    "mkv_pcm_1hz": (lambda p: mkv_rate(p / "a.mkv", 1.0), RATE_REFUSED + " 1 Hz"),
    "mov_pcm_1hz": (lambda p: mov_rate(p / "a.mov", 1), RATE_REFUSED + " 1 Hz"),
    "webm_opus_1hz": (lambda p: webm_rate(p / "a.webm", 1.0), "no speech"),
    "webm_opus_4ghz": (lambda p: webm_rate(p / "a.webm", 4e9), "no speech"),
    "mp4_aac_1hz": (lambda p: mp4_field(p / "a.mp4", 28, struct.pack(">I", 1 << 16)), "no speech"),
    "mp4_aac_255_channels": (lambda p: mp4_field(p / "a.mp4", 20, struct.pack(">H", 255)), "no speech"),
    "mp4_video_only": (lambda p: video_only(p / "a.mp4"), "the file has no audio track"),
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))


def analyze_measured(path: Path, timeout: float = 120) -> tuple[int, str, str, float, int]:
    """(exit code, stdout, stderr, seconds, peak RSS in KB) of `python -m lib analyze PATH` under the cap.

    The child is reaped with ``os.wait4``, which reports that one child's peak memory.
    """
    out_file, err_file = path.parent / f"{path.name}.out", path.parent / f"{path.name}.err"
    started = time.monotonic()
    with out_file.open("w") as out, err_file.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lib", "analyze", str(path)],
            cwd=ROOT,
            stdout=out,
            stderr=err,
            preexec_fn=_cap_memory,
        )
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            proc.kill()
            os.wait4(proc.pid, 0)
            pytest.fail(f"analyze {path.name} ran for more than {timeout} s")
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    return proc.returncode, out_file.read_text(), err_file.read_text(), seconds, usage.ru_maxrss


@pytest.fixture(scope="module")
def normal(tmp_path_factory: pytest.TempPathFactory) -> tuple[float, int, dict]:
    """Seconds, peak RSS and result of a normal spoken clip analysed the same way."""
    if not audio.tools_available():
        pytest.skip("espeak-ng and sox are needed to speak the normal clip")
    folder = tmp_path_factory.mktemp("normal")
    clip = audio.spoken_clip(folder / "answer.wav", audio.CONTROL_SENTENCES[:3], [0.6, 2.0])
    code, out, err, seconds, peak = analyze_measured(clip.path)
    assert code == 0, err
    assert peak > 0
    return seconds, peak, {**json.loads(out), "_path": str(clip.path)}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_media_gets_one_clear_answer_in_bounded_time_and_memory(name: str, tmp_path: Path, normal) -> None:
    make, expected = HOSTILE[name]
    path = make(tmp_path)
    code, out, err, seconds, peak = analyze_measured(path)
    if expected == "result":
        assert code == 0 and json.loads(out)["duration_s"] >= 0, err
    else:
        assert code == 1 and out == "", err
        assert err.count("\n") == 1 and err.startswith(f"error: {path}: {expected}"), err
    normal_seconds, normal_peak, _ = normal
    assert peak <= normal_peak * 1.25, f"{name}: {peak} KB against {normal_peak} KB for a normal clip"
    assert seconds <= max(3 * normal_seconds, 10), f"{name}: {seconds:.1f} s against {normal_seconds:.1f} s"


# ---------------------------------------------------------------- in process: the decoder's own bounds


@settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rate=st.one_of(st.integers(0, 7_999), st.integers(8_000, 192_000), st.integers(192_001, 2**32 - 1)),
    channels=st.one_of(st.integers(1, 8), st.integers(0, 300)),
    bits=st.sampled_from([8, 16, 24, 32]),
    frames=st.integers(0, 4000),
    declared=st.one_of(st.none(), st.integers(0, 2**32 - 1)),
)
@example(rate=1, channels=1, bits=16, frames=4000, declared=None)  # the header that took 117 s and 18.9 GB
@example(rate=100, channels=1, bits=16, frames=2000, declared=None)
def test_any_wav_header_decodes_within_its_claimed_bounds_or_is_refused(
    tmp_path: Path, rate: int, channels: int, bits: int, frames: int, declared: int | None
) -> None:
    """Whatever a WAV header says, decoding answers quickly with at most the sound its data really holds."""
    data = np.random.default_rng(frames).integers(-3000, 3000, frames * max(1, channels), dtype=np.int16).tobytes()
    path = tmp_path / f"h{rate}-{channels}-{bits}-{frames}.wav"
    path.write_bytes(wav_bytes(rate, channels, data[: frames * max(1, channels) * bits // 8], declared, bits))
    started = time.monotonic()
    try:
        samples = decode.decode_audio(path)
    except InputError as exc:
        assert str(exc).startswith(f"{path}: "), str(exc)
        return
    finally:
        assert time.monotonic() - started < 2.5
    assert decode.MIN_INPUT_RATE <= rate <= decode.MAX_INPUT_RATE and 1 <= channels <= decode.MAX_CHANNELS
    # At most the data's own length at 16 kHz (plus the resampler's few samples of delay).
    assert samples.size <= frames * decode.SAMPLE_RATE / rate + 64


def test_a_stream_that_does_not_say_its_length_stops_at_the_limit(tmp_path: Path) -> None:
    """The cap holds while decoding too, for files (like a browser's WebM) that declare no duration."""
    # 4 s of Opus written as a live stream: no duration anywhere in the file.
    path = encoded(tmp_path / "live.webm", "webm", "libopus", 48000, options={"live": "1"})
    assert len(decode.decode_audio(path, max_seconds=10)) == pytest.approx(4 * decode.SAMPLE_RATE, rel=0.05)
    with pytest.raises(InputError, match="longer than"):
        decode.decode_audio(path, max_seconds=2)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("empty", "the file is empty"),
        ("folder", "this is a folder, not a recording"),
        ("device", "this is not a regular file"),
        ("fifo", "this is not a regular file"),
        ("dangling", "no such file"),
        ("sparse", "not an audio or video file"),
    ],
)
def test_odd_paths_are_refused_in_one_line_without_reading_them(cli, tmp_path: Path, kind: str, message: str) -> None:
    path = tmp_path / "take.wav"
    if kind == "empty":
        path.touch()
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")  # an endless read if it were opened
    elif kind == "fifo":
        os.mkfifo(path)  # opening it would block for ever
    elif kind == "dangling":
        path.symlink_to(tmp_path / "gone.wav")
    else:
        with path.open("wb") as f:
            f.truncate(20 * 1024**3)  # 20 GB of nothing
    started = time.monotonic()
    done = cli("analyze", str(path))
    assert time.monotonic() - started < 10
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"error: {path}: {message}") and done.stderr.count("\n") == 1


def test_a_take_too_long_is_a_failed_analysis_with_the_reason(db, tmp_path: Path) -> None:
    """On the page a refused file becomes a stored failed run with the same message, not a crash."""
    from lib.core import config
    from lib.media import analysis_jobs, takes
    from lib.media.takes import TakePlan

    relative = "recordings/hostile.mp4"
    (config.recordings_dir() / "hostile.mp4").write_bytes(wav_bytes(1, 1, bytes(200_000)))
    take = takes.save_take(db, TakePlan("question", "Hostile", question_id="q1"), relative)
    row_id = analysis_jobs.analyze_recording(db, take)
    row = db.conn.execute("SELECT status, error FROM recording_analyses WHERE id = ?", (row_id,)).fetchone()
    assert row == ("failed", "the audio declares a sample rate of 1 Hz; a recording has 8–192 kHz")


def test_normal_clip_is_still_analysed(normal) -> None:
    _, _, result = normal
    assert result["words"] > 20 and result["wpm"] > 0


# ---------------------------------------------------------------- takes changed under the app, a killed analysis


def _stored_take(db, name: str, data: bytes | None = None, source: Path | None = None) -> int:
    """A take row pointing at recordings/NAME, holding ``data`` or a copy of ``source``."""
    import shutil

    from lib.core import config
    from lib.media import takes
    from lib.media.takes import TakePlan

    target = config.recordings_dir() / name
    if source is not None:
        shutil.copy(source, target)
    else:
        target.write_bytes(data or b"")
    return takes.save_take(db, TakePlan("question", "Take", question_id="q1"), f"recordings/{name}")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("deleted", "no such file"),
        ("emptied", "the file is empty"),
        ("replaced by text", "not an audio or video file"),
        ("replaced by a pipe", "this is not a regular file"),
        ("linked to /dev/zero", "points outside the recordings folder"),
        ("replaced by a folder", "this is a folder, not a recording"),
    ],
)
def test_a_take_changed_under_the_app_is_a_failed_run_with_the_reason(db, change: str, message: str) -> None:
    from lib.core import config
    from lib.media import analysis_jobs

    take = _stored_take(db, "take.wav", wav_bytes(16_000, 1, tone(16_000, 1).tobytes()))
    path = config.recordings_dir() / "take.wav"
    path.unlink()
    if change == "emptied":
        path.touch()
    elif change == "replaced by text":
        path.write_text("not a recording\n")
    elif change == "replaced by a pipe":
        os.mkfifo(path)
    elif change == "linked to /dev/zero":
        path.symlink_to("/dev/zero")
    elif change == "replaced by a folder":
        path.mkdir()
    started = time.monotonic()
    row_id = analysis_jobs.analyze_recording(db, take)
    assert time.monotonic() - started < 10
    status, error = db.conn.execute("SELECT status, error FROM recording_analyses WHERE id = ?", (row_id,)).fetchone()
    assert status == "failed" and message in error, error


def test_an_analysis_killed_midway_leaves_nothing_running_and_is_queued_again(db, data_dir: Path, normal) -> None:
    """No run is ever stored as running: a process killed mid-analysis leaves the take waiting, queued on next view."""
    from lib.media import analysis_jobs

    clip = Path(normal[2]["_path"])
    take = _stored_take(db, "answer.wav", source=clip)
    code = (
        "from lib.media import analysis_jobs; from lib.storage.db import open_db\n"
        f"with open_db() as db: analysis_jobs.analyze_recording(db, {take})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PREP_DATA_DIR": str(data_dir)})
    time.sleep(min(3.0, normal[0] / 2))  # the model is loading or transcribing
    proc.kill()
    proc.wait(timeout=30)
    assert db.conn.execute("SELECT COUNT(*) FROM recording_analyses").fetchone()[0] == 0
    assert analysis_jobs.needs_analysis(db, take)
    state = analysis_jobs.running_analysis(db, take)  # what the Recordings page does on its next view
    assert state is not None and not state.finished
    assert analysis_jobs.worker().wait(120)
    status = db.conn.execute("SELECT status FROM recording_analyses WHERE recording_id = ?", (take,)).fetchone()
    assert status == ("done",)


def test_two_analyses_of_one_take_at_once_both_store_their_run(db, data_dir: Path, normal) -> None:
    """Two processes analysing the same take append one run each; the latest is the take's analysis."""
    from lib.media import analysis_jobs

    take = _stored_take(db, "answer.wav", source=Path(normal[2]["_path"]))
    code = (
        "from lib.media import analysis_jobs; from lib.storage.db import open_db\n"
        f"with open_db() as db: analysis_jobs.analyze_recording(db, {take})\n"
    )
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir)}
    runs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env) for _ in range(2)]
    assert [p.wait(timeout=300) for p in runs] == [0, 0]
    rows = db.conn.execute("SELECT status, words FROM recording_analyses WHERE recording_id = ?", (take,)).fetchall()
    assert len(rows) == 2 and {r[0] for r in rows} == {"done"} and rows[0][1] == rows[1][1]
    assert analysis_jobs.latest_analysis(db, take)["words"] == rows[1][1]


def test_a_path_with_a_line_break_still_gets_a_one_line_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "take\nnotes.wav"
    path.write_text("not a recording\n")
    done = cli("analyze", str(path))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"error: {tmp_path}/take\\nnotes.wav: not an audio or video file\n"


def test_the_page_analyses_a_hostile_take_in_the_background_into_a_failed_run(data_dir: Path) -> None:
    """The Recordings page queues a new take; a header claiming 1 Hz becomes the page's failure message."""
    from lib.media import analysis_jobs
    from lib.storage.db import open_db
    from tests.conftest import run_page

    with open_db() as db:
        take = _stored_take(db, "hostile.wav", wav_bytes(1, 1, bytes(200_000)))
    started = time.monotonic()
    at = run_page("pages/recordings.py")
    assert not at.exception
    assert analysis_jobs.worker().wait(60) and time.monotonic() - started < 60
    at.run()
    assert not at.exception
    expected = "The analysis failed: the audio declares a sample rate of 1 Hz; a recording has 8–192 kHz"
    shown = [w.value.replace("\\", "") for w in at.warning]  # markdown escapes removed
    assert any(expected in text for text in shown), shown
    with open_db() as db:
        assert analysis_jobs.latest_analysis(db, take)["status"] == "failed"
