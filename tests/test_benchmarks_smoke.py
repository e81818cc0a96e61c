"""The benchmark scripts run at a tiny scale and end with their JSON line (no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import browser_available

ROOT = Path(__file__).resolve().parent.parent


def _run(script: str, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, f"benchmarks/{script}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pages_benchmark_prints_its_summary() -> None:
    summary = _run("pages.py", "--scales", "1,2", "--reruns", "1", "--pages", "overview,curriculum")
    assert set(summary["pages"]) == {"overview", "curriculum"}
    for row in summary["pages"].values():
        assert set(row) == {"scale1_ms", "scale2_ms", "ratio_to_floor", "growth"}
        assert row["scale1_ms"] > 0
    assert summary["floor_ms"] > 0 and summary["worst_ratio"] >= min(
        r["ratio_to_floor"] for r in summary["pages"].values()
    )


@pytest.mark.browser
def test_startup_benchmark_prints_its_summary() -> None:
    if not browser_available():
        pytest.skip("no /usr/bin/chromium")
    summary = _run("startup.py", "--runs", "1", "--scale", "1")
    assert {"healthy_ratio", "visible_ratio", "rss_ratio"} <= set(summary)
    assert summary["app"]["rss_mb"] > 0 and summary["hello"]["visible_s"] > 0


@pytest.mark.browser
def test_browser_benchmark_prints_its_summary() -> None:
    if not browser_available():
        pytest.skip("no /usr/bin/chromium")
    summary = _run("browser.py", "--scales", "1", "--rounds", "1", "--pages", "overview,practice", "--no-cold")
    assert set(summary["pages"]) == {"overview", "practice"}
    for row in summary["pages"].values():
        assert set(row) == {"scale1_s", "ratio", "growth"}
        assert row["scale1_s"] > 0 and row["ratio"] > 0 and row["growth"] is None
    assert set(summary["clicks"]) == {"practice"}  # the Overview has no key click
    click = summary["clicks"]["practice"]
    assert click["click"] and click["scale1_s"] > 0 and click["ratio"] > 0
    assert all(v > 0 for v in summary["reference"].values())
    assert summary["worst_ratio"] == max(r["ratio"] for r in summary["pages"].values())
    assert summary["worst_click_ratio"] == click["ratio"]
    assert "cold" not in summary and "memory" not in summary
