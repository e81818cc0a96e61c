"""Extension points that features plug into by dotted name ("module:function").

Each list is walked in order. Names are resolved lazily so that importing one
feature never drags in every other one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# fn() -> model; each raises ContentError when its data/*.json file is broken.
CONTENT_LOADERS: list[str] = [
    "lib.curriculum:load_curriculum",
    "lib.frameworks:load_frameworks",
    "lib.questions:load_question_bank",
    "lib.case_studies:load_case_studies",
    "lib.materials:load_checklists",
    "lib.stories:load_themes",
    "lib.companies:load_company_research",
]

# fn(db, scale: int, rng: random.Random, today: datetime.date) -> None; fills sample data.
DEMO_STEPS: list[str] = [
    "lib.curriculum:demo",
    "lib.practice:demo",
    "lib.case_studies:demo",
    "lib.materials:demo",
    "lib.story_demo:demo",
    "lib.jobsearch:demo",
    "lib.recordings:demo",
    "lib.analysis_jobs:demo",
]

# fn(db, out_dir: pathlib.Path) -> list[pathlib.Path]; writes deliverable files.
EXPORTERS: list[str] = [
    "lib.practice:export_interview_prep",
    "lib.anki:export_anki",
    "lib.case_studies:export",
    "lib.materials:export",
    "lib.deliverables:export",
    "lib.stories:export_stories",
    "lib.applications:export_applications",
    "lib.networking:export_networking",
    "lib.companies:export_company_research",
    "lib.recordings:export_reviews",
    "lib.calendar_export:export_calendar",
]

# fn(db, today: datetime.date) -> list[lib.due.DueItem]; shown on the Overview.
DUE_SOURCES: list[str] = [
    "lib.practice:due_items",
    "lib.stories:due_stories",
    "lib.recordings:due_reviews",
    "lib.applications:due_follow_ups",
    "lib.networking:due_follow_ups",
]

# fn(subparsers) -> None; adds `python -m lib <command>` subcommands.
CLI_COMMANDS: list[str] = [
    "lib.cli_core:register",
    "lib.speech:register",
    "lib.backup:register",
    "lib.stories:register_cli",
    "lib.job_imports:register",
]


def resolve(dotted: str) -> Callable[..., Any]:
    """The callable named by 'package.module:function'."""
    module_name, _, attr = dotted.partition(":")
    return getattr(importlib.import_module(module_name), attr)
