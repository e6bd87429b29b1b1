"""Lists and figures of today that refresh on their own (static/js/live.js), cheaply.

The page asks for its fragment again every DASHBOARD_LIVE_SECONDS while its tab is shown,
sending the ETag of the last answer; an unchanged fragment is answered 304 with no body. The
ETag is a digest of the rendered fragment, so it changes with anything the reader would see
(a new call, a label, the stale-data notice) and with nothing else: the CSRF token, masked
anew on every render, is left out of it.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers

from dashboard.upstream import View

DEFAULT_LIVE_SECONDS = 30
# A masked CSRF token as forms and `hx-headers` write it.
_CSRF_TOKENS = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


def live_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_LIVE_SECONDS", DEFAULT_LIVE_SECONDS))


def live_today(last_day: object) -> bool:
    """Whether a range reaching `last_day` holds today, where new calls arrive."""
    # A template passes "" for a range it could not show.
    return isinstance(last_day, date) and last_day >= timezone.localdate()


def live_context(last_day: object, *, target: str, what: str, swap: str = "rows") -> dict:
    """What saved_views/live.html needs to mark `target` for refreshing when the range shown
    reaches today: its table's rows (`swap` "rows"), or all it holds ("all")."""
    return {
        "live": live_today(last_day),
        "target": target,
        "swap": swap,
        "seconds": live_seconds(),
        "what": what,
    }


def fragment_etag(content: bytes) -> str:
    return '"' + hashlib.sha256(_CSRF_TOKENS.sub(rb"\1", content)).hexdigest()[:32] + '"'


def conditional_fragment(view: View) -> View:
    """Give the htmx fragments of `view` an ETag, and answer a request that already holds the
    same fragment with 304 Not Modified."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if (
            request.method not in ("GET", "HEAD")
            or not request.htmx
            or response.status_code != 200
            or response.streaming
        ):
            return response
        response["ETag"] = fragment_etag(response.content)
        patch_vary_headers(response, ["HX-Target"])
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped
