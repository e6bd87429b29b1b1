"""Call recordings: list, detail, audio, deletion."""

from __future__ import annotations

from collections.abc import Iterable

from history.api import monitors
from history.api.credentials import Credentials
from history.api.query import Query
from history.api.records import Monitor, Page

from .audio import audio_name, delete_with_audio
from .bulk import any_left, delete_everything
from .cache import cached_list, cached_record
from .file_cache import media_file
from .lookup import records_by_ids, records_total
from .results import DeleteOutcome, Fetched, MediaFile

RESOURCE = "monitors"


def monitor_list(*, credentials: Credentials, query: Query | None = None) -> Fetched[Page[Monitor]]:
    """One page of call recordings matching `query`."""
    return cached_list(credentials, RESOURCE, query or Query(), monitors.list_monitors)


def monitor_get(*, credentials: Credentials, monitor_id: int) -> Fetched[Monitor]:
    """One recording's details (transcript, summary, sentiment, size)."""
    return cached_record(
        credentials,
        RESOURCE,
        f"monitor:{monitor_id}",
        lambda: monitors.get_monitor(credentials, monitor_id),
    )


def monitor_count(*, credentials: Credentials) -> int | None:
    """How many recordings this user may see, read fresh (None: the upstream does not say)."""
    return records_total(lambda query: monitors.list_monitors(credentials, query))


def monitor_find(*, credentials: Credentials, monitor_ids: Iterable[int]) -> dict[int, Monitor]:
    """The recordings among `monitor_ids` this user may see, read fresh in a few list calls."""
    return records_by_ids(
        lambda query: monitors.list_monitors(credentials, query),
        monitor_ids,
        get_one=lambda monitor_id: monitors.get_monitor(credentials, monitor_id),
    )


def monitor_audio(*, credentials: Credentials, monitor_id: int) -> MediaFile:
    """The recording's MP3 in the local media cache (downloaded once)."""
    monitor_get(credentials=credentials, monitor_id=monitor_id)  # access and existence check
    return media_file(
        credentials=credentials,
        name=audio_name(RESOURCE, monitor_id),
        open_download=lambda: monitors.open_mp3(credentials, monitor_id),
    )


def monitor_delete(*, credentials: Credentials, monitor_ids: Iterable[int]) -> DeleteOutcome:
    """Delete recordings; the outcome says which went and why any others did not."""
    return delete_with_audio(
        credentials=credentials,
        resource=RESOURCE,
        ids=monitor_ids,
        send=monitors.delete_monitors,
        find=lambda signed_in, ids: monitor_find(credentials=signed_in, monitor_ids=ids),
    )


def monitor_delete_all(*, credentials: Credentials) -> None:
    """Delete every recording this user may see. Irreversible upstream."""
    delete_everything(
        credentials=credentials,
        resource=RESOURCE,
        delete=monitors.delete_all_monitors,
        left=any_left(monitors.list_monitors),
    )
