"""What the app and the command line do before anything else: check the shipped content, prepare the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lib.coach.follow_ups import load_follow_up_bank
from lib.coach.lexicon import load_lexicon_file
from lib.core import config
from lib.core.errors import PrepError
from lib.jobsearch.companies import load_company_research
from lib.materials.case_studies import load_case_studies
from lib.materials.checklists import load_checklists
from lib.materials.terms import load_ai_terms, load_job_terms
from lib.media import staging
from lib.plan.curriculum import load_curriculum
from lib.practice.frameworks import load_frameworks
from lib.practice.questions import load_question_bank
from lib.storage import backup, migrations
from lib.storage.db import check_sound
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
    load_lexicon_file,
    load_follow_up_bank,
    load_ai_terms,
    load_job_terms,
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
    """Remove what interrupted restores left, then create the database if it is missing, check it and migrate it.

    A damaged database raises DamagedDatabaseError (a StorageError) saying how to restore a backup.
    """
    backup.clean_stale_staging()
    migrations.prepare()
    staging.settle_at_start()  # take files of a demo stopped midway: kept if their rows committed, else removed


def check_database() -> None:
    """For commands that only read the database: a damaged one raises DamagedDatabaseError; a missing one is fine."""
    check_sound(config.db_path())
