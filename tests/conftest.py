"""Shared fixtures: a fresh PREP_DATA_DIR per test, demo data, AppTest and browser helpers."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The user's curriculum page, kept beside the repository (shared/ next to the clone).
SEED_PATH = ROOT.parent / "shared" / "seed" / "week-12-interview-mastery.md"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory holding an empty, migrated database; real data is never touched."""
    from lib.storage import migrations

    path = tmp_path / "prep-data"
    path.mkdir()
    monkeypatch.setenv("PREP_DATA_DIR", str(path))
    migrations.prepare()  # what the app's start-up does before the first page
    return path


@pytest.fixture
def db(data_dir: Path):
    """A connection to the test's own database, closed after the test."""
    from lib.storage.db import open_db

    with open_db() as conn:
        yield conn


@pytest.fixture(autouse=True)
def webcam_stub(monkeypatch: pytest.MonkeyPatch):
    """AppTest cannot run streamlit-webrtc's component (it needs the real runtime): a stub stands in."""
    from tests.media import WebcamStub

    stub = WebcamStub()
    monkeypatch.setattr("streamlit_webrtc.webrtc_streamer", stub)
    return stub


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory filled once by `demo`, copied for each test that needs it."""
    path = tmp_path_factory.mktemp("demo-template")
    old = os.environ.get("PREP_DATA_DIR")
    os.environ["PREP_DATA_DIR"] = str(path)
    try:
        from lib.demo.run import run_demo
        from lib.storage import migrations

        migrations.prepare()
        run_demo(1, today=dt.date.today())
    finally:
        if old is None:
            os.environ.pop("PREP_DATA_DIR", None)
        else:
            os.environ["PREP_DATA_DIR"] = old
    # Every connection run_demo opened is closed, so SQLite folded the write-ahead log back into prep.db.
    leftovers = [name for name in ("prep.db-wal", "prep.db-shm") if (path / name).exists()]
    assert leftovers == [], f"run_demo left {leftovers} behind: a connection was not closed"
    return path


@pytest.fixture
def demo_dir(demo_template: Path, data_dir: Path) -> Path:
    """The test's data directory, filled with a copy of the demo data."""
    shutil.rmtree(data_dir)
    shutil.copytree(demo_template, data_dir)
    return data_dir


@pytest.fixture
def cli():
    """Run `python -m lib ARGS` in this process (click's CliRunner): returns its exit code, stdout and stderr.

    The result reads like a finished subprocess (returncode, stdout, stderr).
    An exception the command line does not turn into an exit code fails the test.
    """
    import subprocess

    from click.testing import CliRunner

    from lib.cli import PROG
    from lib.cli import cli as command_line

    def run(*args: str) -> subprocess.CompletedProcess:
        result = CliRunner().invoke(command_line, list(args), prog_name=PROG, catch_exceptions=False)
        return subprocess.CompletedProcess([PROG, *args], result.exit_code, result.stdout, result.stderr)

    return run


def run_page(page_path: str | None = None, timeout: float = 60):
    """Run app.py under AppTest and, if given, switch to ``page_path``; returns the AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    if page_path:
        at.switch_page(page_path)
        at.run()
    return at


def open_tab(at, key: str, label: str):
    """Show the tab ``label`` of the stateful tabs keyed ``key`` (a page builds only its open tab), as a click does."""
    at.session_state[key] = label
    return at.run()


# ---------------------------------------------------------------- browser journeys

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on a free loopback port, with the test's PREP_DATA_DIR."""

    def __init__(self, data_dir: Path, extra_env: dict[str, str] | None = None):
        import subprocess
        import sys

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PREP_DATA_DIR": str(data_dir), **(extra_env or {})}
        # Open for the server's whole life; stop() closes it.
        self.log = open(data_dir.parent / f"streamlit-{self.port}.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        import time
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except Exception:
            self.proc.kill()
        self.log.close()


def browser_available() -> bool:
    """Chromium is present; when CI is set its absence is a failure, not a skip."""
    if CHROMIUM.exists():
        return True
    if os.environ.get("CI"):
        pytest.fail("CI is set but /usr/bin/chromium is missing: .ci/run must install Debian's chromium")
    return False


@pytest.fixture
def app_server(data_dir: Path):
    """A running app on the test's data directory (empty unless the test filled it first)."""
    server = AppServer(data_dir)
    yield server
    server.stop()


@pytest.fixture
def browser_launcher():
    """Launch Debian's Chromium through Playwright: call with extra args; closed after the test."""
    if not browser_available():
        pytest.skip("no /usr/bin/chromium on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = []

        def launch(extra_args: list[str] | None = None):
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS + (extra_args or [])
            )
            launched.append(browser)
            return browser

        yield launch
        for b in launched:
            b.close()


@pytest.fixture
def page(browser_launcher, app_server):
    """A Chromium page already open on the app's Overview."""
    browser = browser_launcher()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(app_server.url)
    pg.get_by_role("heading", name="Week 12: Interview Mastery").wait_for()
    return pg


def wait_for_app_idle(pg) -> None:
    """Wait until Streamlit has finished the current rerun."""
    pg.wait_for_timeout(300)
    pg.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=30_000)
