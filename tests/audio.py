"""Spoken test clips with a known truth: espeak-ng speech, silences of known length, re-encoded copies.

Each sentence is synthesised on its own and trimmed of its leading and
trailing silence with sox, so its voiced length is known; the clip is then
assembled sample by sample with silences of exact length between sentences.
The truth of a clip is therefore exact: where every inserted pause starts and
ends, how long the speech lasts, and how many words were spoken.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

RATE = 48_000  # the browser records at 48 kHz; the analysis resamples to 16 kHz itself
TOOLS = ("espeak-ng", "sox")

CONTROL_SENTENCES = [
    "I joined the payments team when our checkout was failing for many customers",
    "My task was to find the cause and ship a fix before the holiday season began",
    "I interviewed support agents and read every error report from the previous month",
    "Then I worked with two engineers to rebuild the retry logic in the payment service",
    "We launched the change in stages and watched the error rate every morning",
    "The failure rate dropped by half and support tickets fell sharply within weeks",
    "I learned to bring data to every meeting and to share progress early with leaders",
]

# Eleven fillers: um, so, basically, you know · uh, like, kind of · so, actually, sort of, basically.
FILLER_SENTENCES = [
    "Um, so, basically, I was leading the project, you know.",
    "And uh, like, the team was kind of worried about the launch.",
    "So, actually, we sort of changed the plan and basically shipped it anyway.",
]


@dataclass
class Clip:
    """A generated WAV clip and the truth about it."""

    path: Path
    sentences: list[str]
    words: int
    speech_s: float  # voiced time only: the sentences as spoken, without the silences between them
    duration_s: float
    pauses: list[tuple[float, float]] = field(default_factory=list)  # every inserted silence, (start_s, end_s)

    def talk_s(self, brief_pause_s: float) -> float:
        """Talk time: the voiced time plus the inserted pauses shorter than ``brief_pause_s``."""
        return self.speech_s + sum(b - a for a, b in self.pauses if b - a < brief_pause_s)

    def wpm(self, brief_pause_s: float) -> float:
        """Words per minute of talk time: the truth the analysis's pace is measured against."""
        return self.words / (self.talk_s(brief_pause_s) / 60)

    def long_pauses(self, threshold_s: float = 1.8) -> list[tuple[float, float]]:
        """The inserted silences at least ``threshold_s`` long."""
        return [(a, b) for a, b in self.pauses if b - a >= threshold_s]


def tools_available() -> bool:
    """Whether espeak-ng and sox are on PATH (CI installs both)."""
    return all(shutil.which(t) for t in TOOLS)


def count_words(text: str) -> int:
    """Words as the analysis counts them: runs of letters and digits, apostrophes inside a word."""
    return len(re.findall(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*", text))


def _speak(text: str, work: Path, index: int) -> np.ndarray:
    """One sentence as 16-bit samples at RATE, trimmed of leading and trailing silence."""
    raw = work / f"sentence-{index}.wav"
    trimmed = work / f"sentence-{index}-trimmed.wav"
    subprocess.run(["espeak-ng", "-w", str(raw), text], check=True, capture_output=True)
    subprocess.run(
        [
            "sox",
            str(raw),
            "-r",
            str(RATE),
            "-c",
            "1",
            "-b",
            "16",
            str(trimmed),
            "silence",
            "1",
            "0.01",
            "0.5%",
            "reverse",
            "silence",
            "1",
            "0.01",
            "0.5%",
            "reverse",
        ],
        check=True,
        capture_output=True,
    )
    with wave.open(str(trimmed)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    """Write mono 16-bit samples as a WAV file."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype(np.int16).tobytes())
    return path


def spoken_clip(
    path: Path,
    sentences: list[str],
    gaps_s: list[float],
    lead_s: float = 0.6,
    tail_s: float = 0.6,
    noise_dbfs: float | None = None,
) -> Clip:
    """Sentences spoken one after another with ``gaps_s[i]`` seconds of silence after sentence i.

    ``noise_dbfs`` adds steady white noise at that level, like a room heard through a laptop mic.
    """
    if len(gaps_s) != len(sentences) - 1:
        raise ValueError("one gap between each pair of sentences")
    work = path.parent / f"{path.stem}-parts"
    work.mkdir(parents=True, exist_ok=True)
    parts = [np.zeros(round(lead_s * RATE), dtype=np.int16)]
    position = len(parts[0])
    speech = 0
    pauses = []
    for i, sentence in enumerate(sentences):
        voiced = _speak(sentence, work, i)
        parts.append(voiced)
        position += len(voiced)
        speech += len(voiced)
        if i < len(gaps_s):
            gap = round(gaps_s[i] * RATE)
            pauses.append((position / RATE, (position + gap) / RATE))
            parts.append(np.zeros(gap, dtype=np.int16))
            position += gap
    parts.append(np.zeros(round(tail_s * RATE), dtype=np.int16))
    samples = np.concatenate(parts)
    if noise_dbfs is not None:
        noise = np.random.default_rng(12).normal(0, 32768 * 10 ** (noise_dbfs / 20), samples.size)
        samples = np.clip(samples + noise, -32768, 32767).astype(np.int16)
    write_wav(path, samples)
    shutil.rmtree(work)
    return Clip(
        path=path,
        sentences=list(sentences),
        words=sum(count_words(s) for s in sentences),
        speech_s=speech / RATE,
        duration_s=len(samples) / RATE,
        pauses=pauses,
    )


def minute_clip(path: Path, seconds: float = 60.0) -> Clip:
    """About ``seconds`` of answer-like speech: the control sentences repeated with natural gaps."""
    sentences: list[str] = []
    gaps: list[float] = []
    estimate = 0.0
    i = 0
    while estimate < seconds:
        sentences.append(CONTROL_SENTENCES[i % len(CONTROL_SENTENCES)])
        # ~4.5 s per sentence at espeak's default 175 wpm, plus the gap after it
        gap = 2.2 if i % 4 == 3 else 0.6
        gaps.append(gap)
        estimate += 4.5 + gap
        i += 1
    return spoken_clip(path, sentences, gaps[:-1])


def silent_clip(path: Path, seconds: float = 5.0) -> Path:
    """A WAV of digital silence: a recording in which nothing was said."""
    return write_wav(path, np.zeros(round(seconds * RATE), dtype=np.int16))


def video_only_clip(path: Path, seconds: float = 1.0) -> Path:
    """An MP4 with a picture and no sound track."""
    with av.open(str(path), "w") as dst:
        stream = dst.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(round(seconds * 10)):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20 % 255, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return path


def _encode(wav_path: Path, out_path: Path, container: str, codec: str) -> Path:
    """Re-encode a mono WAV into ``container`` with ``codec`` through PyAV."""
    with av.open(str(wav_path)) as src, av.open(str(out_path), "w", format=container) as dst:
        stream = dst.add_stream(codec, rate=RATE, layout="mono")
        resampler = av.AudioResampler(format=stream.codec_context.codec.audio_formats[0].name, layout="mono", rate=RATE)
        for frame in src.decode(audio=0):
            for out in resampler.resample(frame):
                for packet in stream.encode(out):
                    dst.mux(packet)
        for out in resampler.resample(None):
            for packet in stream.encode(out):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out_path


def as_webm(wav_path: Path) -> Path:
    """The clip as the browser's WebM/Opus."""
    return _encode(wav_path, wav_path.with_suffix(".webm"), "webm", "libopus")


def as_mp4(wav_path: Path) -> Path:
    """The clip as the recorder's MP4/AAC."""
    return _encode(wav_path, wav_path.with_suffix(".mp4"), "mp4", "aac")
