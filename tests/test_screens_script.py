"""scripts/screens.py: every page of the navigation, shot whole at each width, on empty and demo data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from lib.ui import navigation
from scripts import screens
from tests.conftest import browser_available

ROOT = Path(__file__).resolve().parent.parent


def test_pages_come_from_the_navigation() -> None:
    args = screens.parse_args([])
    assert args.pages == [p.url_path for p in navigation.PAGES]
    assert args.widths == [1440, 390] and args.data == ["empty", "demo"]


def test_an_unknown_page_is_refused_with_the_list() -> None:
    with pytest.raises(SystemExit) as exc:
        screens.parse_args(["--pages", "overview,nosuch"])
    assert exc.value.code == 2


def _ink(image: Image.Image) -> float:
    """Share of pixels that differ clearly from the page's background (its most common colour)."""
    grey = image.convert("L")
    counts = grey.histogram()
    background = counts.index(max(counts))
    return sum(n for level, n in enumerate(counts) if abs(level - background) > 40) / (grey.width * grey.height)


@pytest.mark.browser
def test_the_script_shoots_one_page_at_both_widths_on_both_data_sets(tmp_path: Path) -> None:
    if not browser_available():
        pytest.skip("no /usr/bin/chromium on this machine")
    out = tmp_path / "screens"
    done = subprocess.run(
        [sys.executable, "scripts/screens.py", "--out", str(out), "--pages", "overview", "--widths", "1440,390"],
        cwd=ROOT,
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    firsts = [name for name in screens.FIRST_SCREENS if "-overview-" in name]
    assert done.stdout.splitlines()[-1].startswith(f"{4 + len(firsts)} images, ")
    for name in firsts:
        with Image.open(out / f"{name}-first.jpg") as top:
            assert top.height == screens.HEIGHTS[top.width]
    for data in ("empty", "demo"):
        for width, first_screen in ((1440, 900), (390, 844)):
            path = out / f"{data}-overview-{width}.jpg"
            with Image.open(path) as image:
                assert image.format == "JPEG"
                assert image.width == width
                # Full page: at least the first screen, and the Overview is longer than one screen.
                assert image.height > first_screen
                # Not blank: text and widgets drawn, not a white or single-colour frame.
                assert max(ImageStat.Stat(image.convert("L")).stddev) > 10
                assert _ink(image) > 0.01, f"{path.name} is nearly blank"
