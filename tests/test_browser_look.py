"""One look at desktop and phone width: titles that fit, chart titles clear of the tool bar, every page listed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.ui import navigation
from tests.conftest import AppServer, wait_for_app_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_app(demo_dir: Path):
    """The app on demo data."""
    server = AppServer(demo_dir)
    yield server
    server.stop()


def _open(browser_launcher, url: str, width: int, height: int):
    page = browser_launcher().new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(60_000)
    page.goto(url)
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for()
    wait_for_app_idle(page)
    return page


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_the_page_title_fits_a_phone_in_two_lines(demo_app: AppServer, browser_launcher) -> None:
    page = _open(browser_launcher, demo_app.url, 390, 844)
    title = page.get_by_role("heading", name="Week 12: Interview Mastery").locator("[data-heading-text]")
    # One client rectangle per line the text wraps onto.
    lines = title.evaluate(
        """h => { const r = document.createRange(); r.selectNodeContents(h);
                  return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"""
    )
    assert lines <= 2, f"the Overview's title takes {lines} lines at 390 px"


def test_every_page_is_listed_beside_the_practice_timer(demo_app: AppServer, browser_launcher) -> None:
    page = _open(browser_launcher, f"{demo_app.url}/practice", 1440, 900)
    nav = page.locator('[data-testid="stSidebarNav"]')
    for spec in navigation.PAGES:
        assert nav.get_by_text(spec.title, exact=True).is_visible(), f"{spec.title} is hidden in the sidebar"
    assert not nav.get_by_text(re.compile(r"^View (\d+ more|less)$")).count(), "pages hidden behind 'View more'"


def test_a_long_chart_title_stays_whole_and_clear_of_the_tool_bar_on_a_phone(
    demo_app: AppServer, browser_launcher
) -> None:
    title = "Where applications went: stage-to-stage flows"
    page = _open(browser_launcher, f"{demo_app.url}/applications", 390, 844)
    page.get_by_role("tab", name="Charts").click()
    words = page.get_by_text(title, exact=True).first
    words.wait_for()
    page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
    drawn_inside = page.locator('[data-testid="stPlotlyChart"]', has_text=title)
    sankey = (
        drawn_inside.first
        if drawn_inside.count()
        else words.locator("xpath=following::*[@data-testid='stPlotlyChart'][1]")
    )
    sankey.scroll_into_view_if_needed()
    sankey.hover()
    toolbar = sankey.locator(".modebar")
    toolbar.wait_for()
    text, bar = words.bounding_box(), toolbar.bounding_box()
    assert text["x"] >= 0 and text["x"] + text["width"] <= 390, f"the title runs off the screen: {text}"
    assert not _overlap(text, bar), f"the tool bar {bar} covers the title {text}"
