"""Whether an answer covers a point: the point's ideas (lexicon groups and rare words) found in one or two sentences.

A point is read as clauses ("defines success metrics" and "guardrails"); each clause has main ideas and
examples (text in brackets or after "e.g."/"such as"). A clause is met when a sentence window says its main
idea, or one of its examples, in words that are not negated or waved away; a point is covered when most of
its clauses are met in one window of at most two adjacent sentences. Ideas from the question itself
("Spotify") count for little, since every answer repeats them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lib.coach.lexicon import content_words, find_phrases, idf, same
from lib.coach.text import Sentence, analyse, stems

CLAUSE_MET = 0.55  # share of a clause's main weight that must be said
POINT_MET = 0.6  # share of a point's clauses that must be met
EXAMPLE_FACTOR = 0.35  # an example counts for this much of its weight: two examples stand for the idea
TOPIC_FACTOR = 0.25  # ideas that the question itself names

_EXAMPLES = re.compile(r"\(([^)]*)\)|\b(?:e\.g\.?|eg|such as|for example|for instance|like)\b([^;()]*)", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r";|\band\b|\bplus\b|\bas well as\b", re.IGNORECASE)


def _split_clauses(text: str) -> list[str]:
    """Split on ';', 'and', 'plus', 'as well as' and on commas outside brackets, in one pass (linear time)."""
    chars = list(text)
    closing_ahead = False  # whether the next bracket after this position closes one
    for i in range(len(chars) - 1, -1, -1):
        if chars[i] in "()":
            closing_ahead = chars[i] == ")"
        elif chars[i] == "," and not closing_ahead:
            chars[i] = ";"
    return _CLAUSE_SPLIT.split("".join(chars))


@dataclass(frozen=True)
class Clause:
    main: tuple[str, ...]  # unit keys: "g:<group>" or "w:<stem>"
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Point:
    text: str
    clauses: tuple[Clause, ...]
    cues: tuple[tuple[tuple[str, ...], ...], ...] = ()  # authored cues: each a set of phrases (stems) said together


def units_of(text: str) -> list[str]:
    """The idea units of a text: lexicon groups found in it, then its remaining meaningful word stems."""
    words = stems(text)
    found = find_phrases(words)
    used: set[int] = set()
    groups: list[str] = []
    for gid, start, end in found:
        if not used.intersection(range(start, end)):
            used.update(range(start, end))
            groups.append(f"g:{gid}")
    return list(dict.fromkeys(groups + [f"w:{w}" for w in content_words(words, used)]))


def parse_point(text: str, cues: list[str] | None = None) -> Point:
    """A guide point (or step, or check) read as clauses of main ideas and examples."""
    clauses: list[Clause] = []
    pos = 0
    pieces: list[tuple[str, str]] = []  # (main text, example text) in order
    for m in _EXAMPLES.finditer(text):
        pieces.append((text[pos : m.start()], m.group(1) or m.group(2) or ""))
        pos = m.end()
    pieces.append((text[pos:], ""))
    for main_text, example_text in pieces:
        parts = [p for p in _split_clauses(main_text) if units_of(p)]
        examples = tuple(units_of(example_text))
        if not parts and examples and clauses:
            last = clauses.pop()
            clauses.append(Clause(last.main, last.examples + examples))
            continue
        for i, part in enumerate(parts):
            clauses.append(Clause(tuple(units_of(part)), examples if i == len(parts) - 1 else ()))
    if not clauses:
        clauses = [Clause(tuple(units_of(text)), ())]
    return Point(text, tuple(c for c in clauses if c.main or c.examples), tuple(cue_of(c) for c in cues or ()))


def cue_of(text: str) -> tuple[tuple[str, ...], ...]:
    """An authored cue: phrases joined by "&" that must all be said in one sentence."""
    return tuple(tuple(stems(part)) for part in text.split("&") if stems(part))


@functools.cache
def unit_weights(corpus: tuple[str, ...]) -> dict[str, float]:
    """Rarer ideas weigh more (computed once over the whole guide)."""
    return idf([set(units_of(t)) for t in corpus])


def sentence_units(sentence: Sentence) -> set[str]:
    """The idea units a sentence says without negating them."""
    said: set[str] = set()
    used: set[int] = set()
    for gid, start, end in find_phrases(sentence.stems):
        used.update(range(start, end))
        if not any(sentence.negated[start:end]):
            said.add(f"g:{gid}")
    for i, w in enumerate(sentence.stems):
        if not sentence.negated[i]:
            said.add(f"w:{w}")
            if len(w) > 6:
                said.add(f"w:{w[:6]}")
    return said


def _has(said: set[str], unit: str) -> bool:
    if unit in said:
        return True
    return unit.startswith("w:") and len(unit) > 8 and f"w:{unit[2:8]}" in said


def phrase_said(sentence: Sentence, phrase: tuple[str, ...]) -> bool:
    """The phrase occurs in the sentence and no negation reaches it."""
    k = len(phrase)
    words = sentence.stems
    return k > 0 and any(
        all(same(phrase[j], words[i + j]) for j in range(k)) and not any(sentence.negated[i : i + k])
        for i in range(len(words) - k + 1)
    )


def _cue_said(sentence: Sentence, cue: tuple[tuple[str, ...], ...]) -> bool:
    return bool(cue) and all(phrase_said(sentence, phrase) for phrase in cue)


def point_score(point: Point, said: set[str], weights: dict[str, float], topic: set[str]) -> float:
    """The share of the point's clauses that the units ``said`` meet (0..1)."""
    if not point.clauses:
        return 0.0

    def w(unit: str) -> float:
        # Only the question's own words are discounted: a group such as "metrics" stays a real idea.
        return weights.get(unit, 2.0) * (TOPIC_FACTOR if unit in topic and unit.startswith("w:") else 1.0)

    met = 0
    spent: set[str] = set()  # one said idea meets one clause: "launch" alone is not "dogfood, beta and GA"
    for clause in point.clauses:
        total = sum(w(u) for u in clause.main) or 1.0
        hits = [u for u in clause.main if _has(said, u) and u not in spent]
        examples = [u for u in clause.examples if _has(said, u) and u not in spent]
        got = sum(w(u) for u in hits) + EXAMPLE_FACTOR * sum(w(u) for u in examples)
        if got / total >= CLAUSE_MET:
            met += 1
            spent.update(hits + examples)
    return met / len(point.clauses)


def best_evidence(
    point: Point, sentences: list[Sentence], weights: dict[str, float], topic: set[str]
) -> tuple[bool, str]:
    """(covered, the verbatim sentence that best shows it) over windows of one or two adjacent sentences."""
    said = [sentence_units(s) for s in sentences]
    for s in sentences:
        if any(_cue_said(s, cue) for cue in point.cues):
            return True, s.text
    best: tuple[float, int, str] = (0.0, 0, "")
    for i in range(len(sentences)):
        for j in (i, i + 1):
            if j >= len(sentences):
                continue
            window = said[i] | said[j] if j != i else said[i]
            score = point_score(point, window, weights, topic)
            if score > best[0]:
                # The evidence is the sentence of the window that alone meets most of the point.
                own = {k: point_score(point, said[k], weights, topic) for k in {i, j}}
                k = max(own, key=lambda x: (own[x], -x))
                best = (score, -(j - i), sentences[k].text)
    return best[0] >= POINT_MET, best[2] if best[0] >= POINT_MET else ""


def analysed(sentences: list[str]) -> list[Sentence]:
    """Each sentence with its stems and negations."""
    return [analyse(s) for s in sentences]
