"""Reading the History API through Django's cache.

Keys are `history:<upstream>:<user>:<resource>:<generations>:<what>`: the upstream base URL and
the upstream user keep one user's data from ever being served to another. The generations are
counters held in the cache itself, one per user and resource and, when the credentials know the
user's customer, one per customer and resource; both are read with a single `get_many`. Every
write bumps both, so after a delete or a move no page shows the old data: not the writer's, nor
any other user's of the same customer (an agent's list after a supervisor deleted from it), in
this process or any other sharing the cache. Without a known customer it is per user only.

A miss is filled by one caller at a time (a lock taken with `cache.add`), the others wait a
bounded time for its result. Values are kept past their time-to-live for the stale window, so
when the upstream is down or throttling the last good value can be shown, marked stale.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache

from history.api.credentials import Credentials
from history.api.errors import TRANSIENT_ERRORS, HistoryError
from history.api.query import Query

from .results import Fetched

logger = logging.getLogger(__name__)

T = TypeVar("T")

# How long a leader's failure is remembered for the callers that waited on it; long enough for
# them to see it, short enough that the next page view tries the upstream again.
_FAILURE_MEMORY = 5
# Followers poll for the leader's result, starting fast because most fetches are quick.
_FIRST_POLL, _MAX_POLL = 0.005, 0.05


# While set, a read that would go to the upstream raises `WouldFetch` instead (`cache_only`).
_cache_only: ContextVar[bool] = ContextVar("history_cache_only", default=False)


class WouldFetch(Exception):
    """Raised inside `cache_only()` by a read the cache cannot answer on its own."""


@contextmanager
def cache_only() -> Iterator[None]:
    """Answer reads from the cache alone inside the block; a miss raises `WouldFetch`.

    Lets a page try its independent reads in its own thread first, and start threads only for
    the ones that must wait for the upstream (`history.services.parallel.run_warm_first`).
    """
    token = _cache_only.set(True)
    try:
        yield
    finally:
        _cache_only.reset(token)


@lru_cache(maxsize=16)
def upstream_digest(base_url: str) -> str:
    return hashlib.sha1(base_url.rstrip("/").encode(), usedforsecurity=False).hexdigest()[:12]


def namespace(credentials: Credentials) -> str:
    """`history:<upstream>:<user>`, the prefix of every key held for this user."""
    # The URL is read per call: tests (and a settings change) point the client elsewhere.
    return f"history:{upstream_digest(settings.HISTORY_API_URL)}:{credentials.identity}"


def _customer_namespace(customer_id: int) -> str:
    """`history:<upstream>:c<customer>`; `c` keeps it apart from every user's namespace."""
    return f"history:{upstream_digest(settings.HISTORY_API_URL)}:c{customer_id}"


def _generation_keys(credentials: Credentials, resource: str) -> list[str]:
    """The user's generation key for `resource`, and the customer's when it is known."""
    keys = [f"{namespace(credentials)}:{resource}:gen"]
    if credentials.customer_id is not None:
        keys.append(f"{_customer_namespace(credentials.customer_id)}:{resource}:gen")
    return keys


def generation(credentials: Credentials, resource: str) -> str:
    """The current generations of `resource` for this user (and customer), as one key part."""
    keys = _generation_keys(credentials, resource)
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            # Start from the clock rather than 0: if a counter is ever evicted, the restarted
            # one can never point back at entries written under an earlier generation.
            cache.add(key, time.time_ns(), timeout=None)
        found.update(cache.get_many(missing))
    # A counter evicted again at once gets a value of its own: a miss, never an old entry.
    return ".".join(str(found.get(key) or time.time_ns()) for key in keys)


def invalidate(credentials: Credentials, *resources: str) -> None:
    """Make every cached read of these resources miss from now on: this user's, and every
    other user's of the same customer when the credentials know it."""
    for resource in resources:
        for key in _generation_keys(credentials, resource):
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, time.time_ns(), timeout=None)


def data_key(credentials: Credentials, resource: str, what: str) -> str:
    gen = generation(credentials, resource)
    # Hashed: a query's filters hold spaces and may be long, which some cache backends refuse.
    digest = hashlib.sha1(what.encode(), usedforsecurity=False).hexdigest()
    return f"{namespace(credentials)}:{resource}:{gen}:{digest}"


def read_through(
    *,
    credentials: Credentials,
    resource: str,
    what: str,
    ttl: float,
    fetch: Callable[[], T],
) -> Fetched[T]:
    """The cached value for `what` if younger than `ttl`, else one coalesced upstream fetch."""
    key = data_key(credentials, resource, what)
    entry = cache.get(key)
    if entry is not None:
        age = time.time() - entry[0]
        if age < ttl:
            return Fetched(entry[1], False, age)
    if _cache_only.get():
        raise WouldFetch(key)
    return _refresh(key, entry, ttl, fetch)


def _keep_for(ttl: float) -> int:
    return int(ttl + settings.HISTORY_STALE_WINDOW) + 1


def _refresh(key: str, entry: Any, ttl: float, fetch: Callable[[], T]) -> Fetched[T]:
    lock_key, failure_key = f"{key}:lock", f"{key}:failure"
    wait = float(settings.HISTORY_COALESCE_WAIT)
    started = time.time()
    deadline = time.monotonic() + wait
    poll = _FIRST_POLL
    while True:
        if cache.add(lock_key, started, timeout=int(wait) + 1):
            try:
                # Another caller may have stored the value between our miss and taking the lock.
                fresh = _fresh(key, ttl)
                if fresh is not None:
                    return fresh
                return _fetch_and_store(key, failure_key, entry, ttl, fetch)
            finally:
                cache.delete(lock_key)
        time.sleep(poll)
        poll = min(poll * 2, _MAX_POLL)
        fresh = _fresh(key, ttl)
        if fresh is not None:
            return fresh
        failure = cache.get(failure_key)
        if failure is not None and failure[0] >= started:
            return _stale_or_raise(entry, ttl, failure[1])
        if time.monotonic() >= deadline:
            # The leader is taking too long (or died holding the lock): stop waiting on it.
            logger.info("History cache: gave up waiting for %s", key)
            return _fetch_and_store(key, failure_key, entry, ttl, fetch)


def _fresh(key: str, ttl: float) -> Fetched[Any] | None:
    found = cache.get(key)
    if found is not None:
        age = time.time() - found[0]
        if age < ttl:
            return Fetched(found[1], False, age)
    return None


def _fetch_and_store(
    key: str, failure_key: str, entry: Any, ttl: float, fetch: Callable[[], T]
) -> Fetched[T]:
    try:
        value = fetch()
    except HistoryError as error:
        cache.set(failure_key, (time.time(), error), timeout=_FAILURE_MEMORY)
        return _stale_or_raise(entry, ttl, error)
    cache.set(key, (time.time(), value), timeout=_keep_for(ttl))
    return Fetched(value, False, 0.0)


def _stale_or_raise(entry: Any, ttl: float, error: HistoryError) -> Fetched[Any]:
    if entry is not None and isinstance(error, TRANSIENT_ERRORS):
        age = time.time() - entry[0]
        if age <= ttl + settings.HISTORY_STALE_WINDOW:
            logger.warning("History API failing (%s); serving a copy %.0fs old", error, age)
            return Fetched(entry[1], True, age)
    raise error


def cached_list(
    credentials: Credentials,
    resource: str,
    query: Query,
    fetch: Callable[[Credentials, Query], T],
    *,
    name: str = "list",
) -> Fetched[T]:
    """A page of a collection, kept for HISTORY_TTL_LIST."""
    return read_through(
        credentials=credentials,
        resource=resource,
        what=f"{name}?{query.cache_part}",
        ttl=settings.HISTORY_TTL_LIST,
        fetch=lambda: fetch(credentials, query),
    )


def cached_record(
    credentials: Credentials,
    resource: str,
    what: str,
    fetch: Callable[[], T],
) -> Fetched[T]:
    """One record (or its notes or trace), kept for HISTORY_TTL_RECORD."""
    return read_through(
        credentials=credentials,
        resource=resource,
        what=what,
        ttl=settings.HISTORY_TTL_RECORD,
        fetch=fetch,
    )
