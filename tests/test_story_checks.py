"""Each story check on hand-written stories that should and should not trigger it."""

from __future__ import annotations

import pytest

from lib.stories.checks import (
    FIXES,
    ISSUE_CODES,
    check_story,
    count_i,
    count_we,
    has_numbers,
    section_present,
    speaking_seconds,
    timing_note,
    word_count,
)

GOOD = {
    "situation": "At a 40-person startup, support agents spent the first hour of each shift sorting tickets by hand.",
    "task": "I had to find out whether triage was a real and costly problem worth solving with AI.",
    "action": "I shadowed six agents and timed each step. "
    "I interviewed eight support leads and I labelled 300 tickets myself. "
    "I wrote a one-page brief with the evidence and I tested it with two leads.",
    "result": "Triage took 52 minutes per agent a day and 23% of tickets were misrouted; "
    "seven of eight leads wanted a trial.",
    "learning": "I learned to size a problem with observed minutes before proposing any model.",
}


def _padded(sections: dict, words: int, into: str = "situation") -> dict:
    """The story with filler appended to one section until it has ``words`` words."""
    current = sum(word_count(t) for t in sections.values())
    extra = " ".join(["context"] * max(0, words - current))
    return {**sections, into: sections[into] + " " + extra}


def test_a_good_story_in_the_band_has_no_findings() -> None:
    report = check_story("Triage", _padded(GOOD, 240))
    assert report.words == 240
    assert report.issues == []
    assert report.sections == {"situation": True, "task": True, "action": True, "result": True, "learning": True}


@pytest.mark.parametrize("words, expected", [(199, ["too_short"]), (200, []), (300, []), (301, ["too_long"])])
def test_word_band_edges(words: int, expected: list[str]) -> None:
    report = check_story("Band", _padded(GOOD, words))
    assert report.words == words
    assert [c for c in report.issues if c in ("too_short", "too_long")] == expected


def test_speaking_time_follows_the_pace() -> None:
    assert speaking_seconds(250, 100) == 150
    assert speaking_seconds(250, 125) == 120
    assert check_story("Pace", _padded(GOOD, 250), wpm=125).speaking_seconds == 120
    assert "inside 2-3 minutes" in timing_note(150)
    assert "under 2 minutes" in timing_note(100)
    assert "over 3 minutes" in timing_note(200)


@pytest.mark.parametrize("section", ["situation", "task", "action", "result"])
def test_each_missing_section_is_reported(section: str) -> None:
    report = check_story("Gap", _padded({**GOOD, section: ""}, 240, into="learning"))
    assert f"missing_{section}" in report.issues
    assert report.sections[section] is False


def test_a_result_that_is_one_full_sentence_counts() -> None:
    sections = _padded({**GOOD, "result": "Misrouted tickets fell from 23% to 9% within six weeks."}, 240)
    report = check_story("One sentence", sections)
    assert "missing_result" not in report.issues
    assert report.has_numbers


def test_a_result_of_a_few_words_is_trivial() -> None:
    report = check_story("Trivial", _padded({**GOOD, "result": "It worked."}, 240))
    assert "missing_result" in report.issues
    assert not section_present("It worked.")


def test_we_inside_other_words_is_not_we() -> None:
    text = "We were on the web team. Weekly, the owners were weary; I answered. Twelve wells. Power. Between."
    assert count_we(text) == 1
    assert count_we("were web weekly wellness between owe sweet") == 0
    assert count_we("The US market grew; we and our team and us.") == 3
    assert count_i("I did it; I'm sure I've shown my work to me. It is in the Ice.") == 5


def test_action_saying_we_more_than_i_is_flagged() -> None:
    action = "We planned the launch. We met the leads and we agreed on the plan, then I wrote the summary for our team."
    report = check_story("Team", _padded({**GOOD, "action": action}, 240))
    assert report.we_count == 4 and report.i_count == 1
    assert "we_over_i" in report.issues


def test_action_with_were_and_web_is_not_we_over_i() -> None:
    action = "I saw the web checkout were failing. I rebuilt the flow and I ran the test while users were waiting."
    report = check_story("Web", _padded({**GOOD, "action": action}, 240))
    assert report.we_count == 0
    assert "we_over_i" not in report.issues


def test_numbers_in_digits_and_in_words() -> None:
    assert has_numbers("conversion rose 12%")
    assert has_numbers("we cut it by $2M")
    assert has_numbers("signups doubled in three weeks")
    assert has_numbers("twice as fast")
    assert not has_numbers("the launch went well and users were happy")
    assert not has_numbers("someone, anyone, everyone")  # "one" inside other words is not a number


def test_no_numbers_is_read_from_the_result() -> None:
    report = check_story(
        "Vague", _padded({**GOOD, "result": "The leads were happy and the team adopted the new process quickly."}, 240)
    )
    assert "no_numbers" in report.issues
    words_result = check_story(
        "Worded", _padded({**GOOD, "result": "Response time halved and three teams adopted the new process."}, 240)
    )
    assert "no_numbers" not in words_result.issues


def test_learning_from_a_section_or_a_closing_sentence() -> None:
    no_learning = _padded(
        {**GOOD, "learning": "", "result": "Triage took 52 minutes per agent a day before the tool shipped."}, 240
    )
    assert "no_learning" in check_story("Flat", no_learning).issues
    closing = _padded(
        {**GOOD, "learning": "", "result": "Triage fell to 20 minutes a day. Since then I size every problem first."},
        240,
    )
    assert "no_learning" not in check_story("Closing", closing).issues


def test_every_code_has_a_plain_language_fix() -> None:
    assert set(ISSUE_CODES) == {
        "missing_situation",
        "missing_task",
        "missing_action",
        "missing_result",
        "too_short",
        "too_long",
        "we_over_i",
        "no_numbers",
        "no_learning",
    }
    assert all(len(FIXES[c]) > 20 for c in ISSUE_CODES)
    report = check_story("Empty", {})
    assert [f.code for f in report.findings] == [
        "missing_situation",
        "missing_task",
        "missing_action",
        "missing_result",
        "too_short",
        "no_numbers",
        "no_learning",
    ]
    assert all(f.fix == FIXES[f.code] for f in report.findings)


def test_json_shape() -> None:
    data = check_story("Shape", GOOD).as_json()
    assert list(data) == [
        "title",
        "words",
        "speaking_seconds",
        "sections",
        "i_count",
        "we_count",
        "has_numbers",
        "issues",
    ]
    assert data["title"] == "Shape" and isinstance(data["issues"], list)
