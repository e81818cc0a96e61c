"""What a model's reply may add to the feedback: typed, bounded, and every quote checked against the answer.

A rubric item that quotes words the answer does not contain is dropped whole
(and counted): a judgement resting on invented evidence is not kept. A kept
quote is replaced by the answer's own text for that span, so the evidence shown
is always an exact substring of the answer.
"""

from __future__ import annotations

from lib.coach.llm_json import lenient_object

RATINGS = ("strong", "adequate", "weak", "missing")
MAX_RUBRIC = 12
MAX_FOLLOW_UPS = 5
MAX_OUTLINE = 10
MAX_TEXT = 400
MIN_QUOTE_CHARS = 3
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'"}
_QUOTES.update({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"'})
_QUOTES.update({"\u00bb": '"'})
_WRAPPERS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb "

# The structured-output schema sent with the request (also the shape the reader accepts).
SCHEMA = {
    "type": "object",
    "properties": {
        "rubric": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "criterion": {"type": "string"},
                    "rating": {"type": "string", "enum": list(RATINGS)},
                    "comment": {"type": "string"},
                    "quote": {"type": "string"},
                },
                "required": ["criterion", "rating", "comment", "quote"],
                "additionalProperties": False,
            },
        },
        "follow_ups": {"type": "array", "items": {"type": "string"}},
        "outline": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["rubric", "follow_ups", "outline"],
    "additionalProperties": False,
}


def _normalise(text: str) -> tuple[str, list[int]]:
    """``text`` with runs of whitespace as one space and curly quotes straight, and each kept char's index."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                index.append(i)
            continue
        out.append(_QUOTES.get(ch, ch))
        index.append(i)
    return "".join(out), index


def find_verbatim(quote: str, answer: str) -> str | None:
    """The answer's own text for ``quote`` (same words up to whitespace and quote marks), or None."""
    wanted, _ = _normalise(str(quote).strip(_WRAPPERS + "\t\n\r"))
    wanted = wanted.strip()
    if wanted.endswith("...") or wanted.endswith("\u2026"):
        return None  # an elided quote is not the answer's words
    if len(wanted) < MIN_QUOTE_CHARS:
        return None
    haystack, index = _normalise(answer)
    at = haystack.find(wanted)
    if at < 0:
        return None
    return answer[index[at] : index[at + len(wanted) - 1] + 1]


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    line = " ".join("".join(c if c.isprintable() or c.isspace() else " " for c in value).split())
    if not line:
        return None
    return line if len(line) <= MAX_TEXT else line[: MAX_TEXT - 1] + "\u2026"


def _strings(value: object, limit: int) -> list[str]:
    if not isinstance(value, list):
        return []
    out = [t for t in (_text(v) for v in value) if t]
    return list(dict.fromkeys(out))[:limit]


def read_reply(content: str, answer: str) -> tuple[dict | None, str | None]:
    """(the ``llm`` dict, None) from a reply, or (None, a one-line reason) when it holds nothing usable."""
    data = lenient_object(content[:200_000])
    if data is None:
        return None, "the model's reply held no JSON object"
    rubric: list[dict] = []
    dropped = 0
    raw_rubric = data.get("rubric")
    for item in raw_rubric if isinstance(raw_rubric, list) else []:
        if not isinstance(item, dict):
            continue
        criterion = _text(item.get("criterion"))
        if not criterion:
            continue
        rating = item.get("rating")
        rating = rating.strip().lower() if isinstance(rating, str) else ""
        entry = {
            "criterion": criterion,
            "rating": rating if rating in RATINGS else "",
            "comment": _text(item.get("comment")) or "",
            "quote": "",
        }
        quote = item.get("quote")
        if isinstance(quote, str) and quote.strip(_WRAPPERS):
            found = find_verbatim(quote, answer)
            if found is None:
                dropped += 1
                continue
            entry["quote"] = found
        rubric.append(entry)
        if len(rubric) == MAX_RUBRIC:
            break
    llm = {
        "rubric": rubric,
        "follow_ups": _strings(data.get("follow_ups"), MAX_FOLLOW_UPS),
        "outline": _strings(data.get("outline"), MAX_OUTLINE),
        "dropped_quotes": dropped,
    }
    if not (llm["rubric"] or llm["follow_ups"] or llm["outline"]):
        reason = "the model's reply held no usable feedback"
        if dropped:
            reason += f" (its {dropped} quote(s) are not in the answer)"
        return None, reason
    return llm, None
