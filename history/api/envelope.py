"""Unwrapping the service's envelopes: `{"data": [...], "total": n}` and `{"data": {...}}`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .errors import BadResponse
from .fields import to_int
from .query import Query
from .records import Page

T = TypeVar("T")


def data_of(document: Any) -> Any:
    if not isinstance(document, dict) or "data" not in document:
        raise BadResponse("VoIPstudio sent an answer without its 'data'.")
    return document["data"]


def item_of(document: Any, parse: Callable[[Any], T]) -> T:
    data = data_of(document)
    if isinstance(data, list) and len(data) == 1:
        data = data[0]  # tolerated: a one-element list where one record was promised
    return parse(data)


def items_of(document: Any, parse: Callable[[Any], T]) -> list[T]:
    data = data_of(document)
    if data is None:
        return []
    if isinstance(data, dict):
        data = [data]  # tolerated: a bulk answer with a single record
    if not isinstance(data, list):
        raise BadResponse("VoIPstudio sent something other than a list of records.")
    return [parse(entry) for entry in data]


def page_of(document: Any, parse: Callable[[Any], T], query: Query) -> Page[T]:
    items = tuple(items_of(document, parse))
    total = to_int("total", document.get("total"))
    if total is None or total < len(items):
        # Without a usable total, count what we can see; a full page may have more after it,
        # which only the next page can tell, so paging must go on to ask.
        seen = (query.page - 1) * query.limit + len(items)
        exact = len(items) < query.limit
        return Page(items=items, total=seen, page=query.page, limit=query.limit, total_exact=exact)
    return Page(items=items, total=total, page=query.page, limit=query.limit)
