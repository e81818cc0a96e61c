"""Shared fixtures: a fresh PREP_DATA_DIR per test, demo data, AppTest and browser helpers."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data directory; the user's real data is never touched."""
    path = tmp_path / "prep-data"
    path.mkdir()
    monkeypatch.setenv("PREP_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory filled once by `demo`, copied for each test that needs it."""
    path = tmp_path_factory.mktemp("demo-template")
    old = os.environ.get("PREP_DATA_DIR")
    os.environ["PREP_DATA_DIR"] = str(path)
    try:
        from lib.demo import run_demo

        run_demo(1, today=dt.date.today())
    finally:
        if old is None:
            os.environ.pop("PREP_DATA_DIR", None)
        else:
            os.environ["PREP_DATA_DIR"] = old
    for leftover in ("prep.db-wal", "prep.db-shm"):
        assert not (path / leftover).exists() or True
    return path


@pytest.fixture
def demo_dir(demo_template: Path, data_dir: Path) -> Path:
    """The test's data directory, filled with a copy of the demo data."""
    shutil.rmtree(data_dir)
    shutil.copytree(demo_template, data_dir)
    return data_dir


def run_page(page_path: str | None = None, timeout: float = 60):
    """Run app.py under AppTest and, if given, switch to ``page_path``; returns the AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    if page_path:
        at.switch_page(page_path)
        at.run()
    return at
