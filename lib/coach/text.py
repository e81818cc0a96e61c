"""Plain-text tools for the coach: verbatim sentences, word stems, negated spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|vs|etc|Mr|Mrs|Dr|approx|cf)\.|\b[A-Z]\.)$", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9$%£€][a-z0-9$%£€'/+-]*|[,;:()]|—|–")
_BREAKS = {",", ";", ":", "(", ")", "—", "–", "but", "however", "although", "though", "while", "whereas", "yet"}
_NEGATORS = {
    "not",
    "no",
    "never",
    "nor",
    "none",
    "neither",
    "nothing",
    "cannot",
    "without",
    "instead",
    "rather",
    "rarely",
    "hardly",
    "barely",
    "seldom",
}
# A sentence that puts a point off or waves it away does not cover it, whatever words it uses.
_DISMISSAL = re.compile(
    r"\b(?:(?:worry|think|deal|care|figure\w*|sort\w*|bother\w*)\b[^.?!]{0,30}\b(?:later|eventually|afterwards)|"
    r"overkill|waste of time|slow(?:s|ing)? us down|false (?:choice|dichotomy)|"
    r"too (?:simplistic|early to (?:say|tell))|"
    r"(?:is|are|was|were)n'?t (?:needed|necessary|required|a concern|an issue|a problem|important|relevant)|"
    r"not (?:needed|necessary|important|relevant|worth|a priority|really|a concern)|no need|"
    r"out of scope|doesn'?t (?:really )?matter|don'?t (?:really )?(?:need|care)|irrelevant|"
    r"skip(?:ping)? (?:the|that|this|it)|ignore|won'?t bother|wouldn'?t bother|not going to)",
    re.IGNORECASE,
)
_HARMS = {
    "drop",
    "hurt",
    "fall",
    "worsen",
    "wors",
    "squeez",
    "leak",
    "harm",
    "break",
    "degrad",
    "suffer",
    "lose",
    "miss",
    "leave",
    "exceed",
    "increas",
    "spike",
    "slip",
    "surpris",
}
_IRREGULAR = {
    "led": "lead",
    "ran": "run",
    "built": "build",
    "taught": "teach",
    "learnt": "learn",
    "chose": "choose",
    "made": "make",
    "went": "go",
    "grew": "grow",
    "spent": "spend",
    "sold": "sell",
    "told": "tell",
    "thought": "think",
    "brought": "bring",
    "found": "find",
    "wrote": "write",
    "written": "write",
    "data": "data",
    "criteria": "criterion",
    "analyses": "analysis",
    "analyse": "analyz",
    "analyze": "analyz",
    "prioritise": "prioritiz",
    "prioritize": "prioritiz",
    "better": "good",
    "best": "good",
}


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer: its verbatim text, its stems and which stems are negated or dismissed."""

    text: str
    stems: tuple[str, ...]
    negated: tuple[bool, ...]


def stem(word: str) -> str:
    """A crude, stable stem: the same for the common inflections of an English word."""
    w = word.lower().strip("'")
    w = w[:-2] if w.endswith("'s") else w
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (
        ("isation", "iz"),
        ("ization", "iz"),
        ("ational", "ate"),
        ("fulness", "ful"),
        ("iveness", "ive"),
        ("ation", "ate"),
        ("ising", "iz"),
        ("izing", "iz"),
        ("ised", "iz"),
        ("ized", "iz"),
        ("ises", "iz"),
        ("izes", "iz"),
        ("ise", "iz"),
        ("ize", "iz"),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("ers", "er"),
        ("ment", ""),
        ("ly", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]
    return w.rstrip("e") if len(w) > 4 else w


def tokens(text: str) -> list[str]:
    """Lower-case word tokens and clause breaks, contractions kept whole ("won't")."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def stems(text: str) -> list[str]:
    """The stems of the words of a text (clause breaks dropped)."""
    return [stem(t) for t in tokens(text) if t not in _BREAKS]


def _is_negator(token: str) -> bool:
    return token in _NEGATORS or token.endswith("n't")


def analyse(text: str) -> Sentence:
    """A sentence's stems with, for each, whether a negation in the same clause reaches it."""
    dismissed = bool(_DISMISSAL.search(text.replace("’", "'")))
    clauses: list[list[str]] = [[]]
    for tok in tokens(text):
        if tok in _BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(tok)
    out: list[str] = []
    negated: list[bool] = []
    for clause in clauses:
        # "must not drop", "isn't squeezed out": a negated harm protects something, it does not deny it.
        negators = [
            i
            for i, t in enumerate(clause)
            if _is_negator(t) and not any(stem(x) in _HARMS for x in clause[i + 1 : i + 3])
        ]
        for i, tok in enumerate(clause):
            out.append(stem(tok))
            # A negation reaches the rest of its clause ("we won't measure saves or retention") and five words back
            # ("retention isn't needed").
            near = any(0 < i - n <= 8 or 0 < n - i <= 5 for n in negators)
            negated.append(dismissed or near or i in negators)
    return Sentence(text, tuple(out), tuple(negated))


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, each an exact substring of it (bullets and headings are their own lines)."""
    text = text or ""
    found = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start : m.start()]) and "\n" not in m.group():
            continue
        found.append(text[start : m.start()])
        start = m.end()
    found.append(text[start:])
    return [p.strip() for p in found if re.search(r"[A-Za-z0-9]", p)]


def word_count(text: str) -> int:
    """Words in a text, as a reader would count them."""
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", text or ""))
