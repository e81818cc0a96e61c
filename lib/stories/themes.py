"""The story themes from the curriculum: twelve themes in groups, the STAR format, the rules and the target."""

from __future__ import annotations

from pydantic import Field, model_validator

from lib.core import content
from lib.core.errors import InputError


class Theme(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    prompt: str
    note: str

    @property
    def question_id(self) -> str:
        return f"theme-{self.id}"

    @property
    def question_text(self) -> str:
        """The theme as a question row: its prompt, or its name and note where the seed gives no prompt."""
        return self.prompt or f"{self.name} ({self.note})"


class ThemeGroup(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    source_label: str = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)


class StarPart(content.StrictModel):
    id: str
    letter: str = Field(min_length=1, max_length=1)
    name: str
    meaning: str


class Band(content.StrictModel):
    min_words: int = Field(gt=0)
    max_words: int = Field(gt=0)
    min_minutes: float = Field(gt=0)
    max_minutes: float = Field(gt=0)


class StoryThemes(content.StrictModel):
    star_format: list[StarPart] = Field(min_length=4, max_length=4)
    groups: list[ThemeGroup] = Field(min_length=1)
    rules: list[str] = Field(min_length=1)
    practice: list[str]
    band: Band
    target_stories: int = Field(gt=0)

    @model_validator(mode="after")
    def _consistent(self) -> StoryThemes:
        ids = [t.id for g in self.groups for t in g.themes]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate theme ids: {', '.join(dupes)}")
        if self.band.max_words < self.band.min_words or self.band.max_minutes < self.band.min_minutes:
            raise ValueError("band maximum is below its minimum")
        return self

    @property
    def themes(self) -> list[Theme]:
        return [t for g in self.groups for t in g.themes]

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise InputError(f"unknown theme '{theme_id}'", field="theme")

    def group_of(self, theme_id: str) -> ThemeGroup:
        return next(g for g in self.groups if any(t.id == theme_id for t in g.themes))

    @property
    def sources(self) -> dict[str, str]:
        return {g.id: g.source_label for g in self.groups}

    @property
    def prompts(self) -> list[tuple[str, str, str]]:
        """Each theme as a question: (theme id, question id, prompt text), for the coverage rows."""
        return [(t.id, t.question_id, t.question_text) for t in self.themes]


def load_themes() -> StoryThemes:
    """The twelve story themes, the STAR format and the story rules, validated."""
    return content.load("story_themes.json", StoryThemes)
