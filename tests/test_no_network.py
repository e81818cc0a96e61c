"""No network at run time: the server's configuration, and the audit hook the browser journey relies on.

The journey itself (every page in Chromium, the hook's log empty, the server
listening on 127.0.0.1 only) is in tests/test_security_browser.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT

AUDIT_DIR = Path(__file__).resolve().parent / "net_audit"


def test_server_config_binds_loopback_and_sends_no_statistics() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["browser"].get("serverAddress", "127.0.0.1") == "127.0.0.1"


def test_streamlit_reads_the_same_settings() -> None:
    """Streamlit's own view of the config file, as `streamlit run` from the repository sees it."""
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True);"
        "print(config.get_option('server.address'), config.get_option('browser.gatherUsageStats'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["127.0.0.1", "False"]


def test_audit_hook_records_outbound_attempts_and_ignores_loopback(tmp_path: Path) -> None:
    """The hook is able to fail the journey: a lookup and a connect to outside addresses are logged."""
    log = tmp_path / "net.log"
    code = (
        "import socket\n"
        "socket.getaddrinfo('localhost', 80)\n"
        "s = socket.socket(); s.settimeout(0.2)\n"
        "try:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\n"
        "try:\n    socket.getaddrinfo('example.invalid', 443)\nexcept OSError:\n    pass\n"
        "s = socket.socket(); s.settimeout(0.2)\n"
        "try:\n    s.connect(('192.0.2.1', 9))\nexcept OSError:\n    pass\n"
    )
    env = {**os.environ, "PYTHONPATH": str(AUDIT_DIR), "PREP_NET_AUDIT": str(log)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    lines = log.read_text().splitlines()
    assert any("example.invalid" in line for line in lines)
    assert any(line.startswith("socket.connect") and "192.0.2.1" in line for line in lines)
    assert not any("127.0.0.1" in line or "localhost" in line for line in lines)
    assert Path(f"{log}.armed").exists()
