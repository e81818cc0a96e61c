"""Interview frameworks (data/frameworks.json): steps with prompts, AI-specific checks, knowledge areas."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from lib.core import content
from lib.core.errors import InputError

QuestionType = Literal["product_sense", "execution", "strategy", "technical", "behavioural"]


class Step(content.StrictModel):
    name: str = Field(min_length=1)
    prompt: str = Field(min_length=1)


class Framework(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    applies_to: list[QuestionType] = Field(min_length=1)
    steps: list[Step] = Field(min_length=2)
    checks_title: str = ""
    checks: list[str] = []
    source: Literal["seed", "project"]

    @model_validator(mode="after")
    def _checks_titled(self) -> Framework:
        """A list of checks needs a heading to be shown under."""
        if self.checks and not self.checks_title:
            raise ValueError("checks need a checks_title")
        return self


class FrameworkBook(content.StrictModel):
    frameworks: list[Framework] = Field(min_length=1)
    technical_knowledge_areas: list[str] = Field(min_length=1)
    technical_key: str = Field(min_length=1)
    star_story_tips: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> FrameworkBook:
        """No two frameworks share an id."""
        ids = [f.id for f in self.frameworks]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate framework ids: {', '.join(dupes)}")
        return self

    @property
    def ids(self) -> list[str]:
        """Every framework id, in file order."""
        return [f.id for f in self.frameworks]

    def get(self, framework_id: str) -> Framework:
        """The framework with this id; InputError when there is none."""
        for f in self.frameworks:
            if f.id == framework_id:
                return f
        raise InputError(f"unknown framework '{framework_id}'", field="framework")

    def for_type(self, question_type: str) -> list[Framework]:
        """Frameworks that apply to a question type, in file order."""
        return [f for f in self.frameworks if question_type in f.applies_to]


def load_frameworks() -> FrameworkBook:
    """The shipped frameworks, validated."""
    return content.load("frameworks.json", FrameworkBook)


def framework(framework_id: str) -> Framework:
    """One shipped framework by id."""
    return load_frameworks().get(framework_id)


def answer_sections(framework_id: str) -> list[str]:
    """The section headings an answer with this framework is written under."""
    fw = framework(framework_id)
    sections = [s.name for s in fw.steps]
    if fw.checks:
        sections.append(fw.checks_title)
    return sections


def section_prompts(framework_id: str) -> list[tuple[str, str]]:
    """(heading, prompt) for each answer section of a framework."""
    fw = framework(framework_id)
    pairs = [(s.name, s.prompt) for s in fw.steps]
    if fw.checks:
        pairs.append((fw.checks_title, " · ".join(fw.checks)))
    return pairs


def markdown(fw: Framework, heading_level: int = 3) -> str:
    """A framework as trusted markdown (shipped content only)."""
    hashes = "#" * heading_level
    lines = [f"{hashes} {fw.name}", "", fw.summary, ""]
    lines += [f"{i}. **{s.name}** — {s.prompt}" for i, s in enumerate(fw.steps, 1)]
    if fw.checks:
        lines += ["", f"**{fw.checks_title}:**", ""] + [f"- {c}" for c in fw.checks]
    return "\n".join(lines) + "\n"
