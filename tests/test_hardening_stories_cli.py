"""Hostile and careless input to the story files, the command line and the pages' messages.

A story file with a byte-order mark loses no story; a user's text file is
decoded in one place; the story parser runs in time linear in its input; a
message quoting user text shows it literally; odd flags, paths and data
directories answer in one line.
"""

from __future__ import annotations

import ast
import contextlib
import gc
import json
import math
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from lib.core import config
from lib.core.errors import ImportFileError, InputError, StorageError
from lib.core.textsafe import decode_text, escape_markdown, read_text_file
from lib.storage.db import open_db
from lib.stories import import_export as stories_io
from lib.stories import store as stories
from lib.stories.checks import check_story
from lib.stories.markdown import parse_stories, render_story
from tests.conftest import ROOT, run_page

HOSTILE = "![x](http://127.0.0.1:9/x.png) **bold** :red[red] <img src=x>"

# ---------------------------------------------------------------- decoding a user's text file (byte-order marks)

SECTIONS = {
    "situation": "Our billing system failed twice a month and customers noticed every time.",
    "task": "I had to move it to the new platform without any downtime at all.",
    "action": "I planned the cutover in three phases and wrote the runbooks myself.",
    "result": "Incidents fell by 80% and I learned to rehearse every cutover twice.",
}
META = {"theme": "Failure", "source": "Career", "tags": "ops"}
ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16 (BOM, native order)": lambda t: t.encode("utf-16"),
    "utf-16-le with BOM": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be with BOM": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-32 with BOM": lambda t: t.encode("utf-32"),
}

titles = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40)
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: t and not t.startswith("#")),
    min_size=1,
    max_size=5,
    unique_by=str.casefold,
)


def _document(names: list[str]) -> str:
    """Stories only, the first heading on the first line: where a byte-order mark sits."""
    return "\n".join(render_story(name, SECTIONS, META) for name in names)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_decode_text_drops_the_mark_and_reads_utf16_and_utf32(encoding: str) -> None:
    text = "## Première histoire\n\n**Situation:** 3 × faster — naïve café ✓\n"
    assert decode_text(ENCODINGS[encoding](text), "s.md") == text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"## Title\n\xff\xfe broken", "not UTF-8 text (byte 9)"),
        (b"\xef\xbb\xbf## Title\n\x80", "not UTF-8 text (byte 12)"),
        (b"\xfe\xff\xd8\x00", "not UTF-16-BE text (byte 2)"),  # a lone surrogate half
        (b"## Title\x00\x00\x00", "not a text file (it holds NUL bytes)"),
    ],
)
def test_a_file_that_is_not_text_is_one_error_naming_it(data: bytes, problem: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        decode_text(data, "stories.md")
    assert caught.value.where == "stories.md" and caught.value.message.startswith(problem)
    assert "\n" not in str(caught.value)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=titles, encoding=st.sampled_from(list(ENCODINGS)))
def test_no_story_is_lost_to_a_byte_order_mark(cli, tmp_path: Path, names: list[str], encoding: str) -> None:
    data = ENCODINGS[encoding](_document(names))
    md = tmp_path / "stories.md"
    md.write_bytes(data)
    done = cli("check-stories", str(md), "--wpm", "120")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["title"] for line in done.stdout.splitlines()] == names
    with open_db() as db:
        parsed = stories_io.read_import(db, data, "stories.md")
    assert [s["title"] for s in parsed] == names


def test_files_joined_with_their_marks_keep_every_story(tmp_path: Path) -> None:
    joined = _document(["First"]).encode("utf-8-sig") + _document(["Second"]).encode("utf-8-sig")
    assert [p.title for p in parse_stories(decode_text(joined, "x.md"))] == ["First", "Second"]


def test_the_stories_page_imports_a_file_with_a_byte_order_mark() -> None:
    at = run_page("pages/stories.py")
    at.session_state["stories_tab"] = "Import & export"  # only the open tab is drawn
    at.run()
    data = _document(["Led the migration", "Missed a deadline"]).encode("utf-8-sig")
    at.file_uploader(key="stories_upload_0").set_value(("stories.md", data, "text/markdown")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    next(b for b in at.button if b.key == "stories_import").click().run()
    assert not at.exception
    with open_db() as db:
        assert sorted(stories.current_stories(db)["title"]) == ["Led the migration", "Missed a deadline"]


def test_the_stories_page_refuses_a_binary_file_in_one_message() -> None:
    at = run_page("pages/stories.py")
    at.session_state["stories_tab"] = "Import & export"  # only the open tab is drawn
    at.run()
    at.file_uploader(key="stories_upload_0").set_value(("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00", "text/markdown"))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        escape_markdown("photo.md: not UTF-8 text (byte 0); save it as UTF-8 text; nothing was imported")
    ]


def test_read_text_file_answers_every_odd_path_in_one_error(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * 101)
    cases = {tmp_path / "missing.md": "no such file", tmp_path: "this is a folder", big: "larger than"}
    for path, problem in cases.items():
        with pytest.raises(ImportFileError) as caught:
            read_text_file(path, max_bytes=100)
        assert caught.value.where == str(path) and problem in caught.value.message


# ---------------------------------------------------------------- time linear in the input


def _best_of(runs: int, fn: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings, with the garbage collector off as timeit does.

    Its full collections scan every live object, so many small allocations
    cost more than linear time through no fault of the code under test.
    """
    best = math.inf
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def _check_file(text: str) -> None:
    """What check-stories and the import do with a file's text: parse, check each story, validate."""
    for p in parse_stories(text):
        check_story(p.title, p.sections)
    with contextlib.suppress(ImportFileError):
        stories_io.stories_from_markdown(text, "hostile.md")


NBSP = "\u00a0"
# Each builds an input of about n characters aimed at one pattern or loop of the parser.
HOSTILE_INPUTS: dict[str, Callable[[int], str]] = {
    "heading, spaces then text": lambda n: "## a" + " " * n + "b",
    "heading, no-break spaces": lambda n: "## a" + NBSP * n + "b",
    "heading, tabs": lambda n: "##" + "\t" * n + "x",
    "a run of #": lambda n: "#" * n,
    "a run of **": lambda n: "**" * (n // 2),
    "label, spaces": lambda n: "## T\n**Situation" + " " * n + "x",
    "label, no-break spaces": lambda n: "## T\n**" + NBSP * n + "Result:** x",
    "answers bullet, spaces": lambda n: "## T\nAnswers:\n-" + " " * n + "x",
    "meta, spaces": lambda n: "## T\nTheme" + " " * n + "x · " * 3,
    "meta, many parts": lambda n: "## T\n" + "Tags: a · " * (n // 10),
    "tags, many": lambda n: "## T\nTheme: Failure · Tags: " + ",".join(str(i) for i in range(n // 6)),
    "many headings": lambda n: "## a\n" * (n // 5),
    "many untitled headings": lambda n: "##\n" * (n // 3),
    "section of dots": lambda n: "## T\n**Result:** " + "." * n,
    "section of digits and spaces": lambda n: "## T\n**Result:** " + "1 " * (n // 2),
    "section of apostrophes": lambda n: "## T\n**Action:** " + "a'" * (n // 2),
    "learning cues": lambda n: "## T\n**Result:** " + "learn" * (n // 5),
    "carriage returns": lambda n: "## T\r" * (n // 5),
    "byte-order marks": lambda n: "\ufeff" * n + "## T",
    "backslashes": lambda n: "## T\n**Task:** x\n" + "\\" * n,
}


@pytest.mark.parametrize("name", list(HOSTILE_INPUTS))
def test_parsing_a_hostile_file_takes_time_linear_in_its_size(name: str) -> None:
    """Time at 4n against time at n, from 12,500 up to 200,000 characters: linear work grows about 4x, quadratic 16x.

    The bound is a ratio measured in this run, not a wall-clock figure, so a slow
    or busy machine does not fail it; the small floor absorbs timer noise on tiny times.
    """
    make = HOSTILE_INPUTS[name]
    previous = None
    for n in (12_500, 50_000, 200_000):
        text = make(n)
        spent = _best_of(3, lambda text=text: _check_file(text))
        if previous is not None:
            assert spent < 8 * previous + 0.02, (
                f"{name}: {len(text)} characters took {spent:.3f} s, a quarter {previous:.3f} s"
            )
        previous = spent


def test_every_regex_over_user_text_is_linear() -> None:
    """The patterns this app runs over user text, each at 4x the size: nothing grows faster than linearly."""
    from lib.media.speech import words as speech_words
    from lib.stories import checks, similarity

    probes: list[tuple[str, Callable[[str], object], Callable[[int], str]]] = [
        ("checks.word_count", checks.words, lambda n: "a'" * (n // 2)),
        ("checks.has_numbers", checks.has_numbers, lambda n: "x " * (n // 2)),
        ("checks.ends_with_learning", lambda t: checks.ends_with_learning({"result": t}), lambda n: ". " * (n // 2)),
        ("similarity tokens", similarity.content_words, lambda n: "ab " * (n // 3)),
        ("speech words", speech_words.count_words, lambda n: "a'" * (n // 2)),
        ("speech fillers", speech_words.count_fillers, lambda n: "so, " * (n // 4)),
        ("speech numbers", speech_words.highlight_spans, lambda n: "1" * n + " %"),
        ("escape_markdown", escape_markdown, lambda n: "*_[" * (n // 3)),
    ]
    for name, fn, make in probes:
        small, large = make(50_000), make(200_000)
        t_small = _best_of(3, lambda small=small, fn=fn: fn(small))
        t_large = _best_of(3, lambda large=large, fn=fn: fn(large))
        assert t_large < 8 * t_small + 0.02, f"{name}: {t_large:.3f} s at 200,000 characters, {t_small:.3f} s at 50,000"


def test_an_email_address_is_checked_in_linear_time() -> None:
    from lib.jobsearch.networking import _looks_like_email

    t_small = _best_of(3, lambda: _looks_like_email("a@" + "." * 50_000 + " "))
    t_large = _best_of(3, lambda: _looks_like_email("a@" + "." * 200_000 + " "))
    assert t_large < 8 * t_small + 0.02
    assert [_looks_like_email(t) for t in ("a@b.co", "a@b.", "a@.b", "a b@c.d", "a@b@c.d", "ab.cd")] == [
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_a_file_with_a_finding_on_every_line_gives_a_short_error() -> None:
    with pytest.raises(ImportFileError) as caught:
        stories_io.stories_from_markdown("## a\n" * 5000, "many.md")
    assert len(str(caught.value)) < 5000 and re.search(r"; and \d{4,} more$", str(caught.value))


def test_an_error_quotes_a_huge_heading_cut_short() -> None:
    with pytest.raises(ImportFileError) as caught:
        stories_io.stories_from_markdown("## " + "x" * 100_000 + "\nTheme: Failure\n\n**Situation:** s\n", "long.md")
    assert len(str(caught.value)) < 600 and "keep the title under 120 characters" in str(caught.value)


def test_tags_are_deduplicated_in_linear_time_and_capped() -> None:
    fields = {"title": "T", "theme_id": "failure", **SECTIONS}
    assert json.loads(stories.validate_story({**fields, "tags": "a, b, a, B"})["tags"]) == ["a", "b", "B"]
    with pytest.raises(InputError, match="more than 30 tags"):
        stories.validate_story({**fields, "tags": ",".join(str(i) for i in range(50_000))})


# ---------------------------------------------------------------- user text in messages is never markup

MESSAGE_CALLS = {"error", "warning", "info", "success", "toast", "exception"}
ESCAPING = {"ui", "messages"}  # ui.error(...) and, inside lib/ui, messages.error(...) escape what they show


def _shown_sources() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "lib" / "ui").glob("*.py"))]


def test_every_message_with_text_not_written_in_the_code_goes_through_an_escaping_helper() -> None:
    """st.error(x), col.warning(f"...{x}"), st.toast(msg)...: only a plain literal may skip ui.error and its kin.

    ``ui.markup(template, *values)`` is the way to keep the app's own markdown
    around user text: its template must be a literal, and only lib/ui/markup.py
    builds a Markup directly.
    """
    offenders = []
    for path in _shown_sources():
        if path.name == "messages.py":
            continue
        where = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            first = node.args[0] if node.args else None
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if isinstance(func, ast.Attribute) and func.attr in MESSAGE_CALLS:
                receiver = func.value
                if not literal and not (isinstance(receiver, ast.Name) and receiver.id in ESCAPING):
                    offenders.append(f"{where}:{node.lineno} {ast.unparse(node)[:80]}")
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "markup" and not literal:
                offenders.append(f"{where}:{node.lineno} ui.markup with a template that is not a literal")
            if name == "Markup" and path.name != "markup.py":
                offenders.append(f"{where}:{node.lineno} Markup built outside lib/ui/markup.py")
    assert offenders == []


def _rendered(markdown: str) -> str:
    """The HTML a CommonMark renderer makes of a message (Streamlit's own renderer follows CommonMark)."""
    return MarkdownIt("commonmark").render(markdown)


def _assert_literal(shown: str, expected: str) -> None:
    html = _rendered(shown)
    assert "<img" not in html and "<strong>" not in html and "<a " not in html, html
    assert ":red[" not in shown  # Streamlit's colour directive needs an unescaped colon and bracket
    text = re.sub(r"<[^>]+>", "", html).strip()
    import html as html_lib

    assert html_lib.unescape(text) == expected


def test_a_hostile_case_study_name_is_shown_literally_in_the_error() -> None:
    at = run_page("pages/case_studies.py")
    for _ in range(2):  # the second add is refused: the name is already in the bank, quoted in the error
        at.text_input(key="case_studies_add_name").input(HOSTILE)
        next(b for b in at.button if b.label == "Add to the bank").click().run()
    assert not at.exception
    (error,) = at.error
    _assert_literal(error.value, f"name: '{HOSTILE}' is already in the bank")


def test_a_hostile_story_title_is_shown_literally_in_the_import_error() -> None:
    at = run_page("pages/stories.py")
    at.session_state["stories_tab"] = "Import & export"  # only the open tab is drawn
    at.run()
    data = f"## {HOSTILE}\n\n**Situation:** x\n".encode()
    at.file_uploader(key="stories_upload_0").set_value((f"{HOSTILE}.md", data, "text/markdown")).run()
    assert not at.exception
    (error,) = at.error
    assert "no theme" in error.value
    _assert_literal(error.value, str(_import_error(data, f"{HOSTILE}.md")))


def _import_error(data: bytes, name: str) -> ImportFileError:
    with open_db() as db, pytest.raises(ImportFileError) as caught:
        stories_io.read_import(db, data, name)
    return caught.value


def test_a_hostile_company_name_is_shown_literally_in_the_duplicate_warning() -> None:
    at = run_page("pages/companies.py")
    for name in (HOSTILE, HOSTILE.upper()):
        at.text_input(key="companies_add_name").input(name)
        next(b for b in at.button if b.label == "Add company").click().run()
    assert not at.exception
    (warning,) = at.warning
    assert "<img" not in _rendered(warning.value) and "<strong>" not in _rendered(warning.value)
    assert HOSTILE.upper() in re.sub(r"\\(.)", r"\1", warning.value)


def test_ui_markup_escapes_only_the_values() -> None:
    from lib import ui

    shown = ui.markup("**Next:** {}", HOSTILE)
    assert _rendered(shown).startswith("<p><strong>Next:</strong> ")
    assert ui.text(shown) == shown  # escaped once, never twice


# ---------------------------------------------------------------- odd flags, paths and data directories


@pytest.mark.parametrize("wpm", ["nan", "-1", "0", "inf", "-inf", "1e9", "59.9", "220.5", "1e400"])
def test_an_impossible_pace_is_one_line(cli, tmp_path: Path, wpm: str) -> None:
    md = tmp_path / "s.md"
    md.write_text(_document(["A story"]), encoding="utf-8")
    done = cli("check-stories", str(md), "--wpm", wpm)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "error: --wpm must be a number of words per minute from 60 to 220\n"


@pytest.mark.parametrize("wpm", ["60", "220", "150.5"])
def test_a_pace_in_the_range_is_used(cli, tmp_path: Path, wpm: str) -> None:
    md = tmp_path / "s.md"
    md.write_text(_document(["A story"]), encoding="utf-8")
    done = cli("check-stories", str(md), "--wpm", wpm)
    words = json.loads(done.stdout)["words"]
    assert done.returncode == 0 and json.loads(done.stdout)["speaking_seconds"] == round(words / float(wpm) * 60)


def test_a_stored_pace_that_is_not_a_pace_falls_back_to_the_default(db) -> None:
    from lib.storage import settings as app_settings

    for stored in ("nan", "inf", "0", "-5", "abc", "1e9"):
        app_settings.put(db, stories.PACE_KEY, stored)
        assert stories.speaking_pace(db) == 100


@pytest.mark.parametrize("scale", ["0", "-1", "1001", "99999999999999999999"])
def test_an_impossible_scale_is_one_line(cli, scale: str) -> None:
    done = cli("demo", "--scale", scale)
    assert done.returncode == 1 and done.stderr == "error: --scale must be a whole number from 1 to 1000\n"


@pytest.mark.parametrize("command", ["backup", "restore", "check-stories", "demo", "export", "import-contacts"])
def test_a_data_directory_that_is_a_file_is_one_line(cli, tmp_path: Path, monkeypatch, command: str) -> None:
    archive = tmp_path / "b.zip"
    assert cli("backup", str(archive)).returncode == 0  # a sound archive, so restore gets as far as the data directory
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PREP_DATA_DIR", str(blocker))
    md = tmp_path / "s.md"
    md.write_text(_document(["A story"]), encoding="utf-8")
    args = {"demo": [], "export": [str(tmp_path / "out")], "backup": [str(tmp_path / "c.zip")]}.get(
        command, [str(archive)] if command == "restore" else [str(md)]
    )
    done = cli(command, *args)
    assert done.returncode == 1, done.stdout
    assert done.stderr.splitlines()[-1] == (
        f"error: {blocker}: the data directory is a file, not a folder; "
        "set PREP_DATA_DIR to a folder you can write to (it is created if missing)"
    )


def test_data_dir_names_the_place_and_what_to_do(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for configured, problem in [
        (blocker, "is a file, not a folder"),
        (blocker / "below", "part of the data directory's path is a file"),
        ("~no-such-user-here/prep", "cannot be created"),
    ]:
        monkeypatch.setenv("PREP_DATA_DIR", str(configured))
        with pytest.raises(StorageError) as caught:
            config.data_dir()
        assert caught.value.where == str(configured) and problem in caught.value.message
        assert "PREP_DATA_DIR" in caught.value.message


def test_the_app_shows_a_data_directory_that_is_a_file_on_its_start_page(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PREP_DATA_DIR", str(blocker))
    at = run_page()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Your data directory cannot be opened"
    assert [re.sub(r"\\(.)", r"\1", e.value) for e in at.error] == [
        f"{blocker}: the data directory is a file, not a folder; "
        "set PREP_DATA_DIR to a folder you can write to (it is created if missing)"
    ]


def _odd_values(tmp_path: Path) -> st.SearchStrategy[str]:
    story = tmp_path / "story.md"
    story.write_text(_document(["A story"]), encoding="utf-8")
    text = tmp_path / "notes.txt"
    text.write_bytes(b"\xff\xfe\x00\x00odd")
    folder = tmp_path / "folder"
    folder.mkdir(exist_ok=True)
    plain = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=12)
    return st.one_of(
        st.sampled_from(["", " ", "-", "--", "nan", "inf", "-1", "0", "1e9", "1", "2", "\udcff.md", "ü/ß", "CON"]),
        st.sampled_from([str(story), str(text), str(folder), str(tmp_path / "missing" / "x.zip"), "/dev/null"]),
        st.integers(-(10**20), 10**20).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        plain,
    )


COMMAND_SHAPES = [
    ("demo", ["--scale", None]),
    ("export", [None]),
    ("analyze", [None]),
    ("coach", ["--question", None, None]),
    ("backup", [None]),
    ("restore", [None]),
    ("check-stories", [None]),
    ("check-stories", [None, "--wpm", None]),
    ("import-applications", [None]),
    ("import-contacts", [None]),
]


@pytest.mark.parametrize(("command", "shape"), COMMAND_SHAPES)
def test_every_command_answers_odd_arguments_in_one_line(cli, tmp_path: Path, monkeypatch, command, shape) -> None:
    monkeypatch.chdir(tmp_path)  # relative paths a test generates land here, never in the repository
    values = _odd_values(tmp_path)

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(values, min_size=len(shape), max_size=len(shape)))
    def answers(generated: list[str]) -> None:
        filled = iter(generated)
        args = [next(filled) if part is None else part for part in shape]
        done = cli(command, *args)
        assert "Traceback" not in done.stderr + done.stdout
        if done.returncode != 0:
            assert done.returncode in (1, 2), (args, done)
            errors = [line for line in done.stderr.splitlines() if line.startswith(("error:", "Error:"))]
            assert len(errors) == 1, (args, done.stderr)

    answers()
