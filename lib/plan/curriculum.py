"""The week's plan (data/curriculum.json) and its calendar: which date each day and session falls on.

Progress against the plan lives beside it: logged time in ``lib.plan.time_log``,
activity ticks, day status and the per-day table in ``lib.plan.progress``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import sqlite_utils
from pydantic import Field, model_validator

from lib.core import clock, content
from lib.core.errors import InputError
from lib.storage import settings

EARLIEST_DATE = dt.date(2000, 1, 1)


# ---------------------------------------------------------------- content model


class Resource(content.StrictModel):
    title: str = Field(min_length=1)
    url: str
    note: str = ""


class Block(content.StrictModel):
    title: str = Field(min_length=1)
    ordered: bool
    items: list[str] = Field(min_length=1)


class Activity(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    text: str = Field(min_length=1)
    page: str = ""  # the page of the app where the activity is done, if any


class Session(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    name: str
    part: Literal["morning", "afternoon", "evening"]
    day_offset: int = Field(ge=0, le=6)
    hours_min: float = Field(gt=0)
    hours_max: float = Field(gt=0)
    topic: str = Field(min_length=1)
    blocks: list[Block]
    resources: list[Resource]
    activities: list[Activity]

    @property
    def hours_label(self) -> str:
        lo, hi = _fmt_hours(self.hours_min), _fmt_hours(self.hours_max)
        return f"{lo} hours" if lo == hi else f"{lo}-{hi} hours"


class Day(content.StrictModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9-]+$")
    label: str
    short: str
    title: str
    day_offsets: list[int] = Field(min_length=1)
    target_hours: float = Field(gt=0)
    sessions: list[Session] = Field(min_length=1)
    deliverables: list[str]

    @property
    def activities(self) -> list[Activity]:
        return [a for s in self.sessions for a in s.activities]


class ResourceGroup(content.StrictModel):
    group: str
    items: list[Resource]


class InterviewStack(content.StrictModel):
    frameworks: list[str]
    artifacts: list[str]


class ProgramComplete(content.StrictModel):
    accomplished: list[str]
    you_are_now: list[str]
    next_steps: list[str]
    closing: str


class DeepDive(content.StrictModel):
    title: str
    note: str


class Curriculum(content.StrictModel):
    week: int
    title: str
    tagline: str
    overview: str
    focus: list[str]
    week_deliverables: list[str]
    deep_dive: DeepDive
    learning_objectives: list[str]
    total_target_hours: float
    days: list[Day] = Field(min_length=1)
    recommended_resources: list[ResourceGroup]
    interview_stack: InterviewStack
    success_criteria: list[str]
    program_complete: ProgramComplete

    @model_validator(mode="after")
    def _consistent(self) -> Curriculum:
        ids = [a.id for d in self.days for a in d.activities] + [s.id for d in self.days for s in d.sessions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate ids: {', '.join(dupes)}")
        total = sum(d.target_hours for d in self.days)
        if abs(total - self.total_target_hours) > 1e-9:
            raise ValueError(f"day targets add up to {total:g} h, not total_target_hours {self.total_target_hours:g}")
        for d in self.days:
            for s in d.sessions:
                if s.day_offset not in d.day_offsets:
                    raise ValueError(f"session '{s.id}' has day_offset {s.day_offset}, outside day '{d.id}'")
                if s.hours_max < s.hours_min:
                    raise ValueError(f"session '{s.id}': hours_max is below hours_min")
        return self

    def day(self, day_id: str) -> Day:
        for d in self.days:
            if d.id == day_id:
                return d
        raise InputError(f"unknown day '{day_id}'", field="day")

    def session(self, session_id: str) -> Session:
        for d in self.days:
            for s in d.sessions:
                if s.id == session_id:
                    return s
        raise InputError(f"unknown session '{session_id}'", field="session")

    def day_of_session(self, session_id: str) -> Day:
        for d in self.days:
            if any(s.id == session_id for s in d.sessions):
                return d
        raise InputError(f"unknown session '{session_id}'", field="session")

    @property
    def activity_ids(self) -> list[str]:
        return [a.id for d in self.days for a in d.activities]


def _fmt_hours(h: float) -> str:
    return f"{h:g}"


def load_curriculum() -> Curriculum:
    """The shipped week plan, validated."""
    return content.load("curriculum.json", Curriculum)


# ---------------------------------------------------------------- week calendar


def week_start(db: sqlite_utils.Database, today: dt.date | None = None) -> dt.date:
    """The Monday (or chosen day) the week starts; defaults to this week's Monday."""
    stored = settings.get(db, "week_start")
    if stored:
        try:
            return dt.date.fromisoformat(stored)
        except ValueError:
            pass
    today = today or clock.today()
    return today - dt.timedelta(days=today.weekday())


def set_week_start(db: sqlite_utils.Database, start: dt.date) -> None:
    """Choose the date of Day 1; decides which day is 'today'."""
    if not isinstance(start, dt.date):
        raise InputError("not a date", field="week start")
    if start < EARLIEST_DATE or start > clock.today() + dt.timedelta(days=366):
        raise InputError(f"{start.isoformat()} is outside a sensible range", field="week start")
    settings.put(db, "week_start", start.isoformat())


def day_for_date(cur: Curriculum, start: dt.date, when: dt.date) -> Day | None:
    """The plan's day that falls on ``when``, or None outside the week."""
    offset = (when - start).days
    for d in cur.days:
        if offset in d.day_offsets:
            return d
    return None


def date_for_session(cur: Curriculum, start: dt.date, session_id: str) -> dt.date:
    """The calendar date a session is planned for."""
    return start + dt.timedelta(days=cur.session(session_id).day_offset)
