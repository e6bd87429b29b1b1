"""Call detail records: `/cdrs`, its traces, captures, notes, labels and call tracking."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .credentials import Credentials
from .download import Download
from .envelope import items_of
from .query import Query
from .records import Cdr, CdrNote, Page, TraceMessage
from .resource import Collection, record_path
from .transport import read_json, send

collection: Collection[Cdr] = Collection("cdrs", Cdr)


def list_cdrs(credentials: Credentials, query: Query) -> Page[Cdr]:
    return collection.page(credentials, query)


def list_calltracking(credentials: Credentials, query: Query) -> Page[Cdr]:
    """`GET /cdrs/calltracking`: CDRs of calls to call-tracking numbers."""
    return collection.page(credentials, query, path="/cdrs/calltracking")


def get_cdr(credentials: Credentials, cdr_id: int) -> Cdr:
    return collection.get(credentials, cdr_id)


def get_notes(credentials: Credentials, cdr_id: int) -> list[CdrNote]:
    response = send("GET", record_path("cdrs", cdr_id, "/notes"), credentials=credentials)
    return items_of(read_json(response), CdrNote.from_api)


def get_trace(credentials: Credentials, cdr_id: int) -> list[TraceMessage]:
    return collection.trace(credentials, cdr_id)


def open_pcap(credentials: Credentials, cdr_id: int) -> Download:
    return collection.download(credentials, cdr_id, "pcap")


def update_cdrs(credentials: Credentials, changes: Sequence[dict[str, Any]]) -> list[Cdr]:
    """`PATCH /cdrs` with `[{"id": ..., "labels": [...], "info": ...}]`."""
    return collection.update(credentials, changes)


def delete_all_cdrs(credentials: Credentials) -> None:
    collection.delete_all(credentials)
