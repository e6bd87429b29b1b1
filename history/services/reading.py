"""Reads of several cached values for one answer: how fresh the answer is, and every page of
a query, one after another or side by side."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from history.api.credentials import Credentials
from history.api.query import MAX_LIMIT, Query
from history.api.records import Page

from .parallel import run_parallel
from .results import Fetched

# Page size used when walking every page of a collection: the largest the upstream allows.
WALK_LIMIT = MAX_LIMIT

# A list service: `lister(credentials=..., query=...)`, such as `cdr_list` or `monitor_list`.
Lister = Callable[..., Fetched[Page[Any]]]
T = TypeVar("T")


@dataclass
class Freshness:
    """The staleness of everything read for one answer: stale if any part was."""

    stale: bool = False
    age: float = 0.0
    # Parts read side by side note their staleness from several threads.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def note(self, fetched: Fetched[Any]) -> None:
        if fetched.stale:
            with self._lock:
                self.stale = True
                self.age = max(self.age, fetched.age)

    def noted(self, fetched: Fetched[T]) -> T:
        """The value read, its staleness noted for the answer it is part of."""
        self.note(fetched)
        return fetched.value


def walk_pages(
    lister: Lister, *, credentials: Credentials, query: Query, freshness: Freshness
) -> Iterator[Page[Any]]:
    """Every page of a query from `query.page` on, one after another (each through the cache)."""
    page_number = query.page
    previous: tuple[Any, ...] = ()
    while True:
        fetched = lister(credentials=credentials, query=query.with_page(page_number))
        freshness.note(fetched)
        page = fetched.value
        # Without a total, the same page again means the upstream ignores `page`: stop there.
        if not page.total_exact and page.items == previous:
            return
        yield page
        if not page.items or not page.has_next:
            return
        previous = page.items
        page_number += 1


def fetch_pages(
    lister: Lister,
    *,
    credentials: Credentials,
    query: Query,
    freshness: Freshness,
    most: int | None = None,
) -> list[Page[Any]]:
    """The pages of a query from `query.page` on (at most `most` of them), read together.

    Once the first page has told the total, the others are fetched side by side; an upstream
    without totals can only be walked one page after another.
    """
    first = lister(credentials=credentials, query=query)
    freshness.note(first)
    page = first.value
    if not page.total_exact:
        pages = walk_pages(lister, credentials=credentials, query=query, freshness=freshness)
        return list(islice(pages, most))
    last = page.pages if most is None else min(page.pages, query.page + most - 1)

    def fetch(number: int) -> Page[Any]:
        return freshness.noted(lister(credentials=credentials, query=query.with_page(number)))

    rest = run_parallel([lambda n=number: fetch(n) for number in range(query.page + 1, last + 1)])
    return [page, *rest]
