"""Answers to the refreshes of today's lists and figures (static/js/live.js), cheaply.

The page asks for its fragment again every DASHBOARD_LIVE_SECONDS while its tab is shown,
sending the ETag of the last answer; an unchanged fragment is answered 304 with no body. The
ETag is a digest of the rendered fragment, so it changes with anything the reader would see
(a new call, a label, the stale-data notice) and with nothing else: the CSRF token, masked
anew on every render, is left out of it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

View = Callable[..., HttpResponse]

# A masked CSRF token as forms and `hx-headers` write it.
_CSRF_TOKENS = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


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
