"""A real local HTTP server answering with canned bodies, for shapes the sandbox never sends.

The sandbox implements the project's decisions; the real service may differ (integer codes,
missing optional fields, nulls, extra fields). These tests need those other shapes over real
HTTP, so this server answers each path with whatever a test registers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# Answers a request from its query parameters (`{"page": ["2"], ...}`) with a JSON-able body.
Responder = Callable[[dict[str, list[str]]], Any]


@dataclass
class Canned:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    respond: Responder | None = None

    def body_for(self, query: str) -> bytes:
        if self.respond is None:
            return self.body
        return json.dumps(self.respond(parse_qs(query))).encode()


class CannedUpstream:
    def __init__(self) -> None:
        self.answers: dict[tuple[str, str], Canned] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                url = urlsplit(self.path)
                path = url.path
                upstream.requests.append((self.command, self.path, dict(self.headers)))
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                canned = upstream.answers.get((self.command, path)) or Canned(
                    404, b'{"message": "Resource not found"}'
                )
                body = canned.body_for(url.query)
                self.send_response(canned.status)
                headers = {"Content-Type": "application/json", **canned.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PATCH = do_DELETE = _answer

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass  # keep test output quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1.1/voipstudio"

    def answer(
        self, method: str, path: str, body: Any, *, status: int = 200, **headers: str
    ) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.answers[(method, f"/v1.1/voipstudio{path}")] = Canned(status, raw, headers)

    def answer_by_query(self, method: str, path: str, respond: Responder) -> None:
        """Answer `path` with what `respond` makes of each request's query (paging, say)."""
        self.answers[(method, f"/v1.1/voipstudio{path}")] = Canned(respond=respond)

    def __enter__(self) -> CannedUpstream:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
