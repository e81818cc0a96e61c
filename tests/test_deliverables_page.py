"""The Deliverables & data page under AppTest: statuses, hand ticks, export and backup preparation."""

from __future__ import annotations

import io
import zipfile

from lib.materials import deliverables
from lib.storage.db import open_db
from tests.conftest import run_page


def test_hand_tick_is_stored() -> None:
    at = run_page("pages/deliverables.py")
    at.checkbox(key="deliverables_tick_interview-prep").check().run()
    assert not at.exception
    with open_db() as db:
        assert "interview-prep" in deliverables.hand_ticks(db)


def test_derived_items_have_no_checkbox() -> None:
    at = run_page("pages/deliverables.py")
    keys = {c.key for c in at.checkbox}
    assert "deliverables_tick_case-studies" not in keys
    assert "deliverables_tick_resume" not in keys


def test_export_and_backup_are_prepared_for_download(demo_dir) -> None:
    at = run_page("pages/deliverables.py")
    at.button(key="deliverables_export_prepare").click().run()
    assert not at.exception
    data = at.session_state["deliverables_export_zip"]
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {"case-studies.md", "job-materials.md", "deliverables.md"} <= set(names)
    at.button(key="deliverables_backup_make").click().run()
    assert not at.exception
    path = at.session_state["deliverables_backup_path"]
    assert "prep.db" in zipfile.ZipFile(path).namelist()
