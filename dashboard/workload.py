"""Heavy work (bulk actions, delete previews, exports, per-user CSV) runs a few at a time per user.

Each such request holds one of the user's slots in the shared cache for as long as it runs, a
streamed download until its last byte; a request finding every slot taken is answered 429 at
once instead of taking another worker. Slots live in the cache, not in the process, so the limit
holds across threads and, with a shared cache (Redis, database), across instances. A slot
expires after `HEAVY_WORK_TIMEOUT` seconds, so a worker that died holding one frees it anyway.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from dashboard.views.guards import View, upstream_problem

logger = logging.getLogger(__name__)

BUSY_MESSAGE = (
    "An export or a bulk action of yours is already running. Wait until it has finished "
    "(a download ends when the file is complete), then try again."
)


def _slot_keys(user_pk: Any) -> list[str]:
    return [f"heavy-work:{user_pk}:{n}" for n in range(max(1, int(settings.HEAVY_WORK_PER_USER)))]


def heavy_work_acquire(*, user_pk: Any) -> str | None:
    """Take a free slot of this user's (its cache key), or None when all are taken."""
    token = uuid.uuid4().hex
    for key in _slot_keys(user_pk):
        # `add` writes only when the key is absent: atomic in every cache backend Django ships.
        if cache.add(key, token, timeout=int(settings.HEAVY_WORK_TIMEOUT)):
            return key
    return None


def heavy_work_release(key: str) -> None:
    cache.delete(key)


def _released_at_end(chunks: Iterable[Any], key: str) -> Iterator[Any]:
    """The download's chunks; the slot is given back when the last one is sent or the
    client goes away (the server closes the response, and this generator with it)."""
    try:
        yield from chunks
    finally:
        heavy_work_release(key)


def _busy(request: HttpRequest) -> HttpResponse:
    response = upstream_problem(
        request, status=429, title="Already working for you", message=BUSY_MESSAGE
    )
    response["Retry-After"] = str(int(settings.HEAVY_WORK_RETRY_AFTER))
    return response


def heavy_work(view: View) -> View:
    """Run the view in one of the signed-in user's heavy-work slots; 429 when none is free.

    Place under `@upstream_view` (and any role check), so that only signed-in users whose
    request would run count against the limit."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = heavy_work_acquire(user_pk=request.user.pk)
        if key is None:
            logger.info("Heavy work refused for user %s: every slot is taken", request.user.pk)
            return _busy(request)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            heavy_work_release(key)
            raise
        if response.streaming:
            response.streaming_content = _released_at_end(response.streaming_content, key)
        else:
            heavy_work_release(key)
        return response

    return wrapped
