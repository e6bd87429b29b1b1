"""Call searches over the upstream: one page for the list, every record for export.

A search with OR-ed choices (see `dashboard.search`) needs several upstream queries. The list
fetches each branch whole (bounded by `MERGE_LIMIT`), merges by id and pages locally; export
merges the branches lazily in id order, so its memory stays flat however many rows stream.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import islice
from typing import Any, TypeVar

from dashboard.search import CallSearch
from dashboard.user_names import user_names
from history.services import (
    AccessDenied,
    BadResponse,
    Cdr,
    CdrNote,
    Credentials,
    Dictionary,
    Fetched,
    Filter,
    Monitor,
    NotFound,
    Page,
    Query,
    TraceMessage,
    ValidationFailed,
    Voicemessage,
    cdr_calltracking_list,
    cdr_export_iter,
    cdr_get,
    cdr_list,
    cdr_notes,
    cdr_trace,
    dictionary_get,
    monitor_list,
    voicemessage_list,
)

# Largest number of records merged in memory for one OR-ed list search.
MERGE_LIMIT = 5000
# Page size used when walking every page of a collection.
WALK_LIMIT = 500

# Parts of a page it can show without: an error there becomes a gap, not an error page.
OPTIONAL_PART_ERRORS = (AccessDenied, NotFound, ValidationFailed)
# The same parts when an answer in a shape the dashboard cannot read is one more reason for
# the gap, not a reason to lose the whole page: a SIP trace or a chat's messages (the page says
# why they are missing), the labels of codes (the page shows the bare codes).
UNREADABLE_PART_ERRORS = (*OPTIONAL_PART_ERRORS, BadResponse)

Lister = Callable[..., Fetched[Page[Cdr]]]
T = TypeVar("T")


class SearchTooBroad(Exception):
    """The search would need more records merged than the dashboard does in one go."""

    def __init__(self, total: int) -> None:
        super().__init__(
            f"This search matches about {total:,} calls across its alternatives; "
            f"narrow the date range or the filters (at most {MERGE_LIMIT:,})."
        )
        self.total = total


@dataclass
class Freshness:
    """The staleness of everything read for one answer: stale if any part was."""

    stale: bool = False
    age: float = 0.0

    def note(self, fetched: Fetched[Any]) -> None:
        if fetched.stale:
            self.stale = True
            self.age = max(self.age, fetched.age)

    def noted(self, fetched: Fetched[T]) -> T:
        """The value read, its staleness noted for the answer it is part of."""
        self.note(fetched)
        return fetched.value


def dictionary_if_any(*, credentials: Credentials, resource: str) -> Fetched[Dictionary | None]:
    """The labels of a resource's codes, or None: pages show the bare codes when the upstream
    has no dictionary for it (the endpoint answering 404, refusing, or unreadable)."""
    try:
        return dictionary_get(credentials=credentials, resource=resource)
    except UNREADABLE_PART_ERRORS:
        return Fetched(value=None)


def call_dictionary(*, credentials: Credentials) -> Fetched[Dictionary | None]:
    """The labels of the CDR codes (None when the upstream has none)."""
    return dictionary_if_any(credentials=credentials, resource="cdrs")


def lister_for(*, tracking: bool) -> Lister:
    return cdr_calltracking_list if tracking else cdr_list


def walk_pages(
    lister: Lister, *, credentials: Credentials, query: Query, freshness: Freshness
) -> Iterator[Page[Cdr]]:
    """Every page of a query from `query.page` on, one after another (each through the cache)."""
    page_number = query.page
    previous: tuple[Cdr, ...] = ()
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


def _sort_key(property_name: str) -> Callable[[Cdr], tuple]:
    def key(cdr: Cdr) -> tuple:
        value = getattr(cdr, property_name, None)
        # Missing values sort together at one end, whatever the type of the others.
        return (value is None, value if value is not None else 0, cdr.id)

    return key


@dataclass(frozen=True)
class CallResults:
    """A page of calls, which of them have a recording (by `live_id`), and the names the
    page's calls give their users (by user id)."""

    page: Page[Cdr]
    recorded: frozenset[int]
    user_names: dict[int, str] = field(default_factory=dict)


def call_page(
    *, credentials: Credentials, search: CallSearch, tracking: bool = False
) -> Fetched[CallResults]:
    """The page of calls the search asks for, with the total across all its branches."""
    freshness = Freshness()
    page = _searched_page(
        credentials=credentials, search=search, tracking=tracking, freshness=freshness
    )
    recorded = recorded_live_ids(credentials=credentials, cdrs=page.items, freshness=freshness)
    return Fetched(
        value=CallResults(page=page, recorded=recorded, user_names=user_names(page.items)),
        stale=freshness.stale,
        age=freshness.age,
    )


def _searched_page(
    *, credentials: Credentials, search: CallSearch, tracking: bool, freshness: Freshness
) -> Page[Cdr]:
    lister = lister_for(tracking=tracking)
    queries = search.queries(page=search.page, limit=search.per_page)
    if len(queries) == 1:
        fetched = lister(credentials=credentials, query=queries[0])
        freshness.note(fetched)
        return fetched.value

    merged: dict[int, Cdr] = {}
    first_pages = [
        (query, next(walk_pages(lister, credentials=credentials, query=query, freshness=freshness)))
        for query in search.queries(page=1, limit=WALK_LIMIT)
    ]
    estimate = sum(page.total for _, page in first_pages)
    if estimate > MERGE_LIMIT:
        raise SearchTooBroad(estimate)
    for query, first in first_pages:
        merged.update((cdr.id, cdr) for cdr in first.items)
        if first.has_next:
            rest = walk_pages(
                lister, credentials=credentials, query=query.with_page(2), freshness=freshness
            )
            for page in rest:
                merged.update((cdr.id, cdr) for cdr in page.items)
                # Without totals from the upstream, only the records gathered can tell.
                if len(merged) > MERGE_LIMIT:
                    raise SearchTooBroad(len(merged))
    ordered = sorted(
        merged.values(),
        key=_sort_key(search.sort_property),
        reverse=search.direction == "DESC",
    )
    start = (search.page - 1) * search.per_page
    return Page(
        items=tuple(ordered[start : start + search.per_page]),
        total=len(ordered),
        page=search.page,
        limit=search.per_page,
    )


# Recordings start when the call does; this much slack covers clocks and queues.
RECORDING_SLACK = timedelta(minutes=5)
# The most a call's own length widens that window: a longer `duration` is a broken record.
LONGEST_CALL_SECONDS = 86_400
RECORDING_PAGES = 3


def recorded_live_ids(
    *, credentials: Credentials, cdrs: Sequence[Cdr], freshness: Freshness
) -> frozenset[int]:
    """The `live_id`s among `cdrs` that have a recording, from one window of recordings.

    The upstream cannot OR `live_id`s, so the recordings of the page's time window are read
    (a few pages at most) and matched here. Without access to recordings, none are marked.
    """
    wanted = {cdr.live_id for cdr in cdrs if cdr.live_id is not None}
    times = [cdr.calldate for cdr in cdrs if cdr.calldate is not None]
    if not wanted or not times:
        return frozenset()
    longest = min(max(max(cdr.duration or 0, 0) for cdr in cdrs), LONGEST_CALL_SECONDS)
    query = Query(
        filters=(
            Filter("timestamp", "gte", min(times) - RECORDING_SLACK),
            Filter("timestamp", "lte", max(times) + timedelta(seconds=longest) + RECORDING_SLACK),
        ),
        sort="id",
        limit=WALK_LIMIT,
    )
    found: set[int] = set()
    try:
        pages = walk_pages(monitor_list, credentials=credentials, query=query, freshness=freshness)
        for page in islice(pages, RECORDING_PAGES):
            found.update(m.live_id for m in page.items if m.live_id in wanted)
    except OPTIONAL_PART_ERRORS:
        return frozenset()
    return frozenset(found)


def _walk_items(lister: Lister, *, credentials: Credentials, query: Query) -> Iterator[Cdr]:
    for page in walk_pages(lister, credentials=credentials, query=query, freshness=Freshness()):
        yield from page.items


def call_export_iter(
    *, credentials: Credentials, search: CallSearch, tracking: bool = False
) -> Iterator[Cdr]:
    """Every call of the search (not only the visible page), fetched lazily page by page."""
    lister = lister_for(tracking=tracking)
    queries = search.queries(page=1, limit=WALK_LIMIT)
    if len(queries) == 1:
        if tracking:
            return _walk_items(lister, credentials=credentials, query=queries[0])
        return cdr_export_iter(credentials=credentials, query=queries[0])
    # Each branch in descending id order; merged, a call found by two branches comes out twice
    # in a row, so dropping a repeat of the previous id removes every duplicate.
    by_id = [
        _walk_items(
            lister,
            credentials=credentials,
            query=Query(filters=query.filters, sort="id", direction="DESC", limit=WALK_LIMIT),
        )
        for query in queries
    ]
    return _without_repeats(heapq.merge(*by_id, key=lambda cdr: -cdr.id))


def _without_repeats(cdrs: Iterator[Cdr]) -> Iterator[Cdr]:
    previous: int | None = None
    for cdr in cdrs:
        if cdr.id != previous:
            yield cdr
        previous = cdr.id


@dataclass
class CallDetail:
    """Everything about one call that the detail page shows."""

    cdr: Cdr
    notes: list[CdrNote]
    trace: list[TraceMessage]
    # Why the trace is missing, when it is ("" when it is there, even if empty).
    trace_problem: str
    legs: list[Cdr]
    recordings: list[Monitor]
    voicemails: list[Voicemessage]
    # The labels of the call's codes (None: the page shows the bare codes).
    dictionary: Dictionary | None


def _by_live_id(
    lister: Callable[..., Fetched[Page[Any]]],
    *,
    credentials: Credentials,
    property_name: str,
    live_id: int | None,
    freshness: Freshness,
) -> list[Any]:
    if live_id is None:
        return []
    query = Query(filters=(Filter(property_name, "eq", live_id),), sort="id", limit=50)
    try:
        fetched = lister(credentials=credentials, query=query)
    except OPTIONAL_PART_ERRORS:
        return []
    freshness.note(fetched)
    return list(fetched.value.items)


def call_detail(*, credentials: Credentials, cdr_id: int) -> Fetched[CallDetail]:
    """One call with its notes, SIP trace, other legs, recordings, voicemails and the labels
    of its codes.

    Related records are matched by `live_id`; the other legs are the previous leg
    (`parent_live_id`) and the legs that name this one as their parent.
    """
    freshness = Freshness()
    fetched = cdr_get(credentials=credentials, cdr_id=cdr_id)
    freshness.note(fetched)
    cdr = fetched.value
    try:
        notes_fetched = cdr_notes(credentials=credentials, cdr_id=cdr_id)
        freshness.note(notes_fetched)
        notes = list(notes_fetched.value)
    except OPTIONAL_PART_ERRORS:
        notes = []
    trace_problem = ""
    try:
        trace_fetched = cdr_trace(credentials=credentials, cdr_id=cdr_id)
        freshness.note(trace_fetched)
        trace = list(trace_fetched.value)
    except UNREADABLE_PART_ERRORS as error:
        trace, trace_problem = [], str(error)

    def related(
        lister: Callable[..., Fetched[Page[Any]]], property_name: str, live_id: int | None
    ) -> list[Any]:
        return _by_live_id(
            lister,
            credentials=credentials,
            property_name=property_name,
            live_id=live_id,
            freshness=freshness,
        )

    legs: dict[int, Cdr] = {}
    for property_name, live_id in (
        ("live_id", cdr.parent_live_id),
        ("parent_live_id", cdr.live_id),
    ):
        for leg in related(cdr_list, property_name, live_id):
            if leg.id != cdr.id:
                legs[leg.id] = leg
    detail = CallDetail(
        cdr=cdr,
        notes=notes,
        trace=trace,
        trace_problem=trace_problem,
        legs=sorted(legs.values(), key=lambda leg: (leg.calldate is None, leg.calldate, leg.id)),
        recordings=related(monitor_list, "live_id", cdr.live_id),
        voicemails=related(voicemessage_list, "live_id", cdr.live_id),
        dictionary=freshness.noted(call_dictionary(credentials=credentials)),
    )
    return Fetched(value=detail, stale=freshness.stale, age=freshness.age)
