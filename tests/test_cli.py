"""`python -m lib`: every command, one-line errors with exit code 1, usage errors with 2, an interrupt with 130."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib import cli as cli_module
from tests.conftest import ROOT

COMMANDS = [
    "demo",
    "export",
    "analyze",
    "coach",
    "backup",
    "restore",
    "check-stories",
    "check-resume",
    "check-linkedin",
    "import-applications",
    "import-contacts",
]

STORY = """## Led the migration

**Situation:** Our billing system ran on a legacy monolith that failed twice a month.

**Task:** I had to move it to the new platform without downtime.

**Action:** I planned the cutover in three phases, wrote the runbooks, and paired with the on-call team.

**Result:** We cut incidents by 80% and saved $40k a year.
"""


def run_cli(*args: str, env_dir: Path) -> subprocess.CompletedProcess:
    """`python -m lib ARGS` in a fresh interpreter, end to end."""
    env = {**os.environ, "PREP_DATA_DIR": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-m", "lib", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


# ---------------------------------------------------------------- in process


def test_help_lists_every_command_in_order(cli) -> None:
    result = cli("--help")
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line[:3].strip()]
    assert listed == COMMANDS
    assert "$PREP_DATA_DIR" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(cli, command: str) -> None:
    result = cli(command, "-h")
    assert result.returncode == 0 and f"python -m lib {command}" in result.stdout


@pytest.mark.parametrize(
    "args",
    [[], ["no-such-command"], ["demo", "--scale", "x"], ["export"], ["check-stories", "x.md", "--wpm", "abc"]],
)
def test_usage_errors_exit_with_2(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert result.stdout == "" or not args


def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture) -> None:
    assert cli_module.main(["--help"]) == 0
    assert cli_module.main([]) == 2
    assert cli_module.main(["demo", "--scale", "x"]) == 2
    assert cli_module.main(["demo", "--scale", "0"]) == 1
    assert capsys.readouterr().err.endswith("error: --scale must be a whole number from 1 to 1000\n")


def test_demo_fills_once_then_refuses(cli, data_dir: Path) -> None:
    first = cli("demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"Demo data (scale 1) written to {data_dir}\n"
    assert "  … plan.curriculum\n" in first.stderr and "  … media.analysis_jobs\n" in first.stderr
    again = cli("demo")
    assert again.returncode == 1
    assert again.stderr == "error: the data directory already holds data; demo only fills an empty one\n"


def test_bad_scale_is_a_one_line_error(cli) -> None:
    result = cli("demo", "--scale", "0")
    assert result.returncode == 1
    assert result.stderr == "error: --scale must be a whole number from 1 to 1000\n"


def test_an_interrupt_exits_with_130(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("lib.demo.run.run_demo", interrupted)
    result = cli("demo")
    assert result.returncode == 130 and result.stderr == "error: interrupted\n"


def test_export_writes_every_deliverable(cli, demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("export", str(out))
    assert result.returncode == 0, result.stderr
    written = result.stdout.splitlines()
    assert len(written) == 13 and all(Path(p).is_file() and Path(p).parent == out for p in written)
    assert result.stderr.count("  … ") == 11


def test_export_to_an_unwritable_place_is_a_clear_error(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = cli("export", str(blocker / "out"))
    assert result.returncode == 1
    assert result.stderr == f"error: {blocker / 'out'}: cannot write there: Not a directory\n"


def test_backup_then_restore(cli, demo_dir: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    done = cli("backup", str(archive))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Backup of ") and done.stdout.endswith(f" written to {archive.resolve()}\n")
    assert done.stderr.splitlines()[-1] == "  100% backup written"
    restored = cli("restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    lines = restored.stdout.splitlines()
    assert lines[0] == f"Restored {archive} into {demo_dir}"
    assert lines[1].startswith(f"The previous data was kept in {demo_dir}{os.sep}before-restore-")
    missing = cli("restore", str(tmp_path / "missing.zip"))
    assert missing.returncode == 1
    assert missing.stderr.splitlines()[-1] == f"error: {tmp_path / 'missing.zip'}: no such file; nothing was changed"


def test_check_stories_prints_one_json_line_per_story(cli, tmp_path: Path) -> None:
    md = tmp_path / "s.md"
    md.write_text(STORY, encoding="utf-8")
    result = cli("check-stories", str(md), "--wpm", "150")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["title"] == "Led the migration" and report["speaking_seconds"] == 20
    empty = tmp_path / "empty.md"
    empty.write_text("nothing here", encoding="utf-8")
    none = cli("check-stories", str(empty))
    assert none.returncode == 0 and none.stdout == ""
    assert none.stderr == f"{empty}: no stories found (each story starts with a '## Title' heading)\n"
    folder = cli("check-stories", str(tmp_path))
    assert folder.returncode == 1 and folder.stderr == f"error: {tmp_path}: this is a folder, not a markdown file\n"


def test_imports_report_and_refuse(cli, tmp_path: Path) -> None:
    apps = tmp_path / "apps.csv"
    apps.write_text("company,role,status,applied_on\nAcme,PM,applied,2024-01-05\n", encoding="utf-8")
    done = cli("import-applications", str(apps))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Imported 1 applications from a app export (1 rows, 0 already there, 1 new companies)\n"
    missing = cli("import-contacts", str(tmp_path / "none.csv"))
    assert missing.returncode == 1
    assert missing.stderr == f"error: {tmp_path / 'none.csv'}: cannot read the file: No such file or directory\n"


def test_analyze_refuses_a_file_that_is_not_a_recording(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_text("xx")
    result = cli("analyze", str(bad))
    assert result.returncode == 1 and result.stderr == f"error: {bad}: not an audio or video file\n"


# ---------------------------------------------------------------- end to end


def test_end_to_end_help_demo_and_export(data_dir: Path, tmp_path: Path) -> None:
    help_text = run_cli("--help", env_dir=data_dir)
    assert help_text.returncode == 0
    assert all(command in help_text.stdout for command in COMMANDS)
    first = run_cli("demo", env_dir=data_dir)
    assert first.returncode == 0, first.stderr
    exported = run_cli("export", str(tmp_path / "out"), env_dir=data_dir)
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == 13


def test_end_to_end_errors_are_one_line_with_exit_codes(data_dir: Path) -> None:
    bad_scale = run_cli("demo", "--scale", "0", env_dir=data_dir)
    assert bad_scale.returncode == 1
    assert bad_scale.stderr == "error: --scale must be a whole number from 1 to 1000\n"
    usage = run_cli("no-such-command", env_dir=data_dir)
    assert usage.returncode == 2 and "No such command" in usage.stderr
