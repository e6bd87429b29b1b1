"""Call detail records: list, detail, notes, SIP trace, PCAP, labels, export and clean-up."""

from __future__ import annotations

import contextvars
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from history.api import cdrs, misc
from history.api.credentials import Credentials
from history.api.query import Query
from history.api.records import Cdr, CdrNote, Page, TraceMessage

from .bulk import any_left, apply_in_bulk, delete_everything, unique_ids
from .cache import cached_list, cached_record, invalidate
from .file_cache import media_file
from .lookup import NOT_LISTED, records_by_ids, records_total
from .reading import WALK_LIMIT
from .results import Fetched, MediaFile, UpdateOutcome

RESOURCE = "cdrs"
# Export pages: the largest the upstream allows, so that a long export needs few round trips;
# one page of records is what the export holds in memory at a time.
EXPORT_PAGE_SIZE = WALK_LIMIT
# Pages whose ids an export remembers to drop records that shifted onto the next page.
REMEMBERED_EXPORT_PAGES = 2


def cdr_list(*, credentials: Credentials, query: Query | None = None) -> Fetched[Page[Cdr]]:
    """One page of call records matching `query` (default: newest first, 50 a page)."""
    return cached_list(credentials, RESOURCE, query or Query(), cdrs.list_cdrs)


def cdr_list_uncached(*, credentials: Credentials, query: Query) -> Fetched[Page[Cdr]]:
    """One page read straight from the upstream and not kept: for walks whose result is kept
    in another form (an overview's sums), where caching pages of 5,000 records would only
    crowd the cache out."""
    return Fetched(cdrs.list_cdrs(credentials, query))


def cdr_calltracking_list(
    *, credentials: Credentials, query: Query | None = None
) -> Fetched[Page[Cdr]]:
    """One page of call records of calls to call-tracking numbers."""
    return cached_list(
        credentials, RESOURCE, query or Query(), cdrs.list_calltracking, name="calltracking"
    )


def cdr_get(*, credentials: Credentials, cdr_id: int) -> Fetched[Cdr]:
    """One call record; `NotFound` if it is gone, `AccessDenied` if not this user's to see."""
    return cached_record(
        credentials, RESOURCE, f"cdr:{cdr_id}", lambda: cdrs.get_cdr(credentials, cdr_id)
    )


def cdr_count(*, credentials: Credentials) -> int | None:
    """How many call records this user may see, read fresh (None: the upstream does not say)."""
    return records_total(lambda query: cdrs.list_cdrs(credentials, query))


def cdr_find(*, credentials: Credentials, cdr_ids: Iterable[int]) -> dict[int, Cdr]:
    """The call records among `cdr_ids` this user may see, read fresh in a few list calls."""
    return records_by_ids(
        lambda query: cdrs.list_cdrs(credentials, query),
        cdr_ids,
        get_one=lambda cdr_id: cdrs.get_cdr(credentials, cdr_id),
    )


def cdr_notes(*, credentials: Credentials, cdr_id: int) -> Fetched[list[CdrNote]]:
    """The notes written on one call record, oldest first as the upstream sends them."""
    return cached_record(
        credentials, RESOURCE, f"notes:{cdr_id}", lambda: cdrs.get_notes(credentials, cdr_id)
    )


def cdr_trace(*, credentials: Credentials, cdr_id: int) -> Fetched[list[TraceMessage]]:
    """The SIP messages of one call, in the order they were captured."""
    return cached_record(
        credentials, RESOURCE, f"trace:{cdr_id}", lambda: cdrs.get_trace(credentials, cdr_id)
    )


def cdr_pcap(*, credentials: Credentials, cdr_id: int) -> MediaFile:
    """The call's signalling as a PCAP file in the local media cache."""
    cdr_get(credentials=credentials, cdr_id=cdr_id)  # access check, and a deleted call is gone
    return media_file(
        credentials=credentials,
        name=f"cdrs-{cdr_id}.pcap",
        open_download=lambda: cdrs.open_pcap(credentials, cdr_id),
    )


def _new_labels(current: Iterable[str], add: Iterable[str], remove: Iterable[str]) -> list[str]:
    removed = set(remove)
    labels = [label for label in current if label not in removed]
    labels.extend(label for label in add if label not in labels and label not in removed)
    return labels


def cdr_label(
    *,
    credentials: Credentials,
    cdr_ids: Iterable[int],
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
) -> UpdateOutcome:
    """Add and remove labels on call records, keeping each record's other labels.

    Current labels are read fresh (not from the cache, in a few list calls whatever the number
    of ids), so labels another person added a moment ago are not lost when ours are written.
    A call the user's list does not return is reported and never written.
    """
    ids = unique_ids(cdr_ids)
    add, remove = tuple(add), tuple(remove)
    outcome = UpdateOutcome()
    try:
        found = cdr_find(credentials=credentials, cdr_ids=ids)
        outcome.failed.update({cdr_id: NOT_LISTED for cdr_id in ids if cdr_id not in found})
        changes = {i: _new_labels(found[i].labels, add, remove) for i in ids if i in found}
        if changes:
            written = apply_in_bulk(
                list(changes),
                send_batch=lambda batch: cdrs.update_cdrs(
                    credentials, [{"id": i, "labels": changes[i]} for i in batch]
                ),
                send_one=lambda i: cdrs.update_cdrs(credentials, [{"id": i, "labels": changes[i]}]),
                outcome=UpdateOutcome,
                find=lambda batch: cdr_find(credentials=credentials, cdr_ids=batch),
                verify=lambda batch: [
                    i
                    for i, cdr in cdr_find(credentials=credentials, cdr_ids=batch).items()
                    if set(cdr.labels) == set(changes[i])
                ],
            )
            outcome.succeeded.extend(written.succeeded)
            outcome.failed.update(written.failed)
    finally:
        invalidate(credentials, RESOURCE)
    return outcome


def cdr_export_iter(
    *, credentials: Credentials, query: Query | None = None, page_size: int = EXPORT_PAGE_SIZE
) -> Iterator[Cdr]:
    """Every call record matching `query`, page after page, fetched only as it is consumed.

    The first page is fetched now, so a failure (expired session, bad filter) is raised here
    rather than in the middle of a download. Not cached: an export is read once.
    """
    paged = (query or Query()).with_limit(page_size)
    first = cdrs.list_cdrs(credentials, paged.with_page(1))
    return _export_pages(credentials, paged, first)


def _export_pages(credentials: Credentials, query: Query, page: Page[Cdr]) -> Iterator[Cdr]:
    # Calls arriving during a long export push records down the pages: a record seen on one
    # page can reappear on the next, so each is yielded once. Only the ids of the last few
    # pages are remembered, so that memory does not grow with the export: a record reappears
    # further down only if more calls arrive between two page fetches than a page holds.
    recent: deque[set[int]] = deque(maxlen=REMEMBERED_EXPORT_PAGES)
    # The next page is read while this one is written out: the download waits for the
    # upstream's round trips only when it writes faster than the upstream answers.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export") as reader:
        while True:
            seen = set().union(*recent)
            fresh = [cdr for cdr in page.items if cdr.id not in seen]
            recent.append({cdr.id for cdr in page.items})
            # Without a total, a page of nothing new means the upstream is repeating itself.
            more = bool(page.items) and page.has_next and bool(fresh or page.total_exact)
            if more:
                upcoming = reader.submit(
                    contextvars.copy_context().run,
                    cdrs.list_cdrs,
                    credentials,
                    query.with_page(page.page + 1),
                )
            yield from fresh
            if not more:
                return
            page = upcoming.result()


def cdr_user_csv(*, credentials: Credentials, user_id: int) -> Iterator[bytes]:
    """One user's call records as the upstream's CSV export, streamed in chunks."""
    download = misc.open_user_cdrs_csv(credentials, user_id)
    return download.chunks()


def cdr_delete_all(*, credentials: Credentials) -> None:
    """Delete every call record this user may see. Irreversible upstream."""
    delete_everything(
        credentials=credentials,
        resource=RESOURCE,
        delete=cdrs.delete_all_cdrs,
        left=any_left(cdrs.list_cdrs),
    )


def statement_delete_all(*, credentials: Credentials) -> None:
    """Delete every billing statement this user may see. Irreversible upstream."""
    misc.delete_all_statements(credentials)
