"""Browser journey: upload a resume PDF with a job description, see findings and the match; a scan gets one message."""

from __future__ import annotations

import pytest

from tests import materials_files as mf
from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser


def test_check_a_resume_against_a_job_then_refuse_a_scan(page, app_server, tmp_path) -> None:
    files = mf.write_all(tmp_path / "files")
    pg = page
    pg.goto(f"{app_server.url}/job_materials")
    form = pg.locator('[data-testid="stForm"]').filter(has_text="Check my resume")
    resume_input = form.locator('[data-testid="stFileUploader"]').filter(has_text="Resume (PDF").locator("input")
    resume_input.set_input_files(str(files["good_resume.pdf"]))
    form.get_by_label("Job description (optional): paste it…").fill(mf.JOB_DESCRIPTION)
    form.get_by_role("button", name="Check my resume").click()
    wait_for_app_idle(pg)
    pg.get_by_text("Resume version 1 checked and kept (good_resume.pdf).").first.wait_for()
    pg.get_by_text("from your resume (version 1):").first.wait_for()
    pg.get_by_text("Job match").wait_for()
    pg.get_by_text("Missing: ").wait_for()
    assert "LangChain" in pg.get_by_text("Missing: ").inner_text()
    pg.get_by_text("Resume · 6/6").wait_for()

    form = pg.locator('[data-testid="stForm"]').filter(has_text="Check my resume")
    uploader = form.locator('[data-testid="stFileUploader"]').filter(has_text="Resume (PDF")
    assert "good_resume.pdf" not in uploader.inner_text()  # saved: the form is empty for the next file
    assert form.get_by_label("Job description (optional): paste it…").input_value() == ""
    uploader.locator("input").set_input_files(str(files["scanned.pdf"]))
    form.get_by_role("button", name="Check my resume").click()
    wait_for_app_idle(pg)
    alert = pg.locator('[data-testid="stAlertContentError"]')
    alert.first.wait_for()
    assert alert.count() == 1
    assert "scanned.pdf" in alert.inner_text()
    # Refused: the file stays chosen, so the user can send it again (or pick another) without looking for it.
    assert "scanned.pdf" in uploader.inner_text()
    form.get_by_role("button", name="Check my resume").click()
    wait_for_app_idle(pg)
    alert.first.wait_for()
    assert alert.count() == 1 and "scanned.pdf" in alert.inner_text()
    pg.get_by_text("Version 1 · good_resume.pdf").wait_for()  # the newest version is still the good one
