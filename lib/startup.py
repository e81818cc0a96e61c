"""What the app and the command line do before anything else: check the shipped content, prepare the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lib.core.errors import PrepError
from lib.jobsearch.companies import load_company_research
from lib.materials.case_studies import load_case_studies
from lib.materials.checklists import load_checklists
from lib.plan.curriculum import load_curriculum
from lib.practice.frameworks import load_frameworks
from lib.practice.questions import load_question_bank
from lib.storage import migrations
from lib.stories.themes import load_themes

# Each loads and validates one data/*.json file and raises ContentError when it is broken.
CONTENT_LOADERS: tuple[Callable[[], Any], ...] = (
    load_curriculum,
    load_frameworks,
    load_question_bank,
    load_case_studies,
    load_checklists,
    load_themes,
    load_company_research,
)


def content_problems() -> list[str]:
    """One message per shipped content file that does not load; empty when all are sound."""
    problems = []
    for load in CONTENT_LOADERS:
        try:
            load()
        except PrepError as exc:
            problems.append(str(exc))
    return problems


def prepare_database() -> None:
    """Create the database if it is missing and bring it to the newest schema."""
    migrations.prepare()
