"""The parts of the score that are not guide points: framework steps, specificity, structure, length."""

from __future__ import annotations

import re

from lib.coach.feedback import Check, Part
from lib.coach.lexicon import lexicon, load_lexicon_file
from lib.coach.matching import Clause, Point, phrase_said, point_score, sentence_units, units_of
from lib.coach.text import Sentence, analyse, split_sentences, stems, word_count

_NUMBER = re.compile(r"(?<![A-Za-z])[$£€]?\d[\d,.]*\s?(?:%|percent|per cent|k\b|m\b|x\b|ms\b)?", re.IGNORECASE)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z0-9]+(?:\s[A-Z][a-zA-Z0-9]+)*")
_NUMBER_WORDS = {"half", "double", "doubled", "twice", "tripled", "dozen", "hundred", "thousand", "million", "billion"}
METRIC_GROUPS = {"retention", "engagement", "conversion", "satisfaction", "quality", "latency", "revenue", "cost"}
CLOSING_GROUPS = {"recommend", "summary", "result", "lesson", "applied"}
MIN_SUBSTANCE = 4  # meaningful words a section needs before it can count as a step


def step_point(name: str, prompt: str) -> Point:
    """A framework step read as one clause: its name is the idea, its prompt gives examples."""
    cues = load_lexicon_file().step_cues.get(name, [])
    main = tuple(units_of(name))
    return Point(
        name, (Clause(main, tuple(u for u in units_of(prompt) if u not in main)),), tuple(map(tuple, map(stems, cues)))
    )


def substantive(sentence: str, heading: str = "") -> bool:
    """A sentence that says something: enough meaningful words beyond the heading, and no placeholder."""
    clean = sentence.strip().strip("-*•:").strip().lower()
    if clean in {p.lower() for p in load_lexicon_file().placeholders}:
        return False
    heading_stems = set(stems(heading))
    meaningful = [u for u in units_of(sentence) if u.removeprefix("w:") not in heading_stems]
    return len(meaningful) >= MIN_SUBSTANCE


def judge_step(point: Point, sentences: list[Sentence], typed_section: bool, weights: dict[str, float]) -> Check:
    """A framework step: in its own typed box, any substantive sentence counts; in free text, the step is said."""
    best, best_score = "", 0.0
    for s in sentences:
        if not substantive(s.text, point.text):
            continue
        score = point_score(point, sentence_units(s), weights, set())
        cue = any(all(phrase_said(s, p) for p in c) for c in point.cues)
        score = max(score, 1.0 if cue else 0.0)
        if score > best_score or (typed_section and not best):
            best, best_score = s.text, score
    if typed_section:
        return Check(point.text, bool(best), best)
    return Check(point.text, best_score >= 1.0, best if best_score >= 1.0 else "")


def _contains(s: Sentence, cue: tuple[str, ...]) -> bool:
    k = len(cue)
    return k > 0 and any(
        s.stems[i : i + k] == cue and not any(s.negated[i : i + k]) for i in range(len(s.stems) - k + 1)
    )


def specificity(text: str, sentences: list[Sentence]) -> tuple[Part, list[str]]:
    """Figures, named metrics and named users or products, out of 10; and what is missing."""
    figures = [m.group(0) for m in _NUMBER.finditer(text)] + [
        w for w in re.findall(r"[a-z]+", text.lower()) if w in _NUMBER_WORDS
    ]
    said = set().union(*(sentence_units(s) for s in sentences)) if sentences else set()
    metrics = sorted(g.removeprefix("g:") for g in said if g.removeprefix("g:") in METRIC_GROUPS)
    names = {
        m.group(0) for line in split_sentences(text) for m in _NAME.finditer(line) if m.group(0) not in {"I", "AI"}
    }
    users = "g:user" in said or "g:segment" in said
    points = min(4, 2 * len(figures)) + min(3, len(metrics)) + min(3, len(names) + (1 if users else 0))
    missing = []
    if not figures:
        missing.append("figures")
    if not metrics:
        missing.append("named metrics")
    if not names and not users:
        missing.append("named users or products")
    found = f"{len(figures)} figure(s), {len(metrics)} named metric(s), {len(names)} name(s)"
    detail = found + (f"; add {', '.join(missing)}." if missing else ".")
    return Part("Specificity", points, 10, detail), missing


def structure(sentences: list[Sentence]) -> tuple[Part, list[str]]:
    """Signposting and a closing recommendation or summary, out of 8; and what is missing."""
    signposts = [tuple(stems(p)) for p in load_lexicon_file().signposts]
    count = sum(1 for s in sentences if any(_starts_or_contains(s, p) for p in signposts))
    tail = sentences[-max(1, len(sentences) // 4) :] if sentences else []
    closing = any(f"g:{g}" in sentence_units(s) for s in tail for g in CLOSING_GROUPS)
    points = (4 if count >= 2 else 2 if count == 1 else 0) + (4 if closing else 0)
    missing = ([] if count else ["signposting"]) + ([] if closing else ["a closing recommendation or summary"])
    detail = f"{count} signpost(s); " + (
        "ends on a recommendation, result or summary." if closing else "no closing recommendation or summary."
    )
    return Part("Structure", points, 8, detail), missing


def _starts_or_contains(s: Sentence, phrase: tuple[str, ...]) -> bool:
    return _contains(s, phrase)


def length(words: int, target_minutes: int, wpm: float) -> Part:
    """Length against the target time at the speaker's pace, out of 7 (an answer is mostly monologue: 30% is enough)."""
    minutes = words / wpm if wpm else 0.0
    ratio = minutes / target_minutes if target_minutes else 0.0
    if ratio < 0.3:
        points = round(7 * ratio / 0.3)
        verdict = "short"
    elif ratio <= 1.2:
        points, verdict = 7, "within the target"
    else:
        points = max(3, round(7 - 4 * (ratio - 1.2) / 0.8))
        verdict = "long"
    detail = f"{words} words, about {minutes:.1f} min at {wpm:.0f} wpm against {target_minutes} min: {verdict}."
    return Part("Length", points, 7, detail)


def split(text: str) -> list[Sentence]:
    """The answer's sentences, analysed."""
    return [analyse(s) for s in split_sentences(text)]


__all__ = [
    "judge_step",
    "length",
    "lexicon",
    "specificity",
    "split",
    "step_point",
    "structure",
    "substantive",
    "word_count",
]
