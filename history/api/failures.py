"""Turning an unsuccessful upstream answer into the client's own error, by meaning."""

from __future__ import annotations

import json
import math
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from django.utils import timezone

from .errors import (
    AccessDenied,
    BadResponse,
    FieldError,
    HistoryError,
    NotFound,
    RateLimited,
    SessionExpired,
    Unauthorized,
    Unavailable,
    UnclearOutcome,
    ValidationFailed,
)
from .fields import to_text

# Statuses seen with the HTML pages that throttling front ends send instead of a clean 429.
_THROTTLE_PAGE_STATUSES = frozenset({*range(200, 300), 403, 429})


def is_empty_answer(response: requests.Response, *, streamed: bool = False) -> bool:
    """An answer without a body (204, `Content-Length: 0`, or nothing read), whatever its
    `Content-Type`: many web stacks label an empty answer `text/html` by default."""
    if response.status_code in (204, 205) or response.headers.get("Content-Length") == "0":
        return True
    # A streamed body is not read here: only its headers can say it is empty.
    return not streamed and not response.content


def is_throttle_page(response: requests.Response, *, streamed: bool = False) -> bool:
    """An HTML page where JSON was promised: how the real service has been seen to throttle.

    Other HTML answers keep their status's meaning (a 404 page is still "not found", a 502
    page an outage), so a wrong base URL is not mistaken for rate limiting; an empty answer is
    no page at all.
    """
    if response.status_code not in _THROTTLE_PAGE_STATUSES:
        return False
    if is_empty_answer(response, streamed=streamed):
        return False
    return "text/html" in response.headers.get("Content-Type", "").lower()


def write_outcome_error(response: requests.Response) -> HistoryError | None:
    """What a 2xx answer to a write (PATCH, DELETE) means, when it is not plainly "done".

    An empty answer is done. A JSON answer is done unless its body says otherwise (`errors`,
    `"success": false`). Anything else (an HTML page from a front end, say) does not tell:
    `UnclearOutcome`, so the caller reads back before it reports.
    """
    if is_empty_answer(response):
        return None
    body = _body(response)
    if body is None:
        return UnclearOutcome(status=response.status_code)
    if isinstance(body, dict):
        errors = _field_errors(body)
        refused = body.get("success") is False or body.get("error") not in (None, "", False)
        if errors or refused:
            message = to_text("message", body.get("message") or body.get("error")) or None
            return ValidationFailed(message, errors=errors, status=response.status_code)
    return None


def retry_after_seconds(response: requests.Response) -> float | None:
    """`Retry-After` as seconds, from either of its two forms (delta or HTTP date)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        # "inf" and "nan" are floats too, but no wait anyone can count down.
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - timezone.now()).total_seconds())


def _body(response: requests.Response) -> Any:
    try:
        raw = response.content
    except requests.RequestException:
        return None
    if not raw or len(raw) > 256 * 1024:  # an error page that large is not a JSON error body
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def _field_errors(body: Any) -> list[FieldError]:
    entries = body.get("errors") if isinstance(body, dict) else None
    if isinstance(entries, dict):
        # Some services key errors by field: {"folder": ["is not a folder"]}.
        entries = [
            {"field": key, "message": message}
            for key, messages in entries.items()
            for message in (messages if isinstance(messages, list) else [messages])
        ]
    errors = []
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict):
            errors.append(
                FieldError(
                    field=to_text("field", entry.get("field")),
                    message=to_text("message", entry.get("message")) or "is invalid",
                    code=to_text("code", entry.get("code")),
                )
            )
        elif entry is not None:
            errors.append(FieldError(field="", message=to_text("message", entry)))
    return errors


def error_for(response: requests.Response, *, had_token: bool, throttled: bool) -> HistoryError:
    status = response.status_code
    if status >= 500:
        return Unavailable(
            f"VoIPstudio is not answering right now (error {status}).", status=status
        )
    if throttled or status == 429:
        return RateLimited(retry_after=retry_after_seconds(response), status=status)
    body = _body(response)
    upstream_message = to_text("message", body.get("message")) if isinstance(body, dict) else ""
    if status == 401:
        # A token we were given by a sign-in that stops working has expired (30 minutes idle);
        # without a token, the email, password or code was wrong.
        if had_token:
            return SessionExpired(status=status)
        return Unauthorized(status=status)
    if status == 403:
        return AccessDenied(status=status)
    if status == 404:
        return NotFound(status=status)
    if status in (400, 409, 422):
        errors = _field_errors(body)
        message = upstream_message if not errors else None
        return ValidationFailed(message or None, errors=errors, status=status)
    return BadResponse(f"VoIPstudio answered with an unexpected status {status}.", status=status)
