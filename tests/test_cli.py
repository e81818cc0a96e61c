"""`python -m lib`: help, demo, export, and one-line errors with a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env_dir: Path) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "PREP_DATA_DIR": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-m", "lib", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_help_lists_the_commands(data_dir: Path) -> None:
    result = run_cli("--help", env_dir=data_dir)
    assert result.returncode == 0
    for command in ("demo", "export"):
        assert command in result.stdout


def test_demo_fills_once_then_refuses(data_dir: Path) -> None:
    first = run_cli("demo", env_dir=data_dir)
    assert first.returncode == 0, first.stderr
    assert (data_dir / "prep.db").exists()
    again = run_cli("demo", env_dir=data_dir)
    assert again.returncode == 1
    assert (
        again.stderr.strip().splitlines()[-1]
        == "error: the data directory already holds data; demo only fills an empty one"
    )


def test_bad_scale_is_a_one_line_error(data_dir: Path) -> None:
    result = run_cli("demo", "--scale", "0", env_dir=data_dir)
    assert result.returncode == 1
    assert "scale must be a whole number" in result.stderr


def test_export_to_an_unwritable_place_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("export", str(blocker / "out"), env_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "cannot write there" in result.stderr
