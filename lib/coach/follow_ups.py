"""Improvements tied to what is missing, and the interviewer's follow-up questions from a curated bank."""

from __future__ import annotations

from pydantic import Field, model_validator

from lib.coach.feedback import Check
from lib.coach.lexicon import lexicon
from lib.coach.matching import Point
from lib.core import content

MAX_IMPROVEMENTS = 3
MAX_FOLLOW_UPS = 3


class FollowUpBank(content.StrictModel):
    kinds: dict[str, list[str]] = Field(min_length=1)
    default: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _questions(self) -> FollowUpBank:
        """Every kind has at least one question, and each is a question."""
        for kind, questions in self.kinds.items():
            if not questions:
                raise ValueError(f"kind '{kind}' has no questions")
            bad = [q for q in questions if not q.strip().endswith("?")]
            if bad:
                raise ValueError(f"kind '{kind}': not a question: {bad[0]}")
        return self


def load_follow_up_bank() -> FollowUpBank:
    """The shipped follow-up bank (data/coach_follow_ups.json), validated."""
    return content.load("coach_follow_ups.json", FollowUpBank)


def kind_of(point: Point) -> str | None:
    """The kind of gap a point is about: the first lexicon group in it that the bank has questions for."""
    kinds = lexicon().kinds
    bank = load_follow_up_bank().kinds
    for clause in point.clauses:
        for unit in (*clause.main, *clause.examples):
            kind = kinds.get(unit.removeprefix("g:")) if unit.startswith("g:") else None
            if kind in bank:
                return kind
    return None


def improvements(
    guide: tuple[Check, ...], steps: tuple[Check, ...], checks: tuple[Check, ...], other: list[str]
) -> tuple[str, ...]:
    """At most three improvements, most important first: missing guide points, then steps, checks, the rest."""
    out = [f"Cover a point a strong answer makes: {c.name}." for c in guide if not c.covered]
    out += [f"Say something real under the '{c.name}' step." for c in steps if not c.covered]
    out += [f"Address the AI check '{c.name}'." for c in checks if not c.covered]
    out += other
    return tuple(out[:MAX_IMPROVEMENTS])


def follow_ups(missing: list[Point], extra_kinds: list[str]) -> tuple[str, ...]:
    """Questions an interviewer would ask about the weakest parts: one per kind of gap, in order, no repeats."""
    bank = load_follow_up_bank()
    kinds = [k for k in (kind_of(p) for p in missing) if k] + extra_kinds
    asked: list[str] = []
    for kind in dict.fromkeys(kinds):
        for question in bank.kinds.get(kind, []):
            if question not in asked:
                asked.append(question)
                break
        if len(asked) == MAX_FOLLOW_UPS:
            break
    for question in bank.default:
        if len(asked) >= MAX_FOLLOW_UPS:
            break
        if not kinds and question not in asked:
            asked.append(question)
    return tuple(asked)
