"""Loaded at start-up by any Python whose PYTHONPATH holds this folder (the app server under test).

An audit hook writes every attempt to resolve or reach a non-loopback address
to the file named by PREP_NET_AUDIT, one line each, so a test can prove the
app never talks to the network.
"""

import os
import socket
import sys

_LOG = os.environ.get("PREP_NET_AUDIT")
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", ""}


def _is_loopback(host: object) -> bool:
    """Loopback or unspecified hosts, and Unix socket paths, stay on the machine."""
    if host is None or isinstance(host, (bytes, bytearray)) and not host:
        return True
    text = host.decode() if isinstance(host, (bytes, bytearray)) else str(host)
    return text in _LOOPBACK_NAMES or text.startswith("127.") or text.startswith("/")


def _record(event: str, detail: object) -> None:
    with open(_LOG, "a", encoding="utf-8") as out:
        out.write(f"{event} {detail!r}\n")


def _audit(event: str, args: tuple) -> None:
    """Record outbound connects, sends and name lookups that leave the machine."""
    if event == "socket.getaddrinfo":
        if not _is_loopback(args[0]):
            _record(event, args[:2])
    elif event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[1]
        if sock.family == socket.AF_UNIX:
            return
        host = address[0] if isinstance(address, tuple) else address
        if not _is_loopback(host):
            _record(event, address)
    elif event == "socket.gethostbyname" and not _is_loopback(args[0]):
        _record(event, args[0])


if _LOG:
    sys.addaudithook(_audit)
    # A separate marker proves the hook was installed, so an empty log means something.
    with open(f"{_LOG}.armed", "a", encoding="utf-8") as marker:
        marker.write(f"{os.getpid()}\n")
