"""Browser journey: log 90 minutes on Monday morning, see the Overview total and chart change."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser


def _logged_bar(pg) -> list[float]:
    """y values of the 'Logged' trace of the Overview's hours chart, read from Plotly in the page."""
    return pg.evaluate(
        """() => {
            const plot = [...document.querySelectorAll('.js-plotly-plot')]
                .find(p => (p._fullData || []).some(t => t.name === 'Logged'));
            return plot ? Array.from(plot._fullData.find(t => t.name === 'Logged').y, Number) : null;
        }"""
    )


def test_log_time_updates_overview(page, app_server) -> None:
    pg = page
    # Nothing logged yet: "Start here" instead of numbers, and the hours chart is a line saying what it will
    # show, not an empty axis.
    pg.get_by_text("Start here", exact=True).first.wait_for()
    wait_for_app_idle(pg)
    assert pg.get_by_text("Hours this week", exact=True).count() == 0
    assert _logged_bar(pg) is None

    pg.goto(f"{app_server.url}/curriculum")
    pg.get_by_role("heading", name="Log time").wait_for()
    pg.get_by_label("Session", exact=True).click()
    pg.get_by_role("option", name="Mon · Morning Session — Product Sense Framework").click()
    minutes = pg.get_by_label("Minutes", exact=True)
    minutes.fill("90")
    pg.get_by_role("button", name="Log time").click()
    wait_for_app_idle(pg)
    pg.get_by_text("Day 1 (Monday): Product Sense Interviews — 1.5 / 5 h").wait_for()

    pg.goto(app_server.url)
    pg.get_by_text("1.5 h", exact=True).first.wait_for()
    pg.locator(".js-plotly-plot").first.wait_for()
    after = _logged_bar(pg)
    assert after[0] == pytest.approx(1.5)
    assert sum(after) == pytest.approx(1.5)


def test_first_visit_straight_to_a_page_uses_the_app_navigation(browser_launcher, app_server) -> None:
    """A fresh server opened at /networking shows that page inside the app's own sections."""
    pg = browser_launcher().new_page()
    pg.set_default_timeout(30_000)
    pg.goto(f"{app_server.url}/networking")
    pg.get_by_role("heading", name="Networking").first.wait_for()
    sidebar = pg.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Job search", exact=True).wait_for()
    assert sidebar.get_by_role("link", name="Deliverables & data").is_visible()
    assert sidebar.get_by_role("link", name="deliverables", exact=True).count() == 0
