"""The deliverables checklist: each derivation rule, hand ticks, and the export."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.core.errors import InputError
from lib.materials import case_studies
from lib.materials import checklists as materials
from lib.materials import deliverables as dl
from lib.storage.db import open_db


@pytest.mark.parametrize(
    ("stories", "open_findings", "done", "says"),
    [
        (10, 0, True, "none with open findings"),
        (14, 0, True, "14 stories"),
        (9, 0, False, "1 more story to reach 10"),
        (12, 1, False, "1 with open findings to fix"),
        (3, 2, False, "7 more stories to reach 10 and 2 with open findings"),
        (0, 0, False, "10 more stories"),
    ],
)
def test_stories_rule(stories, open_findings, done, says) -> None:
    verdict = dl.stories_rule(stories, open_findings, 10)  # data/story_themes.json target_stories
    assert verdict.done is done
    assert says in verdict.detail


@pytest.mark.parametrize(("complete", "done"), [(9, False), (10, True), (11, True), (0, False)])
def test_case_studies_rule(complete, done) -> None:
    verdict = dl.case_studies_rule(complete, 12, 10)
    assert verdict.done is done
    if not done:
        assert f"write all five parts of {10 - complete} more" in verdict.detail


def test_checklist_and_count_rules() -> None:
    assert dl.checklist_rule(6, 6, "resume").done
    assert not dl.checklist_rule(5, 6, "resume").done
    assert "1 to go" in dl.checklist_rule(5, 6, "resume").detail
    assert not dl.checklist_rule(0, 0, "empty").done
    assert dl.count_rule(1, "application", "applications", "Applications").done
    assert not dl.count_rule(0, "application", "applications", "Applications").done


def _status(db, deliverable_id: str) -> dl.Status:
    return next(s for s in dl.statuses(db) if s.id == deliverable_id)


def test_every_seed_deliverable_has_a_status_and_a_page() -> None:
    with open_db() as db:
        found = dl.statuses(db)
    assert [s.title for s in found] == [d.title for d in materials.load_checklists().deliverables]
    assert not any(s.done for s in found)
    assert all(s.page for s in found)


def test_resume_and_linkedin_follow_their_checklists() -> None:
    with open_db() as db:
        for item in materials.load_checklists().checklist("resume").items:
            materials.set_item_done(db, "resume", item.id, True)
        assert _status(db, "resume").done and _status(db, "resume").source == "derived"
        assert not _status(db, "linkedin").done
        materials.set_item_done(db, "resume", "one-page", False)
        assert not _status(db, "resume").done


def test_case_studies_need_ten_complete() -> None:
    full = {f: "written" for f in case_studies.TEXT_FIELDS}
    with open_db() as db:
        for s in case_studies.load_case_studies().starters:
            case_studies.save_case(db, s.id, full)
        assert not _status(db, "case-studies").done
        key = case_studies.add_case(db, "Duolingo Max")
        case_studies.save_case(db, key, {**full, "how_to_improve": ""})
        assert not _status(db, "case-studies").done
        case_studies.save_case(db, key, full)
        assert _status(db, "case-studies").done


def test_hand_ticks_apply_only_where_the_app_cannot_tell() -> None:
    with open_db() as db:
        dl.set_hand_tick(db, "interview-prep", True)
        dl.set_hand_tick(db, "case-studies", True)  # derived: a hand tick does not override it
        assert _status(db, "interview-prep").done and _status(db, "interview-prep").source == "hand"
        assert not _status(db, "case-studies").done
        dl.set_hand_tick(db, "interview-prep", False)
        assert not _status(db, "interview-prep").done
        with pytest.raises(InputError) as err:
            dl.set_hand_tick(db, "portfolio", True)
        assert err.value.field == "deliverable"


def test_export_lists_every_deliverable_with_its_points(tmp_path: Path) -> None:
    with open_db() as db:
        dl.set_hand_tick(db, "interview-prep", True)
        (path,) = dl.export(db, tmp_path)
    text = path.read_text(encoding="utf-8")
    for d in materials.load_checklists().deliverables:
        assert f"**{d.title}**" in text
        for point in d.points:
            assert f"  - {point}" in text
    assert "- [x] **Interview Prep Document** (`interview-prep.md`)" in text
    assert "## Bonus Deliverables" in text


def test_interview_prep_rule_names_the_types_without_an_answer() -> None:
    verdict = dl.interview_prep_rule(
        {"Product sense": 2, "Execution": 0, "Strategy": 1, "Technical": 0, "Behavioural": 1}
    )
    assert not verdict.done and verdict.detail.endswith("Execution, Technical.")
    assert dl.interview_prep_rule({"Product sense": 1, "Execution": 1}).done


@pytest.mark.parametrize(
    ("researched", "companies", "done", "says"),
    [
        (0, 0, False, "No target companies yet"),
        (0, 3, False, "3 target companies, none researched"),
        (1, 3, True, "1 of 3"),
    ],
)
def test_research_rule(researched, companies, done, says) -> None:
    verdict = dl.research_rule(researched, companies)
    assert verdict.done is done and says in verdict.detail


def test_stories_with_findings_keep_the_deliverable_open() -> None:
    from lib.stories import store as stories

    with open_db() as db:
        for n in range(10):
            stories.save_story(db, {"title": f"Story {n}", "theme_id": "discovery", "situation": "Short."})
        status = _status(db, "star-stories")
    assert status.source == "derived" and not status.done
    assert status.detail == "10 stories; 10 with open findings to fix."


def test_trackers_and_research_follow_the_job_search() -> None:
    from lib.jobsearch import applications, companies, networking

    with open_db() as db:
        assert not any(_status(db, i).done for i in ("company-research", "interview-tracker", "networking-tracker"))
        company = companies.add_company(db, "Anthropic")
        assert "none researched" in _status(db, "company-research").detail
        companies.save_research(db, company, {"products": "Claude, the API, Claude Code"})
        applications.add_application(db, company, "Product Manager, Claude")
        networking.add_contact(db, "Ada Example", "Anthropic", "Product Manager")
        assert all(_status(db, i).done for i in ("company-research", "interview-tracker", "networking-tracker"))


def test_interview_prep_is_ticked_by_hand_with_a_practice_hint() -> None:
    with open_db() as db:
        status = _status(db, "interview-prep")
        assert status.source == "hand" and not status.done
        assert "No practised answer yet for: Product sense" in status.detail
        dl.set_hand_tick(db, "interview-prep", True)
        assert _status(db, "interview-prep").done


def test_export_everything_writes_every_deliverable_file(demo_dir, tmp_path: Path) -> None:
    import io
    import zipfile

    from lib.materials.export import export_all, export_zip_bytes

    names = {p.name for p in export_all(tmp_path / "out")}
    assert {
        "interview-prep.md",
        "star-stories.md",
        "case-studies.md",
        "company-research.md",
        "applications.csv",
        "networking.csv",
        "job-materials.md",
        "deliverables.md",
    } <= names
    assert set(zipfile.ZipFile(io.BytesIO(export_zip_bytes())).namelist()) == names
    cases = (tmp_path / "out" / "case-studies.md").read_text(encoding="utf-8")
    with open_db() as db:
        bank = case_studies.bank(db)
    assert len(bank) == 11
    for name in bank["name"]:
        assert f"## {name}" in cases
