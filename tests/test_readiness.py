"""Readiness: each part's rule, the choice of the next action, and the Overview's section."""

from __future__ import annotations

import datetime as dt

from lib.core.due import DueItem
from lib.materials import case_studies
from lib.plan import readiness as rd
from lib.storage.db import open_db
from lib.stories import themes as story_themes
from tests.conftest import run_page

THURSDAY = dt.date(2026, 3, 5)
STORIES = story_themes.load_themes().target_stories  # 10, from data/story_themes.json
JOBS = rd.job_search_targets()  # 20 companies, 5 applications, 5 PMs, from data/company_research.json


def _due(kind: str = "Nudge", page: str = "applications") -> DueItem:
    return DueItem(kind, "Anthropic — PM: applied 2026-02-20, no response yet", THURSDAY, page)


def test_hours_part_compares_with_the_plan_so_far() -> None:
    behind = rd.hours_part(10, 20, 35)
    assert behind.progress == 10 / 35 and "10.0 h more" in behind.action
    assert behind.missing == ["25.0 h of the 35 h week"]
    on_pace = rd.hours_part(21, 20, 35)
    assert "on pace" in on_pace.action
    assert rd.hours_part(36, 35, 35).done


def test_practice_part_counts_the_plan_and_puts_due_rehearsals_first() -> None:
    plan = {
        "Product sense": (5, 4),
        "Execution": (1, 4),
        "Strategy": (2, 2),
        "Technical": (0, 1),
        "Behavioural": (1, 1),
    }
    part = rd.practice_part(plan, [])
    assert part.progress == (4 + 1 + 2 + 0 + 1) / 12
    assert part.missing == ["Execution: 3 more", "Technical: 1 more"]
    assert part.action == "Answer a timed execution question with its framework."
    assert rd.practice_part(plan, [_due("Rehearse", "practice")] * 2).action == "Rehearse 2 questions due for review."


def test_stories_part_needs_ten_clean_stories_and_every_theme() -> None:
    assert rd.stories_part(12, 0, 12, 12, [], STORIES).done
    part = rd.stories_part(11, 2, 10, 12, [], STORIES)
    assert part.progress == 0.9
    assert part.missing == ["2 stories with open findings", "2 of 12 themes without a story"]
    assert part.action.startswith("Fix the findings")
    assert rd.stories_part(3, 0, 3, 12, [], STORIES).missing[0] == "7 more stories"


def test_mocks_part_steps() -> None:
    assert rd.mocks_part(0, 0, 0, 0).progress == 0
    assert rd.mocks_part(0, 0, 0, 0).page == "mock_interview"
    part = rd.mocks_part(1, 4, 2, 0)
    assert part.missing == ["2 takes not reviewed", "feedback from a partner mock"]
    assert part.page == "recordings" and part.progress == 1 / 3
    assert rd.mocks_part(1, 3, 3, 1).done


def test_targets_come_from_the_content_files() -> None:
    assert STORIES == 10
    assert rd.JobSearchTargets(companies=20, applications=5, pms=5) == JOBS
    assert case_studies.load_case_studies().target_complete == 10


def test_case_studies_and_job_search_parts() -> None:
    assert rd.case_studies_part(10, 12, 10).done
    assert rd.case_studies_part(7, 11, 10).missing == ["3 more complete"]
    empty = rd.job_search_part(0, 0, 0, [], JOBS)
    assert empty.page == "companies" and empty.progress == 0
    busy = rd.job_search_part(25, 6, 5, [_due()], JOBS)
    assert not busy.done and busy.missing == []
    assert busy.action.startswith("Send 1 follow-up due, oldest first: Nudge — Anthropic")


def _parts(**overrides) -> list[rd.Part]:
    """A week with everything on target except what the test changes."""
    parts = {
        "hours": rd.hours_part(35, 35, 35),
        "practice": rd.practice_part({"Product sense": (4, 4)}, []),
        "stories": rd.stories_part(10, 0, 12, 12, [], STORIES),
        "mocks": rd.mocks_part(1, 1, 1, 1),
        "case_studies": rd.case_studies_part(10, 10, 10),
        "job_search": rd.job_search_part(20, 5, 5, [], JOBS),
    }
    parts.update(overrides)
    return list(parts.values())


def test_next_action_order() -> None:
    assert rd.next_action(_parts(), "thu") is None
    behind = _parts(case_studies=rd.case_studies_part(2, 9, 10), mocks=rd.mocks_part(0, 0, 0, 1))
    assert rd.next_action(behind, "weekend").page == "case_studies"  # today's focus
    assert rd.next_action(behind, "fri").page == "mock_interview"
    furthest = rd.next_action(behind, "mon")  # practice is done, so the part furthest behind
    assert furthest.page == "case_studies" and "furthest behind" in furthest.why
    rehearse = _parts(
        stories=rd.stories_part(10, 0, 12, 12, [_due("Rehearse", "stories")], STORIES),
        **{"case_studies": rd.case_studies_part(0, 9, 10)},
    )
    assert rd.next_action(rehearse, "weekend").page == "stories"
    stale = _parts(job_search=rd.job_search_part(20, 5, 5, [_due()], JOBS), stories=rehearse[2])
    assert rd.next_action(stale, "thu").page == "applications"
    only_hours = _parts(hours=rd.hours_part(30, 35, 35))
    assert rd.next_action(only_hours, "weekend").page == "curriculum"


def test_empty_week_points_at_todays_focus() -> None:
    with open_db() as db:
        parts, step = rd.overview(db, THURSDAY)
    assert [p.key for p in parts] == ["hours", "practice", "stories", "mocks", "case_studies", "job_search"]
    assert all(p.progress == 0 for p in parts)
    assert step.page == "stories" and step.text == "Write a story for a theme you have not covered yet."
    assert "the plan expects 20 h by tonight" in parts[0].action


def test_case_studies_part_follows_the_bank() -> None:
    full = {f: "written" for f in case_studies.TEXT_FIELDS}
    with open_db() as db:
        case_studies.save_case(db, "chatgpt", full)
        part = next(p for p in rd.parts(db, THURSDAY) if p.key == "case_studies")
    # Said against the target the missing line and the counts name, not against the cases in the bank.
    assert part.have == "1 of 10+ complete, 9 in the bank" and part.missing == ["9 more complete"]
    assert "the target is 10+" in part.counts


def test_demo_week_sends_follow_ups_first(demo_dir) -> None:
    with open_db() as db:
        parts, step = rd.overview(db)
    job = parts[-1]
    assert job.due and step.text == job.action
    assert all(0 <= p.progress <= 1 for p in parts)


def test_overview_shows_readiness_with_the_next_action(demo_dir) -> None:
    at = run_page()
    assert not at.exception
    assert any(h.value == "Readiness" for h in at.subheader)
    assert at.subheader[0].value == "Next"
