"""Voicemail: list, detail, audio, moving between folders, deletion."""

from __future__ import annotations

from collections.abc import Iterable

from history.api import voicemessages
from history.api.credentials import Credentials
from history.api.errors import FieldError, ValidationFailed
from history.api.query import Query
from history.api.records import VOICEMAIL_FOLDERS, Page, Voicemessage, folder_number

from .audio import audio_name, delete_with_audio
from .bulk import any_left, change_in_bulk, delete_everything
from .cache import cached_list, cached_record
from .file_cache import media_file
from .lookup import records_by_ids, records_total
from .results import DeleteOutcome, Fetched, MediaFile, UpdateOutcome

RESOURCE = "voicemessages"


def voicemessage_list(
    *, credentials: Credentials, query: Query | None = None
) -> Fetched[Page[Voicemessage]]:
    """One page of voicemail matching `query` (filter `folder` with `eq` for one folder)."""
    return cached_list(credentials, RESOURCE, query or Query(), voicemessages.list_voicemessages)


def voicemessage_get(*, credentials: Credentials, voicemessage_id: int) -> Fetched[Voicemessage]:
    """One voicemail's details."""
    return cached_record(
        credentials,
        RESOURCE,
        f"voicemessage:{voicemessage_id}",
        lambda: voicemessages.get_voicemessage(credentials, voicemessage_id),
    )


def voicemessage_count(*, credentials: Credentials) -> int | None:
    """How many voicemails this user may see, read fresh (None: the upstream does not say)."""
    return records_total(lambda query: voicemessages.list_voicemessages(credentials, query))


def voicemessage_find(
    *, credentials: Credentials, voicemessage_ids: Iterable[int]
) -> dict[int, Voicemessage]:
    """The voicemails among `voicemessage_ids` this user may see, read fresh in a few calls."""
    return records_by_ids(
        lambda query: voicemessages.list_voicemessages(credentials, query),
        voicemessage_ids,
        get_one=lambda voicemessage_id: voicemessages.get_voicemessage(
            credentials, voicemessage_id
        ),
    )


def _find(credentials: Credentials, ids: list[int]) -> dict[int, Voicemessage]:
    return voicemessage_find(credentials=credentials, voicemessage_ids=ids)


def voicemessage_audio(*, credentials: Credentials, voicemessage_id: int) -> MediaFile:
    """The voicemail's MP3 in the local media cache (downloaded once)."""
    voicemessage_get(credentials=credentials, voicemessage_id=voicemessage_id)
    return media_file(
        credentials=credentials,
        name=audio_name(RESOURCE, voicemessage_id),
        open_download=lambda: voicemessages.open_mp3(credentials, voicemessage_id),
    )


def voicemessage_move(
    *, credentials: Credentials, voicemessage_ids: Iterable[int], folder: int | str
) -> UpdateOutcome:
    """Move voicemail to a folder, given by number (0 INBOX, 1 Old, ...) or name (any case)."""
    number = folder_number(folder)
    if number not in VOICEMAIL_FOLDERS:
        names = ", ".join(VOICEMAIL_FOLDERS.values())
        raise ValidationFailed(errors=[FieldError("folder", f"must be one of {names}", "invalid")])
    return change_in_bulk(
        credentials=credentials,
        resource=RESOURCE,
        ids=voicemessage_ids,
        send=lambda signed_in, batch: voicemessages.move_voicemessages(signed_in, batch, number),
        outcome=UpdateOutcome,
        find=_find,
        verify=lambda signed_in, ids: [
            item for item, message in _find(signed_in, ids).items() if message.folder == number
        ],
    )


def voicemessage_delete(
    *, credentials: Credentials, voicemessage_ids: Iterable[int]
) -> DeleteOutcome:
    """Delete voicemail; the outcome says which went and why any others did not."""
    return delete_with_audio(
        credentials=credentials,
        resource=RESOURCE,
        ids=voicemessage_ids,
        send=voicemessages.delete_voicemessages,
        find=_find,
    )


def voicemessage_delete_all(*, credentials: Credentials) -> None:
    """Delete every voicemail this user may see. Irreversible upstream."""
    delete_everything(
        credentials=credentials,
        resource=RESOURCE,
        delete=voicemessages.delete_all_voicemessages,
        left=any_left(voicemessages.list_voicemessages),
    )
