"""Browser journey: import LinkedIn's Job Applications.csv and see totals and board update without a reload,
then move a card on the board in one click."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import wait_for_app_idle
from tests.test_browser_jobsearch import _open_tab

pytestmark = pytest.mark.browser


def _linkedin_csv(n: int) -> bytes:
    day = dt.date.today() - dt.timedelta(days=4)
    rows = "".join(
        f'"{day.month}/{day.day}/{day.year % 100:02d}, 10:15 AM",Startup {i},PM {i},https://jobs.example.com/{i}\n'
        for i in range(n)
    )
    return ("Application Date,Company Name,Job Title,Job Url\n" + rows).encode()


def test_import_updates_totals_and_board_without_a_reload(page, app_server) -> None:
    pg = page
    pg.goto(f"{app_server.url}/applications")
    pg.get_by_text("0 sent").wait_for()
    _open_tab(pg, "Import", "Applications CSV")
    pg.locator("input[type=file]").set_input_files(
        files=[{"name": "Job Applications.csv", "mimeType": "text/csv", "buffer": _linkedin_csv(7)}]
    )
    pg.get_by_role("button", name="Import 7 applications").click()
    pg.get_by_text("7 sent").wait_for()
    wait_for_app_idle(pg)
    assert pg.get_by_role("button", name="Import 7 applications").count() == 0
    _open_tab(pg, "Board", "Applied (7)")
    card = pg.get_by_text("Startup 3").first
    card.wait_for()
    pg.get_by_role("button", name="→ Recruiter screen").first.click()
    pg.get_by_text("Recruiter screen (1)").wait_for()
    pg.get_by_text("Applied (6)").wait_for()
