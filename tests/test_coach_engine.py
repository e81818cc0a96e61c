"""The built-in coach: evidence, negation, typed boxes, score parts, follow-ups, the JSON form and the command."""

from __future__ import annotations

import json
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.coach import follow_ups
from lib.coach.engine import coach_answer
from lib.coach.feedback import Check, Feedback, Part
from lib.coach.text import analyse, split_sentences
from lib.core import content
from lib.core.errors import ContentError, InputError

SPOTIFY = "ps-design-an-ai-feature-for-spotify"
METRICS_POINT = 4  # "Defines success metrics (listening minutes, saves, skip rate) and guardrails (...)"
GOOD = "We'd measure listening minutes, saves and skip rate, with guardrails on artist fairness and filter bubbles."
SENTENCES = [
    "First, I'd clarify which listeners we mean: casual listeners, and the goal is discovery.",
    "Their unmet need is music for the moment they are in.",
    "A model beats editorial curation because no editor can cover every moment.",
    "It uses listening history and skips; new users get an onboarding quiz for cold start.",
    GOOD,
    "In summary, I recommend a beta for 5% of users.",
    "Spotify is great.",
    "I like music a lot!",
]


def test_a_point_said_is_covered_with_its_sentence_quoted():
    fb = coach_answer(SPOTIFY, "I love this question. " + GOOD)
    assert fb.guide[METRICS_POINT].covered
    assert fb.guide[METRICS_POINT].evidence == GOOD


@pytest.mark.parametrize(
    "denial",
    [
        "We won't measure listening minutes, saves or skip rate, and guardrails like artist fairness are out of scope.",
        "Listening minutes, saves and skip rate aren't needed, and guardrails such as artist fairness don't matter.",
        "Success metrics are overkill here; I'd worry about saves, skip rate and artist fairness later.",
        "I'd not bother measuring saves or skip rate or artist fairness.",
    ],
)
def test_guide_words_that_are_denied_or_put_off_do_not_cover_the_point(denial):
    fb = coach_answer(SPOTIFY, denial)
    assert not fb.guide[METRICS_POINT].covered
    assert fb.guide[METRICS_POINT].evidence == ""


def test_a_negation_after_the_words_reaches_them():
    words = analyse("Retention isn't needed for this.")
    assert words.negated[words.stems.index("retention")]
    protect = analyse("Make sure smaller artists aren't squeezed out.")
    assert not protect.negated[protect.stems.index("artist")]


def test_a_paraphrase_with_few_guide_words_is_covered():
    fb = coach_answer(
        SPOTIFY,
        "I'd call it a win if people spend more minutes in these sets and add tracks to their library, "
        "while making sure lesser-known musicians aren't squeezed out.",
    )
    assert fb.guide[METRICS_POINT].covered


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8), st.sampled_from([" ", "\n", "  \n- "]))
def test_evidence_is_always_an_exact_sentence_of_the_answer(picked, joiner):
    text = joiner.join(picked)
    fb = coach_answer(SPOTIFY, text)
    for check in (*fb.guide, *fb.framework, *fb.ai_checks):
        if check.covered:
            assert check.evidence and check.evidence in text
            assert check.evidence in split_sentences(text)
        else:
            assert check.evidence == ""
    assert 0 <= fb.score <= 100
    assert fb.score == round(100 * sum(p.points for p in fb.parts) / sum(p.out_of for p in fb.parts))
    assert len(fb.improvements) <= 3
    assert coach_answer(SPOTIFY, text) == fb  # deterministic


def test_a_typed_box_that_says_nothing_does_not_count():
    sections = {
        "Clarify": "TBD",
        "Identify": "I will identify.",
        "Report": "My approach: start from casual listeners, pick one need, then weigh three ideas.",
    }
    text = "\n".join(f"{k}\n{v}" for k, v in sections.items())
    fb = coach_answer(SPOTIFY, text, sections=sections)
    steps = {c.name: c for c in fb.framework}
    assert not steps["Clarify"].covered and not steps["Identify"].covered
    assert steps["Report"].covered and steps["Report"].evidence in text
    assert not steps["Summarize"].covered  # no box and not said anywhere


def test_parts_improvements_and_follow_ups_follow_what_is_missing():
    fb = coach_answer(SPOTIFY, "Spotify is great and I would add a chatbot.")
    names = [p.name for p in fb.parts]
    assert names == ["Guide points", "Framework", "AI checks", "Specificity", "Structure", "Length"]
    assert fb.improvements[0].endswith(fb.guide[0].name + ".")
    bank = follow_ups.load_follow_up_bank()
    asked = {q for qs in bank.kinds.values() for q in qs} | set(bank.default)
    assert fb.follow_ups and set(fb.follow_ups) <= asked
    full = coach_answer(SPOTIFY, " ".join(SENTENCES))
    assert full.score > fb.score


def test_length_is_judged_at_the_speakers_pace():
    text = " ".join(["We measured saves."] * 33)  # 99 words
    slow = {p.name: p for p in coach_answer("be-tell-me-about-a-time-you-influenced-without", text, wpm=60).parts}
    fast = {p.name: p for p in coach_answer("be-tell-me-about-a-time-you-influenced-without", text, wpm=200).parts}
    assert "at 60 wpm" in slow["Length"].detail and "at 200 wpm" in fast["Length"].detail
    assert slow["Length"].points == 7 and fast["Length"].points < 7


def test_a_framework_without_ai_checks_gives_its_points_to_the_guide():
    fb = coach_answer("be-tell-me-about-a-time-you-influenced-without", "I led it. As a result, retention rose 6%.")
    assert fb.ai_checks == ()
    assert {p.name: p.out_of for p in fb.parts}["Guide points"] == 55


@pytest.mark.parametrize(("qid", "text"), [("ps-no-such-question", "An answer."), (SPOTIFY, "   \n ")])
def test_unknown_question_or_empty_answer_is_an_input_error(qid, text):
    with pytest.raises(InputError):
        coach_answer(qid, text)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.text(max_size=30), st.booleans(), st.text(max_size=30)), max_size=4),
    st.integers(0, 100),
    st.one_of(st.none(), st.text(max_size=40)),
)
def test_feedback_survives_its_json_form(checks, score, transcript):
    built = tuple(Check(n, c, e if c else "") for n, c, e in checks)
    fb = Feedback(
        SPOTIFY,
        "builtin",
        12,
        built,
        built[:1],
        (),
        (Part("Length", 3, 7, "short."),),
        score,
        ("Add figures.",),
        ("Why?",),
        transcript=transcript,
    )
    data = json.loads(json.dumps(fb.as_json()))
    assert Feedback.from_json(data) == fb
    assert ("transcript" in data) == (transcript is not None)
    assert list(data["guide"][0]) == ["point", "covered", "evidence"] if built else data["guide"] == []


def test_unreadable_stored_feedback_is_an_input_error():
    with pytest.raises(InputError):
        Feedback.from_json({"engine": "builtin"})


def test_the_follow_up_bank_refuses_a_statement(tmp_path):
    (tmp_path / "coach_follow_ups.json").write_text(
        json.dumps({"kinds": {"metrics": ["Say more."]}, "default": ["Why?"]})
    )
    with pytest.raises(ContentError, match="not a question"):
        content.load("coach_follow_ups.json", follow_ups.FollowUpBank, content_dir=tmp_path)


def test_the_builtin_coach_opens_no_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the built-in coach tried to connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert coach_answer(SPOTIFY, " ".join(SENTENCES)).engine == "builtin"


def test_coach_command_prints_one_json_object(cli, tmp_path):
    answer = tmp_path / "answer.md"
    answer.write_text("# My answer\n\n" + " ".join(SENTENCES), encoding="utf-8")
    by_text = cli("coach", "--question", "Design an AI feature for Spotify", str(answer))
    assert by_text.returncode == 0, by_text.stderr
    data = json.loads(by_text.stdout)
    assert data["question_id"] == SPOTIFY and data["engine"] == "builtin"
    assert [g["point"] for g in data["guide"]][0].startswith("Clarifies which Spotify user")
    assert {"words", "framework", "ai_checks", "score", "improvements", "follow_ups"} <= set(data)
    by_id = cli("coach", "--question", SPOTIFY, str(answer), "--engine", "builtin")
    assert json.loads(by_id.stdout) == data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--question", "no such question", "{answer}"], "no question has the id or exact text"),
        (["--question", SPOTIFY, "{missing}"], "no such file"),
        (["--question", SPOTIFY, "{binary}"], "not a"),
        (["--question", SPOTIFY, "{empty}"], "the answer is empty"),
        (["--question", SPOTIFY, "{answer}", "--engine", "llm"], "no model server is set"),
    ],
)
def test_coach_command_bad_input_is_one_line(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.delenv("PREP_LLM_BASE_URL", raising=False)
    files = {
        "answer": tmp_path / "a.txt",
        "missing": tmp_path / "nope.txt",
        "binary": tmp_path / "b.txt",
        "empty": tmp_path / "e.md",
    }
    files["answer"].write_text("We'd measure saves.", encoding="utf-8")
    files["binary"].write_bytes(b"\xff\xfe\x00\x01binary")
    files["empty"].write_text("  \n", encoding="utf-8")
    result = cli("coach", *[a.format(**{k: str(v) for k, v in files.items()}) for a in args])
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert result.stdout == ""
