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
    "lib.plan.curriculum:load_curriculum",
    "lib.practice.frameworks:load_frameworks",
    "lib.practice.questions:load_question_bank",
    "lib.materials.case_studies:load_case_studies",
    "lib.materials.checklists:load_checklists",
    "lib.stories.store:load_themes",
    "lib.jobsearch.companies:load_company_research",
]

# fn(db, scale: int, rng: random.Random, today: datetime.date) -> None; fills sample data.
DEMO_STEPS: list[str] = [
    "lib.plan.curriculum:demo",
    "lib.practice.attempts:demo",
    "lib.materials.case_studies:demo",
    "lib.materials.checklists:demo",
    "lib.demo.stories:demo",
    "lib.jobsearch.common:demo",
    "lib.media.takes:demo",
    "lib.media.analysis_jobs:demo",
]

# fn(db, out_dir: pathlib.Path) -> list[pathlib.Path]; writes deliverable files.
EXPORTERS: list[str] = [
    "lib.practice.attempts:export_interview_prep",
    "lib.practice.anki:export_anki",
    "lib.materials.case_studies:export",
    "lib.materials.checklists:export",
    "lib.materials.deliverables:export",
    "lib.stories.store:export_stories",
    "lib.jobsearch.applications:export_applications",
    "lib.jobsearch.networking:export_networking",
    "lib.jobsearch.companies:export_company_research",
    "lib.media.takes:export_reviews",
    "lib.jobsearch.calendar:export_calendar",
]

# fn(db, today: datetime.date) -> list[lib.due.DueItem]; shown on the Overview.
DUE_SOURCES: list[str] = [
    "lib.practice.attempts:due_items",
    "lib.stories.store:due_stories",
    "lib.media.takes:due_reviews",
    "lib.jobsearch.applications:due_follow_ups",
    "lib.jobsearch.networking:due_follow_ups",
]

# fn(subparsers) -> None; adds `python -m lib <command>` subcommands.
CLI_COMMANDS: list[str] = [
    "lib.cli_core:register",
    "lib.media.speech:register",
    "lib.storage.backup:register",
    "lib.stories.store:register_cli",
    "lib.jobsearch.imports:register",
]


def resolve(dotted: str) -> Callable[..., Any]:
    """The callable named by 'package.module:function'."""
    module_name, _, attr = dotted.partition(":")
    return getattr(importlib.import_module(module_name), attr)
