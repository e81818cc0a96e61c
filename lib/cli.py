"""`python -m lib <command>`: import, export and scripting without the UI.

Every command reads the data directory from PREP_DATA_DIR, calls one library
function and prints its result; the app's own errors become one line
`error: ...` on stderr and exit code 1 (130 when interrupted, 2 for a usage error).
"""

from __future__ import annotations

import functools
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lib.core import config
from lib.core.errors import InputError, PrepError

PROG = "python -m lib"


class _Commands(click.Group):
    """A group that lists its commands in the order they were added, each with its whole help line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("short_help", kwargs.get("help"))
        return super().command(*args, **kwargs)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Interview Prep Dashboard command line. Data directory: $PREP_DATA_DIR (default: a per-user folder).",
    options_metavar="",
    subcommand_metavar="COMMAND ...",
)
def cli() -> None:
    # A path given on the command line can hold bytes the locale cannot decode (kept as surrogates):
    # echoing it back in a message must print an escape, not fail with a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def _one_line_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the app's errors into `error: ...` on stderr with exit code 1, an interrupt into 130."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except PrepError as exc:
            # A path or a value quoted in the message may hold a line break: the error stays one line.
            message = str(exc).replace("\r", "\\r").replace("\n", "\\n")
            click.echo(f"error: {message}", err=True)
            raise click.exceptions.Exit(1) from None
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            raise click.exceptions.Exit(130) from None

    return run


def _given(value: str, name: str) -> str:
    """A path argument as given; an empty one is refused rather than read as the current folder."""
    if not value.strip():
        raise InputError(f"{name} is empty; give a path")
    return value


def _step(label: str) -> None:
    click.echo(f"  … {label}", err=True)
    sys.stderr.flush()


def _percent(fraction: float, label: str) -> None:
    click.echo(f"  {fraction:4.0%} {label}", err=True)
    sys.stderr.flush()


def _rows(done: int, total: int) -> None:
    click.echo(f"  … {done}{f' / {total}' if total else ''} rows", err=True)
    sys.stderr.flush()


SCALE_MAX = 1000  # the most run_demo accepts; checked here too so the flag's error names the flag


@cli.command(help="fill an empty data directory with a realistic sample")
@click.option("--scale", type=int, default=1, metavar="SCALE", help="multiply the volume of sample data (default 1)")
@_one_line_errors
def demo(scale: int) -> None:
    from lib import startup
    from lib.demo.run import run_demo

    if not 1 <= scale <= SCALE_MAX:
        raise InputError(f"--scale must be a whole number from 1 to {SCALE_MAX}")
    startup.prepare_database()
    run_demo(scale, progress=_step)
    click.echo(f"Demo data (scale {scale}) written to {config.data_dir()}")


@cli.command(help="write every deliverable file into OUT_DIR")
@click.argument("out_dir", metavar="OUT_DIR")
@_one_line_errors
def export(out_dir: str) -> None:
    from lib import startup
    from lib.materials.export import export_all

    out_dir = _given(out_dir, "OUT_DIR")
    startup.prepare_database()
    for path in export_all(Path(out_dir), progress=_step):
        click.echo(path)


@cli.command(
    short_help="speech metrics of one recording (any audio or video file) as JSON",
    help="speech metrics of one recording (any audio or video file) as JSON\n\nRECORDING: path of the recording file",
)
@click.argument("recording", metavar="RECORDING")
@_one_line_errors
def analyze(recording: str) -> None:
    from lib.media import speech

    result = speech.analyze_file(Path(_given(recording, "RECORDING"))).to_dict()
    result.pop("speech_segments")
    click.echo(json.dumps(result, ensure_ascii=False))


@cli.command(
    help="coach one answer (text/markdown, or audio/video transcribed first) against a question; prints one JSON object"
)
@click.option("--question", "question", required=True, metavar="QUESTION", help="the question's id or its exact text")
@click.argument("file", metavar="FILE")
@click.option(
    "--engine",
    type=click.Choice(["builtin", "llm"]),
    default="builtin",
    show_default=True,
    help="builtin never opens a connection; llm adds a model server's feedback (PREP_LLM_BASE_URL)",
)
@_one_line_errors
def coach(question: str, file: str, engine: str) -> None:
    from lib import startup
    from lib.coach.command import coach_file

    startup.prepare_database()
    feedback = coach_file(question, Path(_given(file, "FILE")), engine, progress=_step)
    click.echo(json.dumps(feedback.as_json(), ensure_ascii=False))


@cli.command(help="write the database and every recording to FILE.zip")
@click.argument("file", metavar="FILE.zip")
@_one_line_errors
def backup(file: str) -> None:
    from lib import startup
    from lib.storage.backup import create_backup

    file = _given(file, "FILE.zip")
    startup.prepare_database()
    manifest = create_backup(Path(file), _percent)
    click.echo(f"Backup of {len(manifest['files'])} files written to {Path(file).resolve()}")


@cli.command(help="replace the data with a checked backup (the current data is kept in a dated folder)")
@click.argument("file", metavar="FILE.zip")
@_one_line_errors
def restore(file: str) -> None:
    from lib.storage.backup import restore_backup

    kept = restore_backup(Path(_given(file, "FILE.zip")), _percent)
    click.echo(f"Restored {file} into {config.data_dir()}")
    if kept:
        click.echo(f"The previous data was kept in {kept}")


@cli.command("check-stories", help="check STAR stories in a markdown file; one JSON line per story")
@click.argument("file", metavar="FILE.md")
@click.option(
    "--wpm",
    type=float,
    default=None,
    metavar="WPM",
    help="speaking pace in words a minute, 60 to 220 (default: your setting, else 100)",
)
@_one_line_errors
def check_stories(file: str, wpm: float | None) -> None:
    from lib import startup
    from lib.stories.import_export import check_story_file

    if wpm is None:
        startup.check_database()  # the saved pace is read from it: a damaged one is reported in one line
    found = 0
    try:
        for report in check_story_file(Path(_given(file, "FILE.md")), wpm):
            found += 1
            click.echo(json.dumps(report.as_json(), ensure_ascii=False))
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) stopped early; that is not a failure of the check.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if not found:
        click.echo(f"{Path(file)}: no stories found (each story starts with a '## Title' heading)", err=True)


JOB_MAX = 1_000_000  # a job description is a page or two of text


@cli.command("check-resume", help="check a resume (PDF or .docx), optionally against a job description; prints JSON")
@click.argument("resume", metavar="RESUME.pdf")
@click.option("--job", "job", default=None, metavar="JOB.txt", help="a job description (text file) to match against")
@_one_line_errors
def check_resume(resume: str, job: str | None) -> None:
    from lib.core import textsafe
    from lib.materials.documents import read_document_file
    from lib.materials.resume import check_resume as judge

    path = Path(_given(resume, "RESUME.pdf"))
    job_text = None
    if job is not None:
        job_text = textsafe.read_text_file(Path(_given(job, "JOB.txt")), what="a job description", max_bytes=JOB_MAX)
    result = judge(read_document_file(path), str(path), job_text)
    click.echo(json.dumps(result, ensure_ascii=False))


@cli.command("check-linkedin", help="check a LinkedIn data export (the zip or its unpacked folder); prints JSON")
@click.argument("export", metavar="EXPORT")
@_one_line_errors
def check_linkedin(export: str) -> None:
    from lib.core.errors import ImportFileError
    from lib.materials.linkedin import check_linkedin as judge

    path = Path(_given(export, "EXPORT"))
    if not path.exists():
        raise ImportFileError("no such file or folder", where=str(path))
    click.echo(json.dumps(judge(path, str(path)), ensure_ascii=False))


def _import_command(kind: str, help: str) -> None:
    @cli.command(f"import-{kind}", help=help)
    @click.argument("file", metavar="FILE.csv")
    @_one_line_errors
    def command(file: str) -> None:
        from lib import startup
        from lib.jobsearch.imports.files import import_path
        from lib.jobsearch.imports.summary import summary_text

        _given(file, "FILE.csv")
        startup.prepare_database()
        summary = import_path(kind, file, progress=_rows)
        click.echo(summary_text(summary, kind))


_import_command("applications", "import applications from applications.csv or LinkedIn's Job Applications.csv")
_import_command("contacts", "import contacts from networking.csv or LinkedIn's Connections.csv")


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    try:
        return int(cli.main(args=argv, prog_name=PROG, standalone_mode=False) or 0)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("error: interrupted", err=True)
        return 130
