"""The Job materials page under AppTest: upload a resume and a LinkedIn export, see proof, findings, the match."""

from __future__ import annotations

import datetime as dt
import functools
import re

from lib.core import clock
from lib.jobsearch import applications as apps
from lib.jobsearch import companies
from lib.materials import checklists as materials
from lib.materials import deliverables, documents, tailoring, uploads
from lib.storage.db import open_db
from tests import materials_files as mf
from tests.conftest import run_page

PAGE = "pages/job_materials.py"
RESUME_SUBMIT = "FormSubmitter:job_materials_resume_form-Check my resume"
LINKEDIN_SUBMIT = "FormSubmitter:job_materials_linkedin_form-Check my LinkedIn"


@functools.cache
def good_pdf() -> bytes:
    return mf.good_resume_pdf()


def _key(at, form: str, name: str) -> str:
    """A field's key in an upload form as the page names it now (a new one after each save empties the form)."""
    saves = f"job_materials_saves_{form}"
    n = at.session_state.get(saves, 0)
    return f"job_materials_{name}" + (f"_{n}" if n else "")


def _upload_resume(at, name: str, data: bytes, job: str = ""):
    at.file_uploader(key=_key(at, "resume", "resume_file")).set_value((name, data, "application/pdf"))
    if job:
        at.text_area(key=_key(at, "resume", "job_text")).set_value(job)
    at.button(key=RESUME_SUBMIT).click().run()
    assert not at.exception
    return at


def _applications_update_tab():
    """The Applications page with its "Add & move" tab open (only the open tab is built)."""
    at = run_page("pages/applications.py")
    at.session_state["applications_tab"] = "Add & move"
    return at.run()


def _texts(at) -> list[str]:
    return [t.value for t in at.text]


def _plain(message: str) -> str:
    """A message as the user reads it: the escaping that keeps it from being markdown removed."""
    return re.sub(r"\\(.)", r"\1", message)


def test_a_resume_and_a_job_description_show_proof_findings_and_the_match() -> None:
    at = _upload_resume(run_page(PAGE), "good.pdf", good_pdf(), mf.JOB_DESCRIPTION)
    with open_db() as db:
        proven = uploads.proven_items(db)["resume"]
        assert tailoring.latest_job(db) is not None
    assert any("Resume version 1 checked" in s.value for s in at.success)
    # each proven item: a ticked box, and its evidence as plain text naming the version
    for item_id, (_, evidence) in proven.items():
        box = at.checkbox(key=f"job_materials_resume_{item_id}_proven")
        assert box.value and box.disabled
        assert f"from your resume (version 1): {evidence}" in _texts(at)
    matched = at.dataframe[0].value
    assert set(mf.JOB_MATCHED) <= set(matched["Matched term"])
    assert any(t.startswith("Missing: ") and "LangChain" in t for t in _texts(at))


def test_the_same_file_twice_is_one_version_and_says_so() -> None:
    at = _upload_resume(run_page(PAGE), "good.pdf", good_pdf())
    at = _upload_resume(at, "good-copy.pdf", good_pdf())
    assert any("Same file as resume version 1" in s.value for s in at.success)
    with open_db() as db:
        assert db["material_versions"].count == 1


def test_a_box_the_user_ticked_stays_ticked_whatever_the_file_says() -> None:
    with open_db() as db:
        materials.set_item_done(db, "resume", "one-page", True)
    at = _upload_resume(run_page(PAGE), "weak.pdf", mf.weak_resume_pdf())
    assert at.checkbox(key="job_materials_resume_one-page").value
    warnings = [_plain(w.value) for w in at.warning]
    assert any("3 pages long" in w and "Fix: Cut it to one page" in w for w in warnings)  # the finding, with its fix


def test_a_scanned_pdf_gets_one_clear_message_and_nothing_is_stored() -> None:
    at = _upload_resume(run_page(PAGE), "scan.pdf", mf.scanned_pdf(), mf.JOB_DESCRIPTION)
    assert len(at.error) == 1 and _plain(at.error[0].value).startswith("scan.pdf: the PDF has no text layer")
    with open_db() as db:
        assert db["material_versions"].count == 0 and db["job_descriptions"].count == 0


def test_progress_across_versions_is_a_table() -> None:
    at = _upload_resume(run_page(PAGE), "weak.pdf", mf.weak_resume_pdf())
    at = _upload_resume(at, "good.pdf", good_pdf())
    progress = next(d.value for d in at.dataframe if "Bullets with a figure" in d.value.columns)
    assert progress["Version"].tolist() == [1, 2]
    assert progress["Pages"].tolist() == [3, 1]
    assert progress["Findings"].iloc[1] < progress["Findings"].iloc[0]


def test_a_linkedin_export_proves_its_items_and_a_wrong_zip_is_refused() -> None:
    at = run_page(PAGE)
    at.file_uploader(key=_key(at, "linkedin", "linkedin_file")).set_value(
        ("holiday.zip", mf.not_linkedin_zip(), "application/zip")
    )
    at.button(key=LINKEDIN_SUBMIT).click().run()
    assert not at.exception and len(at.error) == 1
    at.file_uploader(key=_key(at, "linkedin", "linkedin_file")).set_value(
        ("export.zip", mf.good_linkedin_zip(), "application/zip")
    )
    at.button(key=LINKEDIN_SUBMIT).click().run()
    assert not at.exception
    assert at.checkbox(key="job_materials_linkedin_headline_proven").value
    assert any(t.startswith("from your LinkedIn export (version 1): ") for t in _texts(at))


def test_a_file_name_is_shown_as_plain_text() -> None:
    at = _upload_resume(run_page(PAGE), "**bold** <img src=x onerror=alert(1)> [a](x).pdf", good_pdf())
    assert any("· **bold** <img src=x onerror=alert(1)> [a](x).pdf ·" in t for t in _texts(at))


def test_an_application_saves_its_job_description_and_shows_the_match() -> None:
    with open_db() as db:
        uploads.add_version(db, "resume", good_pdf(), "good.pdf")
        cid = companies.add_company(db, "Assistant Labs")
        app_id = apps.add_application(db, cid, "AI Product Manager", on_date=dt.date.today())
    at = _applications_update_tab()
    at.text_area(key=f"applications_tailoring_text_{app_id}").set_value(mf.JOB_DESCRIPTION)
    at.button(key=f"FormSubmitter:applications_tailoring_form_{app_id}-Save job description").click().run()
    assert not at.exception
    assert any("Job description saved" in s.value for s in at.success)
    assert any("Resume version 1 matches" in m.value for m in at.markdown)
    with open_db() as db:
        assert tailoring.latest_job(db, app_id)["text"] == mf.JOB_DESCRIPTION.strip()


def test_a_job_description_uploaded_as_a_utf16_file_is_saved_and_matched() -> None:
    at = run_page(PAGE)
    at.file_uploader(key=_key(at, "resume", "resume_file")).set_value(("good.pdf", good_pdf(), "application/pdf"))
    at.file_uploader(key=_key(at, "resume", "job_file")).set_value(
        ("job.txt", mf.JOB_DESCRIPTION.encode("utf-16"), "text/plain")
    )
    at.button(key=RESUME_SUBMIT).click().run()
    assert not at.exception and not at.error
    with open_db() as db:
        job = tailoring.latest_job(db)
    assert job["filename"] == "job.txt" and job["text"] == mf.JOB_DESCRIPTION.strip()
    assert any(t.startswith("Missing: ") for t in _texts(at))


def test_a_new_job_description_alone_rechecks_the_match_against_the_kept_resume() -> None:
    at = _upload_resume(run_page(PAGE), "good.pdf", good_pdf())
    assert not any(t.startswith("Missing: ") for t in _texts(at))
    at.text_area(key=_key(at, "resume", "job_text")).set_value(mf.JOB_DESCRIPTION)
    at.button(key=RESUME_SUBMIT).click().run()
    assert not at.exception and not at.error
    assert any("Job description saved" in s.value for s in at.success)
    assert any(t.startswith("Missing: ") and "LangChain" in t for t in _texts(at))
    with open_db() as db:
        assert db["material_versions"].count == 1


def test_an_applications_job_description_file_name_is_never_markup() -> None:
    with open_db() as db:
        cid = companies.add_company(db, "Assistant Labs")
        app_id = apps.add_application(db, cid, "AI Product Manager", on_date=dt.date.today())
        tailoring.save_job_description(db, app_id, mf.JOB_DESCRIPTION, "**big** <img src=x onerror=alert(1)>.txt")
    at = _applications_update_tab()
    assert not at.exception
    shown = [c.value for c in at.caption if "Job description saved" in c.value]
    assert len(shown) == 1 and "**big**" not in shown[0] and "\\<img" in shown[0]  # escaped: shown, never rendered
    assert _plain(shown[0]).endswith("from **big** <img src=x onerror=alert(1)>.txt")


# ---------------------------------------------------------------- fix and send again; dates; the Deliverables rule


def test_a_refused_resume_stays_chosen_to_fix_and_send_again() -> None:
    at = _upload_resume(run_page(PAGE), "scan.pdf", mf.scanned_pdf(), mf.JOB_DESCRIPTION)
    assert len(at.error) == 1
    # The user's choice and pasted text are still there, so sending again needs no new pick.
    assert at.file_uploader(key=_key(at, "resume", "resume_file")).value.name == "scan.pdf"
    assert at.text_area(key=_key(at, "resume", "job_text")).value == mf.JOB_DESCRIPTION
    at.button(key=RESUME_SUBMIT).click().run()
    assert [_plain(e.value).split(":")[0] for e in at.error] == ["scan.pdf"]  # the same file checked, not "choose"


def test_a_saved_resume_empties_the_form_for_the_next_file() -> None:
    at = _upload_resume(run_page(PAGE), "good.pdf", good_pdf(), mf.JOB_DESCRIPTION)
    assert any("Resume version 1 checked" in s.value for s in at.success)
    assert at.file_uploader(key=_key(at, "resume", "resume_file")).value is None
    assert at.text_area(key=_key(at, "resume", "job_text")).value == ""


def test_a_refused_linkedin_export_stays_chosen_and_a_saved_one_empties_the_form() -> None:
    at = run_page(PAGE)
    at.file_uploader(key=_key(at, "linkedin", "linkedin_file")).set_value(
        ("holiday.zip", mf.not_linkedin_zip(), "application/zip")
    )
    at.button(key=LINKEDIN_SUBMIT).click().run()
    at.button(key=LINKEDIN_SUBMIT).click().run()  # sent again as it is: the same file, the same message
    assert len(at.error) == 1 and _plain(at.error[0].value).startswith("holiday.zip: ")
    at.file_uploader(key=_key(at, "linkedin", "linkedin_file")).set_value(
        ("export.zip", mf.good_linkedin_zip(), "application/zip")
    )
    at.button(key=LINKEDIN_SUBMIT).click().run()
    assert not at.error and at.file_uploader(key=_key(at, "linkedin", "linkedin_file")).value is None


def test_journal_dates_read_as_dates_with_the_year_only_when_not_this_year() -> None:
    today = dt.date.today()
    last_year = dt.date(today.year - 1, 3, 5)
    with open_db() as db:
        prompt = materials.load_checklists().reflection.prompts[0]
        materials.add_reflection(db, prompt.id, "Older entry", last_year)
        materials.add_reflection(db, prompt.id, "Today's entry", today)
    headings = [m.value for m in run_page(PAGE).markdown if re.match(r"\*\*\d", m.value)]
    assert headings[0].startswith(f"**{today.day} {today:%b}** · ")
    assert headings[1].startswith(f"**5 Mar {last_year.year}** · ")
    assert not any(today.isoformat() in h or last_year.isoformat() in h for h in headings)


def test_the_deliverables_rule_counts_items_a_file_proves() -> None:
    with open_db() as db:
        uploads.add_version(db, "resume", good_pdf(), "good.pdf")
        verdict = next(s for s in deliverables.statuses(db) if s.id == "resume")
        assert not materials.done_items(db).get("resume")  # nothing ticked by hand
    assert verdict.done
    assert "proven by your file" in verdict.detail
    weak = deliverables.checklist_rule(5, 6, "LinkedIn").detail
    assert weak == "5 of 6 LinkedIn checklist items ticked or proven by your file; 1 to go."


def test_an_applications_refused_job_description_stays_in_the_form() -> None:
    with open_db() as db:
        cid = companies.add_company(db, "Assistant Labs")
        app_id = apps.add_application(db, cid, "AI Product Manager", on_date=dt.date.today())
    at = _applications_update_tab()
    too_long = mf.JOB_DESCRIPTION * 80  # over the 50,000 characters a posting is kept to
    at.text_area(key=f"applications_tailoring_text_{app_id}").set_value(too_long)
    submit = f"FormSubmitter:applications_tailoring_form_{app_id}-Save job description"
    at.button(key=submit).click().run()
    assert len(at.error) == 1 and "keep it under 50,000" in _plain(at.error[0].value)
    assert at.text_area(key=f"applications_tailoring_text_{app_id}").value == too_long  # to cut, not to paste again
    at.text_area(key=f"applications_tailoring_text_{app_id}").set_value(mf.JOB_DESCRIPTION)
    at.button(key=submit).click().run()
    assert not at.error and at.text_area(key=f"applications_tailoring_text_{app_id}_1").value == ""


def test_the_resume_uploader_states_the_limit_the_check_applies() -> None:
    at = run_page("pages/job_materials.py")
    limits = [u.proto.max_upload_size_mb for u in at.get("file_uploader") if "Resume" in u.proto.label]
    assert limits == [documents.MAX_BYTES // (1024 * 1024)]


def test_upload_times_read_as_dates_with_the_year_only_when_not_this_year_and_findings_as_sentences() -> None:
    last_year = dt.datetime(clock.today().year - 1, 3, 5, 10, 0, tzinfo=dt.UTC)
    with open_db() as db:
        uploads.add_version(db, "resume", mf.weak_resume_pdf(), "weak.pdf", at=last_year)
    at = run_page(PAGE)
    shown = " ".join(_texts(at))
    local = clock.local(last_year)
    assert f"uploaded {local.day} Mar {local.year} {local:%H:%M}" in shown
    assert not re.search(r"\d{4}-\d{2}-\d{2}", shown)  # no ISO date anywhere a person reads
    warnings = [_plain(w.value) for w in at.warning]
    assert warnings and all(not w[0].islower() and ". Fix: " in w and w.endswith(".") for w in warnings)
