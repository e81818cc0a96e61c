"""Runs inside a mount namespace for the degraded-environment tests; prints one JSON object.

``python -m tests.degraded_child MODE`` with PREP_DATA_DIR set:
  render     open the app and the Curriculum page in Chromium, then try to log time
  fill OUT   log time until the disk is full, then copy the database to OUT
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from lib.core import config
from lib.core.errors import PrepError
from lib.plan import curriculum, time_log
from lib.storage import migrations
from lib.storage.db import open_db

NOTE = "a long note to fill the disk quickly " * 100


def browse(urls: list[str]) -> dict:
    """Open each address of a real app server in Chromium; what the page says and whether it shows a traceback."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_for_app_idle

    seen = {}
    # The server's log goes next to the folder it is given, which must stay writable here.
    scratch = Path(tempfile.mkdtemp())
    server = AppServer(scratch / "server", extra_env={"PREP_DATA_DIR": os.environ["PREP_DATA_DIR"]})
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            pg = browser.new_page()
            pg.set_default_timeout(30_000)
            for url in urls:
                pg.goto(server.url + url)
                pg.locator('[data-testid="stMain"] h1').first.wait_for()
                pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
                wait_for_app_idle(pg)
                seen[url] = {
                    "exceptions": [t for t in pg.locator('[data-testid="stException"]').all_text_contents()],
                    "errors": pg.locator('[data-testid="stAlertContentError"]').all_text_contents(),
                    "titles": pg.locator('[data-testid="stMain"] h1').all_text_contents(),
                }
            browser.close()
    finally:
        server.stop()
    return seen


def render() -> dict:
    """What the user sees at the entry page and at a page's own address, and what a write says."""
    seen = browse(["/", "/curriculum"])
    try:
        migrations.prepare()  # the start-up step; on a read-only folder it fails like the write would
        with open_db() as db:
            session = curriculum.load_curriculum().days[0].sessions[0].id
            time_log.log_time(db, session, 30, dt.date.today(), "while read-only")
        seen["write"] = {"ok": True}
    except PrepError as exc:
        seen["write"] = {"error": str(exc), "type": type(exc).__name__}
    except Exception as exc:  # the report must reach the parent whatever happened
        seen["write"] = {"crash": f"{type(exc).__name__}: {exc}"}
    return seen


def fill(out: Path) -> dict:
    """Log time until the app reports the disk full; keep a copy of the database for the parent."""
    confirmed: list[int] = []
    outcome: dict = {}
    session = curriculum.load_curriculum().days[0].sessions[0].id
    today = dt.date.today()
    migrations.prepare()  # the tmpfs mounted over the data directory starts empty
    try:
        with open_db() as db:
            for i in range(100_000):
                when = today - dt.timedelta(days=i % 900)
                confirmed.append(time_log.log_time(db, session, 1, when, f"{i} {NOTE}", today=today))
    except PrepError as exc:
        outcome = {"error": str(exc), "type": type(exc).__name__}
    except Exception as exc:
        outcome = {"crash": f"{type(exc).__name__}: {exc}"}
    # After the failure the app must still read what it had: check with a fresh connection.
    try:
        with open_db() as db:
            outcome["readable_rows"] = db.conn.execute("SELECT COUNT(*) FROM time_log").fetchone()[0]
    except Exception as exc:
        outcome["read_crash"] = f"{type(exc).__name__}: {exc}"
    conn = sqlite3.connect(config.db_path())
    outcome["integrity"] = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    conn.close()
    out.mkdir(parents=True, exist_ok=True)
    for name in ("prep.db", "prep.db-wal"):
        if (config.data_dir() / name).exists():
            shutil.copy2(config.data_dir() / name, out / name)
    outcome["confirmed"] = confirmed
    return outcome


if __name__ == "__main__":
    mode = sys.argv[1]
    result = render() if mode == "render" else fill(Path(sys.argv[2]))
    print("RESULT " + json.dumps(result))
