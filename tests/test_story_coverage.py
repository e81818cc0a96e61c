"""Coverage of behavioural questions and theme prompts by stories; suggestions; gaps; the charts."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.core.figures import NoData
from lib.practice import questions
from lib.storage.db import open_db
from lib.stories import charts as stories_charts
from lib.stories import coverage as story_coverage
from lib.stories import links as story_links
from lib.stories import rehearsals as story_rehearsals
from lib.stories import similarity
from lib.stories import store as stories
from lib.stories import themes as story_themes

FAILURE = {
    "title": "The forecast nobody used",
    "theme_id": "failure",
    "situation": "I spent six weeks building a demand forecast for the warehouse on my own.",
    "task": "I wanted to cut overtime by predicting busy days a week ahead.",
    "action": "I built and tuned the model alone and presented it without asking the planners how they planned rotas.",
    "result": "Nobody used it and overtime did not change; the failed forecast sat unused for a quarter.",
    "learning": "I learned to start from the decision a forecast feeds. I failed because I skipped the users.",
}


def _failed_question_id(db) -> str:
    bank = questions.all_questions(db)
    return bank.loc[bank["text"] == "Tell me about a time you failed", "id"].iloc[0]


def test_rows_are_behavioural_questions_and_the_twelve_theme_prompts() -> None:
    with open_db() as db:
        rows = questions.coverage_questions(db, story_themes.load_themes().prompts)
    texts = list(rows["text"])
    for seed_question in [
        "Tell me about yourself",
        "Why PM? Why AI PM?",
        "Tell me about a time you failed",
        "Tell me about a conflict with an engineer",
        "Why are you interested in this role?",
    ]:
        assert seed_question in texts
    themes = rows[rows["kind"] == "theme"]
    assert len(themes) == 12
    assert "Tell me about how you identified this opportunity" in set(themes["text"])
    assert "theme-why-ai-pm" in set(themes["question_id"])


def test_custom_behavioural_questions_join_the_rows() -> None:
    with open_db() as db:
        before = questions.coverage_questions(db, story_themes.load_themes().prompts)
        custom_id = questions.add_custom_question(db, "behavioural", "Tell me about a time you mentored someone")
        questions.add_custom_question(db, "technical", "How does a vector index work?")
        rows = questions.coverage_questions(db, story_themes.load_themes().prompts)
    assert len(rows) == len(before) + 1
    added = rows[rows["question_id"] == custom_id]
    assert list(added["text"]) == ["Tell me about a time you mentored someone"]


def test_a_story_covers_its_theme_and_linking_covers_a_question() -> None:
    with open_db() as db:
        story_id = stories.save_story(db, FAILURE)
        failed = _failed_question_id(db)
        cov = story_coverage.coverage(db)
        assert cov["matrix"].loc["theme-failure", story_id] == story_coverage.STATE_COVERED
        assert cov["matrix"].loc[failed, story_id] != story_coverage.STATE_COVERED
        assert failed in set(cov["open_questions"]["question_id"])
        assert cov["themes_covered"] == 1 and len(cov["open_themes"]) == 11
        story_links.set_story_links(db, story_id, [failed])
        after = story_coverage.coverage(db)
        assert after["matrix"].loc[failed, story_id] == story_coverage.STATE_COVERED
        assert failed not in set(after["open_questions"]["question_id"])


def test_suggestions_find_the_matching_question_and_skip_linked_ones() -> None:
    with open_db() as db:
        story_id = stories.save_story(db, FAILURE)
        failed = _failed_question_id(db)
        suggestions = story_coverage.suggest_links(db, per_story=3)
        assert failed in list(suggestions["question_id"])
        assert "theme-failure" not in set(suggestions["question_id"])  # its own theme is already covered
        story_links.link_story(db, story_id, failed, "suggested")
        assert failed not in set(story_coverage.suggest_links(db, per_story=3)["question_id"])


def test_char_ngrams_pad_words_and_drop_stop_words() -> None:
    assert similarity.content_words("Tell me about the TIME you failed, in 2024") == ["failed", "2024"]
    # " ships " is 7 characters: four 4-grams, three 5-grams; a padded word of 4 or fewer is one n-gram.
    assert similarity.char_ngrams("ships") == [" shi", "ship", "hips", "ips ", " ship", "ships", "hips "]
    assert similarity.char_ngrams("ab xyz") == [" ab ", " xyz", "xyz ", " xyz "]


def test_tfidf_cosine_matches_hand_computed_values() -> None:
    # Question "ab" -> {" ab ": 1}; story "ab ab xy" -> {" ab ": 2, " xy ": 1}; n = 2 texts.
    # idf(" ab ") = ln(3/3) + 1 = 1; idf(" xy ") = ln(3/2) + 1 = 1.405465.
    # Story weights: (1 + ln 2) * 1 = 1.693147 and 1 * 1.405465; norm = sqrt(1.693147² + 1.405465²) = 2.200472.
    # The question is the unit vector on " ab ", so the cosine is 1.693147 / 2.200472 = 0.769447.
    [[score]] = similarity.similarity(["ab"], ["ab ab xy"])
    assert score == pytest.approx(0.769447, abs=1e-6)
    [_, (ids, weights)] = similarity.tfidf_vectors(["ab", "xy xy xy"])
    assert list(ids) == [1] and list(weights) == pytest.approx([1.0])  # one n-gram: unit weight whatever its count
    # Two questions: "ab" and "xy"; the story "xy" shares nothing with "ab" and all of itself with "xy".
    assert similarity.similarity(["ab", "xy"], ["xy"]) == [[0.0, pytest.approx(1.0)]]
    # A text of stop words only has no n-grams and is similar to nothing.
    assert similarity.similarity(["ab"], ["the and of"]) == [[0.0]]


def test_similarity_ranks_the_related_question_first() -> None:
    scores = similarity.similarity(
        ["Tell me about a conflict with an engineer", "What's your biggest weakness?"],
        ["I disagreed with the lead engineer about the launch date and we resolved the conflict together."],
    )
    assert scores[0][0] > scores[0][1]
    assert similarity.similarity(["q"], []) == []


def test_next_stories_lists_themes_questions_and_the_target() -> None:
    with open_db() as db:
        stories.save_story(db, FAILURE)
        todo = story_coverage.next_stories(story_coverage.coverage(db))
    assert any(t.startswith("Discovery: Tell me about how you identified this opportunity") for t in todo)
    assert not any(t.startswith("Failure:") for t in todo)
    assert "Answer: Tell me about yourself" in todo
    assert todo[-1] == "9 more stories to reach the target of 10"


def test_coverage_on_an_empty_bank_and_charts_without_data() -> None:
    with open_db() as db:
        cov = story_coverage.coverage(db)
        bank = stories.bank_report(db)
        reh = story_rehearsals.rehearsals(db)
    assert cov["matrix"].shape[1] == 0 and cov["story_count"] == 0
    assert isinstance(stories_charts.coverage_heatmap(cov["matrix"], [], []), NoData)
    assert isinstance(stories_charts.word_counts(bank, 200, 300), NoData)
    assert isinstance(stories_charts.rehearsals_over_time(reh), NoData)
    assert isinstance(stories_charts.stories_per_theme(bank, ["Discovery", "Failure"]), NoData)


def test_charts_show_the_bank(demo_dir) -> None:
    with open_db() as db:
        bank = stories.bank_report(db)
        cov = story_coverage.coverage(db)
        reh = story_rehearsals.rehearsals(db)
    names = [t.name for t in story_themes.load_themes().themes]
    per_theme = stories_charts.stories_per_theme(bank, names)
    assert list(per_theme.data[0].x) == names and sum(per_theme.data[0].y) == len(bank)
    words = stories_charts.word_counts(bank, 200, 300)
    assert list(words.data[0].x) == list(bank["words"])
    assert words.layout.shapes[0].x0 == 200 and words.layout.shapes[0].x1 == 300
    heat = stories_charts.coverage_heatmap(
        cov["matrix"], ["<b>q</b>"] + ["q"] * (len(cov["matrix"]) - 1), list(bank["title"])
    )
    assert pd.DataFrame(heat.data[0].z).shape == cov["matrix"].shape
    assert heat.data[0].y[0] == "&lt;b&gt;q&lt;/b&gt;"
    timeline = stories_charts.rehearsals_over_time(reh)
    assert sum(timeline.data[0].y) == len(reh)


def test_a_theme_prompt_the_bank_also_holds_is_one_row_covered_by_the_theme() -> None:
    prompt = "Tell me about how you identified this opportunity"
    with open_db() as db:
        rows = questions.coverage_questions(db, story_themes.load_themes().prompts)
        assert list(rows["text"]).count(prompt) == 1
        row = rows[rows["text"] == prompt].iloc[0]
        assert row["kind"] == "theme" and row["theme_id"] == "discovery"
        story_id = stories.save_story(db, {**FAILURE, "theme_id": "discovery", "title": "Finding the gap"})
        cov = story_coverage.coverage(db)
    assert cov["matrix"].loc[row["question_id"], story_id] == story_coverage.STATE_COVERED
    assert prompt not in set(cov["open_questions"]["text"])


def test_charts_of_a_large_bank_stay_small() -> None:
    many = stories_charts.MANY_STORIES + 40
    bank = pd.DataFrame(
        {
            "story_id": range(many),
            "title": [f"Story {i}" for i in range(many)],
            "words": [150 + 3 * i for i in range(many)],
        }
    )
    words = stories_charts.word_counts(bank, 200, 300)
    assert sum(words.data[0].y) == many and len(words.data[0].y) < stories_charts.MANY_STORIES
    matrix = pd.DataFrame([[2] * many], index=["q1"], columns=list(range(many)))
    heat = stories_charts.coverage_heatmap(matrix, ["q"], list(bank["title"]))
    assert pd.DataFrame(heat.data[0].z).shape == (1, stories_charts.MANY_STORIES)
    assert f"of {many} stories" in heat.layout.title.text
