"""A job description's key terms, and which of them a resume holds (with where), by rules one can explain.

A key term is (1) a skill or tool from the vocabularies ``data/ai_terms.json``
and ``data/job_terms.json`` that the description names (or one of its other
names: "LLMs" for large language models); (2) a phrase followed by its acronym
in brackets, "retrieval-augmented generation (RAG)", kept whole with the
acronym as its other name; (3) a word written with capitals inside or all in
capitals, "LangChain", "SQL", unless it is a stop word or on the ignore list.
Each term is spelled as the description first spells it. Matching ignores
case, hyphens and spacing between words, and simple endings (-s, -es, -ing,
-ed): "A/B tests" matches "A/B testing", "LLM" matches "LLMs".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pydantic import Field

from lib.core import content
from lib.core.content import StrictModel

MAX_TERMS = 60  # a description naming more is listing everything; the first ones are kept
MAX_WHERE = 3  # resume snippets shown for a matched term
SNIPPET = 40  # characters either side of a match in a snippet


class VocabularyEntry(StrictModel):
    """One skill or tool, with its other names."""

    term: str = Field(min_length=1, max_length=80)
    aliases: list[str] = Field(default_factory=list)


class AiTerms(StrictModel):
    """data/ai_terms.json: the AI/ML skills a resume or profile is searched for."""

    about: str = ""
    terms: list[VocabularyEntry] = Field(min_length=1)


class JobTerms(StrictModel):
    """data/job_terms.json: product skills and tools, stop words, capitalised words that are never a skill."""

    about: str = ""
    terms: list[VocabularyEntry] = Field(min_length=1)
    stop_words: list[str] = Field(min_length=1)
    ignore: list[str] = Field(default_factory=list)


def load_ai_terms() -> AiTerms:
    """The shipped AI/ML skills vocabulary, validated."""
    return content.load("ai_terms.json", AiTerms)


def load_job_terms() -> JobTerms:
    """The shipped product skills vocabulary and stop words, validated."""
    return content.load("job_terms.json", JobTerms)


@dataclass(frozen=True)
class Term:
    """A key term: its spelling in the text, its matching key, every name it goes by, where it first appears."""

    text: str
    key: str
    names: tuple[str, ...]
    start: int


# ---------------------------------------------------------------- words, keys and patterns

_SPLIT = re.compile(r"[\s\-]+")
_TOKEN = re.compile(r"(?<![\w/.+#-])[A-Za-z][A-Za-z0-9+#]*(?:[./\-][A-Za-z0-9+#]+)*")
_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z0-9]{1,7})\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']*")


def stem(word: str) -> str:
    """The word without one simple ending (-ing, -es after s/x/z/ch/sh, -s, -ed); matching adds any back."""
    low = word.casefold()
    if low.endswith("ing") and len(low) > 5:
        return word[:-3]
    if low.endswith(("ses", "xes", "zes", "ches", "shes")) and len(low) > 4:
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        return word[:-1]
    if low.endswith("ed") and len(low) > 4:
        return word[:-2]
    return word


def words(phrase: str) -> list[str]:
    """A phrase's words: split at spaces and hyphens."""
    return [w for w in _SPLIT.split(phrase.strip()) if w]


def term_key(phrase: str) -> str:
    """What two spellings of one term share: words case-folded and stemmed, hyphens read as spaces."""
    return " ".join(stem(w).casefold() for w in words(phrase))


@functools.lru_cache(maxsize=4096)
def pattern(phrase: str, loose: bool = True) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern for the phrase and its simple variants.

    ``loose`` (in a resume) lets any run of spaces, line breaks and hyphens join
    the words; strict (in a description) one space or hyphen, so a term never
    spans two lines.
    """
    joiner = r"[\s\-]+" if loose else r"[ \-]"
    body = joiner.join(re.escape(stem(w)) + r"(?:s|es|ing|ed)?" for w in words(phrase))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


# ---------------------------------------------------------------- key terms of a description


def _stop_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_job_terms().stop_words)


def is_stop_word(word: str) -> bool:
    """Whether the word is one of the shipped stop words (never a key term)."""
    return word.casefold() in _stop_words()


def _vocabulary() -> list[VocabularyEntry]:
    return [*load_ai_terms().terms, *load_job_terms().terms]


def vocabulary_hits(text: str, entries: list[VocabularyEntry], loose: bool) -> list[Term]:
    """Every place the text names an entry (by its term or another name), as Terms keyed by the entry."""
    found = []
    for entry in entries:
        names = (entry.term, *entry.aliases)
        key = term_key(entry.term)
        for name in names:
            found.extend(Term(m.group(0), key, names, m.start()) for m in pattern(name, loose).finditer(text))
    return found


def _acronym_phrases(text: str) -> list[Term]:
    """'retrieval-augmented generation (RAG)': the words before the brackets whose initials spell the acronym."""
    found = []
    for m in _ACRONYM.finditer(text):
        acronym = m.group(1)
        initials = [c.casefold() for c in acronym if c.isupper()]
        if len(initials) < 2 or len(initials) > 6:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = list(_WORD.finditer(text, line_start, m.start()))
        for extra in range(3):  # allow a few small words inside: "objectives and key results (OKRs)"
            chosen = before[-(len(initials) + extra) :] if len(before) >= len(initials) + extra else []
            content_words = [w for w in chosen if not is_stop_word(w.group(0))]
            if not chosen or is_stop_word(chosen[0].group(0)):
                continue
            if [w.group(0)[0].casefold() for w in content_words] == initials:
                phrase = text[chosen[0].start() : chosen[-1].end()]
                if "\n" in phrase or text[chosen[-1].end() : m.start()].strip() != "":
                    break
                names = (phrase, acronym)
                found.append(Term(phrase, term_key(phrase), names, chosen[0].start()))
                found.append(Term(acronym, term_key(phrase), names, m.start(1)))
                break
    return found


def _capital_words(text: str) -> list[Term]:
    """Words with a capital inside (LangChain, iOS) or short ones all in capitals (SQL, RAG); headings skipped."""
    ignore = {w.casefold() for w in load_job_terms().ignore}
    found = []
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        letters = [c for c in token if c.isalpha()]
        uppers = sum(c.isupper() for c in letters)
        all_caps = uppers == len(letters)
        if len(token) < 2 or token.casefold() in ignore or is_stop_word(token):
            continue
        if all_caps and (len(letters) > 6 or _shouting_line(text, m.start())):
            continue
        if uppers >= 2 or (uppers and not letters[0].isupper()):
            found.append(Term(token, term_key(token), (token,), m.start()))
    return found


def _shouting_line(text: str, at: int) -> bool:
    """A heading written in capitals ("WHAT YOU WILL DO"): its words are not acronyms."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    letters = [c for c in text[start : end if end >= 0 else len(text)] if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def extract_terms(job_text: str) -> list[Term]:
    """The description's key terms, first spelling first, one per key; a term inside a longer one is dropped."""
    candidates = vocabulary_hits(job_text, _vocabulary(), loose=False)
    candidates += _acronym_phrases(job_text) + _capital_words(job_text)
    candidates.sort(key=lambda t: (t.start, -len(t.text)))
    kept: list[Term] = []
    spans: list[tuple[int, int, str]] = []
    for term in candidates:
        end = term.start + len(term.text)
        if any(s <= term.start and end <= e and key != term.key for s, e, key in spans):
            continue
        spans.append((term.start, end, term.key))
        kept.append(term)
    by_key: dict[str, Term] = {}
    for term in kept:
        first = by_key.get(term.key)
        if first is None:
            by_key[term.key] = term
        else:
            names = tuple(dict.fromkeys((*first.names, *term.names)))
            by_key[term.key] = Term(first.text, first.key, names, first.start)
    return list(by_key.values())[:MAX_TERMS]


def key_terms(job_text: str) -> list[str]:
    """Skills, tools and multi-word phrases of a job description, spelled as in it, in order of appearance."""
    return [t.text for t in extract_terms(job_text)]


# ---------------------------------------------------------------- matching a resume


def snippet(text: str, start: int, end: int) -> str:
    """The match with some words either side, on one line."""
    left = max(0, start - SNIPPET)
    right = min(len(text), end + SNIPPET)
    body = " ".join(text[left:right].split())
    return ("…" if left else "") + body + ("…" if right < len(text) else "")


def find(text: str, names: tuple[str, ...]) -> list[re.Match[str]]:
    """Every place any of the names occurs in the text (loosely, as in a resume), in order."""
    hits = [m for name in names for m in pattern(name, True).finditer(text)]
    return sorted(hits, key=lambda m: m.start())


def match(resume_text: str, job_text: str) -> dict:
    """The description's key terms the resume holds (with where) and those it lacks."""
    matched, missing = [], []
    for term in extract_terms(job_text):
        hits = find(resume_text, term.names)
        if hits:
            where = list(dict.fromkeys(snippet(resume_text, m.start(), m.end()) for m in hits))[:MAX_WHERE]
            matched.append({"term": term.text, "where": where})
        else:
            missing.append(term.text)
    return {"matched": matched, "missing": missing}


def ai_terms_in(text: str) -> list[tuple[str, str]]:
    """The AI/ML skills the text names: (spelling in the text, line it is on), one per skill, in order."""
    seen: dict[str, tuple[int, str, str]] = {}
    for hit in vocabulary_hits(text, load_ai_terms().terms, loose=True):
        spelled = " ".join(hit.text.split())
        old = seen.get(hit.key)
        # The first place wins; at one place the longest name ("GPT-4" over "GPT").
        if old is None or (hit.start, -len(spelled)) < (old[0], -len(old[1])):
            seen[hit.key] = (hit.start, spelled, line_at(text, hit.start))
    return [(spelled, line) for _, spelled, line in sorted(seen.values())]


def line_at(text: str, at: int) -> str:
    """The whole line the position is on, trimmed."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()
