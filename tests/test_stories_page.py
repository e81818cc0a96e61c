"""The STAR stories page under AppTest: write, refuse bad input, see findings, link, rehearse, set the pace."""

from __future__ import annotations

from lib.core.textsafe import escape_markdown
from lib.storage.db import open_db
from lib.stories import links as story_links
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from tests.conftest import run_page

PAGE = "pages/stories.py"


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _fill_new_story(at, title: str, theme: str | None) -> None:
    at.text_input(key="stories_title_new").input(title)
    if theme:
        at.selectbox(key="stories_theme_new").set_value(theme)
    at.text_area(key="stories_situation_new").input("Our team was about to ship a routing change on Friday.")
    at.text_area(key="stories_action_new").input("We argued. We met. We shipped it anyway after a long discussion.")
    at.text_area(key="stories_result_new").input("It went fine.")


def test_a_story_without_a_theme_is_refused_at_the_field() -> None:
    at = run_page(PAGE)
    _fill_new_story(at, "Launch date", None)
    _button(at, "Save story").click().run()
    assert not at.exception
    assert any("choose one of the 12 themes" in e.value for e in at.error)
    with open_db() as db:
        assert stories.current_stories(db).empty


def test_writing_a_story_shows_its_findings() -> None:
    at = run_page(PAGE)
    _fill_new_story(at, "Launch date", "conflict")
    _button(at, "Save story").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with open_db() as db:
        bank = stories.current_stories(db)
    assert list(bank["title"]) == ["Launch date"]
    assert at.selectbox(key="stories_pick").value == bank.loc[0, "story_id"]
    warnings = " ".join(w.value for w in at.warning)
    for code in ("missing_task", "missing_result", "too_short", "we_over_i", "no_numbers", "no_learning"):
        assert f"**{escape_markdown(code)}**" in warnings
    assert escape_markdown("missing_situation") not in warnings


def test_linking_a_story_changes_the_coverage(demo_dir) -> None:
    at = run_page(PAGE)
    with open_db() as db:
        bank = stories.current_stories(db)
    story_id = bank.loc[bank["theme_id"] == "failure", "story_id"].iloc[0]
    at.selectbox(key="stories_pick").set_value(story_id).run()
    links = at.multiselect(key=f"stories_links_{story_id}")
    from lib.stories import coverage as story_coverage

    with open_db() as db:
        before = story_coverage.coverage(db)
    target = before["open_questions"]["question_id"].iloc[0]
    links.set_value([*links.value, target])
    _button(at, "Save links").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with open_db() as db:
        after = story_coverage.coverage(db)
    assert after["matrix"].loc[target, story_id] == story_coverage.STATE_COVERED
    assert len(after["open_questions"]) == len(before["open_questions"]) - 1


def test_logging_a_rehearsal_and_setting_the_pace(demo_dir) -> None:
    at = run_page(PAGE)
    with open_db() as db:
        count = len(story_rehearsals.rehearsals(db))
    at.number_input(key="stories_reh_seconds_0").set_value(140)
    _button(at, "Log rehearsal").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Next rehearsal due" in s.value for s in at.success)
    at.number_input(key="stories_pace").set_value(125)
    _button(at, "Save pace").click().run()
    with open_db() as db:
        assert len(story_rehearsals.rehearsals(db)) == count + 1
        assert story_rehearsals.rehearsals(db)["duration_s"].iloc[-1] == 140
        assert stories.speaking_pace(db) == 125
        calibrated = story_rehearsals.calibrated_pace(db)
    _button(at, f"Use my rehearsal pace ({calibrated:g})").click().run()
    with open_db() as db:
        assert stories.speaking_pace(db) == round(calibrated)


def test_duplicate_and_delete(demo_dir) -> None:
    at = run_page(PAGE)
    with open_db() as db:
        first = stories.current_stories(db).loc[0, "story_id"]
        total = len(stories.current_stories(db))
    at.selectbox(key="stories_pick").set_value(first).run()
    at.button(key="stories_duplicate").click().run()
    assert not at.exception
    copy = at.selectbox(key="stories_pick").value
    assert copy != first
    at.button(key="stories_delete").click().run()
    assert not at.exception
    with open_db() as db:
        assert len(stories.current_stories(db)) == total
        assert copy not in set(stories.current_stories(db)["story_id"])


def test_confirming_suggested_links_from_the_coverage_tab(demo_dir) -> None:
    at = run_page(PAGE)
    with open_db() as db:
        before = len(story_links.current_links(db))
    from lib.stories import coverage as story_coverage

    with open_db() as db:
        suggestions = story_coverage.coverage(db)["suggestions"]
    chosen = [tuple(p) for p in suggestions[["story_id", "question_id"]].values.tolist()[:2]]
    at.multiselect(key="stories_confirm").set_value(chosen)
    _button(at, "Link the confirmed ones").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with open_db() as db:
        links = story_links.current_links(db)
    assert len(links) == before + 2
    assert set(chosen) <= set(map(tuple, links[["story_id", "question_id"]].values.tolist()))
