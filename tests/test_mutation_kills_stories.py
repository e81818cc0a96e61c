"""A story's telling time in words at the band's edges, its words as the checks read them, marks inside an import."""

from __future__ import annotations

import pytest

from lib.stories.checks import finding_labels, timing_note, words
from lib.stories.markdown import parse_stories, render_document


@pytest.mark.parametrize(
    ("seconds", "note"),
    [
        (0, "about 0:00 to tell: under 2 minutes"),
        (119, "about 1:59 to tell: under 2 minutes"),
        (120, "about 2:00 to tell: inside 2-3 minutes"),
        (121, "about 2:01 to tell: inside 2-3 minutes"),
        (125, "about 2:05 to tell: inside 2-3 minutes"),
        (180, "about 3:00 to tell: inside 2-3 minutes"),
        (181, "about 3:01 to tell: over 3 minutes"),
        (183, "about 3:03 to tell: over 3 minutes"),
        (3660, "about 61:00 to tell: over 3 minutes"),
    ],
)
def test_the_telling_time_is_shown_against_the_two_to_three_minute_band(seconds, note) -> None:
    assert timing_note(seconds) == note


def test_the_band_can_be_set_and_is_shown_without_trailing_zeros() -> None:
    assert timing_note(89, 1.5, 2.5) == "about 1:29 to tell: under 1.5 minutes"
    assert timing_note(90, 1.5, 2.5) == "about 1:30 to tell: inside 1.5-2.5 minutes"
    assert timing_note(151, 1.5, 2.5) == "about 2:31 to tell: over 2.5 minutes"


def test_words_are_lower_case_with_straight_apostrophes_and_numbers() -> None:
    assert words("It’s 3 Big-wins, don't 40%!") == ["it's", "3", "big", "wins", "don't", "40"]
    assert words(None) == [] and words("") == []


def test_a_byte_order_mark_inside_an_imported_file_is_dropped() -> None:
    text = render_document([("First", {"situation": "S"}, {})])
    joined = text + "\ufeff" + text.replace("First", "Sec\ufeffond")
    assert [story.title for story in parse_stories("\ufeff" + joined)] == ["First", "Second"]


def test_findings_are_named_in_words_and_unknown_codes_as_they_are() -> None:
    assert finding_labels(["missing_result", "we_over_i", "no_learning"]) == 'No Result, "we" over "I", No lesson'
    assert finding_labels(["something_new", "too_long"]) == "something_new, Too long"
    assert finding_labels([]) == ""
