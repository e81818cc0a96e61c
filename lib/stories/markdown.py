"""STAR stories as markdown: the format `check-stories` reads, import reads and export writes.

One ``## Title`` heading per story; an optional line ``Theme: … · Source: … ·
Tags: …`` under it, optionally ``Answers:`` followed by one ``- question`` per
line (the questions the story answers); then sections labelled ``**Situation:**``, ``**Task:**``,
``**Action:**``, ``**Result:**`` and optionally ``**Learning:**``. A section runs
until the next label or heading. Text before the first ``##`` is ignored.

A line of story text that would read as structure (a heading, a label) is
written with a leading backslash and read back without it, so export and
import round-trip exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.core.textsafe import one_line
from lib.stories.checks import SECTION_NAMES

# Every pattern runs on one line, anchored at its start, with no two unbounded quantifiers that could
# share characters: matching stays linear in the line's length, whatever the user's file holds.
_LABEL = re.compile(
    r"^\s*\*\*\s*(situation|task|action|result|learning)\s*(?::\s*\*\*|\*\*\s*:)\s?(.*)$", re.IGNORECASE
)
_META = re.compile(r"^\s*(theme|source|tags)\s*:", re.IGNORECASE)
_ANSWERS = re.compile(r"^\s*answers\s*:\s*$", re.IGNORECASE)
_META_KEYS = ("theme", "source", "tags")
_STRUCTURAL = re.compile(r"^\s*(#|\\|\*\*\s*(situation|task|action|result|learning)\b)", re.IGNORECASE)


@dataclass
class ParsedStory:
    title: str
    line: int  # 1-based line of the heading
    meta: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # "line N: what is wrong"
    answers: list[str] | None = None  # questions under "Answers:"; None when the story has no such line

    @property
    def label(self) -> str:
        """How the story is named in messages: its heading and line."""
        # Cut: a message quoting a 100,000-character heading in full would bury what it says.
        if not self.title:
            return f"untitled story (line {self.line})"
        return f"'## {one_line(self.title, 80)}' (line {self.line})"


def _heading_title(line: str) -> str | None:
    """The title of a ``## Title`` line, else None.

    Plain string methods, not a pattern: a lazy title between two runs of
    optional spaces took time quadratic in a run of spaces. Closing hashes
    ("## Title ##") stay part of the title, so a title like "Fixing C #" round-trips.
    """
    if not line.startswith("##") or line.startswith("###"):
        return None
    return line[2:].strip()


def _bullet(line: str) -> str | None:
    """The text of a ``- item`` (or ``* item``) line, else None."""
    stripped = line.lstrip()
    if stripped[:1] not in ("-", "*") or not stripped[1:2].isspace():
        return None
    return stripped[1:].strip() or None


def _unescape(line: str) -> str:
    return line[1:] if line.startswith("\\") else line


def _parse_meta(text: str, line_no: int, story: ParsedStory) -> None:
    for part in text.split(" · "):
        key, sep, value = part.partition(":")
        key = key.strip().lower()
        if not sep or key not in _META_KEYS:
            story.problems.append(f"line {line_no}: '{part.strip()}' is not Theme:, Source: or Tags:")
        elif key in story.meta:
            story.problems.append(f"line {line_no}: {key.title()} is given twice")
        else:
            story.meta[key] = value.strip()


def _finish(story: ParsedStory, current: str | None, buffer: list[str]) -> None:
    if current is not None:
        story.sections[current] = "\n".join(buffer).strip("\n").strip()


def parse_stories(text: str) -> list[ParsedStory]:
    """Every ``##`` story in ``text``, with its sections, metadata and any structural problems."""
    stories: list[ParsedStory] = []
    story: ParsedStory | None = None
    current: str | None = None
    buffer: list[str] = []
    # A byte-order mark is no text: files joined with `cat` carry one at the start of each part.
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        title = _heading_title(line)
        if title is not None:
            if story is not None:
                _finish(story, current, buffer)
            story, current, buffer = ParsedStory(title, number), None, []
            if not story.title:
                story.problems.append(f"line {number}: a story heading without a title")
            stories.append(story)
            continue
        if story is None:
            continue
        label = _LABEL.match(line)
        if label:
            _finish(story, current, buffer)
            current = label.group(1).lower()
            if current in story.sections:
                story.problems.append(f"line {number}: a second **{current.title()}:** section")
            buffer = [label.group(2)]
        elif current is not None:
            buffer.append(_unescape(line))
        elif _META.match(line):
            _parse_meta(line, number, story)
        elif _ANSWERS.match(line):
            if story.answers is not None:
                story.problems.append(f"line {number}: Answers is given twice")
            story.answers = []
        elif story.answers is not None and _bullet(line):
            story.answers.append(_bullet(line))
        elif line.strip():
            story.problems.append(f"line {number}: text before the first section label (start with **Situation:**)")
    if story is not None:
        _finish(story, current, buffer)
    for s in stories:
        if not s.sections:
            s.problems.append(f"line {s.line}: no **Situation:**, **Task:**, **Action:** or **Result:** labels")
    return stories


def _escape_body(text: str) -> str:
    # The first line follows its label on the same line, so only later lines need escaping.
    first, *rest = text.split("\n")
    return "\n".join([first, *("\\" + ln if _STRUCTURAL.match(ln) else ln for ln in rest)])


def render_story(title: str, sections: dict[str, str], meta: dict[str, str], answers: list[str] | None = None) -> str:
    """One story as markdown: heading, metadata, the questions it answers, then its sections in STAR order."""
    parts = [f"## {title}", ""]
    meta_line = " · ".join(f"{k.title()}: {meta[k]}" for k in _META_KEYS if meta.get(k))
    if meta_line:
        parts += [meta_line, ""]
    if answers:
        parts += ["Answers:", *(f"- {q}" for q in answers), ""]
    for name in SECTION_NAMES:
        body = (sections.get(name) or "").strip()
        if body:
            parts += [f"**{name.title()}:** {_escape_body(body)}", ""]
    return "\n".join(parts)


def render_document(stories: list[tuple]) -> str:
    """A whole ``star-stories.md`` from (title, sections, meta[, answers]) tuples: a short header, then every story."""
    count = len(stories)
    header = [
        "# STAR Stories",
        "",
        f"{count} {'story' if count == 1 else 'stories'}. "
        "Each: Situation, Task, Action, Result, and a closing learning.",
        "",
    ]
    return "\n".join(header + [render_story(*s) for s in stories]).rstrip("\n") + "\n"
