"""Call searches over the upstream: one page for the list, every record for export.

A search with OR-ed choices (see `dashboard.search`) needs several upstream queries. The list
fetches each branch whole (bounded by `MERGE_LIMIT`), merges by id and pages locally; export
merges the branches lazily in id order, so its memory stays flat however many rows stream.

On the real service every upstream call is a round trip across the internet, so calls that do
not depend on each other (the branches of a search, the parts of a call's page, the pages of a
walk whose first page told the total) run side by side (`run_parallel`), each still through the
cache with its own coalescing and stale copy.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from dashboard.search import CallSearch
from dashboard.user_names import user_names
from history.services import (
    REFUSAL_ERRORS,
    REFUSAL_OR_UNREADABLE_ERRORS,
    WALK_LIMIT,
    Cdr,
    CdrNote,
    Credentials,
    Dictionary,
    Fetched,
    Filter,
    Freshness,
    Lister,
    Monitor,
    Page,
    Query,
    TraceMessage,
    Voicemessage,
    cdr_calltracking_list,
    cdr_export_iter,
    cdr_get,
    cdr_list,
    cdr_notes,
    cdr_trace,
    dictionary_if_any,
    fetch_pages,
    monitor_list,
    run_warm_first,
    voicemessage_list,
    walk_pages,
)

# Largest number of records merged in memory for one OR-ed list search.
MERGE_LIMIT = 5000


class SearchTooBroad(Exception):
    """The search would need more records merged than the dashboard does in one go."""

    def __init__(self, total: int) -> None:
        super().__init__(
            f"This search matches about {total:,} calls across its alternatives; "
            f"narrow the date range or the filters (at most {MERGE_LIMIT:,})."
        )
        self.total = total


def call_dictionary(*, credentials: Credentials) -> Fetched[Dictionary | None]:
    """The labels of the CDR codes (None when the upstream has none)."""
    return dictionary_if_any(credentials=credentials, resource="cdrs")


def lister_for(*, tracking: bool) -> Lister:
    return cdr_calltracking_list if tracking else cdr_list


def _sort_key(property_name: str) -> Callable[[Cdr], tuple]:
    def key(cdr: Cdr) -> tuple:
        value = getattr(cdr, property_name, None)
        # Missing values sort together at one end, whatever the type of the others.
        return (value is None, value if value is not None else 0, cdr.id)

    return key


@dataclass(frozen=True)
class CallResults:
    """A page of calls, which of them have a recording (by `live_id`), the names the page's
    calls give their users (by user id), and the labels of the call codes (None: bare codes)."""

    page: Page[Cdr]
    recorded: frozenset[int]
    user_names: dict[int, str] = field(default_factory=dict)
    dictionary: Dictionary | None = None


def call_page(
    *, credentials: Credentials, search: CallSearch, tracking: bool = False
) -> Fetched[CallResults]:
    """The page of calls the search asks for, with the total across all its branches.

    The labels of the codes are read alongside the calls; the recordings of the page's calls
    need the page first: two round trips in sequence.
    """
    freshness = Freshness()
    page, dictionary = run_warm_first(
        [
            lambda: _searched_page(
                credentials=credentials, search=search, tracking=tracking, freshness=freshness
            ),
            lambda: freshness.noted(call_dictionary(credentials=credentials)),
        ]
    )
    recorded = recorded_live_ids(credentials=credentials, cdrs=page.items, freshness=freshness)
    return Fetched(
        value=CallResults(
            page=page,
            recorded=recorded,
            user_names=user_names(page.items),
            dictionary=dictionary,
        ),
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

    shown = search.page * search.per_page
    if not search.number and shown <= WALK_LIMIT:
        # Branches that differ only in direction never share a call: the page is among the
        # first `shown` calls of each, in the search's order, and the totals simply add up.
        top = _fetch_branches(
            lister, credentials=credentials, queries=search.queries(page=1, limit=shown),
            freshness=freshness,
        )  # fmt: skip
        if all(page.total_exact for page in top):
            merged = {cdr.id: cdr for page in top for cdr in page.items}
            return _local_page(search, merged.values(), total=sum(page.total for page in top))

    branches = search.queries(page=1, limit=WALK_LIMIT)
    first_pages = _fetch_branches(
        lister, credentials=credentials, queries=branches, freshness=freshness
    )
    estimate = sum(page.total for page in first_pages)
    if estimate > MERGE_LIMIT:
        raise SearchTooBroad(estimate)
    merged: dict[int, Cdr] = {}
    for query, first in zip(branches, first_pages, strict=True):
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
    return _local_page(search, merged.values(), total=len(merged))


def _fetch_branches(
    lister: Lister, *, credentials: Credentials, queries: list[Query], freshness: Freshness
) -> list[Page[Cdr]]:
    """The first page of every branch, read side by side."""
    return run_warm_first(
        [
            lambda query=query: freshness.noted(lister(credentials=credentials, query=query))
            for query in queries
        ]
    )


def _local_page(search: CallSearch, cdrs: Iterable[Cdr], *, total: int) -> Page[Cdr]:
    """The search's page of calls merged here, in the search's order."""
    ordered = sorted(cdrs, key=_sort_key(search.sort_property), reverse=search.direction == "DESC")
    start = (search.page - 1) * search.per_page
    return Page(
        items=tuple(ordered[start : start + search.per_page]),
        total=total,
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
        pages = fetch_pages(
            monitor_list,
            credentials=credentials,
            query=query,
            freshness=freshness,
            most=RECORDING_PAGES,
        )
    except REFUSAL_ERRORS:
        return frozenset()
    for page in pages:
        found.update(m.live_id for m in page.items if m.live_id in wanted)
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
    except REFUSAL_ERRORS:
        return []
    freshness.note(fetched)
    return list(fetched.value.items)


def call_detail(*, credentials: Credentials, cdr_id: int) -> Fetched[CallDetail]:
    """One call with its notes, SIP trace, other legs, recordings, voicemails and the labels
    of its codes.

    Related records are matched by `live_id`; the other legs are the previous leg
    (`parent_live_id`) and the legs that name this one as their parent. The record, its notes,
    trace and the labels are read side by side; what is matched by `live_id` needs the record
    first: two round trips in sequence.
    """
    freshness = Freshness()

    def notes() -> list[CdrNote]:
        try:
            return list(freshness.noted(cdr_notes(credentials=credentials, cdr_id=cdr_id)))
        except REFUSAL_ERRORS:
            return []

    def trace() -> tuple[list[TraceMessage], str]:
        try:
            return list(freshness.noted(cdr_trace(credentials=credentials, cdr_id=cdr_id))), ""
        except REFUSAL_OR_UNREADABLE_ERRORS as error:
            return [], str(error)

    cdr, notes_found, (trace_found, trace_problem), dictionary = run_warm_first(
        [
            lambda: freshness.noted(cdr_get(credentials=credentials, cdr_id=cdr_id)),
            notes,
            trace,
            lambda: freshness.noted(call_dictionary(credentials=credentials)),
        ]
    )

    def related(
        lister: Callable[..., Fetched[Page[Any]]], property_name: str, live_id: int | None
    ) -> Callable[[], list[Any]]:
        return lambda: _by_live_id(
            lister,
            credentials=credentials,
            property_name=property_name,
            live_id=live_id,
            freshness=freshness,
        )

    earlier, later, recordings, voicemails = run_warm_first(
        [
            related(cdr_list, "live_id", cdr.parent_live_id),
            related(cdr_list, "parent_live_id", cdr.live_id),
            related(monitor_list, "live_id", cdr.live_id),
            related(voicemessage_list, "live_id", cdr.live_id),
        ]
    )
    legs = {leg.id: leg for leg in (*earlier, *later) if leg.id != cdr.id}
    detail = CallDetail(
        cdr=cdr,
        notes=notes_found,
        trace=trace_found,
        trace_problem=trace_problem,
        legs=sorted(legs.values(), key=lambda leg: (leg.calldate is None, leg.calldate, leg.id)),
        recordings=recordings,
        voicemails=voicemails,
        dictionary=dictionary,
    )
    return Fetched(value=detail, stale=freshness.stale, age=freshness.age)
