"""Browser: the Overview's first screen leads with "Next" on data and "Start here" on an empty database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import wait_for_app_idle

pytestmark = pytest.mark.browser

# (width, height) of the first screen: a laptop and a phone.
SCREENS = [(1440, 900), (390, 844)]
START_BUTTONS = ["Choose Day 1", "Log time", "Write a story", "Add companies"]


def _heading_top(browser, url: str, heading: str, size: tuple[int, int], shot: Path, shown: list[str]) -> float:
    """Top of ``heading``'s bounding box, in CSS pixels from the top of the page, at window ``size``.

    The buttons named in ``shown`` must be drawn too (and are, before the screenshot is taken).
    """
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.goto(url)
    target = pg.get_by_role("heading", name=heading, exact=True)
    target.wait_for()
    wait_for_app_idle(pg)
    for name in shown:
        pg.get_by_role("button", name=name).wait_for(state="visible")
    if heading == "Start here":
        # How to try the sample without touching the user's data: a separate folder, shown as commands.
        pg.locator("code").filter(has_text="PREP_DATA_DIR=").first.wait_for(state="visible")
    box = target.bounding_box()
    pg.screenshot(path=str(shot))
    context.close()
    assert box is not None
    return box["y"]


def _shots(tmp_path: Path) -> Path:
    # PREP_SCREENSHOT_DIR keeps the pictures for a person to look at; otherwise they go with the test's folder.
    folder = Path(os.environ.get("PREP_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}px")
def test_next_is_on_the_first_screen_on_demo_data(demo_dir, browser_launcher, app_server, tmp_path, size) -> None:
    browser = browser_launcher()
    shot = _shots(tmp_path) / f"overview-demo-{size[0]}.png"
    top = _heading_top(browser, app_server.url, "Next", size, shot, ["Do it now"])
    assert 0 <= top < size[1], f"'Next' starts at {top:.0f} px, below the first {size[1]} px"


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}px")
def test_start_here_is_on_the_first_screen_when_empty(browser_launcher, app_server, tmp_path, size) -> None:
    browser = browser_launcher()
    shot = _shots(tmp_path) / f"overview-empty-{size[0]}.png"
    top = _heading_top(browser, app_server.url, "Start here", size, shot, START_BUTTONS)
    assert 0 <= top < size[1], f"'Start here' starts at {top:.0f} px, below the first {size[1]} px"
