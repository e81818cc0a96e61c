"""Job materials: the seed's checklists verbatim, ticks as events, the dated reflection journal, export."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lib.core.errors import InputError
from lib.materials import checklists as materials
from lib.storage.db import open_db
from tests.conftest import SEED_PATH

SEED = SEED_PATH


def _seed_bullets(after: str, stop: str) -> list[str]:
    """The '- ' bullets of the seed between two markers."""
    text = SEED.read_text(encoding="utf-8")
    block = text[text.index(after) + len(after) :]
    block = block[: block.index(stop)]
    return [m.group(1) for m in re.finditer(r"^\s*- (.+)$", block, re.M)]


@pytest.mark.skipif(not SEED.exists(), reason="the curriculum seed is not on this machine")
@pytest.mark.parametrize(
    ("list_id", "after", "stop"),
    [
        ("resume", "- **Resume:**", "- **LinkedIn:**"),
        ("linkedin", "- **LinkedIn:**", "**Sunday Morning"),
        ("before-interview", "**Before the Interview:**", "**During the Interview:**"),
        ("during-interview", "**During the Interview:**", "**After the Interview:**"),
        ("after-interview", "**After the Interview:**", "---"),
    ],
)
def test_checklists_are_the_seed_words(list_id: str, after: str, stop: str) -> None:
    items = [i.text for i in materials.load_checklists().checklist(list_id).items]
    assert items == _seed_bullets(after, stop)


@pytest.mark.skipif(not SEED.exists(), reason="the curriculum seed is not on this machine")
def test_deliverables_and_reflection_are_the_seed_words() -> None:
    cl = materials.load_checklists()
    seed = SEED.read_text(encoding="utf-8")
    for d in cl.deliverables:
        assert f"- [ ] **{d.title}**" in seed
        for point in d.points:
            assert f"  - {point}\n" in seed
    assert [d.bonus for d in cl.deliverables] == [False] * 6 + [True] * 2
    assert [p.text for p in cl.reflection.prompts] == _seed_bullets("- **Final Reflection:**", "---")


def test_ticks_are_appended_and_the_latest_wins() -> None:
    with open_db() as db:
        materials.set_item_done(db, "resume", "quantify", True)
        materials.set_item_done(db, "resume", "quantify", False)
        materials.set_item_done(db, "resume", "one-page", True)
        assert materials.done_items(db) == {"resume": {"one-page"}}
        assert db["checklist_events"].count == 3
        assert not materials.is_complete(db, "resume")
        for item in materials.load_checklists().checklist("resume").items:
            materials.set_item_done(db, "resume", item.id, True)
        assert materials.is_complete(db, "resume")
        progress = materials.checklist_progress(db).set_index("list_id")
    assert progress.loc["resume", "complete"] and progress.loc["resume", "done"] == 6
    assert progress.loc["linkedin", "done"] == 0


def test_start_fresh_unticks_one_list_only() -> None:
    with open_db() as db:
        materials.set_item_done(db, "before-interview", "sleep", True)
        materials.set_item_done(db, "after-interview", "thank-you", True)
        assert materials.clear_checklist(db, "before-interview") == 1
        assert materials.done_items(db) == {"after-interview": {"thank-you"}}
        assert db["checklist_events"].count == 3


@pytest.mark.parametrize(
    ("args", "field"),
    [(("cv", "quantify", True), "checklist"), (("resume", "headline", True), "item")],
)
def test_unknown_checklist_or_item_is_refused(args, field) -> None:
    with open_db() as db:
        with pytest.raises(InputError) as err:
            materials.set_item_done(db, *args)
        assert err.value.field == field


def test_reflection_journal_is_dated_and_validated() -> None:
    today = dt.date(2026, 3, 8)
    with open_db() as db:
        materials.add_reflection(db, "biggest-learnings", "  Evaluation first.  ", dt.date(2026, 3, 7), today=today)
        materials.add_reflection(db, "celebrate", "Dinner out", today=today)
        for bad, field in (("", "reflection"), ("x" * 20_000, "reflection")):
            with pytest.raises(InputError) as err:
                materials.add_reflection(db, "growth", bad, today=today)
            assert err.value.field == field
        with pytest.raises(InputError) as err:
            materials.add_reflection(db, "growth", "ok", dt.date(2026, 3, 9), today=today)
        assert err.value.field == "date"
        with pytest.raises(InputError):
            materials.add_reflection(db, "nope", "ok", today=today)
        journal = materials.reflections(db)
    assert list(journal["written_on"]) == ["2026-03-08", "2026-03-07"]
    assert journal.iloc[1]["text"] == "Evaluation first."
    assert journal.iloc[0]["prompt"] == "Celebrate your achievement! 🎉"


def test_export_lists_every_item_with_its_tick_and_every_entry(tmp_path: Path) -> None:
    with open_db() as db:
        materials.set_item_done(db, "linkedin", "headline", True)
        materials.add_reflection(db, "growth", "From zero ML to shipping an eval harness")
        (path,) = materials.export(db, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path.name == "job-materials.md"
    assert '- [x] Update headline (include "AI" and "Product Manager")' in text
    for c in materials.load_checklists().checklists:
        assert f"## {c.title}" in text
        for item in c.items:
            assert item.text in text
    assert "From zero ML to shipping an eval harness" in text
