"""What recordings and voicemail share: their MP3s' names in the media cache, and deletes that
also drop those local copies, so a deleted message can no longer be played from disk."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from history.api.credentials import Credentials

from .bulk import Finder, change_in_bulk, gone_after
from .file_cache import forget
from .results import DeleteOutcome


def audio_name(resource: str, record_id: int) -> str:
    return f"{resource}-{record_id}.mp3"


def delete_with_audio(
    *,
    credentials: Credentials,
    resource: str,
    ids: Iterable[int],
    send: Callable[[Credentials, list[int]], object],
    find: Finder | None = None,
) -> DeleteOutcome:
    """Delete records by id (per-item outcome), then forget the MP3s of those that went.
    `find` (which ids the user's lists return) sorts out a refused batch and, after an unclear
    answer, tells which records are gone."""
    outcome = change_in_bulk(
        credentials=credentials,
        resource=resource,
        ids=ids,
        send=send,
        outcome=DeleteOutcome,
        find=find,
        verify=gone_after(find) if find else None,
    )
    forget(
        credentials=credentials, names=[audio_name(resource, item) for item in outcome.succeeded]
    )
    return outcome
