"""How a take's delivery reads against its targets: pace range, talk time, and the page's headline numbers."""

from __future__ import annotations

from lib.core.textsafe import escape_markdown
from lib.media.speech.results import Analysis
from lib.media.speech.vad import LONG_PAUSE_S
from lib.media.speech.words import AT_LEAST_FILLERS, highlight_spans

PACE_RANGE_WPM = (130, 160)
STORY_TARGET_S = (120, 180)
# A question's time is what an interviewer gives the answer, and a full mock's is the whole interview.
# Using under a third of it leaves most of the structure unsaid (a case question's 25 minutes answered in
# 8 is a sketch, a 90-minute mock over in 30 skipped rounds), so that is "short"; up to the time is on target.
SHORT_SHARE = 1 / 3


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
        bound = f"{_minutes(target[0])}–{_minutes(target[1])}"
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


def talk_verdict(speaking_s: float, target: tuple[float, float] | None) -> str | None:
    """'short', 'on target' or 'long' against a (min_s, max_s) target; None without a target."""
    if target is None:
        return None
    low, high = target
    if speaking_s < low:
        return "short"
    return "long" if speaking_s > high else "on target"


def _minutes(seconds: float) -> str:
    """120 -> '2', 400 -> '6.7': minutes to one decimal, without a trailing zero."""
    return f"{round(seconds / 60, 1):g}"


def talk_target(is_story: bool, target_seconds: float | None) -> tuple[float, float] | None:
    """The take's talk-time target: 2–3 minutes for a story, a third of the question's own time up to it otherwise."""
    if is_story:
        return STORY_TARGET_S
    if target_seconds and target_seconds == target_seconds:  # NaN from an empty pandas cell is no target
        return (float(target_seconds) * SHORT_SHARE, float(target_seconds))
    return None
