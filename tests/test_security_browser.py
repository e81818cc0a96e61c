"""Hostile text never becomes markup, and nothing leaves the machine, in real headless Chromium.

One journey serves both checks: text full of script tags, event handlers,
javascript: links and remote images is stored through lib, then every page of
the navigation is opened in Chromium against an app server whose Python
records any attempt to reach a non-loopback address.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lib.ui import navigation
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer, browser_available, wait_for_app_idle
from tests.security_data import ATTACKS, store_hostile_text

pytestmark = pytest.mark.browser

AUDIT_DIR = Path(__file__).resolve().parent / "net_audit"
# Elements that would exist only if user text had become HTML or markdown.
MARKUP_PROBE = """() => {
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    return {
        images: [...main.querySelectorAll('img')]
            .filter(i => /(^x$|\\/x$|x\\.png$)/.test(i.getAttribute('src') || '')).length,
        scripts: [...document.querySelectorAll('script')]
            .filter(s => (s.textContent || '').includes('alert(1)')).length,
        js_links: [...document.querySelectorAll('a[href]')]
            .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
        bold: [...main.querySelectorAll('strong, b')].filter(b => b.textContent.trim() === 'bold').length,
        handlers: [...main.querySelectorAll('[onerror]')].length,
    };
}"""


GRIDS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter(g => g.offsetParent !== null).every(g => g.querySelector('[role=gridcell], [role=columnheader]'))"""


@dataclass
class PageVisit:
    """What one page showed and did in the browser."""

    text: str = ""
    markup: dict = field(default_factory=dict)
    exceptions: int = 0
    internals: int = 0  # Streamlit's help view of a Python object: code internals shown to the user


@dataclass
class Journey:
    """Everything observed while walking every page once."""

    shown: dict[str, list[str]]
    visits: dict[str, PageVisit]
    dialogs: list[str]
    outside_requests: list[str]
    audit_log: Path
    listening: list[str]


def page_url(base: str, spec: navigation.PageSpec) -> str:
    """The address of a page: the default page lives at the root."""
    return base + "/" if spec.default else f"{base}/{spec.url_path}"


def listening_addresses(port: int) -> list[str]:
    """Local addresses of every TCP socket listening on ``port``, read from the kernel's /proc/net tables."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A is LISTEN
                raw = bytes.fromhex(address)
                # The kernel prints each 32-bit word in host (little-endian) order.
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                found.append(str(ipaddress.ip_address(words)) if width == 8 else str(ipaddress.IPv6Address(words)))
    return found


def wait_for_script(pg) -> None:
    """Wait until the page's script has run to the end (Streamlit marks the app element)."""
    pg.locator('[data-testid="stMain"] h1').first.wait_for()
    pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    wait_for_app_idle(pg)


def wait_for_grids(pg) -> None:
    """Give data grids in view up to a few seconds to draw their cells (they render after the tab shows)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    pg.wait_for_timeout(300)
    # An empty grid draws no cells; the text assertions decide.
    with contextlib.suppress(PlaywrightTimeout):
        pg.wait_for_function(GRIDS_DRAWN, timeout=2_000)


def shown_text(pg) -> str:
    """The page's text, hidden expanders included, plus the cells of any data grid drawn so far."""
    main = pg.locator('[data-testid="stMain"]').text_content() or ""
    cells = pg.evaluate("() => [...document.querySelectorAll('[role=gridcell]')].map(c => c.textContent).join(' ')")
    return " ".join(f"{main} {cells}".split())


def texts_across_tabs(pg) -> str:
    """The page's text with each of its tabs shown in turn (grids draw only when visible)."""
    texts = [shown_text(pg)]
    tabs = pg.locator('[data-testid="stMain"] [role="tab"]')
    for i in range(tabs.count()):
        tabs.nth(i).click()
        wait_for_grids(pg)
        texts.append(shown_text(pg))
    return " ".join(texts)


def visit(pg, url: str, expected: list[str]) -> PageVisit:
    """Open a page and read it, looking again for a while if expected text has not drawn yet."""
    pg.goto(url)
    wait_for_script(pg)
    wait_for_grids(pg)
    deadline = time.monotonic() + 30
    text = texts_across_tabs(pg)
    while not all(e in text for e in expected) and time.monotonic() < deadline:
        text = texts_across_tabs(pg)
    return PageVisit(
        text=text,
        markup=pg.evaluate(MARKUP_PROBE),
        exceptions=pg.locator('[data-testid="stException"]').count(),
        internals=pg.locator('[data-testid="stHelp"]').count(),
    )


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory):
    """Store hostile text, start the audited app, open every page in Chromium once."""
    if not browser_available():
        pytest.skip("no /usr/bin/chromium on this machine")
    from playwright.sync_api import sync_playwright

    data_dir = tmp_path_factory.mktemp("hostile") / "prep-data"
    data_dir.mkdir()
    previous = os.environ.get("PREP_DATA_DIR")
    os.environ["PREP_DATA_DIR"] = str(data_dir)
    try:
        shown = store_hostile_text(data_dir, dt.date.today())
    finally:
        if previous is None:
            os.environ.pop("PREP_DATA_DIR", None)
        else:
            os.environ["PREP_DATA_DIR"] = previous
    audit_log = data_dir.parent / "net-audit.log"
    python_path = os.pathsep.join(p for p in (str(AUDIT_DIR), os.environ.get("PYTHONPATH", "")) if p)
    server = AppServer(data_dir, extra_env={"PYTHONPATH": python_path, "PREP_NET_AUDIT": str(audit_log)})
    dialogs: list[str] = []
    outside: list[str] = []
    visits: dict[str, PageVisit] = {}
    try:
        listening = listening_addresses(server.port)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            pg = context.new_page()
            pg.set_default_timeout(30_000)
            pg.on("dialog", lambda d: (dialogs.append(f"{pg.url}: {d.type} {d.message}"), d.dismiss()))
            app_host = urlparse(server.url).netloc
            context.on(
                "request",
                lambda r: (
                    None
                    if urlparse(r.url).netloc in (app_host, "") or r.url.startswith("data:")
                    else outside.append(r.url)
                ),
            )
            for spec in navigation.PAGES:
                visits[spec.url_path] = visit(pg, page_url(server.url, spec), shown.get(spec.url_path, []))
            pg.wait_for_timeout(500)  # let any late image load or handler fire before judging
            browser.close()
        yield Journey(shown, visits, dialogs, outside, audit_log, listening)
    finally:
        server.stop()


def test_no_script_runs_on_any_page(journey: Journey) -> None:
    assert journey.dialogs == []
    for path, seen in journey.visits.items():
        assert seen.exceptions == 0, f"{path} shows a traceback"
        assert seen.internals == 0, (
            f"{path} shows a Python object's internals (an expression statement written by magic)"
        )
        assert seen.markup == {"images": 0, "scripts": 0, "js_links": 0, "bold": 0, "handlers": 0}, path


# How many hostile texts each page must show. Pages at 0 show no stored user text: the cheat sheets' RICE rows
# live only in the session, the practice page shows one picked question, Deliverables lists files and folders.
SHOWN_PER_PAGE = {
    "overview": 1,
    "curriculum": 1,
    "cheat_sheets": 0,
    "case_studies": 1,
    "job_materials": 1,
    "practice": 0,
    "stories": 2,
    "mock_interview": 1,
    "recordings": 2,
    "applications": 2,
    "companies": 1,
    "networking": 1,
    "deliverables": 0,
}


def test_every_page_is_checked_for_its_hostile_text(journey: Journey) -> None:
    assert set(SHOWN_PER_PAGE) == {p.url_path for p in navigation.PAGES} == set(journey.visits)
    assert {page: len(journey.shown.get(page, [])) for page in SHOWN_PER_PAGE} == SHOWN_PER_PAGE


@pytest.mark.parametrize("url_path", [p.url_path for p in navigation.PAGES])
def test_hostile_text_shows_as_literal_text(journey: Journey, url_path: str) -> None:
    expected = journey.shown.get(url_path, [])
    assert len(expected) == SHOWN_PER_PAGE[url_path]
    for text in expected:
        assert text in journey.visits[url_path].text, f"{url_path} does not show {text!r} literally"


def test_every_feature_with_user_text_was_attacked(journey: Journey) -> None:
    assert {"curriculum", "overview"} <= set(journey.shown)
    assert sum(len(v) for v in journey.shown.values()) >= len(journey.shown)
    for texts in journey.shown.values():
        for text in texts:
            assert any(attack in text for attack in ATTACKS)


def test_nothing_reaches_outside_the_machine(journey: Journey) -> None:
    assert Path(f"{journey.audit_log}.armed").exists(), "the audit hook was not loaded by the app server"
    recorded = journey.audit_log.read_text() if journey.audit_log.exists() else ""
    assert recorded == "", recorded
    assert journey.outside_requests == []


def test_server_listens_on_loopback_only(journey: Journey) -> None:
    assert journey.listening and set(journey.listening) == {"127.0.0.1"}
