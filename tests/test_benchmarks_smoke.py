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
