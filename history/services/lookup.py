"""Reading many records by id with a few list calls instead of one call per id.

The History API has no "these ids" filter, but `id` can be filtered with `gte` and `lte`: a
window from the smallest to the largest wanted id, sorted by id, returns every record of the
window the user may see. Ids picked from one page of a list sit close together, so one call
usually answers a whole selection; ids spread wider take one call per page of records between
them. Lists leave out what the user may not see, so an id not returned is missing or not theirs
(the upstream does not say which, and neither can we without asking for it alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from history.api.query import MAX_LIMIT, Filter, Query
from history.api.records import Page

R = TypeVar("R")

# What the confirmation page and the per-item outcome say about an id no list returned.
NOT_LISTED = "not found, or not yours to change"


def records_by_ids(
    list_page: Callable[[Query], Page[R]],
    ids: Iterable[int],
    *,
    filters: Sequence[Filter] = (),
    limit: int = MAX_LIMIT,
) -> dict[int, R]:
    """The records among `ids` that the list returns (to this user), by id."""
    wanted = sorted(set(ids))
    found: dict[int, R] = {}
    while wanted:
        window = Query(
            filters=(*filters, Filter("id", "gte", wanted[0]), Filter("id", "lte", wanted[-1])),
            sort="id",
            direction="ASC",
            limit=limit,
        )
        items = list_page(window).items
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
