"""Voicemail: `/voicemessages`, their MP3 audio and folder moves."""

from __future__ import annotations

from collections.abc import Iterable

from .credentials import Credentials
from .download import Download
from .query import Query
from .records import Page, Voicemessage
from .resource import Collection

collection: Collection[Voicemessage] = Collection("voicemessages", Voicemessage)


def list_voicemessages(credentials: Credentials, query: Query) -> Page[Voicemessage]:
    return collection.page(credentials, query)


def get_voicemessage(credentials: Credentials, voicemessage_id: int) -> Voicemessage:
    return collection.get(credentials, voicemessage_id)


def open_mp3(credentials: Credentials, voicemessage_id: int) -> Download:
    return collection.download(credentials, voicemessage_id, "mp3")


def move_voicemessages(
    credentials: Credentials, voicemessage_ids: Iterable[int], folder: int | str
) -> list[Voicemessage]:
    """`PATCH /voicemessages`; the folder goes out as given (number or name)."""
    changes = [{"id": voicemessage_id, "folder": folder} for voicemessage_id in voicemessage_ids]
    return collection.update(credentials, changes)


def delete_voicemessages(credentials: Credentials, voicemessage_ids: Iterable[int]) -> None:
    collection.delete(credentials, voicemessage_ids)


def delete_all_voicemessages(credentials: Credentials) -> None:
    collection.delete_all(credentials)
