"""Quality checks for one STAR story, as pure functions of its text.

The rules are the curriculum's own: 200-300 words told in 2-3 minutes, every
STAR section there, "I" rather than "we" in the Action, specific numbers
(in the Result especially) and an ending with a learning or impact.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lib.core.wording import NUMBER_WORDS

SECTION_NAMES = ("situation", "task", "action", "result", "learning")
STAR_SECTIONS = ("situation", "task", "action", "result")
MIN_WORDS = 200
MAX_WORDS = 300
DEFAULT_WPM = 100
# A section shorter than this says too little to count as told ("It worked.").
MIN_SECTION_WORDS = 6

FIXES = {
    "missing_situation": "Add a Situation: where you were, when, and what was at stake, in one or two sentences.",
    "missing_task": "Add a Task: the goal or challenge that was yours to solve.",
    "missing_action": "Add an Action: the specific steps you took, one by one.",
    "missing_result": "Add a Result: what changed because of what you did, with a number if you can.",
    "too_short": "Under 200 words: add the specific details that make it real "
    "(who, how many, how long, what you tried).",
    "too_long": "Over 300 words: cut background from the Situation "
    "and keep the Action to your three most important steps.",
    "we_over_i": 'The Action says "we" more than "I": say what you did yourself ("I ran", "I decided").',
    "no_numbers": "No numbers in the Result: add a metric, a count, a percentage or a time saved.",
    "no_learning": 'End with what you learned or the impact it had ("I learned…", "Since then I…").',
}
ISSUE_CODES = tuple(FIXES)
# What a table of stories calls each finding, in a few words.
FINDING_LABELS = {
    "missing_situation": "No Situation",
    "missing_task": "No Task",
    "missing_action": "No Action",
    "missing_result": "No Result",
    "too_short": "Too short",
    "too_long": "Too long",
    "we_over_i": '"we" over "I"',
    "no_numbers": "No numbers",
    "no_learning": "No lesson",
}


def finding_labels(codes: list[str] | tuple[str, ...]) -> str:
    """Findings as a table shows them: "Too short, No numbers"."""
    return ", ".join(FINDING_LABELS.get(c, c) for c in codes)

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[0-9][0-9.,]*")
_I_WORDS = {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine"}
_WE_WORDS = {"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"}
# Besides the plain cardinals: plurals, multiples and shares that a Result states in words.
# fmt: off
_NUMBER_WORDS = NUMBER_WORDS | {
    "hundreds", "thousands", "millions", "dozen", "dozens", "halved", "doubled", "triple", "tripled",
    "percent", "third", "thirds", "quarter", "tenfold", "twofold", "threefold",
}
# fmt: on
_LEARNING_CUES = re.compile(
    r"\b(learn(?:ed|t|ing)?|lessons?|taught me|takeaway|realis(?:e|ed)|realiz(?:e|ed)|since then|now i|"
    r"next time|i would|i'd do|today i|going forward|impact|changed how|that's why|which is why)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    code: str
    fix: str


@dataclass(frozen=True)
class StoryReport:
    title: str
    words: int
    speaking_seconds: int
    sections: dict[str, bool]
    i_count: int
    we_count: int
    has_numbers: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def issues(self) -> list[str]:
        return [f.code for f in self.findings]

    def as_json(self) -> dict:
        """The command line's JSON shape: one object per story."""
        return {
            "title": self.title,
            "words": self.words,
            "speaking_seconds": self.speaking_seconds,
            "sections": self.sections,
            "i_count": self.i_count,
            "we_count": self.we_count,
            "has_numbers": self.has_numbers,
            "issues": self.issues,
        }


def words(text: str | None) -> list[str]:
    """The words of ``text``, lower-cased, with straight apostrophes; numbers count as words."""
    return list(_words(text or ""))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    # Checking one story reads each section's words several times (count,
    # presence, I/we, numbers), and the bank checks every story at once.
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(text))


def word_count(text: str | None) -> int:
    """How many words ``text`` has."""
    return len(_words(text or ""))


def speaking_seconds(n_words: int, wpm: float = DEFAULT_WPM) -> int:
    """Seconds it takes to say ``n_words`` at ``wpm`` words a minute."""
    return round(n_words / max(float(wpm), 1.0) * 60)


def count_i(text: str | None) -> int:
    """First-person singular words: I, I'm, me, my, … (whole words only)."""
    return sum(1 for w in _words(text or "") if w in _I_WORDS)


def count_we(text: str | None) -> int:
    """First-person plural words: we, we're, us, our, … (whole words: "were" and "web" do not count).

    "US" in capitals is the country, not the team.
    """
    raw = [w.replace("’", "'") for w in _WORD.findall(text or "")]
    return sum(1 for w in raw if w.lower() in _WE_WORDS and w != "US")


def has_numbers(text: str | None) -> bool:
    """Whether ``text`` states a quantity, in digits ("40%", "3x") or in words ("three", "doubled")."""
    if re.search(r"\d", text or ""):
        return True
    return any(w in _NUMBER_WORDS for w in _words(text or ""))


def section_present(text: str | None) -> bool:
    """A section counts when it says something: at least MIN_SECTION_WORDS words."""
    return word_count(text) >= MIN_SECTION_WORDS


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def ends_with_learning(sections: dict[str, str]) -> bool:
    """A Learning section, or a closing sentence of the Result that names a learning or impact."""
    if section_present(sections.get("learning")):
        return True
    closing = _sentences(sections.get("result") or "")[-2:]
    return any(_LEARNING_CUES.search(s) for s in closing)


def check_story(
    title: str,
    sections: dict[str, str],
    *,
    wpm: float = DEFAULT_WPM,
    min_words: int = MIN_WORDS,
    max_words: int = MAX_WORDS,
) -> StoryReport:
    """Every check on one story; ``sections`` maps section name to its text (absent = missing)."""
    body = {name: (sections.get(name) or "").strip() for name in SECTION_NAMES}
    present = {name: section_present(body[name]) for name in SECTION_NAMES}
    total = sum(word_count(t) for t in body.values())
    # The I/we balance is about who acted, so it is read from the Action when there is one.
    voice_text = body["action"] if present["action"] else " ".join(body.values())
    i_n, we_n = count_i(voice_text), count_we(voice_text)
    numbers_text = body["result"] if present["result"] else " ".join(body.values())
    numbers = has_numbers(numbers_text)
    codes = [f"missing_{name}" for name in STAR_SECTIONS if not present[name]]
    if total < min_words:
        codes.append("too_short")
    elif total > max_words:
        codes.append("too_long")
    if we_n > i_n:
        codes.append("we_over_i")
    if not numbers:
        codes.append("no_numbers")
    if not ends_with_learning(body):
        codes.append("no_learning")
    return StoryReport(
        title=title,
        words=total,
        speaking_seconds=speaking_seconds(total, wpm),
        sections=present,
        i_count=i_n,
        we_count=we_n,
        has_numbers=numbers,
        findings=[Finding(c, FIXES[c]) for c in codes],
    )


def timing_note(seconds: int, min_minutes: float = 2, max_minutes: float = 3) -> str:
    """How the estimated telling time compares with the 2-3 minute band, in words."""
    shown = f"{seconds // 60}:{seconds % 60:02d}"
    if seconds < min_minutes * 60:
        return f"about {shown} to tell: under {min_minutes:g} minutes"
    if seconds > max_minutes * 60:
        return f"about {shown} to tell: over {max_minutes:g} minutes"
    return f"about {shown} to tell: inside {min_minutes:g}-{max_minutes:g} minutes"
