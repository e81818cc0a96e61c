"""Every page of the navigation renders without exception on empty and on demo data."""

from __future__ import annotations

import pytest

from lib.ui import navigation
from tests.conftest import run_page

PAGE_PATHS = [p.path for p in navigation.PAGES]


@pytest.mark.parametrize("page_path", PAGE_PATHS)
def test_page_renders_on_empty_data(page_path: str) -> None:
    at = run_page(page_path)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page_path} shows no title"


@pytest.mark.parametrize("page_path", PAGE_PATHS)
def test_page_renders_on_demo_data(page_path: str, demo_dir) -> None:
    at = run_page(page_path)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page_path} shows no title"


def test_every_page_file_is_in_the_navigation() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = {f"pages/{p.name}" for p in (root / "pages").glob("*.py")}
    assert files == set(PAGE_PATHS)


def test_entry_page_is_the_overview(demo_dir) -> None:
    at = run_page()
    assert not at.exception
    assert any("Week 12" in t.value for t in at.title)
