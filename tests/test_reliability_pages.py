"""Bad input is answered with a message, never with Python internals.

With Streamlit's "magic" on, every expression statement that is not a plain
call goes to st.write, so ``st.error(error) if error else st.rerun()`` shows
the message and then the help text of a DeltaGenerator object. The project
turns magic off in .streamlit/config.toml; these tests keep it off.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CONDITIONAL_ERROR = (
    "from streamlit.testing.v1 import AppTest\n"
    "at = AppTest.from_string("
    "'import streamlit as st\\nerror = \"bad input\"\\nst.error(error) if error else st.rerun()\\n')\n"
    "at.run()\n"
    "print(' '.join(str(getattr(e, 'type', None)) for e in at.main.children.values()))\n"
)


def run_in_repository(code: str) -> str:
    """Run Python from the repository root, where Streamlit reads .streamlit/config.toml; the last line printed."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip().splitlines()[-1]


def test_magic_is_off_as_streamlit_reads_the_config() -> None:
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print(config.get_option('runner.magicEnabled'))"
    )
    assert run_in_repository(code) == "False"


def test_a_conditional_error_statement_shows_only_the_error() -> None:
    assert run_in_repository(CONDITIONAL_ERROR) == "error"


def test_with_magic_on_the_same_statement_would_show_internals() -> None:
    """What the setting prevents: the error followed by a help view of a Python object."""
    assert (
        run_in_repository(
            "from streamlit import config; config.set_option('runner.magicEnabled', True)\n" + CONDITIONAL_ERROR
        )
        == "error help_info"
    )
