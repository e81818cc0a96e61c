"""Browser journey: tick a resume item, complete a case study, download the export and find both in it."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser

PARTS = {
    "Problem it solves": "Finding a trustworthy answer takes many searches",
    "How it works (ML approach)": "Web retrieval, then an LLM writes an answer citing sources",
    "Key metrics": "Queries per user per week; follow-up rate; citation clicks",
    "What makes it great": "Answers are fast and every claim links to a source",
    "How you'd improve it": "Flag low-quality sources before the answer is written",
}


def test_tick_complete_and_export(page, app_server, tmp_path) -> None:
    pg = page
    pg.goto(f"{app_server.url}/job_materials")
    box = pg.get_by_role("checkbox", name="Quantify achievements")
    box.wait_for(state="attached")
    pg.get_by_text("Quantify achievements", exact=True).click()
    wait_for_app_idle(pg)
    pg.get_by_text("Resume · 1/6").wait_for()

    pg.goto(f"{app_server.url}/case_studies")
    case = pg.locator('[data-testid="stExpander"]').filter(has_text="Perplexity")
    case.get_by_text("Perplexity").first.click()
    for label, text in PARTS.items():
        case.get_by_label(label, exact=True).fill(text)
    case.get_by_role("button", name="Save").click()
    wait_for_app_idle(pg)
    pg.locator('[data-testid="stExpander"]').filter(has_text="✅ · Perplexity").wait_for()

    pg.goto(f"{app_server.url}/deliverables")
    pg.get_by_role("button", name="Prepare the export").click()
    download_button = pg.get_by_role("button", name="Download the export (.zip)")
    download_button.wait_for()
    with pg.expect_download() as info:
        download_button.click()
    target = tmp_path / "export.zip"
    info.value.save_as(target)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as zf:
        cases = zf.read("case-studies.md").decode()
        jobs = zf.read("job-materials.md").decode()
    for text in PARTS.values():
        assert text in cases
    assert "- [x] Quantify achievements" in jobs


def test_restore_a_backup_from_the_page(page, app_server, data_dir, tmp_path) -> None:
    from lib.materials import checklists as materials
    from lib.storage import backup
    from lib.storage.db import open_db

    with open_db() as db:
        materials.set_item_done(db, "linkedin", "headline", True)
    archive = tmp_path / "before.zip"
    backup.create_backup(archive)
    with open_db() as db:
        materials.set_item_done(db, "linkedin", "about", True)  # made after the backup: the restore undoes it

    pg = page
    pg.goto(f"{app_server.url}/deliverables")
    pg.get_by_role("heading", name="Your data").wait_for()
    pg.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(archive))
    pg.get_by_text("Backup from").wait_for()
    pg.get_by_role("button", name="Replace my data with this backup").click()
    pg.get_by_text("Restored.").wait_for()
    assert len(backup.kept_copies(data_dir)) == 1

    pg.goto(f"{app_server.url}/job_materials")
    pg.get_by_text("LinkedIn · 1/6").wait_for()
