"""Browser journey: a practice answer and a story draft survive a reload of the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser


def test_a_practice_answer_survives_a_reload(page, app_server) -> None:
    pg = page
    pg.goto(f"{app_server.url}/practice")
    pg.get_by_role("heading", name="Practice").wait_for()
    pg.get_by_role("heading", name="Design an AI feature for Spotify").wait_for()
    clarify = pg.get_by_label("Clarify", exact=True)
    clarify.fill("Casual listeners who want music for a moment.")
    clarify.press("Control+Enter")
    wait_for_app_idle(pg)
    # The timer stays in sight (the sidebar) and pauses.
    sidebar = pg.get_by_test_id("stSidebar")
    sidebar.get_by_text("Time left").wait_for()
    sidebar.get_by_role("button", name="Pause").click()
    sidebar.get_by_text("Time left (paused)").wait_for()

    pg.reload()
    pg.get_by_role("heading", name="Design an AI feature for Spotify").wait_for()
    expect(pg.get_by_label("Clarify", exact=True)).to_have_value("Casual listeners who want music for a moment.")
    pg.get_by_text("Draft from").wait_for()


def test_a_story_draft_survives_a_reload(page, app_server) -> None:
    pg = page
    pg.goto(f"{app_server.url}/stories")
    pg.get_by_role("heading", name="STAR stories").wait_for()
    pg.get_by_label("Title", exact=True).fill("Launch date disagreement")
    situation = pg.get_by_label("Situation — Set context")
    situation.fill("Our team was about to ship a routing change on Friday.")
    situation.press("Control+Enter")
    wait_for_app_idle(pg)

    pg.reload()
    pg.get_by_role("heading", name="STAR stories").wait_for()
    expect(pg.get_by_label("Title", exact=True)).to_have_value("Launch date disagreement")
    expect(pg.get_by_label("Situation — Set context")).to_have_value(
        "Our team was about to ship a routing change on Friday."
    )
    pg.get_by_text("Draft from").wait_for()
