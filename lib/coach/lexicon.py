"""The coach's lexicon (data/coach_lexicon.json): groups of phrases that say the same thing in different words."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from pydantic import Field

from lib.coach.text import stems
from lib.core import content

STOPWORDS = frozenset(
    str.split(
        "a an the and or of to for in on with it its is are be been being by as at from this that these those "
        "into about per i we you they he she them our my your their his her me us than then so if but not no do "
        "does did can could would should will shall may might must have has had was were there here what which who "
        "whom how why when where while any all each every more most less few very just only also too up out over"
    )
)


class Group(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z_]+$")
    kind: str = Field(min_length=1)
    phrases: list[str] = Field(min_length=1)


class LexiconFile(content.StrictModel):
    groups: list[Group] = Field(min_length=1)
    meta_words: list[str] = []
    step_cues: dict[str, list[str]] = {}
    signposts: list[str] = []
    placeholders: list[str] = []


@dataclass(frozen=True)
class Lexicon:
    """Phrases as stem sequences, per group, and the words that describe an answer rather than say something."""

    phrases: tuple[tuple[str, tuple[str, ...]], ...]  # (group id, stems), longest first
    by_head: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # the same, indexed by their first stem's key
    kinds: dict[str, str]
    meta: frozenset[str]


def load_lexicon_file() -> LexiconFile:
    """The shipped lexicon, validated."""
    return content.load("coach_lexicon.json", LexiconFile)


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon ready for matching: every phrase stemmed the way answers are."""
    data = load_lexicon_file()
    phrases = [(g.id, tuple(stems(p))) for g in data.groups for p in g.phrases]
    phrases = [(gid, st) for gid, st in phrases if st]
    phrases.sort(key=lambda item: -len(item[1]))
    meta = frozenset(s for w in data.meta_words for s in stems(w))
    by_head: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for gid, st in phrases:
        by_head.setdefault(_key(st[0]), []).append((gid, st))
    heads = {k: tuple(v) for k, v in by_head.items()}
    return Lexicon(tuple(phrases), heads, {g.id: g.kind for g in data.groups}, meta)


def _key(first: str) -> str:
    return first[:5] if len(first) >= 5 else first


def same(phrase_stem: str, word_stem: str) -> bool:
    # A long stem also matches longer words built on it ("evaluat" ~ "evaluator"); short ones must be exact.
    return word_stem == phrase_stem or (len(phrase_stem) >= 5 and word_stem.startswith(phrase_stem))


def find_phrases(words: tuple[str, ...] | list[str]) -> list[tuple[str, int, int]]:
    """Every (group id, start, end) where a lexicon phrase occurs in a stem sequence."""
    found = []
    n = len(words)
    heads = lexicon().by_head
    for i, word in enumerate(words):
        for key in {word, word[:5]}:
            for gid, phrase in heads.get(key, ()):
                k = len(phrase)
                if i + k <= n and all(same(phrase[j], words[i + j]) for j in range(k)):
                    found.append((gid, i, i + k))
    found.sort(key=lambda f: (f[2] - f[1]) * -1)
    return found


def content_words(words: list[str], used: set[int]) -> list[str]:
    """The stems that carry meaning: not stop words, not words about answering, not inside a matched phrase."""
    meta = lexicon().meta
    return [
        w
        for i, w in enumerate(words)
        if i not in used and w not in STOPWORDS and w not in meta and len(w) >= 3 and not w.isdigit()
    ]


def idf(document_units: list[set[str]]) -> dict[str, float]:
    """A weight per unit from how few guide points use it: 1 for the commonest, up to 2 for the rarest."""
    n = max(len(document_units), 2)
    df: dict[str, int] = {}
    for units in document_units:
        for u in units:
            df[u] = df.get(u, 0) + 1
    return {u: 1 + math.log(n / d) / math.log(n) for u, d in df.items()}
