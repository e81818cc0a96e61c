"""Page switches and key clicks as a person waits for them: headless Chromium, the app against a reference app.

    python benchmarks/browser.py [--scales 1,50] [--rounds 5] [--pages practice,stories] [--no-clicks] [--no-cold]

Starts the app on `demo --scale N` data (one server per scale) and the reference
app of plain Streamlit elements (benchmarks/reference/: a "plain" page, a title
and one line; a "mix" page, a title, 3 metrics, 3 Plotly charts, a 100-row
table and a 5-input form). In every round each page switch and key click is
timed on every server in turn, alternating app and reference, so a change in
the machine's load lands on both. A switch runs from the click on the sidebar
link until the page's title (h1) is shown and no rerun is running (the
frontend's `stApp` reads `data-test-script-state="notRunning"` and
`stStatusWidget` is gone) and stays so for a moment (a click that calls
st.rerun() runs the script twice); a key click runs from the click to the
same state. The clock is the page's own (`performance.now()`), read in the
browser, so Playwright's round trips are not counted. Then, unless
`--no-cold`: first page visible from process start, app vs reference, and the
server's RSS after visiting every page vs `streamlit hello` (benchmarks/startup.py's
`measure`).

Prints a table, then as its last line one JSON object (seconds, medians of --rounds):
{"reference": {"plain_s", "mix_s", "submit_s"},
 "pages": {page: {"scale1_s", "scale50_s", "ratio", "growth"}},       ratio = largest scale ÷ the mix page
 "clicks": {page: {"click", "scale1_s", "scale50_s", "ratio", "growth"}},  ratio = largest scale ÷ the mix form submit
 "cold": {"app_s", "reference_s", "ratio"}, "memory": {"app_mb", "hello_mb", "ratio"},
 "worst_ratio", "worst_growth", "worst_click_ratio", "worst_click_growth"}
growth = largest scale ÷ smallest (null with one scale). Nothing here is asserted anywhere.
Each sample is also printed to stderr as it is taken; `kill -USR1 <pid>` ends the rounds after the
current measurement and prints what was measured so far (cold start and memory are then skipped).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pages import fill_demo  # noqa: E402
from benchmarks.startup import CHROMIUM, CHROMIUM_ARGS, HELLO_PAGES, launch, measure  # noqa: E402
from lib.ui import navigation  # noqa: E402

REFERENCE = ROOT / "benchmarks" / "reference" / "app.py"
REFERENCE_TITLES = {"plain": "Plain", "mix": "Mix"}  # sidebar link text of the two timed reference pages
SETTLE_MS = 300  # how long "shown and not running" must hold: st.rerun() leaves a short gap between two runs
TIMEOUT_MS = 600_000  # a loaded 2-core machine can stall a heavy page for minutes

# Installed in every page before Streamlit's own scripts. `arm(title)` starts a
# measurement; the next click (captured before Streamlit sees it) is its start;
# every animation frame checks whether a rerun has run since and the page is now
# finished: `done` is the first frame of the stretch that lasted SETTLE_MS.
PROBE = """
(() => {
  const b = (window.__bench = { run: null, observer: null });
  const app = () => document.querySelector('[data-testid="stApp"]');
  const busy = (v) => v === 'running' || v === 'rerunRequested';
  b.state = () => { const a = app(); return a ? a.getAttribute('data-test-script-state') : null; };
  b.titles = () => [...document.querySelectorAll('[data-testid="stMainBlockContainer"] h1')]
    .map((h) => h.innerText.trim());
  b.idle = () => busy(b.state()) === false && b.state() !== null
    && !document.querySelector('[data-testid="stStatusWidget"]');
  b.arm = (title, settle, now) => {
    const r = (b.run = { t0: now ? performance.now() : null, sawRun: false, okSince: null, done: null, title, settle });
    if (b.observer) b.observer.disconnect();
    b.observer = new MutationObserver((records) => {
      if (r.t0 === null) return;
      for (const m of records) if (busy(m.oldValue) || busy(m.target.getAttribute(m.attributeName))) r.sawRun = true;
    });
    const watch = { attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true };
    b.observer.observe(app(), watch);
  };
  // A fast run can go running -> notRunning within one React render, leaving the attribute unchanged;
  // any message from the server after the click shows that it answered with a run.
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', () => { const r = b.run; if (r && r.t0 !== null) r.sawRun = true; });
    }
  };
  window.addEventListener('click', () => { const r = b.run; if (r && r.t0 === null) r.t0 = performance.now(); }, true);
  const tick = () => {
    const r = b.run;
    if (r && r.t0 !== null && r.done === null) {
      const now = performance.now();
      if (!(r.sawRun && b.state() === 'notRunning' && b.idle() && b.titles().includes(r.title))) r.okSince = null;
      else if (r.okSince === null) r.okSince = now;
      else if (now - r.okSince >= r.settle) r.done = r.okSince;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


class Server:
    """One running Streamlit app and the Chromium tab kept open on it."""

    def __init__(self, script: Path, env: dict[str, str], context):
        self.proc, self.url, _ = launch(["run", str(script)], env)
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.add_init_script(PROBE)
        self.page.goto(self.url)
        self.page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for()
        self.wait_idle()
        self.titles: dict[str, str] = {}  # url_path -> the page's h1, read on the first visit
        self.current = ""

    def wait_idle(self) -> None:
        """Until no rerun has run for SETTLE_MS."""
        for _ in range(3):
            self.page.wait_for_function("() => window.__bench.idle()", timeout=TIMEOUT_MS, polling=50)
            self.page.wait_for_timeout(SETTLE_MS)
            if self.page.evaluate("() => window.__bench.idle()"):
                return

    def link(self, text: str):
        """The sidebar link whose text is ``text``."""
        nav = self.page.locator('[data-testid="stSidebarNav"] a')
        return nav.filter(has=self.page.get_by_text(text, exact=True)).first

    def timed(self, title: str, click: Callable[[], None], timeout: float = TIMEOUT_MS) -> float:
        """Seconds from ``click`` until the page shows ``title`` with no rerun running."""
        self.page.bring_to_front()
        self.page.evaluate("([t, s]) => window.__bench.arm(t, s)", [title, SETTLE_MS])
        click()
        try:
            self.page.wait_for_function("() => window.__bench.run.done !== null", timeout=timeout, polling=50)
        except Exception as exc:
            seen = self.page.evaluate("() => ({...window.__bench.run, state: window.__bench.state()})")
            raise RuntimeError(f"{self.url}: waiting for {title!r} after a click on {self.current}: {seen}") from exc
        return self.page.evaluate("() => (window.__bench.run.done - window.__bench.run.t0) / 1000")

    def after(self, action: Callable[[], None]) -> None:
        """Do ``action`` (typing, picking) untimed and wait for the rerun it causes to finish."""
        self.page.evaluate("([t, s]) => window.__bench.arm(t, s, true)", [self.titles[self.current], SETTLE_MS])
        action()
        try:
            self.page.wait_for_function("() => window.__bench.run.done !== null", timeout=15_000, polling=50)
        except Exception:  # nothing changed, so nothing reran
            self.wait_idle()

    def visit(self, url_path: str, link_text: str) -> None:
        """Switch to a page without timing it, learning its title on the way."""
        self.page.bring_to_front()
        self.link(link_text).click()
        self.page.wait_for_function("() => window.__bench.titles().length > 0", timeout=TIMEOUT_MS)
        self.wait_idle()
        self.titles[url_path] = self.page.evaluate("() => window.__bench.titles()[0]")
        self.current = url_path

    def switch(self, url_path: str, link_text: str) -> float:
        """Seconds of one timed switch to a page already visited once."""
        seconds = self.timed(self.titles[url_path], self.link(link_text).click)
        self.current = url_path
        self.wait_idle()
        return seconds

    def stop(self) -> None:
        self.page.close()
        self.proc.terminate()
        self.proc.wait(10)


# ------------------------------------------------------------ key clicks
# Each: (what a person does, preparation left untimed, the button). Labels are the pages' own.


def _no_preparation(server: Server, n: int) -> None:
    return None


def _type(server: Server, box, text: str) -> None:
    """Type into a text box and leave it, as a person does; the page keeps it as a draft."""
    box.fill(text)
    server.after(lambda: box.press("Tab"))


def _type_an_answer(server: Server, n: int) -> None:
    """Start from empty answer boxes and type into the first one."""
    pg = server.page
    again = pg.get_by_role("button", name="Answer again")
    if again.count():
        server.after(again.first.click)
    answer = pg.get_by_role("tab", name="Answer", exact=True)
    if answer.count() and answer.get_attribute("aria-selected") != "true":
        server.after(answer.click)  # the tabs remember the last one opened
    box = pg.locator('[data-testid="stMainBlockContainer"] textarea:visible').first
    box.wait_for(timeout=60_000)
    _type(server, box, f"Casual listeners who want music for a moment, round {n}.")


def _write_a_story(server: Server, n: int) -> None:
    """A new story with a title, a theme and a situation, kept as a draft before it is saved."""
    pg = server.page
    picker = pg.get_by_label("Story", exact=True)
    if picker.input_value() != "➕ New story":
        picker.click()
        picker.fill("New story")  # the picker searches as it is typed into
        server.after(lambda: picker.press("Enter"))
    _type(server, pg.get_by_label("Title", exact=True), f"Launch date disagreement {n}")
    pg.get_by_label("Theme", exact=True).click()
    server.after(pg.get_by_role("option").first.click)
    situation = pg.get_by_label(re.compile(r"^Situation"))
    _type(server, situation, f"Our team was about to ship a routing change on Friday {n}; I owned the release.")


CLICKS: dict[str, tuple[str, Callable[[Server, int], None], Callable]] = {
    "curriculum": ("log time", _no_preparation, lambda pg: pg.get_by_role("button", name="Log time", exact=True)),
    "practice": (
        "submit a practice answer",
        _type_an_answer,
        lambda pg: pg.get_by_role("button", name="Submit answer"),
    ),
    "stories": ("save a story", _write_a_story, lambda pg: pg.get_by_role("button", name="Save story")),
    "applications": (
        "move an application",
        _no_preparation,
        lambda pg: pg.locator("button:visible").filter(has_text=re.compile(r"^→ ")).first,
    ),
    "recordings": (
        "save a take's review",
        _no_preparation,
        lambda pg: (
            pg.get_by_test_id("stForm").filter(has_text="Review this take").get_by_role("button", name="Save review")
        ),
    ),
}


def reference_submit(server: Server) -> float:
    """Seconds of the mix page's form submit, with its title typed in first (untimed)."""
    pg = server.page
    pg.get_by_label("Title", exact=True).fill("A title")
    return server.timed(server.titles["mix"], pg.get_by_role("button", name="Submit").click)


# ------------------------------------------------------------ the run


def median(values: list[float]) -> float:
    return statistics.median(values)


class StopSoon:
    """Set by SIGUSR1: finish the measurement under way, then report what has been measured."""

    requested = False

    @classmethod
    def install(cls) -> None:
        signal.signal(signal.SIGUSR1, lambda *_: setattr(cls, "requested", True))
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # through the finally blocks: servers stop


def record(into: list[float], seconds: float, what: str) -> None:
    """Keep one sample and show it on stderr."""
    into.append(seconds)
    print(f"  {what}: {seconds:.2f} s", file=sys.stderr, flush=True)


def run_warm(args, specs, data: dict[int, Path], context) -> dict:
    """Switches and clicks on one app server per scale and the reference app, alternating; returns raw samples."""
    env = {**os.environ}
    ref = Server(REFERENCE, env, context)
    apps = {s: Server(ROOT / "app.py", {**env, "PREP_DATA_DIR": str(d)}, context) for s, d in data.items()}
    try:
        every = navigation.PAGES
        first, second = every[0], every[1]  # the default page, and where a switch to it comes from
        for server in apps.values():  # the first visit of each page, untimed: caches fill, charts load
            for spec in every:
                if spec in specs or spec in (first, second):
                    server.visit(spec.url_path, spec.title)
        for url_path in ("mix", "plain"):
            ref.visit(url_path, REFERENCE_TITLES[url_path])
        samples: dict = {"pages": {p.url_path: {s: [] for s in apps} for p in specs}, "plain": [], "mix": []}
        samples["clicks"] = {p.url_path: {s: [] for s in apps} for p in specs if p.url_path in CLICKS}
        samples["submit"] = []
        samples["failed"] = {}

        def reference_pair() -> None:
            for url_path in ("mix", "plain") if ref.current == "plain" else ("plain", "mix"):
                record(samples[url_path], ref.switch(url_path, REFERENCE_TITLES[url_path]), f"reference {url_path}")

        for n in range(args.rounds):
            if StopSoon.requested:
                break
            for spec in specs:
                if StopSoon.requested:
                    break
                for scale, server in apps.items():
                    if server.current == spec.url_path:  # a switch needs somewhere to come from
                        other = second if spec == first else first
                        server.visit(other.url_path, other.title)
                    seconds = server.switch(spec.url_path, spec.title)
                    record(samples["pages"][spec.url_path][scale], seconds, f"{spec.url_path} scale {scale}")
                reference_pair()
            if args.no_clicks:
                continue
            for url_path in samples["clicks"]:
                if StopSoon.requested:
                    break
                if url_path in samples["failed"]:
                    continue
                spec = next(p for p in specs if p.url_path == url_path)
                what, prepare, button = CLICKS[url_path]
                for scale, server in apps.items():
                    try:
                        if server.current != url_path:
                            server.visit(url_path, spec.title)
                        prepare(server, n)
                        seconds = server.timed(server.titles[url_path], button(server.page).click, timeout=60_000)
                    except Exception as exc:  # a page whose controls changed: report it, measure the rest
                        samples["failed"][url_path] = f"{what} at scale {scale}: {str(exc).splitlines()[0][:200]}"
                        print(f"  FAILED {samples['failed'][url_path]}", file=sys.stderr, flush=True)
                        server.page.keyboard.press("Escape")
                        server.visit(first.url_path, first.title)
                        break
                    record(samples["clicks"][url_path][scale], seconds, f"{what} scale {scale}")
                    server.wait_idle()
                if ref.current != "mix":
                    ref.switch("mix", REFERENCE_TITLES["mix"])
                record(samples["submit"], reference_submit(ref), "reference form submit")
                ref.wait_idle()
            print(f"  round {n + 1}/{args.rounds} {'stopped' if StopSoon.requested else 'done'}", file=sys.stderr)
    finally:
        for server in (ref, *apps.values()):
            server.stop()
    return samples


def run_cold(args, data_dir: Path, browser) -> dict:
    """Cold starts in turn: the app (then every page, for memory), the reference app, `streamlit hello`."""
    from lib.plan import curriculum

    overview_title = curriculum.load_curriculum().title  # the Overview's h1
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir)}
    app_pages = [p.url_path for p in navigation.PAGES if not p.default]
    runs: dict[str, list[dict]] = {"app": [], "reference": [], "hello": []}
    for n in range(args.rounds):
        if StopSoon.requested and n:
            break
        print(f"  cold start round {n + 1}/{args.rounds}", file=sys.stderr, flush=True)
        runs["app"].append(measure(browser, ["run", str(ROOT / "app.py")], env, overview_title, app_pages))
        runs["reference"].append(measure(browser, ["run", str(REFERENCE)], env, "Reference: plain page", ["mix"]))
        runs["hello"].append(measure(browser, ["hello"], env, "Welcome to Streamlit!", HELLO_PAGES[1:]))
    return {name: {k: median([r[k] for r in rs]) for k in ("visible_s", "rss_mb")} for name, rs in runs.items()}


def summarise(samples: dict, scales: list[int], cold: dict | None) -> dict:
    """Medians, ratios to the reference and growth, as printed in the JSON line."""
    small, large = scales[0], scales[-1]
    mix, plain = median(samples["mix"]), median(samples["plain"])
    submit = median(samples["submit"]) if samples["submit"] else None

    def row(per_scale: dict[int, list[float]], reference: float | None) -> dict:
        out = {f"scale{s}_s": round(median(v), 3) for s, v in per_scale.items()}
        top, bottom = median(per_scale[large]), median(per_scale[small])
        out["ratio"] = round(top / reference, 2) if reference else None
        out["growth"] = round(top / bottom, 2) if large != small else None
        return out

    def complete(per_scale: dict[int, list[float]]) -> bool:  # a run ended early leaves some without samples
        return all(per_scale.values())

    pages = {p: row(v, mix) for p, v in samples["pages"].items() if complete(v)}
    clicks = {p: {"click": CLICKS[p][0], **row(v, submit)} for p, v in samples["clicks"].items() if complete(v)}

    def worst(rows: dict, key: str):
        return max((r[key] for r in rows.values() if r[key] is not None), default=None)

    summary = {
        "reference": {"plain_s": round(plain, 3), "mix_s": round(mix, 3), "submit_s": submit and round(submit, 3)},
        "pages": pages,
        "clicks": clicks,
        "worst_ratio": worst(pages, "ratio"),
        "worst_growth": worst(pages, "growth"),
        "worst_click_ratio": worst(clicks, "ratio"),
        "worst_click_growth": worst(clicks, "growth"),
        "failed_clicks": samples["failed"],
    }
    if cold:
        app, ref, hello = cold["app"], cold["reference"], cold["hello"]
        summary["cold"] = {
            "app_s": round(app["visible_s"], 3),
            "reference_s": round(ref["visible_s"], 3),
            "ratio": round(app["visible_s"] / ref["visible_s"], 2),
        }
        summary["memory"] = {
            "app_mb": round(app["rss_mb"], 1),
            "hello_mb": round(hello["rss_mb"], 1),
            "ratio": round(app["rss_mb"] / hello["rss_mb"], 2),
        }
    return summary


def print_table(summary: dict, scales: list[int], rounds: int) -> None:
    ref = summary["reference"]
    cols = [f"scale {s}" for s in scales]
    print(f"\nmedians of {rounds} rounds, seconds from the click until the page is shown and no rerun is running")
    print(f"reference: plain page {ref['plain_s']:.2f} s · mix page {ref['mix_s']:.2f} s", end="")
    print(f" · mix form submit {ref['submit_s']:.2f} s" if ref["submit_s"] else "")
    print(f"\n{'page switch':<16}" + "".join(f"{c:>10}" for c in cols) + f"{'÷ mix':>8}{'growth':>8}")
    for name, r in summary["pages"].items():
        growth = f"{r['growth']:>8.2f}" if r["growth"] is not None else f"{'–':>8}"
        print(f"{name:<16}" + "".join(f"{r[f'scale{s}_s']:>9.2f}s" for s in scales) + f"{r['ratio']:>8.2f}" + growth)
    if summary["clicks"]:
        print(f"\n{'key click':<26}" + "".join(f"{c:>10}" for c in cols) + f"{'÷ submit':>10}{'growth':>8}")
        for r in summary["clicks"].values():
            growth = f"{r['growth']:>8.2f}" if r["growth"] is not None else f"{'–':>8}"
            cells = "".join(f"{r[f'scale{s}_s']:>9.2f}s" for s in scales)
            print(f"{r['click']:<26}" + cells + f"{r['ratio']:>10.2f}" + growth)
    for failed in summary["failed_clicks"].values():
        print(f"not measured: {failed}")
    if "cold" in summary:
        c, m = summary["cold"], summary["memory"]
        print(
            f"\ncold start, first page visible: app {c['app_s']:.2f} s, reference app {c['reference_s']:.2f} s", end=""
        )
        print(f" ({c['ratio']:.2f} ×)")
        print(f"server RSS after every page: app {m['app_mb']:.0f} MB, streamlit hello {m['hello_mb']:.0f} MB", end="")
        print(f" ({m['ratio']:.2f} ×)")


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark; returns the summary printed as the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,50", help="demo scales, comma-separated (ratios use the largest)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every page)")
    parser.add_argument("--no-clicks", action="store_true", help="skip the key clicks")
    parser.add_argument("--no-cold", action="store_true", help="skip cold start and memory")
    args = parser.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",")})
    wanted = set(filter(None, args.pages.split(",")))
    unknown = wanted - {p.url_path for p in navigation.PAGES}
    if unknown:
        parser.error(f"no such page: {', '.join(sorted(unknown))}")
    specs = [p for p in navigation.PAGES if not wanted or p.url_path in wanted]
    from playwright.sync_api import sync_playwright

    StopSoon.install()

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="prep-browser-") as tmp, sync_playwright() as pw:
        data = {s: fill_demo(s, Path(tmp)) for s in scales}
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        # Cold starts first, on a quiet machine (no other server of this run up), and so that
        # ending the rounds early (SIGUSR1) still leaves them measured.
        cold = None if args.no_cold else run_cold(args, data[scales[-1]], browser)
        samples = run_warm(args, specs, data, context)
        context.close()
        browser.close()
    summary = summarise(samples, scales, cold)
    print_table(summary, scales, args.rounds)
    print(f"({time.perf_counter() - started:.0f} s in all)", file=sys.stderr)
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
