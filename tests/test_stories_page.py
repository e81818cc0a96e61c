"""The STAR stories page under AppTest: write, refuse bad input, see findings, link, rehearse, set the pace."""

from __future__ import annotations

import datetime as dt

from lib.core import clock
from lib.core.textsafe import escape_markdown
from lib.practice import rehearsal
from lib.storage.db import open_db
from lib.stories import links as story_links
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from lib.stories import themes as story_themes
from lib.stories.coverage import coverage as story_coverage_of
from lib.ui.stories import STORIES_OFFERED as OFFERED
from lib.ui.stories import TAB_KEY, offered_stories
from tests.conftest import open_tab, run_page

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
    open_tab(at, TAB_KEY, "Rehearse")
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
    open_tab(at, TAB_KEY, "Coverage")
    at.multiselect(key="stories_confirm").set_value(chosen)
    _button(at, "Link the confirmed ones").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with open_db() as db:
        links = story_links.current_links(db)
    assert len(links) == before + 2
    assert set(chosen) <= set(map(tuple, links[["story_id", "question_id"]].values.tolist()))


STORY = {
    "title": "Cutting the roadmap",
    "theme_id": "prioritization",
    "situation": "I had eleven features and time for three.",
    "action": "I scored each with RICE and I cut eight.",
    "result": "I shipped three features four days early.",
}


def _day_with_year(when: dt.datetime, weekday: bool = False) -> str:
    day = when.astimezone().date()
    return f"{day:%a} {day.day} {day:%b} {day.year}" if weekday else f"{day.day} {day:%b} {day.year}"


def test_a_rehearsal_due_in_another_year_shows_its_year() -> None:
    # A telling stamped more than a year ahead (a clock set wrong, say) puts the next one in another year.
    with open_db() as db:
        story_id = stories.save_story(db, STORY)
        due = story_rehearsals.log_rehearsal(db, story_id, 150, 4, when=clock.now() + dt.timedelta(days=400))
    at = open_tab(run_page(PAGE), TAB_KEY, "Rehearse")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="stories_reh_pick").options == [f"{STORY['title']} · next on {_day_with_year(due)}"]
    _button(at, "Log rehearsal").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with open_db() as db:
        due = rehearsal.cards(db, "story")["due"].iloc[0].to_pydatetime()
    assert [s.value for s in at.success] == [f"Logged\\. Next rehearsal due {_day_with_year(due, weekday=True)}\\."]


def test_only_the_open_tab_is_drawn(demo_dir) -> None:
    at = run_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="stories_pick") and not at.get("plotly_chart")
    for label, key in [("Coverage", "stories_confirm"), ("Rehearse", "stories_reh_pick")]:
        open_tab(at, TAB_KEY, label)
        assert not at.exception, [e.value for e in at.exception]
        assert [w.key for w in at.main if getattr(w, "key", None) == key] == [key]
        assert "stories_pick" not in {getattr(w, "key", None) for w in at.main}
    open_tab(at, TAB_KEY, "Charts")
    assert len(at.get("plotly_chart")) == 3


def test_a_picked_story_stays_picked_across_tabs(demo_dir) -> None:
    at = run_page(PAGE)
    with open_db() as db:
        story_id = stories.current_stories(db)["story_id"].iloc[-1]
    at.selectbox(key="stories_pick").set_value(story_id).run()
    open_tab(at, TAB_KEY, "Charts")
    open_tab(at, TAB_KEY, "Stories")
    assert at.selectbox(key="stories_pick").value == story_id


def _theme_label(theme_id: str) -> str:
    theme = next(t for t in story_themes.load_themes().themes if t.id == theme_id)
    return f"{theme.number}. {theme.name}"


def _many_stories(count: int) -> list[str]:
    with open_db() as db:
        return [stories.save_story(db, {**STORY, "title": f"Story number {n}"}) for n in range(count)]


def test_a_large_bank_offers_the_latest_stories_and_a_search_for_the_rest() -> None:
    ids = _many_stories(OFFERED + 5)
    at = run_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    picker = at.selectbox(key="stories_pick")
    assert len(picker.options) == OFFERED + 1  # and "New story"
    assert f"Story number 0 · {_theme_label('prioritization')}" not in picker.options  # the oldest waits for a search
    assert len(at.dataframe[0].value) == OFFERED
    at.text_input(key="stories_search").input("number 0").run()
    assert at.selectbox(key="stories_pick").options[1:] == [f"Story number 0 · {_theme_label('prioritization')}"]
    at.selectbox(key="stories_pick").set_value(ids[0]).run()
    at.text_input(key="stories_search").input("").run()  # the picked story stays picked when the search is cleared
    assert at.selectbox(key="stories_pick").value == ids[0]
    assert at.text_input(key="stories_title_" + ids[0]).value == "Story number 0"
    open_tab(at, TAB_KEY, "Rehearse")  # the next stories to tell, never the whole bank
    assert len(at.selectbox(key="stories_reh_pick").options) == OFFERED


def test_a_small_bank_offers_every_story_without_a_search(demo_dir) -> None:
    at = run_page(PAGE)
    with open_db() as db:
        count = len(stories.current_stories(db))
    assert len(at.selectbox(key="stories_pick").options) == count + 1
    assert "stories_search" not in {getattr(w, "key", None) for w in at.main}


def test_offered_stories_are_the_latest_saved_or_the_ones_found_in_bank_order() -> None:
    ids = _many_stories(5)
    with open_db() as db:
        stories.save_story(db, {**STORY, "title": "Story number 1, told again"}, ids[1])
        bank = stories.bank_report(db)
    assert list(offered_stories(bank, limit=2)["story_id"]) == [i for i in bank["story_id"] if i in {ids[1], ids[4]}]
    assert list(offered_stories(bank, "TOLD again")["story_id"]) == [ids[1]]
    assert list(offered_stories(bank, "prioritiz")["story_id"]) == list(bank["story_id"])
    assert offered_stories(bank, "no such story").empty


def test_linking_a_suggested_question_with_one_click(demo_dir) -> None:
    with open_db() as db:
        suggestion = story_coverage_of(db)["suggestions"].iloc[0]
        before = len(story_links.current_links(db))
    at = run_page(PAGE)
    at.selectbox(key="stories_pick").set_value(suggestion.story_id).run()
    at.button(key=f"stories_suggest_{suggestion.story_id}_{suggestion.question_id}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with open_db() as db:
        links = story_links.current_links(db)
    assert len(links) == before + 1
    assert (suggestion.story_id, suggestion.question_id) in set(map(tuple, links[["story_id", "question_id"]].values))
    assert f"stories_suggest_{suggestion.story_id}_{suggestion.question_id}" not in {b.key for b in at.button}
