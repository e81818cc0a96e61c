"""The case-study bank: starters, saving versions, completeness, own products, export, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.core.errors import InputError
from lib.materials import case_studies as cs
from lib.storage.db import open_db
from tests.conftest import SEED_PATH

SEED = SEED_PATH
FULL = {f: f"text for {f}" for f in cs.TEXT_FIELDS}


def test_bank_starts_with_the_seed_products_and_nothing_complete() -> None:
    with open_db() as db:
        bank = cs.bank(db)
    assert list(bank["name"]) == [
        "ChatGPT",
        "GitHub Copilot",
        "Notion AI",
        "Midjourney",
        "Netflix Recommendations",
        "Spotify Discover Weekly",
        "Google Search AI",
        "Perplexity",
        "Your portfolio project",
    ]
    assert list(bank["category"])[:8] == [
        "conversational AI",
        "code generation",
        "productivity copilot",
        "image generation",
        "personalization",
        "music recommendations",
        "AI overviews",
        "AI search",
    ]
    assert bank["starter_note"].str.len().min() > 40
    assert not bank["complete"].any()


@pytest.mark.skipif(not SEED.exists(), reason="the curriculum seed is not on this machine")
def test_starters_and_field_labels_use_the_seed_words() -> None:
    seed = SEED.read_text(encoding="utf-8")
    content = cs.load_case_studies()
    for s in content.starters[:8]:
        assert f"- {s.name} ({s.category})" in seed
    assert "- Your portfolio project" in seed
    for label in (
        "Problem it solves",
        "How it works (ML approach)",
        "Key metrics",
        "What makes it great",
        "How you'd improve it",
    ):
        assert f"- {label}" in seed
        assert label in [f.label for f in content.fields]


def test_saving_appends_a_version_and_completeness_counts_written_parts() -> None:
    with open_db() as db:
        assert cs.save_case(db, "chatgpt", {"problem": "Answers in plain language", "ml_approach": "  "}) == 1
        assert cs.save_case(db, "chatgpt", FULL) == 5
        assert cs.complete_count(db) == 1
        assert cs.save_case(db, "chatgpt", {"key_metrics": ""}) == 4
        assert cs.complete_count(db) == 0
        history = cs.history(db, "chatgpt")
    assert len(history) == 3
    assert history.iloc[-1]["problem"] == "Answers in plain language"


def test_own_products_are_added_renamed_and_removed() -> None:
    with open_db() as db:
        key = cs.add_case(db, "Duolingo Max", "AI tutoring")
        other = cs.add_case(db, "Grammarly")
        assert key != other
        cs.save_case(db, key, {**FULL, "name": "Duolingo Max (Birdbrain)"})
        row = cs.bank(db).set_index("case_key").loc[key]
        assert row["name"] == "Duolingo Max (Birdbrain)" and row["complete"]
        cs.remove_case(db, other)
        assert other not in set(cs.bank(db)["case_key"])
        cs.remove_case(db, "midjourney")
        assert "midjourney" not in set(cs.bank(db)["case_key"])
        assert cs.restore_starters(db) == 1
        assert "midjourney" in set(cs.bank(db)["case_key"])


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda db: cs.add_case(db, "   "), "name"),
        (lambda db: cs.add_case(db, "chatgpt"), "name"),
        (lambda db: cs.add_case(db, "x" * 200), "name"),
        (lambda db: cs.save_case(db, "chatgpt", {"problem": "x" * (cs.MAX_FIELD_CHARS + 1)}), "problem"),
        (lambda db: cs.save_case(db, "chatgpt", {"vision": "x"}), "vision"),
        (lambda db: cs.save_case(db, "nope", {"problem": "x"}), "case"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(call, field) -> None:
    with open_db() as db:
        with pytest.raises(InputError) as err:
            call(db)
        assert err.value.field == field
        assert db["case_study_versions"].count == 0


def test_own_product_name_cannot_be_blanked() -> None:
    with open_db() as db:
        key = cs.add_case(db, "Grammarly")
        with pytest.raises(InputError):
            cs.save_case(db, key, {"name": ""})
        assert cs.bank(db).set_index("case_key").loc[key, "name"] == "Grammarly"


def test_export_contains_every_case_and_every_written_part(tmp_path: Path) -> None:
    with open_db() as db:
        key = cs.add_case(db, "Duolingo <Max> *bold*", "AI tutoring")
        cs.save_case(db, key, FULL)
        cs.save_case(db, "perplexity", {"how_to_improve": "Show source quality at a glance"})
        paths = cs.export(db, tmp_path)
        names = list(cs.bank(db)["name"])
    text = paths[0].read_text(encoding="utf-8")
    assert paths[0].name == "case-studies.md"
    for name in names:
        assert f"## {name}" in text
    assert "Show source quality at a glance" in text
    assert text.count("text for problem") == 1
    assert "1 of 10 cases complete" in text


def test_demo_data_has_most_starters_complete(demo_dir) -> None:
    with open_db() as db:
        bank = cs.bank(db)
    assert len(bank) == 11
    assert 0 < int(bank["complete"].sum()) < 10
