"""Screenshots of every page, on an empty and on a demo database, at desktop and phone width.

    python scripts/screens.py [--out docs/screens] [--pages overview,practice] [--widths 1440,390]
                              [--data empty,demo] [--quality 65] [--tabs]

Starts the app once per data set (a fresh empty data directory, then one
filled by `python -m lib demo --scale 1`), opens every page of the app's own
navigation (lib/ui/navigation.py) in headless Chromium, waits until the page's
script has finished and its charts are drawn, and saves the whole page as
`{data}-{page}-{width}.jpg` (with --tabs, each later tab of the page's tab bar
as `{data}-{page}-tab-{tab}-{width}.jpg`: charts mostly live in tabs), and
the first screen of the few shots the README shows as `…-first.jpg`. Prints
one line per image, then the count and the folder's size as the last line.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.ui import navigation  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402

DATA_SETS = ("empty", "demo")
WIDTHS = (1440, 390)
# The first screen's height at each width: a laptop, and a phone (iPhone 12–15).
HEIGHTS = {1440: 900, 390: 844}
# Shots the README shows by their first screen (a whole page is too tall to read there).
FIRST_SCREENS = (
    "demo-overview-1440",
    "demo-overview-390",
    "empty-overview-1440",
    "demo-practice-1440",
    "demo-applications-1440",
    "demo-recordings-1440",
)
# Chromium cannot capture a taller page in one image; no page of the app comes near it.
MAX_HEIGHT = 16_000

# The script run has finished (no rerun pending), every Plotly chart has drawn its SVG, nothing is a
# loading skeleton; then the page's height: Streamlit's main pane scrolls inside the window, so its
# content height is the page's real height.
PAGE_STATE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
  const titled = !!document.querySelector('[data-testid="stMainBlockContainer"] h1');
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const drawn = charts.every(c => c.querySelector('.main-svg'))
    && !document.querySelector('[data-testid="stSkeleton"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const height = Math.ceil(Math.max(main ? main.scrollHeight : 0, document.documentElement.scrollHeight));
  return {ready: idle && titled && drawn, height};
}"""
POLL_MS = 400
STEADY_POLLS = 3  # ready at the same height this many polls in a row: a st.rerun() leaves a short idle gap


def page_address(base_url: str, spec: navigation.PageSpec) -> str:
    """The page's URL on the running app (the default page lives at the root)."""
    return base_url + "/" if spec.default else f"{base_url}/{spec.url_path}"


def wait_until_drawn(pg, timeout_s: float = 180) -> int:
    """Wait until the script run has finished, every chart has drawn and the page stops growing; its height."""
    deadline = time.monotonic() + timeout_s
    steady, last = 0, -1
    while time.monotonic() < deadline:
        state = pg.evaluate(PAGE_STATE)
        steady = steady + 1 if state["ready"] and state["height"] == last else 0
        if steady >= STEADY_POLLS:
            return state["height"]
        last = state["height"]
        pg.wait_for_timeout(POLL_MS)
    raise TimeoutError(f"{pg.url} did not finish drawing in {timeout_s:.0f} s")


def capture(pg, width: int, path: Path, quality: int) -> None:
    """Save what the page shows now, top to bottom, once it has finished drawing."""
    first_screen = HEIGHTS.get(width, 900)
    # Back to one screen first: in a taller window the pane is never shorter than the window.
    pg.set_viewport_size({"width": width, "height": first_screen})
    height = wait_until_drawn(pg)
    # The window grows to the page's height, so a full-page capture holds all of the scrolling pane.
    for _ in range(3):
        height = min(max(first_screen, height), MAX_HEIGHT)
        if height == pg.viewport_size["height"]:
            break
        pg.set_viewport_size({"width": width, "height": height})
        height = wait_until_drawn(pg)
    pg.screenshot(path=str(path), full_page=True, type="jpeg", quality=quality)


def slug(label: str) -> str:
    """A tab's label as a file name part: "Add & move" → "add-move"."""
    return "-".join("".join(c if c.isalnum() else " " for c in label.lower()).split())


def shoot(browser, base_url: str, spec: navigation.PageSpec, width: int, path: Path, quality: int, tabs: bool):
    """Open one page at ``width`` and save the whole of it; with ``tabs``, each later tab of its first tab bar too."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS.get(width, 900)}, device_scale_factor=1)
    written = [path]
    try:
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        pg.goto(page_address(base_url, spec))
        capture(pg, width, path, quality)
        bar = pg.locator('[data-testid="stMainBlockContainer"] [data-testid="stTabs"]').first
        labels = [t.inner_text().strip() for t in bar.get_by_role("tab").all()] if tabs and bar.count() else []
        for index, label in enumerate(labels[1:], start=1):
            bar.get_by_role("tab").nth(index).click()
            tab_path = path.with_name(path.name.replace(f"-{width}.", f"-tab-{slug(label)}-{width}."))
            capture(pg, width, tab_path, quality)
            written.append(tab_path)
    finally:
        context.close()
    return written


def fill_data(data_dir: Path, kind: str) -> None:
    """Leave ``data_dir`` empty (the app migrates it on start), or fill it with the demo at scale 1."""
    data_dir.mkdir(parents=True)
    if kind == "demo":
        done = subprocess.run(
            [sys.executable, "-m", "lib", "demo", "--scale", "1"],
            cwd=ROOT,
            env={**os.environ, "PREP_DATA_DIR": str(data_dir)},
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"python -m lib demo failed:\n{done.stderr[-2000:]}")


def first_screen(path: Path, width: int, quality: int) -> Path:
    """The top of a full-page shot, one screen high, beside it as ``…-first.jpg`` (the README shows these)."""
    from PIL import Image

    top = path.with_name(path.stem + "-first.jpg")
    with Image.open(path) as image:
        image.crop((0, 0, image.width, min(image.height, HEIGHTS.get(width, 900)))).save(top, quality=quality)
    return top


def folder_size_mb(folder: Path) -> float:
    """Size of the images in ``folder``, in MB."""
    return sum(p.stat().st_size for p in folder.glob("*.jpg")) / 1e6


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line: output folder, pages, widths, data sets, JPEG quality."""
    known = [p.url_path for p in navigation.PAGES]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screens")
    parser.add_argument("--pages", default=",".join(known), help="url paths, comma-separated: " + ",".join(known))
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--data", default=",".join(DATA_SETS))
    parser.add_argument("--quality", type=int, default=65, help="JPEG quality, 1-100")
    parser.add_argument("--tabs", action="store_true", help="also shoot every later tab of each page's tab bar")
    args = parser.parse_args(argv)
    args.pages = [p for p in args.pages.split(",") if p]
    args.widths = [int(w) for w in args.widths.split(",") if w]
    args.data = [d for d in args.data.split(",") if d]
    if unknown := sorted(set(args.pages) - set(known)):
        parser.error(f"unknown page {', '.join(unknown)}; the pages are {', '.join(known)}")
    if unknown := sorted(set(args.data) - set(DATA_SETS)):
        parser.error(f"unknown data set {', '.join(unknown)}; use {', '.join(DATA_SETS)}")
    if not args.widths or min(args.widths) < 200:
        parser.error("--widths needs widths of at least 200 px")
    return args


def main(argv: list[str] | None = None) -> list[Path]:
    """Take the screenshots; returns their paths."""
    args = parse_args(argv)
    from playwright.sync_api import sync_playwright

    specs = [p for p in navigation.PAGES if p.url_path in args.pages]
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for kind in args.data:
                with tempfile.TemporaryDirectory(prefix=f"prep-screens-{kind}-") as tmp:
                    data_dir = Path(tmp) / "data"
                    fill_data(data_dir, kind)
                    server = AppServer(data_dir)
                    try:
                        for spec in specs:
                            for width in args.widths:
                                path = args.out / f"{kind}-{spec.url_path}-{width}.jpg"
                                try:
                                    shots = shoot(browser, server.url, spec, width, path, args.quality, args.tabs)
                                except TimeoutError as exc:
                                    # A busy machine can stall one load; a second one starts afresh.
                                    print(f"{exc}; once more", file=sys.stderr, flush=True)
                                    shots = shoot(browser, server.url, spec, width, path, args.quality, args.tabs)
                                if path.stem in FIRST_SCREENS:
                                    shots.append(first_screen(path, width, args.quality))
                                for shot in shots:
                                    written.append(shot)
                                    print(f"{shot}  {shot.stat().st_size // 1024} KB", flush=True)
                    finally:
                        server.stop()
        finally:
            browser.close()
    print(f"{len(written)} images, {folder_size_mb(args.out):.1f} MB in {args.out}")
    return written


if __name__ == "__main__":
    main()
