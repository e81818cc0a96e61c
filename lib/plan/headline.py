"""The Overview's first screen: four headline numbers, and the first steps on a database with nothing in it yet.

The numbers are the ones a person checks every morning (hours against the
week, rehearsals due, stories ready, the pipeline and its follow-ups); their
targets come from data/*.json. A database "has nothing yet" while no table
the user writes holds a row (settings aside: choosing the week's start is
one of the first steps, not a sign that the app has been used).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from lib.core import clock
from lib.jobsearch import applications, companies, networking
from lib.jobsearch.stages import EXITS
from lib.plan import curriculum, time_log
from lib.practice import schedule as practice_schedule
from lib.storage import settings
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from lib.stories import themes as story_themes

# Current stages that are not a live application: not yet sent, or over.
NOT_ACTIVE = ("wishlist", "accepted", *EXITS)


@dataclass(frozen=True)
class Headline:
    hours: float
    hours_target: float
    rehearsals_due: int  # practice questions and stories due by today
    stories_ready: int  # current stories with no open finding
    stories_target: int
    applications_active: int  # sent and not yet closed (offer included, accepted not)
    follow_ups_due: int  # application and networking follow-ups due by today


@dataclass(frozen=True)
class FirstStep:
    title: str
    why: str
    page: str  # url_path where the step is done
    button: str
    done: bool


def active_applications(db: sqlite_utils.Database) -> int:
    """Applications whose current stage is past the wishlist and not closed."""
    found = applications.pipeline(db)
    return int((~found["stage"].isin(NOT_ACTIVE)).sum()) if len(found) else 0


def follow_ups_due(db: sqlite_utils.Database, today: dt.date) -> int:
    """Application and networking follow-ups due by the end of ``today``."""
    items = applications.follow_ups(db, today) + networking.follow_ups(db, today)
    return sum(1 for item in items if item.due <= today)


def rehearsals_due(db: sqlite_utils.Database, today: dt.date) -> int:
    """Practice questions and STAR stories due for rehearsal by the end of ``today``."""
    questions = len(practice_schedule.due_questions(db, today))
    return questions + sum(1 for item in story_rehearsals.due_stories(db, today) if item.due <= today)


def headline(db: sqlite_utils.Database, today: dt.date | None = None) -> Headline:
    """The four numbers at the top of the Overview, with their targets."""
    today = today or clock.today()
    report = stories.bank_report(db)
    ready = int((~report["issues"].map(bool)).sum()) if len(report) else 0
    return Headline(
        hours=time_log.total_hours(db),
        hours_target=curriculum.load_curriculum().total_target_hours,
        rehearsals_due=rehearsals_due(db, today),
        stories_ready=ready,
        stories_target=story_themes.load_themes().target_stories,
        applications_active=active_applications(db),
        follow_ups_due=follow_ups_due(db, today),
    )


def has_nothing_yet(db: sqlite_utils.Database) -> bool:
    """Whether no table the user writes holds a row (settings and the database's own tables aside)."""
    for name in db.table_names():
        if name.startswith(("_", "sqlite_")) or name == "settings":
            continue
        if db.conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone():
            return False
    return True


def first_steps(db: sqlite_utils.Database) -> list[FirstStep]:
    """The first things to do in a new data directory, each with where it is done and whether it is."""
    stories_target = story_themes.load_themes().target_stories
    return [
        FirstStep(
            "Set the week's start",
            "Day 1 of the plan decides what today's session is.",
            "curriculum",
            "Choose Day 1",
            bool(settings.get(db, "week_start")),
        ),
        FirstStep(
            "Log your study time",
            f"Hours count towards the {curriculum.load_curriculum().total_target_hours:g} h week.",
            "curriculum",
            "Log time",
            time_log.total_hours(db) > 0,
        ),
        FirstStep(
            "Write a first STAR story",
            f"The bank grows to {stories_target}+ stories, checked as you write.",
            "stories",
            "Write a story",
            db["story_versions"].count > 0,
        ),
        FirstStep(
            "Add target companies",
            "Applications, research and networking all start from a company.",
            "companies",
            "Add companies",
            companies.company_count(db) > 0,
        ),
    ]
