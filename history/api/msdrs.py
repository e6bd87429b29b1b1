"""Media-session detail records: `/msdrs`, their traces and captures."""

from __future__ import annotations

from .credentials import Credentials
from .download import Download
from .query import Query
from .records import Msdr, Page, TraceMessage
from .resource import Collection

collection: Collection[Msdr] = Collection("msdrs", Msdr)


def list_msdrs(credentials: Credentials, query: Query) -> Page[Msdr]:
    return collection.page(credentials, query)


def get_msdr(credentials: Credentials, msdr_id: int) -> Msdr:
    return collection.get(credentials, msdr_id)


def get_trace(credentials: Credentials, msdr_id: int) -> list[TraceMessage]:
    return collection.trace(credentials, msdr_id)


def open_pcap(credentials: Credentials, msdr_id: int) -> Download:
    return collection.download(credentials, msdr_id, "pcap")
