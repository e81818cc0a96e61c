"""The job tracker's daily loop: board cards that move, companies added inline, safe defaults, a live import."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.core.errors import InputError
from lib.jobsearch import applications as apps
from lib.jobsearch import companies, stages, tracker
from lib.media import reviews
from lib.plan import time_log
from lib.storage.db import open_db
from tests.conftest import open_tab, run_page
from tests.test_recordings_page import _add_take

PAGE = "pages/applications.py"
DAYS_AGO = dt.date.today() - dt.timedelta(days=6)


def _app(company: str, role: str, *moves: str) -> int:
    with open_db() as db:
        cid = companies.find_company(db, company)
        cid = cid[0] if cid else companies.add_company(db, company)
        app_id = apps.add_application(db, cid, role, on_date=DAYS_AGO)
        for stage in moves:
            apps.change_stage(db, app_id, stage, DAYS_AGO)
        return app_id


def _history(app_id: int) -> list[str]:
    with open_db() as db:
        return stages.stage_history(db, app_id)["stage"].tolist()


def _texts(at) -> str:
    return "\n".join([t.value for t in at.text] + [m.value for m in at.markdown]).replace("\\", "")


# ---------------------------------------------------------------- the board


@given(stage=st.sampled_from(stages.ALL_STAGES))
def test_next_stage_walks_the_forward_path_and_stops_at_its_end_or_an_exit(stage: str) -> None:
    after = tracker.next_stage(stage)
    if stage in stages.EXITS or stage == stages.STAGES[-1]:
        assert after is None
    else:
        assert stages.STAGES.index(after) == stages.STAGES.index(stage) + 1


def test_a_card_moves_to_the_next_stage_in_one_click_and_the_board_shows_it() -> None:
    app_id = _app("Mistral <b>AI</b>", "PM, **Le Chat**")
    at = run_page(PAGE)
    card = [t.value for t in at.text if "Le Chat" in t.value]
    assert card and "Mistral <b>AI</b>" in card[0] and "6 days in Applied" in card[0]
    at.button(key=f"applications_card_next_{app_id}").click().run()
    assert not at.exception and not at.error
    assert _history(app_id) == ["applied", "recruiter_screen"]
    assert any("Moved" in t.value and "Recruiter screen" in t.value for t in at.toast)
    assert any("0 days in Recruiter screen" in t.value for t in at.text)
    # The new event is appended, the first one kept: the board reads the history, it does not overwrite it.
    at.button(key=f"applications_card_next_{app_id}").click().run()
    assert _history(app_id) == ["applied", "recruiter_screen", "hiring_manager"]


def test_the_card_menu_moves_to_any_stage_and_an_exit_leaves_the_board() -> None:
    app_id = _app("Aleph Alpha", "Product lead")
    at = run_page(PAGE)
    at.selectbox(key=f"applications_card_menu_{app_id}").set_value("rejected").run()
    assert not at.exception and not at.error
    assert _history(app_id) == ["applied", "rejected"]
    assert any("Rejected" in t.value for t in at.toast)
    assert not any("Product lead" in t.value for t in at.text)
    assert f"applications_card_next_{app_id}" not in [b.key for b in at.button]


# ---------------------------------------------------------------- adding with a new company


def test_an_application_creates_its_company_inline_on_an_empty_database() -> None:
    at = open_tab(run_page(PAGE), "applications_tab", "Add & move")
    at.text_input(key="applications_add_new_company").input("Hugging Face")
    at.text_input(key="applications_add_role").input("Product Manager, Hub")
    next(b for b in at.button if b.label == "Add application").click().run()
    assert not at.exception and not at.error
    with open_db() as db:
        assert companies.companies_table(db)["name"].tolist() == ["Hugging Face"]
        row = apps.pipeline(db).iloc[0]
    assert (row["company"], row["role"]) == ("Hugging Face", "Product Manager, Hub")
    assert any("Hugging Face" in t.value and "company to your list" in t.value for t in at.toast)


def test_a_new_company_matching_one_listed_reuses_it_and_a_bad_role_adds_neither() -> None:
    with open_db() as db:
        companies.add_company(db, "DeepL")
        assert tracker.add_application_for(db, None, "  deepl ", "PM, Write")[1] is False
        assert len(companies.companies_table(db)) == 1
        with pytest.raises(InputError):
            tracker.add_application_for(db, None, "Photoroom", "   ")
        with pytest.raises(InputError, match="choose a company"):
            tracker.add_application_for(db, None, "", "PM")
        # All or nothing: the refused role left no company behind.
        assert companies.companies_table(db)["name"].tolist() == ["DeepL"]


# ---------------------------------------------------------------- safe defaults


def test_interview_logging_defaults_to_an_active_application_not_a_rejected_one() -> None:
    _app("Cohere", "PM, Embed")
    rejected = _app("Anthropic", "PM, Claude", "rejected")
    at = open_tab(run_page(PAGE), "applications_tab", "Interviews")
    chosen = at.selectbox(key="applications_iv_app").value
    assert chosen != rejected
    with open_db() as db:
        assert apps.pipeline(db).set_index("id").loc[chosen, "stage"] == "applied"


def test_a_correction_starts_from_the_entry_s_current_minutes() -> None:
    with open_db() as db:
        first = time_log.log_time(db, "mon-morning", 90, dt.date.today())
        time_log.log_time(db, "mon-evening", 25, dt.date.today())
    at = open_tab(run_page("pages/curriculum.py"), "curriculum_tab", "Time log")
    at.selectbox(key="curriculum_fix_entry").set_value(first).run()
    assert at.number_input(key="curriculum_fix_minutes").value == 90
    at.radio(key="curriculum_fix_action").set_value("Remove entry")
    next(b for b in at.button if b.label == "Apply").click().run()
    assert at.error, "a removal needs its confirmation ticked"
    with open_db() as db:
        assert len(time_log.current_time_entries(db)) == 2


def test_a_re_review_starts_from_the_last_review() -> None:
    take_id = _add_take()
    with open_db() as db:
        reviews.add_review(db, take_id, reviews.Review(2, 3, 4, 5, improvements=["Slow down"]))
        reviews.add_review(db, take_id, reviews.Review(5, 1, 2, 4, improvements=["Land the result"]))
    at = run_page("pages/recordings.py")
    assert not at.exception
    names = ("clarity", "structure", "confidence", "eye_contact")
    assert tuple(at.slider(key=f"recordings_review_{n}").value for n in names) == (5, 1, 2, 4)
    assert at.text_input(key="recordings_review_improve_1").value == "Land the result"


def test_an_unreviewed_take_starts_at_the_middle_of_each_scale() -> None:
    _add_take()
    at = run_page("pages/recordings.py")
    assert at.slider(key="recordings_review_clarity").value == 3


# ---------------------------------------------------------------- import that shows at once


def test_an_import_shows_its_rows_at_once_and_its_button_goes() -> None:
    at = open_tab(run_page(PAGE), "applications_tab", "Import")
    assert "0 sent" in [m.value for m in at.metric][1]
    csv = "Application Date,Company Name,Job Title,Job Url\n" + "".join(
        f"{DAYS_AGO.month}/{DAYS_AGO.day}/{DAYS_AGO.year % 100:02d}, 10:15 AM,Company {i},Role {i},"
        f"https://jobs.example.com/{i}\n"
        for i in range(7)
    )
    at.file_uploader[0].set_value(("Job Applications.csv", csv.encode(), "text/csv")).run()
    next(b for b in at.button if b.label == "Import 7 applications").click().run()
    assert not at.exception and not at.error
    assert [m.value for m in at.metric][1] == "7 sent"
    assert any("7" in t.value for t in at.toast)
    assert not any(b.label.startswith("Import ") for b in at.button)
    assert "Role 3" in _texts(open_tab(at, "applications_tab", "Board"))
    assert len(open_tab(at, "applications_tab", "Interviews").selectbox(key="applications_iv_app").options) == 7


def test_merging_two_companies_needs_its_confirmation() -> None:
    with open_db() as db:
        keep, fold = companies.add_company(db, "Poolside"), companies.add_company(db, "Magic")
    at = run_page("pages/companies.py")
    at.selectbox(key="companies_merge_keep").set_value(keep)
    at.selectbox(key="companies_merge_fold").set_value(fold)
    next(b for b in at.button if b.label == "Merge").click().run()
    assert at.error
    with open_db() as db:
        assert len(companies.companies_table(db)) == 2
    at.checkbox(key="companies_merge_sure").check()
    next(b for b in at.button if b.label == "Merge").click().run()
    assert not at.error
    with open_db() as db:
        assert companies.companies_table(db)["name"].tolist() == ["Poolside"]
