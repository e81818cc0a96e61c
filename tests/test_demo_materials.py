"""The demo's resume and LinkedIn results come from real files checked by the app, not from numbers typed in."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from lib.core import clock, config
from lib.demo import materials as demo_materials
from lib.demo.run import run_demo
from lib.materials import checklists, linkedin, resume, tailoring, uploads
from lib.storage.db import open_db
from scripts import demo_materials as generator

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "demo"


def test_the_shipped_files_are_small_and_what_the_script_makes(tmp_path: Path) -> None:
    made = generator.main(tmp_path)
    assert {p.name for p in made} == {name for _, name, _ in demo_materials.UPLOADS}
    for path in made:
        shipped = SHIPPED / path.name
        assert shipped.stat().st_size < 10_000, shipped
        # A change to the script without regenerating (or the reverse) would make the demo lie about it.
        assert shipped.read_bytes() == path.read_bytes(), f"{path.name}: run scripts/demo_materials.py"


def test_the_demo_keeps_two_resume_versions_the_later_one_better(demo_dir: Path) -> None:
    with open_db() as db:
        first, later = uploads.versions(db, "resume")
        (profile,) = uploads.versions(db, "linkedin")
        proven = uploads.proven_items(db)
    assert [first["filename"], later["filename"]] == ["resume-first-draft.pdf", "resume-later.pdf"]
    assert clock.parse(first["uploaded_at"]) < clock.parse(later["uploaded_at"]) <= clock.now()
    assert len(later["result"]["findings"]) < len(first["result"]["findings"])
    assert {f["code"] for f in first["result"]["findings"]} >= {"few_numbers", "no_portfolio_link"}
    # Each stored verdict is the app's check of the shipped file, byte for byte the file kept.
    for version in (first, later, profile):
        data = (SHIPPED / version["filename"]).read_bytes()
        assert (config.data_dir() / version["path"]).read_bytes() == data
        assert uploads.check_file(version["kind"], data, version["filename"])[3] == version["result"]
    # The later resume proves its whole checklist and the export most of LinkedIn's, each with its evidence.
    assert set(proven["resume"]) == set(resume.RESUME_ITEMS)
    assert set(proven["linkedin"]) and set(proven["linkedin"]) < set(linkedin.LINKEDIN_ITEMS)
    assert all(evidence for items in proven.values() for _, evidence in items.values())


def test_the_checklists_count_what_the_files_prove_not_hand_ticks(demo_dir: Path) -> None:
    with open_db() as db:
        ticked = checklists.done_items(db)
        assert not ticked.get("resume") and not ticked.get("linkedin")
        assert checklists.is_complete(db, "resume")
        assert not checklists.is_complete(db, "linkedin")  # the journey post is still to write


def test_demo_applications_carry_a_job_description_and_its_match(demo_dir: Path) -> None:
    with open_db() as db:
        app_ids = [r[0] for r in db.conn.execute("SELECT application_id FROM job_descriptions ORDER BY id")]
        assert None in app_ids and 1 <= len([a for a in app_ids if a is not None]) <= 2
        for app_id in app_ids:
            found = tailoring.resume_match(db, app_id)
            assert found["resume"]["version"] == 2
            assert found["matched"] and found["missing"]
            if app_id is not None:
                role, company = db.conn.execute(
                    "SELECT a.role, c.name FROM applications a JOIN companies c ON c.id = a.company_id WHERE a.id = ?",
                    [app_id],
                ).fetchone()
                assert found["job"]["text"].startswith(f"{role}, {company}\n")


@pytest.mark.parametrize("scale", [2])
def test_a_demo_failing_after_the_files_leaves_none_and_any_scale_keeps_three(db, data_dir, scale) -> None:
    db.conn.execute(
        "CREATE TRIGGER refuse_analyses BEFORE INSERT ON recording_analyses BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="refused"):
        run_demo(1, today=dt.date(2026, 3, 6))
    assert not [p for p in (data_dir / uploads.FOLDER).rglob("*") if p.is_file()]
    db.conn.execute("DROP TRIGGER refuse_analyses")
    run_demo(scale, today=dt.date(2026, 3, 6))
    assert [v["kind"] for v in uploads.versions(db, "resume") + uploads.versions(db, "linkedin")] == [
        "resume",
        "resume",
        "linkedin",
    ]
    assert len(list((data_dir / uploads.FOLDER).rglob("*.*"))) == 3
