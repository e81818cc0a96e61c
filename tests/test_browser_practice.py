"""Browser journey: open a question, start the timer, answer, submit, tick the guide, see history and chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser


def _trace_y(pg, name: str) -> list[float] | None:
    """y values of the Plotly trace called ``name`` on the page."""
    return pg.evaluate(
        """(name) => {
            const plot = [...document.querySelectorAll('.js-plotly-plot')]
                .find(p => (p._fullData || []).some(t => t.name === name));
            return plot ? Array.from(plot._fullData.find(t => t.name === name).y, Number) : null;
        }""",
        name,
    )


def test_practise_a_question_end_to_end(page, app_server) -> None:
    pg = page
    pg.goto(f"{app_server.url}/practice")
    pg.get_by_role("heading", name="Practice").wait_for()
    pg.get_by_role("heading", name="Design an AI feature for Spotify").wait_for()

    pg.get_by_role("button", name="Start timer").click()
    pg.get_by_text("Time left").wait_for()
    first = pg.locator('[data-testid="stMetricValue"]').inner_text()
    pg.wait_for_timeout(2200)
    assert pg.locator('[data-testid="stMetricValue"]').inner_text() != first

    clarify = pg.get_by_label("Clarify", exact=True)
    clarify.fill("Casual listeners who want music for a moment.")
    clarify.press("Control+Enter")
    wait_for_app_idle(pg)
    pg.get_by_role("button", name="Submit answer").click()
    pg.get_by_role("heading", name="Review attempt 1").wait_for()
    # The answer stays on screen beside the coach's feedback; answering again starts from empty boxes.
    expect(pg.locator(".st-key-practice_result_answer")).to_contain_text("Casual listeners")
    pg.get_by_role("button", name="Answer again").click()
    wait_for_app_idle(pg)  # a loaded machine can take longer than expect's 5 s to rerun the tab
    expect(clarify).to_have_value("", timeout=20_000)

    point = pg.get_by_test_id("stForm").get_by_role("checkbox", name="Clarifies which Spotify user")
    point.check()
    expect(point).to_be_checked()
    pg.get_by_role("button", name="Save review").click()
    pg.get_by_text("Review saved").wait_for()

    pg.get_by_role("tab", name="History").click()
    pg.locator("strong", has_text="Attempt 1").first.wait_for()
    pg.locator('[data-testid="stCode"]', has_text="Casual listeners who want music for a moment.").first.wait_for()

    pg.get_by_role("tab", name="Charts").click()
    pg.locator(".js-plotly-plot").first.wait_for()
    pg.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
            .some(p => (p._fullData || []).some(t => t.name === 'Attempts'))"""
    )
    assert _trace_y(pg, "Attempts")[0] == 1


def test_answering_again_after_leaving_the_page_brings_back_the_boxes_and_the_timer(page, app_server) -> None:
    """Submit and Answer again rerun only the answer; after a visit elsewhere they still work, with no error."""
    pg = page
    pg.goto(f"{app_server.url}/practice")
    pg.get_by_role("heading", name="Design an AI feature for Spotify").wait_for()
    clarify = pg.get_by_label("Clarify", exact=True)
    clarify.fill("Casual listeners who want music for a moment.")
    clarify.press("Tab")
    wait_for_app_idle(pg)
    pg.locator('[data-testid="stSidebar"]').get_by_text("Time left").wait_for()
    pg.get_by_role("button", name="Submit answer").click()
    pg.get_by_role("heading", name="Review attempt 1").wait_for()
    wait_for_app_idle(pg)
    assert pg.locator('[data-testid="stSidebar"]').get_by_text("Time left").count() == 0  # the submit stopped it

    pg.locator('[data-testid="stSidebarNav"] a').filter(has=pg.get_by_text("Curriculum", exact=True)).first.click()
    pg.get_by_role("heading", name="Log time").wait_for()
    wait_for_app_idle(pg)
    pg.locator('[data-testid="stSidebarNav"] a').filter(has=pg.get_by_text("Practice", exact=True)).first.click()
    pg.get_by_role("button", name="Answer again").click()
    wait_for_app_idle(pg)  # a loaded machine can take longer than expect's 5 s to rerun the tab
    expect(clarify).to_have_value("", timeout=20_000)
    clarify.fill("Commuters first.")
    clarify.press("Tab")
    wait_for_app_idle(pg)
    pg.locator('[data-testid="stSidebar"]').get_by_text("Time left").wait_for()
    assert pg.get_by_test_id("stException").count() == 0
    pg.get_by_role("button", name="Submit answer").click()
    pg.get_by_role("heading", name="Review attempt 2").wait_for()
    assert pg.get_by_test_id("stException").count() == 0
