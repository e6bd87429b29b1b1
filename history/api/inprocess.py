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
import queue
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

WsgiApplication = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# Requests handled at once: a page's parallel calls (HISTORY_PARALLEL_CALLS) for a few pages at
# a time. Threads start only when needed; a request beyond them waits its turn in the timeout.
DEFAULT_WORKERS = 16


# Chunks of a body waiting to be read: enough to keep the handler busy, never a whole file.
PIPE_CHUNKS = 16
_END = object()


@dataclass(frozen=True)
class _Head:
    status: str
    headers: list[tuple[str, str]]


class _Pipe(io.RawIOBase):
    """A body handed over chunk by chunk from the thread running the application, read as a
    file; closing it unread tells that thread to stop."""

    def __init__(self, read_timeout: float | None) -> None:
        super().__init__()
        self._chunks: queue.Queue = queue.Queue(maxsize=PIPE_CHUNKS)
        self._read_timeout = read_timeout
        # A view, so that reading a large chunk piece by piece never copies the rest.
        self._pending = memoryview(b"")
        self._ended = False
        self.abandoned = threading.Event()

    # The reading side.

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._ended:
            try:
                item = self._chunks.get(timeout=self._read_timeout)
            except queue.Empty:
                raise requests.ReadTimeout("the in-process upstream stopped sending") from None
            if item is _END:
                self._ended = True
            elif isinstance(item, BaseException):
                self._ended = True
                raise requests.exceptions.ChunkedEncodingError(str(item)) from item
            else:
                self._pending = memoryview(item)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def close(self) -> None:
        self.abandoned.set()
        super().close()

    # The writing side, on the application's thread.

    def put(self, item: object) -> bool:
        """Hands over one chunk (or the end); False once the reader has gone."""
        while not self.abandoned.is_set():
            try:
                self._chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False


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
        connect, read = _timeouts(timeout)
        head: Future[_Head] = Future()
        pipe = _Pipe(read)
        self._pool.submit(_run, self._app(), _environ(request), head, pipe)
        try:
            started = head.result(timeout=None if read is None else (connect or 0) + read)
        except FuturesTimeout:
            # The handler runs on; the caller is told what a socket read timeout would tell it.
            pipe.close()
            raise requests.ReadTimeout("the in-process upstream did not answer in time") from None
        except Exception as error:
            # What a server would have answered with a dropped connection.
            raise requests.ConnectionError(f"the in-process upstream failed: {error}") from error
        return _response(request, started, pipe, self)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _app(self) -> WsgiApplication:
        if self._application is None:
            with self._lock:
                if self._application is None:
                    from django.core.handlers.wsgi import WSGIHandler

                    self._application = WSGIHandler()
        return self._application


def _timeouts(timeout: Any) -> tuple[float | None, float | None]:
    """requests' (connect, read) pair, or one number for both."""
    if isinstance(timeout, tuple):
        return timeout[0], timeout[1]
    return timeout, timeout


# Headers about the connection, not the request: nothing is compressed or kept alive in-process
# (a compressed answer would reach the reader undecoded), and the host comes from the URL.
_WIRE_ONLY = frozenset({"HOST", "ACCEPT_ENCODING", "CONNECTION"})


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
        elif key not in _WIRE_ONLY:
            environ[f"HTTP_{key}"] = value
    environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def _run(
    application: WsgiApplication, environ: dict[str, Any], head: Future[_Head], pipe: _Pipe
) -> None:
    """Runs on the pool: the request as a WSGI server would, its body into the pipe."""
    written: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        head.set_result(_Head(status=status, headers=headers))
        return written.append

    result: Iterable[bytes] | None = None
    try:
        result = application(environ, start_response)
        if environ["REQUEST_METHOD"] != "HEAD":
            for chunk in written:
                pipe.put(bytes(chunk))
            for chunk in result:
                if chunk and not pipe.put(bytes(chunk)):
                    break  # the reader closed the response: stop making the rest
        pipe.put(_END)
    except BaseException as error:
        # Handed to the waiting reader, which reports it as a broken connection would be.
        if not head.done():
            head.set_exception(error)
        else:
            pipe.put(error)
    finally:
        # Closing ends the request as a server would: signals, this thread's connections.
        close = getattr(result, "close", None)
        if close is not None:
            close()


def _response(
    request: requests.PreparedRequest, head: _Head, pipe: _Pipe, adapter: InProcessAdapter
) -> requests.Response:
    response = requests.Response()
    code, _, reason = head.status.partition(" ")
    response.status_code = int(code)
    response.reason = reason
    response.headers = CaseInsensitiveDict(head.headers)
    response.encoding = get_encoding_from_headers(response.headers)
    response.raw = pipe
    response.url = request.url or ""
    response.request = request
    response.connection = adapter
    return response
