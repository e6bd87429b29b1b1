"""Reading many records by id with a few list calls instead of one call per id.

The History API has no "these ids" filter, but `id` can be filtered with `gte` and `lte`: a
window from the smallest to the largest wanted id, sorted by id, returns every record of the
window the user may see. Ids picked from one page of a list sit close together, so one call
usually answers a whole selection; ids spread wider take one call per page of records between
them. Lists leave out what the user may not see, so an id not returned is missing or not theirs
(the upstream does not say which, and neither can we without asking for it alone).

An upstream that refuses to filter by id (a 400, "Filtration error") is asked for each record
on its own instead, a few at a time, every call counted against the request's budget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from history.api.errors import AccessDenied, NotFound, ValidationFailed
from history.api.query import MAX_LIMIT, Filter, Query
from history.api.records import Page

from .parallel import run_parallel

R = TypeVar("R")

# What the confirmation page and the per-item outcome say about an id no list returned.
NOT_LISTED = "not found, or not yours to change"


def records_by_ids(
    list_page: Callable[[Query], Page[R]],
    ids: Iterable[int],
    *,
    filters: Sequence[Filter] = (),
    limit: int = MAX_LIMIT,
    get_one: Callable[[int], R] | None = None,
) -> dict[int, R]:
    """The records among `ids` that the list returns (to this user), by id; `get_one` reads
    one record, for an upstream that will not filter by id."""
    wanted = sorted(set(ids))
    found: dict[int, R] = {}
    while wanted:
        window = Query(
            filters=(*filters, Filter("id", "gte", wanted[0]), Filter("id", "lte", wanted[-1])),
            sort="id",
            direction="ASC",
            limit=limit,
        )
        try:
            items = list_page(window).items
        except ValidationFailed:
            if get_one is None or filters:
                raise
            return {**found, **_each(get_one, wanted)}
        wanted_set = set(wanted)
        found.update((item.id, item) for item in items if item.id in wanted_set)
        if len(items) < limit:
            break  # the whole window was on this page
        # A full page: the window goes on past its last record; ask again from there.
        last = max(item.id for item in items)
        rest = [record_id for record_id in wanted if record_id > last]
        if len(rest) == len(wanted):
            break  # an upstream that ignored the filter: what it sent is all we can know
        wanted = rest
    return found


def _each(get_one: Callable[[int], R], ids: list[int]) -> dict[int, R]:
    def one(record_id: int) -> R | None:
        try:
            return get_one(record_id)
        except (AccessDenied, NotFound):
            return None

    records = run_parallel([lambda record_id=record_id: one(record_id) for record_id in ids])
    return {i: record for i, record in zip(ids, records, strict=True) if record is not None}


def records_total(list_page: Callable[[Query], Page[R]]) -> int | None:
    """How many records the list holds for this user, read fresh (one call); None when the
    upstream sends no usable total: then no one can say how many "all" is."""
    page = list_page(Query(limit=1))
    return page.total if page.total_exact else None
