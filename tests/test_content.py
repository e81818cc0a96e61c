"""Shipped content validates; broken content fails with file, item and field named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lib import startup
from lib.core import config, content
from lib.core.errors import ContentError
from lib.plan import curriculum


def test_every_content_file_validates() -> None:
    for load in startup.CONTENT_LOADERS:
        assert load() is not None
    assert startup.content_problems() == []


def test_curriculum_matches_the_seed_plan() -> None:
    cur = curriculum.load_curriculum()
    assert [d.short for d in cur.days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat-Sun"]
    assert [d.target_hours for d in cur.days] == [5, 5, 5, 5, 5, 10]
    assert cur.total_target_hours == 35
    assert [d.title for d in cur.days] == [
        "Product Sense Interviews",
        "Execution & Strategy Interviews",
        "Technical & Behavioral Interviews",
        "Create STAR Stories",
        "Mock Interviews",
        "Final Prep & Job Search",
    ]
    weekend = cur.day("weekend")
    assert [s.name for s in weekend.sessions] == [
        "Saturday Morning",
        "Saturday Afternoon",
        "Sunday Morning",
        "Sunday Afternoon",
    ]
    assert [(s.hours_min, s.hours_max) for s in weekend.sessions] == [(3, 3), (2, 2), (2, 2), (3, 3)]
    circles = cur.session("mon-morning").blocks[1]
    assert circles.title == "Framework (CIRCLES Method)" and len(circles.items) == 7
    behavioural = cur.session("wed-evening").blocks[1]
    assert len(behavioural.items) == 10 and behavioural.items[0] == "Tell me about yourself"
    assert len(cur.day("thu").activities) == 16  # 12 story themes + 4 practice steps


def test_activity_ids_are_unique_and_stable() -> None:
    ids = curriculum.load_curriculum().activity_ids
    assert len(ids) == len(set(ids))
    assert "mon-pm-q1" in ids and "sun-pm-reflection" in ids


def _broken_copy(tmp_path: Path, mutate) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(config.CONTENT_DIR, folder)
    path = folder / "curriculum.json"
    raw = json.loads(path.read_text())
    mutate(raw)
    path.write_text(json.dumps(raw))
    return folder


def test_missing_field_names_file_item_and_field(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, lambda raw: raw["days"][2]["sessions"][0].pop("topic"))
    with pytest.raises(ContentError) as err:
        content.load("curriculum.json", curriculum.Curriculum, content_dir=folder)
    message = str(err.value)
    assert "curriculum.json" in message
    assert "days[2] (id 'wed')" in message and "sessions[0] (id 'wed-morning')" in message
    assert "'topic'" in message and "Field required" in message


def test_wrong_type_names_the_field(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, lambda raw: raw["days"][0].__setitem__("target_hours", "five"))
    with pytest.raises(ContentError, match=r"days\[0\] \(id 'mon'\) → field 'target_hours'"):
        content.load("curriculum.json", curriculum.Curriculum, content_dir=folder)


def test_inconsistent_targets_are_refused(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, lambda raw: raw["days"][0].__setitem__("target_hours", 6))
    with pytest.raises(ContentError, match="add up to 36"):
        content.load("curriculum.json", curriculum.Curriculum, content_dir=folder)


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "curriculum.json").write_text('{\n  "week": 12,\n  "title": oops\n}')
    with pytest.raises(ContentError, match="line 3, column 12"):
        content.load("curriculum.json", curriculum.Curriculum, content_dir=folder)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="curriculum.json: the file is missing"):
        content.load("curriculum.json", curriculum.Curriculum, content_dir=tmp_path)


def test_broken_content_shows_an_error_page_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _broken_copy(tmp_path, lambda raw: raw["days"][1].pop("sessions"))
    monkeypatch.setattr(config, "CONTENT_DIR", folder)
    from tests.conftest import run_page

    at = run_page()
    assert not at.exception
    assert at.title[0].value == "The app's content files need fixing"
    # Messages are escaped for markdown; the text a person reads has no backslashes.
    shown = [e.value.replace("\\", "") for e in at.error]
    assert any("days[1] (id 'tue')" in m and "'sessions'" in m for m in shown), shown
