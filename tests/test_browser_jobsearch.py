"""Browser journey: add a company and an application, move it through two stages, log an interview,
see the funnel count it at every stage it reached and the thank-you follow-up appear."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser


def _funnel_values(pg) -> list[int] | None:
    """x values of the pipeline funnel, read from Plotly in the page."""
    return pg.evaluate(
        """() => {
            const plot = [...document.querySelectorAll('.js-plotly-plot')]
                .find(p => (p._fullData || []).some(t => t.type === 'funnel' && t.name === 'Reached'));
            return plot ? Array.from(plot._fullData.find(t => t.name === 'Reached').x, Number) : null;
        }"""
    )


def _open_tab(pg, name: str, expect: str) -> None:
    """Select a tab and wait for ``expect`` inside it; a rerun still finishing can reset the tab, so retry."""
    for _ in range(5):
        wait_for_app_idle(pg)
        pg.get_by_role("tab", name=name).click()
        try:
            pg.get_by_text(expect).first.wait_for(timeout=4_000)
            return
        except Exception:
            continue
    pg.get_by_text(expect).first.wait_for()


def _choose(pg, label: str, option: str) -> None:
    """Pick an option of a selectbox; a rerun finishing underneath can close the list, so retry."""
    for _ in range(5):
        wait_for_app_idle(pg)
        pg.get_by_label(label, exact=True).click()
        try:
            pg.get_by_role("option", name=option, exact=True).click(timeout=4_000)
        except Exception:
            continue
        if pg.get_by_label(label, exact=True).input_value() == option:
            return
    assert pg.get_by_label(label, exact=True).input_value() == option


def test_application_journey_updates_funnel_and_follow_ups(page, app_server) -> None:
    pg = page
    pg.goto(f"{app_server.url}/companies")
    pg.get_by_label("Name", exact=True).fill("Lumière Santé")
    pg.get_by_role("button", name="Add company").click()
    pg.get_by_text("1 / 20+").wait_for()

    pg.goto(f"{app_server.url}/applications")
    pg.get_by_role("tab", name="Add & move").click()
    pg.get_by_label("Role", exact=True).fill("AI Product Manager")
    pg.get_by_role("button", name="Add application").click()
    pg.get_by_text("Nudge").first.wait_for()
    _open_tab(pg, "Board", "Applied (1)")
    _open_tab(pg, "Add & move", "Move an application to a stage")
    pg.get_by_role("button", name="Move").click()  # the form starts on 'Recruiter screen'
    _open_tab(pg, "Board", "Recruiter screen (1)")
    _open_tab(pg, "Add & move", "Move an application to a stage")
    _choose(pg, "New stage", "Hiring manager")
    pg.get_by_role("button", name="Move").click()
    _open_tab(pg, "Board", "Hiring manager (1)")
    _open_tab(pg, "Interviews", "Log an interview")
    _choose(pg, "Round", "Hiring manager")
    pg.get_by_role("button", name="Log interview").click()
    pg.get_by_text("Lumière Santé — Hiring manager interview for AI Product Manager").first.wait_for()
    assert (
        "Thank-you note"
        in pg.get_by_text("Lumière Santé — Hiring manager interview for AI Product Manager").first.inner_text()
    )

    pg.get_by_role("tab", name="Charts").click()
    pg.locator(".js-plotly-plot").first.wait_for()
    pg.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => (p._fullData || []).some(t => t.type === "
        "'funnel'))"
    )
    assert _funnel_values(pg) == [1, 1, 1, 1, 0, 0, 0]
