"""What the recordings, voicemail, chats and media-session pages need beyond one service call."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sized
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from dashboard.services.audit import audit_record
from dashboard.services.calls import OPTIONAL_PART_ERRORS, Freshness
from history.api.credentials import Credentials
from history.api.query import Filter, Query
from history.api.records import VOICEMAIL_FOLDERS, Cdr
from history.services import (
    Fetched,
    UpdateOutcome,
    cdr_list,
    voicemessage_list,
    voicemessage_move,
)

# The voicemail folder "mark as heard" moves INBOX messages to.
HEARD_FOLDER = 1
# Messages of one chat shown on its page (the upstream's largest page).
CHAT_MESSAGES_LIMIT = 5000
# How far a folder is counted by listing it, when the upstream sends no totals.
FOLDER_COUNT_LIMIT = 500


@dataclass(frozen=True)
class FolderCount:
    number: int
    name: str
    total: int
    new: int
    # The upstream sent no totals and the folder holds more than it was counted to.
    more: bool = False


def _count(
    credentials: Credentials, filters: tuple[Filter, ...], freshness: Freshness
) -> tuple[int, bool]:
    """How many messages match, and whether there may be more than that.

    One record is enough to read the upstream's total; without one, a page of
    `FOLDER_COUNT_LIMIT` counts the messages themselves.
    """
    for limit in (1, FOLDER_COUNT_LIMIT):
        fetched = voicemessage_list(
            credentials=credentials, query=Query(filters=filters, limit=limit)
        )
        freshness.note(fetched)
        if fetched.value.total_exact:
            break
    return fetched.value.total, not fetched.value.total_exact


def voicemail_folders(*, credentials: Credentials) -> Fetched[list[FolderCount]]:
    """Each folder with its number of messages and of new ones (two cached totals a folder)."""
    freshness = Freshness()
    folders = []
    for number, name in VOICEMAIL_FOLDERS.items():
        in_folder = (Filter("folder", "eq", number),)
        total, more = _count(credentials, in_folder, freshness)
        new = (
            _count(credentials, (*in_folder, Filter("is_new", "eq", True)), freshness)[0]
            if total
            else 0
        )
        folders.append(FolderCount(number=number, name=name, total=total, new=new, more=more))
    return Fetched(value=folders, stale=freshness.stale, age=freshness.age)


def bulk_audit_records(
    succeeded: Iterable[int], failed: Mapping[int, str], *, done: str
) -> list[dict[str, Any]]:
    """Each record of a bulk action with what happened to it, for the audit log."""
    return [
        *({"id": i, "result": done} for i in succeeded),
        *({"id": i, "result": why} for i, why in failed.items()),
    ]


def bulk_outcome(succeeded: Sized, failed: Sized, *, done: str) -> str:
    """The audit outcome of a bulk action: "ok", "partial: 1 of 3 moved", "failed: 0 of 2 ..."."""
    if not failed:
        return "ok"
    state = "partial" if succeeded else "failed"
    return f"{state}: {len(succeeded)} of {len(succeeded) + len(failed)} {done}"


def voicemail_move_to(
    *, credentials: Credentials, user: AbstractBaseUser, voicemessage_ids: list[int], folder: int
) -> UpdateOutcome:
    """Move voicemail to a folder and write the audit entry with the upstream's answer.

    "Mark as heard" is a move to Old (`HEARD_FOLDER`), as in the phone's own voicemail menu.
    """
    outcome = voicemessage_move(
        credentials=credentials, voicemessage_ids=voicemessage_ids, folder=folder
    )
    audit_record(
        user=user,
        action="voicemail.move",
        records=bulk_audit_records(outcome.succeeded, outcome.failed, done="moved"),
        outcome=bulk_outcome(outcome.succeeded, outcome.failed, done="moved"),
        detail=f"to {VOICEMAIL_FOLDERS[folder]}",
    )
    return outcome


def call_for_live_id(*, credentials: Credentials, live_id: int | None) -> Cdr | None:
    """The call record a recording or voicemail belongs to (the first leg with its `live_id`).

    None when there is none, or when the upstream will not show it to this user: the page then
    simply has no link to the call.
    """
    if live_id is None:
        return None
    query = Query(filters=(Filter("live_id", "eq", live_id),), sort="id", direction="ASC", limit=50)
    try:
        legs = cdr_list(credentials=credentials, query=query).value.items
    except OPTIONAL_PART_ERRORS:
        return None
    roots = [leg for leg in legs if leg.is_root]
    return (roots or list(legs) or [None])[0]


def download_filename(
    *, kind: str, when: datetime | None, parties: tuple[str, ...], suffix: str
) -> str:
    """A file name saying what the download is: `recording 2026-11-28 0915 441234 to 449876.mp3`.

    The time is in the user's zone; numbers keep only characters safe in any file system.
    """
    parts = [kind]
    if when is not None:
        parts.append(timezone.localtime(when).strftime("%Y-%m-%d %H%M"))
    numbers = [re.sub(r"[^0-9A-Za-z+*#]", "", party) for party in parties]
    numbers = [number for number in numbers if number]
    if numbers:
        parts.append(" to ".join(numbers))
    return " ".join(parts) + suffix
