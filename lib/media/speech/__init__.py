"""Delivery metrics of a spoken answer, computed offline: pace, filler words, pauses, I vs we.

The audio of any take is decoded with PyAV to 16 kHz mono (``decode``);
timing comes from voice activity detection (``vad``), the words from
faster-whisper on this machine (``transcribe``), and the transcript rules
(``words``) count fillers, pronouns and figures. ``analyze`` runs the whole
chain into an ``Analysis`` (``results``); ``summary`` reads it against the
take's targets for display. This package's namespace is that public surface.
"""

from lib.media.speech.analyze import analyze_file, analyze_samples
from lib.media.speech.decode import SAMPLE_RATE, decode_audio
from lib.media.speech.results import Analysis, Pause, ProgressFn
from lib.media.speech.summary import (
    PACE_RANGE_WPM,
    STORY_TARGET_S,
    delivery_summary,
    filler_summary,
    talk_target,
    talk_verdict,
    transcript_markdown,
)
from lib.media.speech.transcribe import (
    DEFAULT_MODEL_LABEL,
    ENV_MODEL,
    engine_label,
    load_model,
    model_spec,
    transcribe,
    whisper_clips,
)
from lib.media.speech.vad import BRIEF_PAUSE_S, LONG_PAUSE_S, long_pauses, speech_segments
from lib.media.speech.words import (
    AT_LEAST_FILLERS,
    FILLER_WORDS,
    count_fillers,
    count_words,
    highlight_spans,
    numbers_mentioned,
    pronoun_counts,
)

__all__ = [
    "AT_LEAST_FILLERS",
    "BRIEF_PAUSE_S",
    "DEFAULT_MODEL_LABEL",
    "ENV_MODEL",
    "FILLER_WORDS",
    "LONG_PAUSE_S",
    "PACE_RANGE_WPM",
    "SAMPLE_RATE",
    "STORY_TARGET_S",
    "Analysis",
    "Pause",
    "ProgressFn",
    "analyze_file",
    "analyze_samples",
    "count_fillers",
    "count_words",
    "decode_audio",
    "delivery_summary",
    "engine_label",
    "filler_summary",
    "highlight_spans",
    "load_model",
    "long_pauses",
    "model_spec",
    "numbers_mentioned",
    "pronoun_counts",
    "speech_segments",
    "talk_target",
    "talk_verdict",
    "transcribe",
    "transcript_markdown",
    "whisper_clips",
]
