"""What an analysis of a take holds: its pauses and every delivery metric, and their JSON form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from lib.media.speech.words import AT_LEAST_FILLERS

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class Pause:
    """A silence between two stretches of speech."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        """Length of the silence in seconds."""
        return round(self.end_s - self.start_s, 2)


@dataclass
class Analysis:
    """Every delivery metric of one take."""

    duration_s: float
    speaking_s: float
    words: int
    wpm: float
    fillers: dict[str, int]
    fillers_per_min: float
    long_pauses: list[Pause]
    i_count: int
    we_count: int
    numbers: list[str]
    transcript: str
    engine: str
    model: str
    speech_segments: list[tuple[float, float]] = field(default_factory=list)

    @property
    def filler_total(self) -> int:
        """All filler words together."""
        return sum(self.fillers.values())

    def to_dict(self) -> dict:
        """A JSON-ready dict: the command line's output and the stored row's payload."""
        data = asdict(self)
        data["long_pauses"] = [
            {"start_s": p.start_s, "end_s": p.end_s, "duration_s": p.duration_s} for p in self.long_pauses
        ]
        data["speech_segments"] = [list(s) for s in self.speech_segments]
        data["fillers_at_least"] = list(AT_LEAST_FILLERS)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        """Rebuild an analysis from ``to_dict`` output."""
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["long_pauses"] = [Pause(p["start_s"], p["end_s"]) for p in data.get("long_pauses", [])]
        fields["speech_segments"] = [tuple(s) for s in data.get("speech_segments", [])]
        return cls(**fields)
