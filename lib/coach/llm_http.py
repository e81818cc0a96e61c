"""Talking to an OpenAI-compatible endpoint: address checks, a pinned connection, bounded time, cancel.

Only loopback addresses are reached unless the user consented to send answers
elsewhere. The host is resolved once and every address must pass; the
connection then goes to those checked addresses (so a name cannot resolve to
another place between the check and the connect). Redirects are never followed.
The key travels only in the Authorization header and is scrubbed from every
error message, even one that quotes the server.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_BODY = 4 << 20  # a reply larger than this is not coaching feedback
CONNECT_S = 5.0
_ERROR_SNIPPET = 160


class LlmError(Exception):
    """Why the model path failed, in one line the user can read."""


@dataclass(frozen=True)
class Endpoint:
    """A checked base address: scheme, host, port and the path before /v1."""

    scheme: str
    host: str
    port: int
    prefix: str

    @property
    def origin(self) -> str:
        """scheme://host:port, for messages."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def parse_base_url(base_url: str) -> Endpoint:
    """The endpoint named by ``base_url`` (with or without a trailing /v1); LlmError when it is not one."""
    text = str(base_url or "").strip()
    if not text:
        raise LlmError("no model address is set")
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise LlmError(f"the model address is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise LlmError("the model address must start with http:// or https://")
    if parts.username or parts.password:
        # A key written into the address would end up in settings and messages: it belongs in the key field.
        raise LlmError("put the key in the key field, not in the model address")
    if not parts.hostname:
        raise LlmError("the model address has no host")
    if parts.query or parts.fragment:
        raise LlmError("the model address must not have a query (?...) or fragment (#...)")
    prefix = parts.path.rstrip("/")
    if prefix.endswith("/v1"):
        prefix = prefix[: -len("/v1")]
    default = 443 if parts.scheme == "https" else 80
    return Endpoint(parts.scheme, parts.hostname, port or default, prefix)


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8 and ::1 (also written as an IPv4-mapped IPv6 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def needs_consent(base_url: str) -> bool:
    """Whether the address may be off this machine (anything but localhost or a loopback literal)."""
    try:
        host = parse_base_url(base_url).host
    except LlmError:
        return False
    if host.lower() in ("localhost", "localhost.") or host.lower().endswith(".localhost"):
        return False
    try:
        return not is_loopback(host)
    except ValueError:
        return True


def resolve(endpoint: Endpoint, allow_remote: bool) -> list[tuple]:
    """The addresses to connect to; LlmError when one is not loopback and the user did not consent."""
    literal = True
    try:
        ipaddress.ip_address(endpoint.host.split("%", 1)[0])
    except ValueError:
        literal = False
    if literal and not allow_remote and not is_loopback(endpoint.host):
        # Refused before any socket exists: nothing leaves the machine.
        raise LlmError(_remote_refusal(endpoint))
    try:
        infos = socket.getaddrinfo(endpoint.host, endpoint.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise LlmError(f"cannot resolve the host '{endpoint.host}' ({exc.__class__.__name__})") from None
    if not infos:
        raise LlmError(f"cannot resolve the host '{endpoint.host}'")
    if not allow_remote and not all(is_loopback(info[4][0]) for info in infos):
        raise LlmError(_remote_refusal(endpoint))
    return [(info[0], info[4]) for info in infos]


def _remote_refusal(endpoint: Endpoint) -> str:
    return (
        f"{endpoint.host} is not on this machine; answers go only to loopback addresses unless you tick "
        "'send my answers to this address'"
    )


def _connect_any(addresses: list[tuple], timeout: float) -> socket.socket:
    last: OSError | None = None
    for family, sockaddr in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError("no address to connect to")


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to already checked addresses (the Host header keeps the name)."""

    def __init__(self, endpoint: Endpoint, addresses: list[tuple], connect_s: float):
        super().__init__(endpoint.host, endpoint.port, timeout=connect_s)
        self._addresses = addresses

    def connect(self) -> None:
        # Kept apart from self.sock, which http.client drops when it hands the socket to the response.
        self.sock = self.pinned_sock = _connect_any(self._addresses, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """The same over TLS, checking the certificate against the host name."""

    def __init__(self, endpoint: Endpoint, addresses: list[tuple], connect_s: float):
        super().__init__(endpoint.host, endpoint.port, timeout=connect_s, context=ssl.create_default_context())
        self._addresses = addresses

    def connect(self) -> None:
        sock = _connect_any(self._addresses, self.timeout)
        self.sock = self.pinned_sock = self._context.wrap_socket(sock, server_hostname=self.host)


def scrub(message: str, secret: str) -> str:
    """``message`` on one line with ``secret`` removed."""
    line = " ".join(str(message).split())
    return line.replace(secret, "[key]") if secret else line


@dataclass
class Call:
    """One request's settings: where, with which key, within how long, stoppable by ``cancel``."""

    base_url: str
    api_key: str = ""
    allow_remote: bool = False
    timeout_s: float = 60.0
    cancel: threading.Event | None = None

    def get_json(self, path: str) -> dict:
        """GET ``path`` and return its JSON object."""
        with self._open("GET", path, None) as resp:
            return _json_body(_read_all(resp))

    def post_lines(self, path: str, payload: dict) -> Iterator[tuple[str, bytes]]:
        """POST ``payload``; yields ("line", bytes) per line of an event stream, or ("body", bytes) once."""
        with self._open("POST", path, payload) as resp:
            kind = resp.getheader("Content-Type", "")
            if "text/event-stream" in kind:
                read = 0
                while True:
                    line = resp.readline(MAX_BODY)
                    if not line:
                        return
                    read += len(line)
                    if read > MAX_BODY:
                        raise LlmError("the model's reply is too large")
                    yield "line", line
            else:
                yield "body", _read_all(resp)

    def _open(self, method: str, path: str, payload: dict | None) -> _Opened:
        return _Opened(self, method, path, payload)


class _Opened:
    """The response of one request, with a watchdog that closes the socket on cancel or at the deadline."""

    def __init__(self, call: Call, method: str, path: str, payload: dict | None):
        self.call, self.method, self.path, self.payload = call, method, path, payload
        self.conn: http.client.HTTPConnection | None = None
        self.stopped: str | None = None
        self.done = threading.Event()

    def __enter__(self) -> http.client.HTTPResponse:
        call = self.call
        try:
            return self._start()
        except HttpStatusError as exc:
            self.__exit__(None, None, None)
            raise HttpStatusError(exc.status, scrub(exc.detail, call.api_key)) from None
        except LlmError as exc:
            self.__exit__(None, None, None)
            raise LlmError(scrub(str(exc), call.api_key)) from None
        except (OSError, http.client.HTTPException) as exc:
            self.__exit__(None, None, None)
            raise LlmError(self._why(exc)) from None

    def _start(self) -> http.client.HTTPResponse:
        call = self.call
        if call.cancel is not None and call.cancel.is_set():
            raise LlmError("cancelled")
        endpoint = parse_base_url(call.base_url)
        addresses = resolve(endpoint, call.allow_remote)
        self.deadline = time.monotonic() + call.timeout_s
        kind = _PinnedHTTPS if endpoint.scheme == "https" else _PinnedHTTP
        self.conn = kind(endpoint, addresses, min(CONNECT_S, call.timeout_s))
        threading.Thread(target=self._watch, daemon=True, name="llm-watchdog").start()
        headers = {"Accept": "application/json, text/event-stream"}
        body = None
        if self.payload is not None:
            body = json.dumps(self.payload).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if call.api_key:
            headers["Authorization"] = f"Bearer {call.api_key}"
        self.conn.request(self.method, endpoint.prefix + self.path, body=body, headers=headers)
        if self.conn.sock is not None:
            self.conn.sock.settimeout(max(0.1, self.deadline - time.monotonic()))
        resp = self.conn.getresponse()
        if 300 <= resp.status < 400:
            raise LlmError(f"the endpoint answered with a redirect ({resp.status}); redirects are not followed")
        if resp.status >= 400:
            raise HttpStatusError(resp.status, _snippet(resp))
        return resp

    def _watch(self) -> None:
        cancel = self.call.cancel
        while not self.done.is_set():
            if cancel is not None and cancel.is_set():
                self.stopped = "cancelled"
            elif time.monotonic() >= self.deadline:
                self.stopped = f"no complete reply within {self.call.timeout_s:g} s"
            if self.stopped:
                sock = getattr(self.conn, "pinned_sock", None)
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                return
            self.done.wait(0.05)

    def _why(self, exc: BaseException) -> str:
        if self.stopped:
            return self.stopped
        if isinstance(exc, ConnectionRefusedError):
            text = "nothing answers at that address (connection refused) — is the model server running?"
        elif isinstance(exc, TimeoutError | socket.timeout):
            text = f"no complete reply within {self.call.timeout_s:g} s"
        elif isinstance(exc, ssl.SSLError):
            text = f"the secure connection failed ({exc.__class__.__name__})"
        else:
            text = f"the endpoint did not answer properly ({exc.__class__.__name__}: {exc})"
        return scrub(text, self.call.api_key)

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.done.set()
        if self.conn is not None:
            self.conn.close()
        if exc_type is not None and issubclass(exc_type, OSError | http.client.HTTPException):
            raise LlmError(self._why(exc)) from None
        if self.stopped and (exc_type is None or exc_type is LlmError):
            # The watchdog closed the socket: a stream that "ended" was cut, not complete.
            raise LlmError(self.stopped)
        return False


class HttpStatusError(LlmError):
    """The endpoint answered with an HTTP error status."""

    def __init__(self, status: int, detail: str):
        self.status = status
        self.detail = detail
        super().__init__(f"the endpoint answered HTTP {status}" + (f": {detail}" if detail else ""))


def _snippet(resp: http.client.HTTPResponse) -> str:
    try:
        raw = resp.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return ""
    try:
        data = json.loads(raw)
        err = data.get("error", data) if isinstance(data, dict) else data
        raw = str(err.get("message", err)) if isinstance(err, dict) else str(err)
    except ValueError:
        pass
    line = " ".join(raw.split())
    return line[:_ERROR_SNIPPET] + ("…" if len(line) > _ERROR_SNIPPET else "")


def _read_all(resp: http.client.HTTPResponse) -> bytes:
    data = resp.read(MAX_BODY + 1)
    if len(data) > MAX_BODY:
        raise LlmError("the model's reply is too large")
    return data


def _json_body(data: bytes) -> dict:
    try:
        value = json.loads(data.decode("utf-8", "replace"))
    except ValueError:
        raise LlmError("the endpoint's reply is not JSON") from None
    if not isinstance(value, dict):
        raise LlmError("the endpoint's reply is not a JSON object")
    return value
