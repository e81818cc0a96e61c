"""The question bank and frameworks: counts, the seed's questions verbatim, resolvable frameworks, custom questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.core import content
from lib.core.errors import ContentError, InputError
from lib.practice import frameworks, questions
from lib.storage.db import open_db
from tests.conftest import SEED_PATH

ROOT = Path(__file__).resolve().parent.parent
SEED = SEED_PATH

# Every question the curriculum names, in its exact words.
SEED_QUESTIONS = {
    "product_sense": [
        "Design an AI feature for Spotify",
        "How would you improve Google Search with AI?",
        "What's your favorite AI product and why?",
        "What do you think of ChatGPT?",
        "Design an AI writing assistant for students",
        "How would you add AI to Notion?",
        "What's your favorite AI product? How would you improve it?",
        "Design a feature that uses AI for [your favorite app]",
        "Design an AI feature for [product]",
    ],
    "execution": [
        "What metrics would you track for GitHub Copilot?",
        "DAU dropped 10%. How do you investigate?",
        "You have 10 feature requests. How do you prioritize?",
        "Build a roadmap for AI in Gmail",
        "How would you launch an AI feature?",
        "How would you A/B test a recommendation algorithm?",
        "What metrics for [AI product]?",
    ],
    "strategy": [
        "Should Google build an AI-first search competitor?",
        "How should Notion compete with Microsoft Copilot?",
        "How would you price ChatGPT?",
        "Should Spotify partner with OpenAI?",
        "What AI products should Amazon prioritize?",
        "Should we build [AI product]?",
    ],
    "technical": [
        "Explain how a recommendation system works",
        "What's the difference between precision and recall?",
        "How does RAG work?",
        "How would you design the ML system for [product]?",
        "What factors affect LLM quality?",
    ],
    "behavioural": [
        "Tell me about yourself",
        "Why PM? Why AI PM?",
        "Tell me about a time you failed",
        "Tell me about a conflict with an engineer",
        "Tell me about a time you influenced without authority",
        "Tell me about a data-driven decision",
        "Tell me about prioritizing competing requests",
        "What's your biggest weakness?",
        "Why our company?",
        "Why are you interested in this role?",
        "Tell me about how you identified this opportunity",
        "Tell me about a time you had to make trade-offs",
        "Tell me about a complex technical decision",
        "Tell me about learning from users",
        "Tell me about a time you changed direction based on feedback",
    ],
}


def test_bank_has_at_least_150_questions_and_20_per_type():
    bank = questions.load_question_bank()
    assert len(bank.questions) >= 150
    for qtype in questions.QUESTION_TYPES:
        assert sum(q.type == qtype for q in bank.questions) >= 20, qtype


@pytest.mark.skipif(not SEED.exists(), reason="the curriculum seed is not on this machine")
def test_listed_seed_questions_are_the_seed_words():
    seed = SEED.read_text(encoding="utf-8")
    for texts in SEED_QUESTIONS.values():
        for text in texts:
            assert text in seed, text


def test_every_seed_question_is_in_the_bank_verbatim_with_its_type():
    bank = {q.text: q for q in questions.load_question_bank().questions}
    for qtype, texts in SEED_QUESTIONS.items():
        for text in texts:
            assert text in bank, text
            assert bank[text].type == qtype
            assert bank[text].source == "seed"


def test_every_framework_id_resolves_and_guides_have_3_to_6_points():
    book = frameworks.load_frameworks()
    for q in questions.load_question_bank().questions:
        assert book.get(q.framework_id)
        assert 3 <= len(q.guide) <= 6
        assert q.subtype in questions.SUBTYPES[q.type]


def test_seed_frameworks_keep_their_steps():
    book = frameworks.load_frameworks()
    circles = book.get("circles")
    assert [s.name for s in circles.steps] == [
        "Clarify",
        "Identify",
        "Report",
        "Cut through",
        "List solutions",
        "Evaluate",
        "Summarize",
    ]
    assert "Failure modes and guardrails?" in circles.checks
    assert [s.name for s in book.get("star").steps] == ["Situation", "Task", "Action", "Result"]
    assert len(book.get("execution").steps) == 7 and len(book.get("strategy").steps) == 6
    for fid in ("metrics", "heart", "rice", "aarrr", "ai-checks", "should-we-build"):
        assert book.get(fid)


def test_question_ids_are_unique_stable_slugs():
    bank = questions.load_question_bank()
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    assert "ps-design-an-ai-writing-assistant-for-students" in ids


def test_unknown_framework_in_the_bank_is_named(tmp_path):
    raw = json.loads((ROOT / "data" / "questions.json").read_text(encoding="utf-8"))
    raw["questions"][3]["framework_id"] = "no-such-framework"
    (tmp_path / "questions.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        content.load("questions.json", questions.QuestionBank, content_dir=tmp_path)
    assert "no-such-framework" in str(err.value)


def test_a_guide_with_two_points_is_rejected_naming_the_item(tmp_path):
    raw = json.loads((ROOT / "data" / "questions.json").read_text(encoding="utf-8"))
    raw["questions"][0]["guide"] = ["one", "two"]
    (tmp_path / "questions.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        content.load("questions.json", questions.QuestionBank, content_dir=tmp_path)
    assert raw["questions"][0]["id"] in str(err.value) and "guide" in str(err.value)


def test_all_questions_includes_custom_ones_with_the_same_columns():
    with open_db() as db:
        qid = questions.add_custom_question(
            db, "strategy", "  Should  Acme buy a model lab? ", guide=["Options", "", "Risks"]
        )
        df = questions.all_questions(db)
        assert list(df.columns) == questions.COLUMNS
        row = df[df["id"] == qid].iloc[0]
        assert row["custom"] and row["type"] == "strategy" and row["text"] == "Should Acme buy a model lab?"
        assert row["guide"] == ["Options", "Risks"]
        assert questions.question(db, qid)["framework_id"] == "strategy"
        assert not df[df["id"] != qid]["custom"].any()


def test_question_lookup_of_unknown_ids_raises_input_error():
    with open_db() as db:
        for bad in ("nope", "custom-99", "custom-x"):
            with pytest.raises(InputError):
                questions.question(db, bad)


@pytest.mark.parametrize(
    ("qtype", "text", "field"),
    [("", "Why?", "type"), ("execution", "   ", "question"), ("execution", "x" * 501, "question")],
)
def test_custom_question_without_text_or_type_names_the_field(qtype, text, field):
    with open_db() as db:
        with pytest.raises(InputError) as err:
            questions.add_custom_question(db, qtype, text)
        assert err.value.field == field
        assert db.conn.execute("SELECT COUNT(*) FROM custom_questions").fetchone()[0] == 0
