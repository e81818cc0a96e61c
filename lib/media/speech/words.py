"""Transcript rules: words, filler words (told apart from their ordinary uses), I vs we, and figures."""

from __future__ import annotations

import re

from lib.core.wording import NUMBER_WORDS

FILLER_WORDS = ("um", "uh", "like", "you know", "so", "basically", "actually", "kind of", "sort of")
# Whisper drops many of these sounds, so their counts are lower bounds.
AT_LEAST_FILLERS = ("um", "uh")

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
_NUMBER_WORDS = NUMBER_WORDS
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.,!?;:]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
# The same tokens found in the original text, so their offsets index the transcript as shown.
_TOKEN_ANY_CASE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[.,!?;:]")
_NUMBER = re.compile(r"[$€£]?\d[\d,.]*(?:\s?%|\s?percent\b|[kmx]\b)?", re.IGNORECASE)


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


def pronoun_counts(transcript: str) -> tuple[int, int]:
    """How often the speaker says "I" and "we" (with their contractions)."""
    words = _WORD.findall(_normalise(transcript))
    return sum(w in _I_FORMS for w in words), sum(w in _WE_FORMS for w in words)


def numbers_mentioned(transcript: str) -> list[str]:
    """Figures in the answer, as digits or number words: evidence that results were quantified."""
    found = [m.group(0).strip().rstrip(",.") for m in _NUMBER.finditer(transcript)]
    found += [w for w in _WORD.findall(_normalise(transcript)) if w in _NUMBER_WORDS]
    return found
