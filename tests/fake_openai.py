"""A loopback stand-in for an OpenAI-compatible model server, scripted per test.

It records every request (path, headers, JSON body) and answers chat
completions as an event stream or one JSON body, slowly, cut short, with an
error status, a redirect or garbage, as the test sets ``FakeOpenAI`` up.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None


@dataclass
class FakeOpenAI:
    """The script: what to answer, how, and what was asked."""

    reply: str = '{"rubric": [], "follow_ups": ["What would you measure first?"], "outline": ["Goal"]}'
    stream: bool = True  # False: one JSON body even when the client asks for a stream
    raw_body: bytes | None = None  # sent as is (malformed replies)
    status: int = 200
    error_body: str = ""
    delay_s: float = 0.0  # before the headers
    stall_after: int | None = None  # stream this many chunks, then go silent for stall_s
    stall_s: float = 0.0
    chunk_chars: int = 8
    reject_formats: tuple[str, ...] = ()  # response_format types turned down with reject_status
    reject_status: int = 400
    redirect_to: str = ""
    models: list[str] = field(default_factory=lambda: ["smollm2:135m", "llama3.2:1b"])
    seen: list[Seen] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    released: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        """The base URL (without /v1)."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:
                fake.seen.append(Seen("GET", self.path, dict(self.headers), None))
                if fake.redirect_to:
                    self._send(302, b"", extra={"Location": fake.redirect_to})
                elif fake.status != 200:
                    self._send(fake.status, fake.error_body.encode())
                elif self.path.rstrip("/").endswith("/v1/models"):
                    body = {"object": "list", "data": [{"id": m, "object": "model"} for m in fake.models]}
                    self._send(200, json.dumps(body).encode())
                else:
                    self._send(404, b'{"error": "not found"}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"null")
                fake.seen.append(Seen("POST", self.path, dict(self.headers), body))
                if fake.delay_s:
                    fake.released.wait(fake.delay_s)
                fmt = (body or {}).get("response_format") or {}
                if fake.redirect_to:
                    return self._send(307, b"", extra={"Location": fake.redirect_to})
                if fmt.get("type") in fake.reject_formats:
                    return self._send(fake.reject_status, b'{"error": {"message": "bad response_format.type"}}')
                if fake.status != 200:
                    return self._send(fake.status, fake.error_body.encode())
                if fake.raw_body is not None:
                    return self._send(200, fake.raw_body)
                if not (fake.stream and body.get("stream")):
                    message = {"choices": [{"index": 0, "message": {"role": "assistant", "content": fake.reply}}]}
                    return self._send(200, json.dumps(message).encode())
                self._stream()

            def _stream(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                text = fake.reply
                pieces = [text[i : i + fake.chunk_chars] for i in range(0, len(text), fake.chunk_chars)]
                try:
                    for n, piece in enumerate(pieces):
                        if fake.stall_after is not None and n == fake.stall_after:
                            fake.released.wait(fake.stall_s)
                        chunk = {"choices": [{"index": 0, "delta": {"content": piece}}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except OSError:
                    pass  # the client hung up (cancel)
                self.close_connection = True

            def _send(self, status: int, data: bytes, extra: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.released.set()  # wake any handler still sleeping
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()

    def posts(self) -> list[Seen]:
        """The chat requests received."""
        return [s for s in self.seen if s.method == "POST"]


def wait_until(check, timeout_s: float = 5.0) -> bool:
    """Poll ``check`` until true or the time is up."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return bool(check())
