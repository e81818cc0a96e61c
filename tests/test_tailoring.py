"""Job descriptions saved with an application (the latest wins) and their match against the newest resume."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from lib.core.errors import ImportFileError, InputError
from lib.jobsearch import applications as apps
from lib.jobsearch import companies
from lib.materials import tailoring, uploads
from tests import materials_files as mf


@functools.cache
def good_pdf() -> bytes:
    return mf.good_resume_pdf()


@functools.cache
def weak_pdf() -> bytes:
    return mf.weak_resume_pdf()


def _application(db) -> int:
    cid = companies.add_company(db, "Assistant Labs")
    return apps.add_application(db, cid, "AI Product Manager", on_date=dt.date.today())


def _terms(found: dict) -> tuple[set[str], set[str]]:
    return {m["term"] for m in found["matched"]}, set(found["missing"])


def test_the_latest_description_of_an_application_is_current_and_history_is_kept(db) -> None:
    app_id = _application(db)
    first = tailoring.save_job_description(db, app_id, "Product Manager for search. SQL and Python.")
    second = tailoring.save_job_description(db, app_id, mf.JOB_DESCRIPTION, "posting.txt")
    assert tailoring.latest_job(db, app_id)["id"] == second != first
    assert tailoring.latest_job(db, app_id)["filename"] == "posting.txt"
    history = tailoring.job_history(db, app_id)
    assert history["id"].tolist() == [second, first]  # newest first, nothing overwritten
    assert history["first_line"].iloc[0] == "AI Product Manager, Assistant Platform"
    assert tailoring.latest_job(db, None) is None  # the Job materials page's own description is separate


def test_the_match_reads_the_newest_resume_and_the_latest_description(db) -> None:
    app_id = _application(db)
    assert tailoring.resume_match(db, app_id) == {"job": None, "resume": None, "matched": [], "missing": []}
    tailoring.save_job_description(db, app_id, mf.JOB_DESCRIPTION)
    found = tailoring.resume_match(db, app_id)
    assert found["job"] is not None and found["resume"] is None and found["matched"] == []

    uploads.add_version(db, "resume", weak_pdf(), "weak.pdf")
    weak_matched, _ = _terms(tailoring.resume_match(db, app_id))
    uploads.add_version(db, "resume", good_pdf(), "good.pdf")
    found = tailoring.resume_match(db, app_id)
    assert found["resume"]["version"] == 2
    matched, missing = _terms(found)
    assert set(mf.JOB_MATCHED) <= matched and set(mf.JOB_MISSING) <= missing
    assert len(matched) > len(weak_matched)
    assert all(m["where"] for m in found["matched"])  # each matched term says where the resume has it

    tailoring.save_job_description(db, app_id, "We need someone fluent in LangChain and Kubernetes.")
    matched, missing = _terms(tailoring.resume_match(db, app_id))
    assert "LangChain" in missing and "A/B testing" not in matched | missing


def test_a_resume_checked_with_a_description_keeps_both_in_one_step(db) -> None:
    saved = tailoring.check_resume_upload(db, good_pdf(), "good.pdf", mf.JOB_DESCRIPTION, "job.txt")
    assert saved["new"] and saved["job_id"] == tailoring.latest_job(db)["id"]
    assert uploads.latest(db, "resume")["job_id"] == saved["job_id"]
    assert "job" in uploads.latest(db, "resume")["result"]
    matched, _ = _terms(tailoring.resume_match(db))
    assert set(mf.JOB_MATCHED) <= matched


def test_a_refused_resume_stores_neither_the_file_nor_its_description(db, data_dir) -> None:
    with pytest.raises(ImportFileError, match="scan|picture|text"):
        tailoring.check_resume_upload(db, mf.scanned_pdf(), "scan.pdf", mf.JOB_DESCRIPTION)
    assert db["job_descriptions"].count == 0 and db["material_versions"].count == 0
    assert not any((data_dir / "materials").rglob("*.pdf"))


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "paste the job description"), ("x" * 50_001, "keep it under"), ("a\x00b", "NUL")],
)
def test_a_description_that_cannot_be_kept_is_refused(db, text: str, message: str) -> None:
    app_id = _application(db)
    with pytest.raises(InputError, match=message):
        tailoring.save_job_description(db, app_id, text)
    assert db["job_descriptions"].count == 0


def test_a_description_for_an_application_that_does_not_exist_is_refused(db) -> None:
    with pytest.raises(InputError, match="no application"):
        tailoring.save_job_description(db, 999, mf.JOB_DESCRIPTION)


def test_a_description_file_in_utf16_reads_and_a_binary_one_is_refused() -> None:
    assert tailoring.job_text_from_file(mf.JOB_DESCRIPTION.encode("utf-16"), "job.txt") == mf.JOB_DESCRIPTION
    with pytest.raises(ImportFileError, match="not UTF-8|NUL"):
        tailoring.job_text_from_file(good_pdf(), "job.txt")
    with pytest.raises(ImportFileError, match="over 1 MB"):
        tailoring.job_text_from_file(b"a" * 1_000_001, "job.txt")
