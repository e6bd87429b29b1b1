"""Caller history: everything with one telephone number, newest first, on one page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from history.services import (
    REFUSAL_ERRORS,
    Cdr,
    Credentials,
    Fetched,
    Filter,
    Freshness,
    Monitor,
    Page,
    Query,
    Voicemessage,
    cdr_list,
    monitor_list,
    run_parallel,
    voicemessage_list,
)

# Records of each kind read for one number: a screenful of history in a handful of upstream
# calls (one per field the number is matched in), whatever the number's past. The calls list,
# filtered by the number, pages through the rest.
HISTORY_LIMIT = 50


@dataclass(frozen=True)
class NumberEvent:
    """One record in a number's history: a call, a recording or a voicemail."""

    kind: str
    when: datetime | None
    record: Cdr | Monitor | Voicemessage


@dataclass(frozen=True)
class NumberHistory:
    number: str
    events: list[NumberEvent]
    # How many records of each kind the upstream has for the number (each field counted
    # apart, so a call from the number to itself counts twice), and whether some are not shown.
    totals: dict[str, int]
    more: dict[str, bool]


# (kind, lister, date property, fields the number is matched in)
_SOURCES: tuple[tuple[str, Callable[..., Fetched[Page[Any]]], str, tuple[str, ...]], ...] = (
    ("call", cdr_list, "calldate", ("src", "dst")),
    ("recording", monitor_list, "timestamp", ("caller", "called")),
    ("voicemail", voicemessage_list, "origtime", ("caller",)),
)


def number_history(
    *, credentials: Credentials, number: str, limit: int = HISTORY_LIMIT
) -> Fetched[NumberHistory]:
    """The calls, recordings and voicemails whose parties include `number` (as the upstream
    stores it), newest first; at most `limit` of each per field, all read side by side.

    Each user sees what the upstream shows them (an agent, their own records): the reads go
    through the per-user cache. A kind the user may not list is left out, not an error.
    """
    reads = [
        (kind, lister, when, Query(filters=(Filter(field, "eq", number),), sort=when, limit=limit))
        for kind, lister, when, fields in _SOURCES
        for field in fields
    ]

    def read(lister: Callable[..., Fetched[Page[Any]]], query: Query) -> Fetched[Page[Any]] | None:
        try:
            return lister(credentials=credentials, query=query)
        except REFUSAL_ERRORS:
            return None

    answers = run_parallel(
        [lambda lister=lister, query=query: read(lister, query) for _, lister, _, query in reads]
    )
    freshness = Freshness()
    seen: dict[tuple[str, int], NumberEvent] = {}
    totals: dict[str, int] = {kind: 0 for kind, *_ in _SOURCES}
    more: dict[str, bool] = {kind: False for kind, *_ in _SOURCES}
    for (kind, _, when, _), fetched in zip(reads, answers, strict=True):
        if fetched is None:
            continue
        page = freshness.noted(fetched)
        totals[kind] += page.total
        more[kind] |= page.has_next
        for record in page.items:
            seen[(kind, record.id)] = NumberEvent(
                kind=kind, when=getattr(record, when), record=record
            )
    events = sorted(
        seen.values(),
        key=lambda event: (event.when is not None, event.when or datetime.min, event.record.id),
        reverse=True,
    )
    history = NumberHistory(number=number, events=events, totals=totals, more=more)
    return Fetched(value=history, stale=freshness.stale, age=freshness.age)
