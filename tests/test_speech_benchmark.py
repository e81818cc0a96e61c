"""The analysis benchmark runs end to end on a short clip and ends with its JSON line (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import audio

ROOT = Path(__file__).resolve().parent.parent


def test_analysis_benchmark_prints_its_summary() -> None:
    if not audio.tools_available():
        pytest.skip("espeak-ng and sox are needed to speak the benchmark clip")
    done = subprocess.run(
        [sys.executable, "benchmarks/analysis.py", "--seconds", "10", "--runs", "1", "--import-rows", "300"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    summary = json.loads(lines[-1])
    assert "real-time factor" in lines[0]
    assert summary["audio_s"] > 8 and summary["runs"] == 1
    assert summary["rtf_command"] == pytest.approx(summary["command_s"] / summary["audio_s"], abs=0.002)
    assert 0 <= summary["wer"] < 0.5
    assert summary["model"] == "tiny.en"
    assert any(line.startswith("import of 300 LinkedIn applications") for line in lines)
    assert (
        summary["import"]["rows"] == 300
        and summary["import"]["ratio_command"] > 0
        and summary["import"]["ratio_inprocess"] > 0
    )
