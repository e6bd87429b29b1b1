"""Call recordings: `/monitors` and their MP3 audio."""

from __future__ import annotations

from collections.abc import Iterable

from .credentials import Credentials
from .download import Download
from .query import Query
from .records import Monitor, Page
from .resource import Collection

collection: Collection[Monitor] = Collection("monitors", Monitor)


def list_monitors(credentials: Credentials, query: Query) -> Page[Monitor]:
    return collection.page(credentials, query)


def get_monitor(credentials: Credentials, monitor_id: int) -> Monitor:
    return collection.get(credentials, monitor_id)


def open_mp3(credentials: Credentials, monitor_id: int) -> Download:
    return collection.download(credentials, monitor_id, "mp3")


def delete_monitors(credentials: Credentials, monitor_ids: Iterable[int]) -> None:
    collection.delete(credentials, monitor_ids)


def delete_all_monitors(credentials: Credentials) -> None:
    collection.delete_all(credentials)
