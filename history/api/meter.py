"""Per-request accounting of upstream calls: how many, how long, and a ceiling.

A page view that fans out (a delete preview of 500 ids, a bulk write's per-item fallback) must
not hold a worker for minutes: every request gets a budget of upstream calls, and the call that
would exceed it raises `BudgetExceeded` instead of being sent. The same meter feeds the request
log line (calls made and their total time). Threads started for parallel calls share the
meter, because `contextvars` are copied into them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import BudgetExceeded

T = TypeVar("T")


@dataclass
class RequestMeter:
    budget: int | None = None
    calls: int = 0
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def charge(self) -> None:
        """Count one call about to be sent; refuse it when the budget is spent."""
        with self._lock:
            if self.budget is not None and self.calls >= self.budget:
                raise BudgetExceeded(budget=self.budget)
            self.calls += 1

    def record(self, seconds: float) -> None:
        with self._lock:
            self.seconds += seconds

    @property
    def remaining(self) -> int | None:
        if self.budget is None:
            return None
        with self._lock:
            return max(0, self.budget - self.calls)


_current: ContextVar[RequestMeter | None] = ContextVar("history_request_meter", default=None)


def current_meter() -> RequestMeter | None:
    return _current.get()


@contextmanager
def metered(*, budget: int | None) -> Iterator[RequestMeter]:
    """Count (and cap) the upstream calls made inside the block, including its threads."""
    meter = RequestMeter(budget=budget)
    token = _current.set(meter)
    try:
        yield meter
    finally:
        _current.reset(token)


def metered_iter(items: Iterable[T], *, budget: int | None) -> Iterator[T]:
    """`items`, with the upstream calls made to produce them counted against `budget`.

    For a streamed response: its body is produced after the request (and its meter) has ended,
    so without this a long export would have no ceiling at all. The meter is set around each
    step only, so nothing leaks into whatever else runs on the server's thread in between.
    """
    meter = RequestMeter(budget=budget)
    iterator = iter(items)
    while True:
        token = _current.set(meter)
        try:
            item = next(iterator)
        except StopIteration:
            return
        finally:
            _current.reset(token)
        yield item
