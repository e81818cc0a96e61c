"""Browser journey: write a story, see its findings, link it to a question, see the coverage matrix change."""

from __future__ import annotations

import re

import pytest

from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser


def _covered_cells(pg) -> int | None:
    """How many cells of the coverage heatmap say 'answers' (2), read from Plotly in the page."""
    return pg.evaluate(
        """() => {
            const plot = [...document.querySelectorAll('.js-plotly-plot')]
                .find(p => (p._fullData || []).some(t => t.type === 'heatmap'));
            if (!plot) return null;
            // z may arrive as rows of typed arrays (Plotly's binary encoding of numpy data).
            const z = plot._fullData.find(t => t.type === 'heatmap').z;
            return Array.from(z, row => Array.from(row)).flat().filter(v => v === 2).length;
        }"""
    )


def _script_done(pg) -> None:
    """Wait until the page's script has finished its run (a tab opened meanwhile would wait for the next)."""
    pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def _open_coverage(pg) -> int:
    pg.get_by_role("tab", name="Coverage").click()
    pg.locator(".js-plotly-plot").first.wait_for()
    pg.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => (p._fullData || []).some(t => t.type === "
        "'heatmap'))"
    )
    return _covered_cells(pg)


def test_write_story_see_findings_link_and_coverage_changes(page, app_server) -> None:
    pg = page
    pg.goto(f"{app_server.url}/stories")
    pg.get_by_role("heading", name="STAR stories").wait_for()

    pg.get_by_label("Title", exact=True).fill("Launch date disagreement")
    pg.get_by_label("Theme", exact=True).click()
    pg.get_by_role("option", name="8. Conflict").click()
    pg.get_by_label("Situation — Set context").fill("Our team was about to ship a routing change on Friday.")
    pg.get_by_label("Action — What YOU did (specific actions)").fill(
        "We argued about it. We met again and we shipped anyway."
    )
    pg.get_by_label("Result — Outcome (metrics if possible)").fill("It went fine in the end.")
    pg.get_by_role("button", name="Save story").click()
    wait_for_app_idle(pg)

    pg.get_by_text("we_over_i", exact=True).wait_for()
    pg.get_by_text("missing_task", exact=True).wait_for()
    pg.get_by_text("no_numbers", exact=True).wait_for()

    before = _open_coverage(pg)
    assert before == 1  # the story covers its own theme prompt

    pg.get_by_role("tab", name="Stories").click()
    pg.get_by_label("Questions this story answers").click()
    pg.keyboard.type("conflict with an engineer")
    pg.get_by_role("option", name="Tell me about a conflict with an engineer").click()
    pg.keyboard.press("Escape")
    pg.get_by_role("button", name="Save links").click()
    wait_for_app_idle(pg)

    # Only the open tab is drawn: the matrix is drawn again when the Coverage tab is opened.
    _script_done(pg)
    _open_coverage(pg)
    pg.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.js-plotly-plot')]
                     .find(p => (p._fullData || []).some(t => t.type === 'heatmap'));
                   return p && Array.from(p._fullData[0].z, r => Array.from(r)).flat()
                                   .filter(v => v === 2).length === 2; }"""
    )
    assert _open_coverage(pg) == 2


def test_tell_it_out_loud_timer_prefills_the_rehearsal_log(page, app_server) -> None:
    pg = page
    pg.goto(f"{app_server.url}/stories")
    pg.get_by_role("heading", name="STAR stories").wait_for()
    pg.get_by_label("Title", exact=True).fill("Why I moved to product")
    pg.get_by_label("Theme", exact=True).click()
    pg.get_by_role("option", name="11. Why PM").click()
    pg.get_by_label("Situation — Set context").fill("For four years I answered questions with data as an analyst.")
    pg.get_by_role("button", name="Save story").click()
    wait_for_app_idle(pg)

    _script_done(pg)
    pg.get_by_role("tab", name="Rehearse").click()
    pg.get_by_role("button", name="Start telling it out loud").click()
    pg.get_by_text(re.compile(r"^0:0[2-9]$")).wait_for()  # the fragment ticks on its own
    pg.get_by_role("button", name="Stop").click()
    wait_for_app_idle(pg)
    # The form from before the stop stays on screen until the rerun replaces it with the measured time.
    pg.wait_for_function(
        """() => { const inputs = document.querySelectorAll('input[aria-label="Duration (seconds)"]');
                   return inputs.length === 1 && inputs[0].value !== '150'; }"""
    )
    seconds = int(pg.get_by_label("Duration (seconds)").input_value())
    assert 2 <= seconds < 30
    pg.get_by_role("button", name="Log rehearsal").click()
    pg.get_by_text("Logged. Next rehearsal due").wait_for()


def test_import_a_markdown_file_after_preview(page, app_server, tmp_path) -> None:
    md = tmp_path / "my-stories.md"
    md.write_text(
        "## Cutting the roadmap\n\nTheme: Prioritization\n\n"
        "**Situation:** I had eleven features and time for three.\n\n"
        "**Action:** I scored each with RICE and I cut eight.\n\n"
        "**Result:** I shipped three features four days early.\n\n"
        "## The forecast nobody used\n\nTheme: Failure\n\n**Situation:** I built a forecast alone for six weeks.\n",
        encoding="utf-8",
    )
    pg = page
    pg.goto(f"{app_server.url}/stories")
    pg.get_by_role("heading", name="STAR stories").wait_for()
    pg.get_by_role("tab", name="Import & export").click()
    pg.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(md))
    pg.get_by_role("button", name="Import 2 stories").wait_for()
    pg.get_by_text("Stories", exact=True).first.wait_for()
    assert pg.get_by_text("0 / 10").count() == 1  # previewed, not yet stored
    pg.get_by_role("button", name="Import 2 stories").click()
    pg.get_by_text("2 / 10").wait_for()
