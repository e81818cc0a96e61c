"""Cold start and memory of the app against `streamlit hello`, measured the same way in one run.

    python benchmarks/startup.py [--runs 3] [--scale 50]

For each app: time from launching `streamlit run` to a healthy /_stcore/health,
and to the first page's content visible in headless Chromium; then the server's
resident memory (RSS) after visiting every page (the app on `demo --scale N`
data). Prints a table, then as its last line one JSON object with the medians
and the ratios app ÷ hello.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.ui import navigation  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HELLO_PAGES = ["", "Animation_Demo", "Plotting_Demo", "Mapping_Demo", "DataFrame_Demo"]


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, str, float]:
    """Start a streamlit server; returns (process, url, seconds until healthy)."""
    port = free_port()
    flags = [
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", *command, *flags],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{command} exited early")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url, time.perf_counter() - started
        except OSError:
            time.sleep(0.02)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def measure(browser, command: list[str], env: dict[str, str], first_heading: str, page_urls: list[str]) -> dict:
    """One cold start: seconds to healthy, to first content, and RSS after every page."""
    t0 = time.perf_counter()
    proc, url, healthy = launch(command, env)
    try:
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(url)
        page.get_by_role("heading", name=first_heading).first.wait_for()
        visible = time.perf_counter() - t0
        for path in page_urls:
            page.goto(f"{url}/{path}")
            page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for()
            page.wait_for_timeout(300)
        memory = rss_mb(proc.pid)
        page.close()
        return {"healthy_s": healthy, "visible_s": visible, "rss_mb": memory}
    finally:
        proc.terminate()
        proc.wait(10)


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark; returns the summary printed as the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=50)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="prep-start-") as tmp, sync_playwright() as pw:
        data = Path(tmp) / "data"
        data.mkdir()
        env = {**os.environ, "PREP_DATA_DIR": str(data)}
        subprocess.run(
            [sys.executable, "-m", "lib", "demo", "--scale", str(args.scale)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        app_pages = [p.url_path for p in navigation.PAGES if not p.default]
        runs = {"app": [], "hello": []}
        for _ in range(args.runs):
            runs["app"].append(
                measure(browser, ["run", str(ROOT / "app.py")], env, "Week 12: Interview Mastery", app_pages)
            )
            runs["hello"].append(measure(browser, ["hello"], env, "Welcome to Streamlit!", HELLO_PAGES[1:]))
        browser.close()

    med = {
        name: {k: statistics.median(r[k] for r in rs) for k in ("healthy_s", "visible_s", "rss_mb")}
        for name, rs in runs.items()
    }
    summary = {
        "app": {k: round(v, 3) for k, v in med["app"].items()},
        "hello": {k: round(v, 3) for k, v in med["hello"].items()},
        "healthy_ratio": round(med["app"]["healthy_s"] / med["hello"]["healthy_s"], 2),
        "visible_ratio": round(med["app"]["visible_s"] / med["hello"]["visible_s"], 2),
        "rss_ratio": round(med["app"]["rss_mb"] / med["hello"]["rss_mb"], 2),
    }
    print(f"{'':<8}{'healthy':>10}{'visible':>10}{'RSS':>10}")
    for name in ("app", "hello"):
        m = med[name]
        print(f"{name:<8}{m['healthy_s']:>9.2f}s{m['visible_s']:>9.2f}s{m['rss_mb']:>8.0f}MB")
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
