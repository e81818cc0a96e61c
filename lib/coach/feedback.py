"""What the coach says about one answer: checks with verbatim evidence, scored parts, improvements, follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lib.core.errors import InputError

# The key each list's items use for their name in the JSON object.
_NAME_KEYS = {"guide": "point", "framework": "step", "ai_checks": "check"}


@dataclass(frozen=True)
class Check:
    """One guide point, framework step or AI check, judged against the answer."""

    name: str
    covered: bool
    evidence: str = ""


@dataclass(frozen=True)
class Part:
    """One scored part of the answer, shown with its points."""

    name: str
    points: int
    out_of: int
    detail: str


@dataclass(frozen=True)
class Feedback:
    """Everything the coach reports on one answer."""

    question_id: str
    engine: str
    words: int
    guide: tuple[Check, ...]
    framework: tuple[Check, ...]
    ai_checks: tuple[Check, ...]
    parts: tuple[Part, ...]
    score: int
    improvements: tuple[str, ...]
    follow_ups: tuple[str, ...]
    transcript: str | None = None
    llm_error: str | None = None
    llm: dict | None = None

    def as_json(self) -> dict:
        """The feedback as one JSON-ready object (the CLI's output, the stored form)."""
        out: dict[str, Any] = {"question_id": self.question_id, "engine": self.engine, "words": self.words}
        for key, name_key in _NAME_KEYS.items():
            out[key] = [{name_key: c.name, "covered": c.covered, "evidence": c.evidence} for c in getattr(self, key)]
        out["score"] = self.score
        out["parts"] = [
            {"name": p.name, "points": p.points, "out_of": p.out_of, "detail": p.detail} for p in self.parts
        ]
        out["improvements"] = list(self.improvements)
        out["follow_ups"] = list(self.follow_ups)
        for key in ("transcript", "llm_error", "llm"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out

    @classmethod
    def from_json(cls, data: dict) -> Feedback:
        """Feedback back from ``as_json``'s object; InputError when the object is not one."""
        try:
            checks = {
                key: tuple(
                    Check(str(item[name_key]), bool(item["covered"]), str(item.get("evidence", "")))
                    for item in data.get(key, [])
                )
                for key, name_key in _NAME_KEYS.items()
            }
            parts = tuple(
                Part(str(p["name"]), int(p["points"]), int(p["out_of"]), str(p.get("detail", "")))
                for p in data.get("parts", [])
            )
            return cls(
                question_id=str(data["question_id"]),
                engine=str(data["engine"]),
                words=int(data["words"]),
                guide=checks["guide"],
                framework=checks["framework"],
                ai_checks=checks["ai_checks"],
                parts=parts,
                score=int(data["score"]),
                improvements=tuple(str(s) for s in data.get("improvements", [])),
                follow_ups=tuple(str(s) for s in data.get("follow_ups", [])),
                transcript=data.get("transcript"),
                llm_error=data.get("llm_error"),
                llm=data.get("llm"),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"stored feedback is not readable ({exc.__class__.__name__}: {exc})") from exc
