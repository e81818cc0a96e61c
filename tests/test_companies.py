"""Companies: names kept exactly, duplicates up to case and spacing refused with a merge, research history, export."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.core.errors import InputError
from lib.jobsearch import applications as apps
from lib.jobsearch import companies, networking


def test_content_encodes_the_seed() -> None:
    cfg = companies.load_company_research()
    assert [c.label for c in cfg.categories] == [
        "AI-first startups (Anthropic, OpenAI, etc.)",
        "FAANG AI teams",
        "Startups with AI products",
    ]
    assert "Research the company (products, news, culture)" in cfg.before_interview
    assert "Prepare questions to ask (3-5 thoughtful ones)" in cfg.before_interview
    assert [s.label for s in cfg.sections] == [
        "Products",
        "Recent news",
        "Culture",
        "Why this company",
        "Why this role",
        "Questions to ask",
    ]
    assert (cfg.questions_to_ask.min, cfg.questions_to_ask.max) == (3, 5)
    assert cfg.targets.companies.label == "Identify 20+ target companies" and cfg.targets.companies.count == 20
    assert len(cfg.question_bank) >= 15


@pytest.mark.parametrize("name", ["智谱AI Zhipu", "Lumière Santé", "Яндекс", "Café Ñandú Analytics"])
def test_names_keep_their_spelling_accents_and_script(db, name) -> None:
    cid = companies.add_company(db, name)
    assert db.conn.execute("SELECT name FROM companies WHERE id = ?", (cid,)).fetchone()[0] == name


def test_accents_tell_companies_apart_but_case_and_spacing_do_not(db) -> None:
    companies.add_company(db, "Lumière")
    companies.add_company(db, "Lumiere")
    companies.add_company(db, "OpenAI")
    for again in ("openai", "Open AI", "  OPENAI "):
        with pytest.raises(companies.DuplicateCompanyError) as err:
            companies.add_company(db, again)
        assert err.value.existing_name == "OpenAI" and "merge" in str(err.value)
    assert companies.company_count(db) == 3


def test_merging_a_duplicate_entry_keeps_the_existing_company_and_its_details(db) -> None:
    cid = companies.add_company(db, "OpenAI")
    with pytest.raises(companies.DuplicateCompanyError) as err:
        companies.add_company(db, "open ai", website="https://openai.com", notes="Met their PM at a meetup")
    companies.merge_details_into(db, err.value.existing_id, "https://openai.com", "Met their PM at a meetup")
    assert companies.company_count(db) == 1
    assert db.conn.execute("SELECT website FROM companies WHERE id = ?", (cid,)).fetchone()[0] == "https://openai.com"
    assert companies.current_research(db, cid)["notes"] == "Met their PM at a meetup"


def test_merging_two_companies_moves_applications_contacts_and_research(db) -> None:
    keep = companies.add_company(db, "Google DeepMind")
    fold = companies.add_company(db, "DeepMind")
    apps.add_application(db, fold, "PM", on_date=dt.date(2026, 1, 5))
    networking.add_contact(db, "Grace Kim", "DeepMind", "Product Manager")
    companies.save_research(db, fold, {"products": "Gemini"})
    companies.merge_companies(db, keep, fold)
    table = companies.companies_table(db)
    assert table["name"].tolist() == ["Google DeepMind"]
    assert (table.iloc[0]["applications"], table.iloc[0]["contacts"]) == (1, 1)
    assert companies.current_research(db, keep)["products"] == "Gemini"
    with pytest.raises(InputError):
        companies.merge_companies(db, keep, fold)


def test_research_sections_are_appended_and_latest_is_current(db) -> None:
    cid = companies.add_company(db, "Anthropic")
    assert companies.save_research(db, cid, {"products": "Claude", "culture": "Writing-first"}) == 2
    assert companies.save_research(db, cid, {"products": "Claude, API", "culture": "Writing-first"}) == 1
    assert companies.current_research(db, cid) == {"products": "Claude, API", "culture": "Writing-first"}
    assert db.conn.execute("SELECT COUNT(*) FROM company_research").fetchone()[0] == 3
    with pytest.raises(InputError, match="unknown research section"):
        companies.save_research(db, cid, {"gossip": "x"})


def test_questions_advice_follows_three_to_five() -> None:
    assert "prepare 3-5" in companies.questions_advice("1. Why now?")
    assert companies.questions_advice("- a?\n- b?\n- c?") is None
    assert "best 5" in companies.questions_advice("\n".join(f"{i}. q{i}?" for i in range(1, 8)))


def test_bad_company_input(db) -> None:
    with pytest.raises(InputError) as err:
        companies.add_company(db, "   ")
    assert err.value.field == "Name"
    with pytest.raises(InputError, match="category"):
        companies.add_company(db, "X", category="unicorns")
    with pytest.raises(InputError, match="1 to 5"):
        companies.add_company(db, "X", priority=9)
    assert companies.company_count(db) == 0


def test_company_research_markdown_holds_template_questions_and_companies(db, tmp_path) -> None:
    cid = companies.add_company(db, "Hugging Face", category="ai-first")
    companies.save_research(db, cid, {"why_company": "Open models <b>matter</b>"})
    [path] = companies.export_company_research(db, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path.name == "company-research.md"
    for expected in (
        "## Template",
        "### Recent news",
        "## How to prepare",
        "Prepare questions to ask (3-5 thoughtful ones)",
        "## Questions to ask",
        "### Hugging Face",
        "AI-first startups (Anthropic, OpenAI, etc.)",
        "Open models <b>matter</b>",
    ):
        assert expected in text
