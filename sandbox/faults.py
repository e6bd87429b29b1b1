"""Fault switches: make the sandbox slow or broken on purpose, and count what it serves.

Active only while settings.SANDBOX_FAULTS_ENABLED is true (tests and benchmarks). Each fault
applies to every API path, or to paths matching a regular expression (searched in the path
below the API root, e.g. `/cdrs/12.mp3`), for a number of requests or until reset:

- `latency`: sleep `seconds` before answering (combines with any other fault);
- `status`: answer `status` (500, 502, 503, 429 with `Retry-After`, ...) with a JSON error;
- `html`: answer an HTML error page (default status 200) where JSON was expected;
- `truncate`: answer the real response with its body cut in half;
- `drop`: close the connection without any response.

In the test process, use the module's `board` (the `sandbox_faults` fixture hands it out);
from another process, POST a fault as JSON to `<api root>/_faults` (GET lists them, DELETE
resets everything) and read `GET <api root>/_faults/counters`. The switches live in the
serving process: run a faulty sandbox with one worker process (threads are fine).
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

KINDS = ("latency", "status", "html", "truncate", "drop")
API_ROOT_MARKER = "/voipstudio"
STATUS_MESSAGES = {
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}
HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Service temporarily unavailable</title></head>"
    "<body><h1>Service temporarily unavailable</h1>"
    "<p>Please try again in a few moments.</p></body></html>\n"
)


@dataclass
class Fault:
    kind: str
    path: str | None = None
    # None: until reset.
    remaining: int | None = None
    status: int = 200
    seconds: float = 0.0
    retry_after: int | None = None

    def matches(self, path: str) -> bool:
        return self.path is None or re.search(self.path, path) is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": self.path,
            "times": self.remaining,
            "status": self.status,
            "seconds": self.seconds,
            "retry_after": self.retry_after,
        }


def make_fault(
    kind: str,
    *,
    path: str | None = None,
    times: int | None = None,
    status: int | None = None,
    seconds: float = 0.0,
    retry_after: int | None = None,
) -> Fault:
    """A validated fault; ValueError explains what is wrong."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if path is not None:
        if not isinstance(path, str):
            raise ValueError("path must be a regular expression")
        try:
            re.compile(path)
        except re.error as error:
            raise ValueError(f"path is not a valid regular expression: {error}") from None
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise ValueError("times must be a positive whole number, or null for until reset")
    if kind == "status" and status is None:
        raise ValueError("a status fault needs a status")
    status = 200 if status is None else status
    if not isinstance(status, int) or not 200 <= status <= 599:
        raise ValueError("status must be an HTTP status between 200 and 599")
    if not isinstance(seconds, int | float) or not 0 <= seconds <= 120:
        raise ValueError("seconds must be between 0 and 120")
    if kind == "latency" and seconds <= 0:
        raise ValueError("a latency fault needs seconds > 0")
    if status == 429 and retry_after is None:
        retry_after = 1
    if retry_after is not None and (not isinstance(retry_after, int) or retry_after < 0):
        raise ValueError("retry_after must be a whole number of seconds")
    return Fault(kind, path, times, status, float(seconds), retry_after)


class FaultBoard:
    """The active faults and the request counters; safe to use from any server thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._counts: Counter[str] = Counter()

    # Switching faults on and off.
    def add(self, kind: str, **options: Any) -> Fault:
        fault = make_fault(kind, **options)
        with self._lock:
            self._faults.append(fault)
        return fault

    def latency(self, seconds: float, **where: Any) -> Fault:
        return self.add("latency", seconds=seconds, **where)

    def status(self, status: int, *, retry_after: int | None = None, **where: Any) -> Fault:
        return self.add("status", status=status, retry_after=retry_after, **where)

    def html(self, status: int = 200, **where: Any) -> Fault:
        return self.add("html", status=status, **where)

    def truncate(self, **where: Any) -> Fault:
        return self.add("truncate", **where)

    def drop(self, **where: Any) -> Fault:
        return self.add("drop", **where)

    def faults(self) -> list[dict[str, Any]]:
        with self._lock:
            return [fault.as_dict() for fault in self._faults]

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # Counting requests.
    def record(self, method: str, path: str) -> None:
        with self._lock:
            self._counts[f"{method} {path}"] += 1

    def counters(self) -> dict[str, int]:
        """Requests served per `"METHOD /path"` since the last reset."""
        with self._lock:
            return dict(self._counts)

    def count(self, path: str | None = None, *, method: str | None = None) -> int:
        """Requests whose path matches the regex `path` (searched), optionally of one method."""
        total = 0
        for key, number in self.counters().items():
            key_method, _, key_path = key.partition(" ")
            if method is not None and key_method != method.upper():
                continue
            if path is None or re.search(path, key_path):
                total += number
        return total

    def clear_counters(self) -> None:
        with self._lock:
            self._counts.clear()

    def reset(self) -> None:
        with self._lock:
            self._faults.clear()
            self._counts.clear()

    def take(self, path: str) -> tuple[float, Fault | None]:
        """Consume what applies to one request: total latency, and at most one other fault."""
        delay = 0.0
        chosen: Fault | None = None
        with self._lock:
            for fault in list(self._faults):
                if not fault.matches(path) or (fault.kind != "latency" and chosen is not None):
                    continue
                if fault.kind == "latency":
                    delay += fault.seconds
                else:
                    chosen = fault
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
        return delay, chosen


board = FaultBoard()


def api_path(request: HttpRequest) -> str:
    """The request's path below the API root: `/cdrs/12.mp3`."""
    _, marker, rest = request.path.partition(API_ROOT_MARKER)
    if not marker:
        return request.path
    return rest or "/"


def with_faults(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Counts the request and applies the faults switched on for its path."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SANDBOX_FAULTS_ENABLED:
            return view(request, *args, **kwargs)
        path = api_path(request)
        board.record(request.method or "GET", path)
        delay, fault = board.take(path)
        if delay:
            time.sleep(delay)
        if fault is None:
            return view(request, *args, **kwargs)
        return _faulty_response(fault, request, lambda: view(request, *args, **kwargs))

    return wrapped


def _faulty_response(
    fault: Fault, request: HttpRequest, real: Callable[[], HttpResponse]
) -> HttpResponse:
    if fault.kind == "status":
        message = STATUS_MESSAGES.get(fault.status, "Injected fault")
        response: HttpResponse = JsonResponse({"message": message}, status=fault.status)
    elif fault.kind == "html":
        response = HttpResponse(HTML_PAGE, status=fault.status, content_type="text/html")
    elif fault.kind == "truncate":
        response = _truncated(real())
    else:
        _drop_connection(request)
        response = HttpResponse(status=500)
    if fault.retry_after is not None:
        response["Retry-After"] = str(fault.retry_after)
    return response


def _truncated(response: HttpResponse) -> HttpResponse:
    if response.streaming or not response.content:
        return response
    body = response.content
    cut = HttpResponse(
        body[: len(body) // 2], status=response.status_code, content_type=response["Content-Type"]
    )
    return cut


def _drop_connection(request: HttpRequest) -> None:
    """Shut the client's socket, so it sees the connection close with no response at all."""
    sock = _client_socket(request.META)
    if sock is None:
        logger.warning("cannot reach the client socket to drop the connection")
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        logger.debug("client socket already closed")


def _client_socket(environ: dict[str, Any]) -> socket.socket | None:
    # gunicorn hands the socket over; Django's development and test servers only expose it
    # behind the request body stream (LimitedStream -> buffered reader -> SocketIO).
    if isinstance(environ.get("gunicorn.socket"), socket.socket):
        return environ["gunicorn.socket"]
    stream = environ.get("wsgi.input")
    reader = getattr(getattr(stream, "_read", None), "__self__", None)
    raw = getattr(reader, "raw", None)
    sock = getattr(raw, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None
