"""Media-session detail records: list, detail, SIP trace, PCAP."""

from __future__ import annotations

from history.api import msdrs
from history.api.credentials import Credentials
from history.api.query import Query
from history.api.records import Msdr, Page, TraceMessage

from .cache import cached_list, cached_record
from .file_cache import media_file
from .results import Fetched, MediaFile

RESOURCE = "msdrs"


def msdr_list(*, credentials: Credentials, query: Query | None = None) -> Fetched[Page[Msdr]]:
    """One page of media-session records matching `query`."""
    return cached_list(credentials, RESOURCE, query or Query(), msdrs.list_msdrs)


def msdr_get(*, credentials: Credentials, msdr_id: int) -> Fetched[Msdr]:
    """One media-session record."""
    return cached_record(
        credentials, RESOURCE, f"msdr:{msdr_id}", lambda: msdrs.get_msdr(credentials, msdr_id)
    )


def msdr_trace(*, credentials: Credentials, msdr_id: int) -> Fetched[list[TraceMessage]]:
    """The SIP messages of one media session."""
    return cached_record(
        credentials, RESOURCE, f"trace:{msdr_id}", lambda: msdrs.get_trace(credentials, msdr_id)
    )


def msdr_pcap(*, credentials: Credentials, msdr_id: int) -> MediaFile:
    """The media session's signalling as a PCAP file in the local media cache."""
    msdr_get(credentials=credentials, msdr_id=msdr_id)  # access and existence check
    return media_file(
        credentials=credentials,
        name=f"msdrs-{msdr_id}.pcap",
        open_download=lambda: msdrs.open_pcap(credentials, msdr_id),
    )
