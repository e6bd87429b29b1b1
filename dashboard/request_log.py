"""One log line per request, and a request id on every line logged while serving it.

The line says who asked for what, what came back, how long it took, and how many upstream calls
it made and their total time (from `request.upstream_meter`, kept by `UpstreamMeter`). It names
the user by their local username (the upstream user id), never an e-mail, and the path without
its query string, which holds what supervisors search for (phone numbers, names). Tokens and
passwords travel in headers and bodies, which are never logged.

The request id is the proxy's `X-Request-ID` when it is a plain token, so that the proxy's log
and ours can be joined, and a fresh one otherwise; the response carries it back.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("dashboard.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's id looks like (nginx: 32 hex digits, others: a UUID); anything else could
# forge or break log lines, and is replaced.
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Characters a path keeps in the log line as they are; the rest (spaces, line breaks, quotes)
# are percent-encoded, so that no path can start a line of its own.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"

_request_id: ContextVar[str] = ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


class RequestLog:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _request_id_of(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        # Left set until the request is finished (see `_forget_request_id`): Django logs a
        # 4xx or 5xx answer after the middleware has returned, and that line needs the id too.
        _request_id.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        _log_request(request, response, seconds=time.monotonic() - started)
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs: Any) -> None:
    """A thread serves one request after another: what it logs between them belongs to none."""
    _request_id.set("-")


def _request_id_of(request: HttpRequest) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if _SANE_REQUEST_ID.match(offered) else uuid.uuid4().hex


def _log_request(request: HttpRequest, response: HttpResponse, *, seconds: float) -> None:
    meter = getattr(request, "upstream_meter", None)
    fields: dict[str, Any] = {
        "method": request.method,
        "path": quote(request.path, safe=_PATH_SAFE),
        "status": response.status_code,
        "duration_ms": round(seconds * 1000, 1),
        "user": _username(request),
        "upstream_calls": meter.calls if meter is not None else 0,
        "upstream_ms": round(meter.seconds * 1000, 1) if meter is not None else 0.0,
    }
    logger.info(
        "%(method)s %(path)s %(status)s %(duration_ms)sms user=%(user)s "
        "upstream=%(upstream_calls)s calls/%(upstream_ms)sms",
        fields,
        extra=fields,
    )


def _username(request: HttpRequest) -> str:
    user = getattr(request, "user", None)  # absent when an outer middleware answered
    try:
        return user.get_username() if user is not None and user.is_authenticated else "-"
    except Exception:  # noqa: BLE001 - the session store may be what is failing: still log
        return "?"


class RequestIdFilter(logging.Filter):
    """Gives every record the id of the request being served (`-` outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


# Attributes every LogRecord has; anything else on a record came in through `extra`.
_STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime"}
)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message, and the extras."""

    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", current_request_id()),
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            # Plain values only: Django adds the request object itself, whose text holds the
            # query string (what was searched for).
            if name not in _STANDARD_ATTRIBUTES and name not in document and _plain(value):
                document[name] = value
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        return json.dumps(document)


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)
