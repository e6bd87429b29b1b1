"""The embedded upstream reached without a socket: a `requests` transport adapter that hands
each request to this project's own WSGI application.

With no HISTORY_API_URL the upstream is the sandbox this project serves itself. Reached over
HTTP, the dashboard would have to know the address and port it is served on (which runserver,
gunicorn or a proxy in front does not tell it), a password could go to whatever else listens
there, and a single-threaded server would wait on itself. Handed over in-process at a reserved
address no network resolves, the request never leaves the process, whatever serves it.

Each request runs on a small pool of threads of its own, the way a server's worker thread would
run it: its own database connection, request signals and context, so nothing of the page
request it was made from (an open transaction, the call meter, the active time zone) leaks in.
transport.py mounts the adapter; it stays the one HTTP seam, and history/ imports nothing of
the sandbox.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

WsgiApplication = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# As many as the dashboard's parallel calls (HISTORY_PARALLEL_CALLS) and a little more.
DEFAULT_WORKERS = 8


@dataclass(frozen=True)
class _Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class InProcessAdapter(BaseAdapter):
    def __init__(self, *, workers: int = DEFAULT_WORKERS) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="in-process-api")
        self._lock = threading.Lock()
        self._application: WsgiApplication | None = None

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        future = self._pool.submit(_call, self._app(), _environ(request))
        try:
            answer = future.result(timeout=_seconds(timeout))
        except FuturesTimeout:
            # The handler runs on; the caller is told what a socket read timeout would tell it.
            raise requests.ReadTimeout("the in-process upstream did not answer in time") from None
        return _response(request, answer, self)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _app(self) -> WsgiApplication:
        if self._application is None:
            with self._lock:
                if self._application is None:
                    from django.core.handlers.wsgi import WSGIHandler

                    self._application = WSGIHandler()
        return self._application


def _seconds(timeout: Any) -> float | None:
    """requests' (connect, read) pair or single number as one wait."""
    if isinstance(timeout, tuple):
        parts = [part for part in timeout if part is not None]
        return sum(parts) if parts else None
    return timeout


def _environ(request: requests.PreparedRequest) -> dict[str, Any]:
    url = urlsplit(request.url or "")
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    if not isinstance(body, bytes):
        raise requests.RequestException("the in-process upstream takes a body of bytes only")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": request.method or "GET",
        "SCRIPT_NAME": "",
        # As WSGI servers do: percent-decoded, each byte one latin-1 character.
        "PATH_INFO": unquote(url.path or "/", encoding="latin-1"),
        "QUERY_STRING": url.query,
        "SERVER_NAME": url.hostname or "",
        "SERVER_PORT": str(url.port or (443 if url.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": url.netloc,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": url.scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in request.headers.items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        elif key != "HOST":
            environ[f"HTTP_{key}"] = value
    environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def _call(application: WsgiApplication, environ: dict[str, Any]) -> _Answer:
    started: dict[str, Any] = {}
    written: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        started.update(status=status, headers=headers)
        return written.append

    result = application(environ, start_response)
    try:
        written.extend(bytes(chunk) for chunk in result)
    finally:
        # Closing ends the request as a server would: signals, this thread's connections.
        close = getattr(result, "close", None)
        if close is not None:
            close()
    body = b"" if environ["REQUEST_METHOD"] == "HEAD" else b"".join(written)
    return _Answer(status=started["status"], headers=started["headers"], body=body)


def _response(
    request: requests.PreparedRequest, answer: _Answer, adapter: InProcessAdapter
) -> requests.Response:
    response = requests.Response()
    code, _, reason = answer.status.partition(" ")
    response.status_code = int(code)
    response.reason = reason
    response.headers = CaseInsensitiveDict(answer.headers)
    response.encoding = get_encoding_from_headers(response.headers)
    response.raw = io.BytesIO(answer.body)
    response.url = request.url or ""
    response.request = request
    response.connection = adapter
    return response
