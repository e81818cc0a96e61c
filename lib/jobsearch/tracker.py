"""What the Applications board needs beyond storage: cards per stage, the next stage, inline companies."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from lib.core.errors import InputError
from lib.jobsearch import applications, companies
from lib.jobsearch.stages import EXITS, STAGES, stage_label
from lib.storage.db import transaction

CARDS_PER_STAGE = 8  # each card is a few widgets, and every widget costs each rerun


def next_stage(stage: str) -> str | None:
    """The stage after ``stage`` on the forward path; None at the end of it or after an exit."""
    if stage not in STAGES or stage == STAGES[-1]:
        return None
    return STAGES[STAGES.index(stage) + 1]


def card_text(row: object) -> str:
    """A card's plain text: company, role, days in the current stage."""
    days = int(row.days_in_stage)  # type: ignore[attr-defined]
    return f"{row.company}\n{row.role}\n{days} day{'' if days == 1 else 's'} in {stage_label(row.stage)}"  # type: ignore[attr-defined]


def board_columns(pipeline: pd.DataFrame, limit: int = CARDS_PER_STAGE) -> list[tuple[str, pd.DataFrame, int]]:
    """(stage, cards shown, cards in all) per forward stage, the longest waiting first."""
    out = []
    for stage in STAGES:
        here = pipeline[pipeline["stage"] == stage]
        if "days_in_stage" in here:
            here = here.sort_values("days_in_stage", ascending=False, kind="stable")
        out.append((stage, here.head(limit), len(here)))
    return out


def active_first(pipeline: pd.DataFrame, ids: list[int]) -> int:
    """Index in ``ids`` of the first application still in play (not rejected, withdrawn or closed)."""
    stage_of = dict(zip(pipeline["id"].astype(int), pipeline["stage"], strict=False))
    for i, app_id in enumerate(ids):
        if stage_of.get(int(app_id)) not in (*EXITS, "accepted"):
            return i
    return 0


def add_application_for(
    db: sqlite_utils.Database, company_id: object, new_company: str, role: str, **details: object
) -> tuple[int, bool]:
    """Add an application, creating its company when a new name is given; (application id, company was created).

    A new name that matches a company already listed (up to case and spacing) uses that company.
    Company and application are written together or not at all.
    """
    name = " ".join(str(new_company or "").split())
    created = False
    with transaction(db):
        if name:
            found = companies.find_company(db, name)
            company_id, created = (found[0], False) if found else (companies.add_company(db, name), True)
        elif company_id is None:
            raise InputError("choose a company or type a new one", field="Company")
        return applications.add_application(db, company_id, role, **details), created  # type: ignore[arg-type]
