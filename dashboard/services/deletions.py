"""Deleting upstream records, one way for every kind: preview, archive, delete, audit.

Every destructive action of the dashboard (selected recordings, voicemails or chat messages;
all of a kind; the admin-only "all CDRs" and "all statements") goes through this module, so
that each one names exactly what will go, keeps an archive copy when asked to, reports each
item that could not be deleted, and leaves an audit entry with the upstream's answer. Cache
invalidation is done by the `history` services themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from dashboard.archive import ArchiveFailed, archive_save
from dashboard.services.action_reports import ActionReport, bulk_audit_records, bulk_outcome
from dashboard.services.audit import audit_record
from dashboard.services.overview import overview_days_forget
from dashboard.services.profiles import user_is_admin
from history import services
from history.services import (
    REFUSAL_ERRORS,
    WALK_LIMIT,
    Credentials,
    Freshness,
    HistoryError,
    Query,
    Unauthorized,
    walk_pages,
)

# Upstream answers meaning "not done": after one of these, nothing was deleted.
REFUSALS = (Unauthorized, *REFUSAL_ERRORS)
# What a user types to confirm deleting every record of a kind.
CONFIRMATION_WORD = "DELETE"
# Ids per upstream DELETE: keeps `/monitors/1,2,3,...` well inside URL length limits.
DELETE_BATCH = 100
# Beyond this many archive copies, the audit entry names their folder instead of each one.
ARCHIVE_FOLDERS_LISTED = 20
# Why a selected id is not deleted: no list of this user's returns it.
NOT_DELETABLE = "not found, or not yours to delete"


@dataclass(frozen=True)
class Deletable:
    """One kind of record the dashboard can delete, and how."""

    slug: str  # in the URL: /delete/<slug>/
    noun: str
    plural: str
    delete_all: Callable[[Credentials], Any]
    # One line naming a record on the confirmation page (kinds deleted by id only).
    describe: Callable[[Any], str] = str
    # Deleting by id; None for kinds that can only be deleted all at once.
    delete: Callable[[Credentials, list[int]], Any] | None = None
    # Fetch the named records for the confirmation page: (credentials, ids, parent id).
    fetch: Callable[[Credentials, list[int], int | None], dict[int, Any]] | None = None
    # How many "all" is, when the upstream can say (None: unknown).
    count_all: Callable[[Credentials], int | None] = lambda credentials: None
    # For the archive: the audio of one record, and every record of the kind.
    audio: Callable[[Credentials, int], Any] | None = None
    walk_all: Callable[[Credentials], Iterator[Any]] | None = None
    admin_only: bool = False

    @property
    def audit_action(self) -> str:
        return f"{self.slug}.delete"

    @property
    def archived(self) -> bool:
        """Whether this kind is copied locally before deletion (recordings and voicemail)."""
        return self.audio is not None and bool(settings.ARCHIVE_BEFORE_DELETE)


@dataclass(frozen=True)
class Named:
    """A record as the confirmation page names it (or why it could not be fetched)."""

    id: int
    text: str
    problem: str = ""


@dataclass
class DeletionResult:
    """What happened: per-item outcomes; `ok` only when every item went."""

    deletable: Deletable
    everything: bool
    succeeded: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    # Why the action stopped as a whole; `refused` when nothing can have been deleted (the
    # archive copy failed, or the upstream refused), else the upstream failed mid-way and the
    # next list shows what went.
    error: str = ""
    refused: bool = False
    archive_folders: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error and not self.failed

    @property
    def summary(self) -> str:
        kind = self.deletable
        if self.error and self.refused and not self.succeeded:
            return f"Nothing was deleted: {self.error}"
        if self.error:
            return f"The deletion did not complete ({self.error}); the list shows what remains."
        if self.everything and not self.succeeded and not self.failed:
            return f"Deleted every {kind.noun}."
        done = len(self.succeeded)
        total = done + len(self.failed)
        noun = kind.noun if total == 1 else kind.plural
        if self.failed and not done:
            return f"No {kind.plural} were deleted."
        if self.failed:
            return f"Deleted {done} of {total} {noun}; the others were not deleted."
        return f"Deleted {done} {noun}."

    @property
    def failures(self) -> list[str]:
        return [f"{self.deletable.noun.capitalize()} {i}: {why}" for i, why in self.failed.items()]

    @property
    def report(self) -> ActionReport:
        """What the user is told: the summary, and each item that could not be deleted."""
        if self.ok:
            return ActionReport(successes=(self.summary,))
        return ActionReport(errors=(self.summary, *self.failures))


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "unknown time"


def _length(seconds: int | None) -> str:
    minutes, secs = divmod(int(seconds or 0), 60)
    return f"{minutes}:{secs:02d}"


def _describe_monitor(record: Any) -> str:
    return (
        f"Recording {record.id}: {_when(record.timestamp)}, {record.caller or '?'} to "
        f"{record.called or '?'}, {_length(record.duration)}"
    )


def _describe_voicemessage(record: Any) -> str:
    caller = record.callerid or record.caller or "unknown caller"
    return (
        f"Voicemail {record.id}: {_when(record.origtime)}, from {caller} to "
        f"{record.dialled or '?'}, {_length(record.duration)} ({record.folder_name})"
    )


def _describe_chatmsg(record: Any) -> str:
    text = record.message if len(record.message) <= 80 else record.message[:79] + "…"
    return f"Message {record.id} ({record.sender or 'unknown'}, {_when(record.created_at)}): {text}"


def _fetch_listed(find: Callable[..., dict[int, Any]], ids_arg: str) -> Callable[..., dict]:
    """A fetcher over the service's `*_find`: a few list calls, whatever the number of ids.

    Only what the user's own lists return can be deleted: an id they do not return is missing
    or someone else's, and is neither named as deletable nor ever sent."""

    def fetch(credentials: Credentials, ids: list[int], parent: int | None) -> dict[int, Any]:
        return find(credentials=credentials, **{ids_arg: ids})

    return fetch


def _fetch_chatmsgs(credentials: Credentials, ids: list[int], parent: int | None) -> dict[int, Any]:
    """Chat messages of the chat on the page (`parent`); without one, of any chat."""
    return services.chatmsg_find(credentials=credentials, chatmsg_ids=ids, chat_id=parent)


def _total(count_service: Callable[..., int | None]) -> Callable[[Credentials], int | None]:
    """How many "all" is, read fresh, so that the number confirmed is the number there now;
    an upstream without totals cannot say (None), and the page must not guess."""
    return lambda credentials: count_service(credentials=credentials)


def _walk(list_service: Callable[..., Any]) -> Callable[[Credentials], Iterator[Any]]:
    """Every record of a collection, page by page, oldest id first so paging stays stable."""

    def walk(credentials: Credentials) -> Iterator[Any]:
        query = Query(sort="id", direction="ASC", limit=WALK_LIMIT)
        pages = walk_pages(
            list_service, credentials=credentials, query=query, freshness=Freshness()
        )
        for page in pages:
            yield from page.items

    return walk


def _by_ids(delete_service: Callable[..., Any], ids_arg: str) -> Callable[..., Any]:
    """A `Deletable.delete` calling the service's bulk delete with its own argument name."""
    return lambda credentials, ids: delete_service(credentials=credentials, **{ids_arg: ids})


def _everything(delete_all_service: Callable[..., Any]) -> Callable[[Credentials], Any]:
    return lambda credentials: delete_all_service(credentials=credentials)


DELETABLES: dict[str, Deletable] = {
    kind.slug: kind
    for kind in (
        Deletable(
            slug="recordings",
            noun="recording",
            plural="recordings",
            describe=_describe_monitor,
            delete=_by_ids(services.monitor_delete, "monitor_ids"),
            delete_all=_everything(services.monitor_delete_all),
            fetch=_fetch_listed(services.monitor_find, "monitor_ids"),
            count_all=_total(services.monitor_count),
            audio=lambda credentials, record_id: services.monitor_audio(
                credentials=credentials, monitor_id=record_id
            ),
            walk_all=_walk(services.monitor_list),
        ),
        Deletable(
            slug="voicemail",
            noun="voicemail",
            plural="voicemails",
            describe=_describe_voicemessage,
            delete=_by_ids(services.voicemessage_delete, "voicemessage_ids"),
            delete_all=_everything(services.voicemessage_delete_all),
            fetch=_fetch_listed(services.voicemessage_find, "voicemessage_ids"),
            count_all=_total(services.voicemessage_count),
            audio=lambda credentials, record_id: services.voicemessage_audio(
                credentials=credentials, voicemessage_id=record_id
            ),
            walk_all=_walk(services.voicemessage_list),
        ),
        Deletable(
            slug="chat-messages",
            noun="chat message",
            plural="chat messages",
            describe=_describe_chatmsg,
            delete=_by_ids(services.chatmsg_delete, "chatmsg_ids"),
            delete_all=_everything(services.chatmsg_delete_all),
            fetch=_fetch_chatmsgs,
        ),
        Deletable(
            slug="cdrs",
            noun="call record",
            plural="call records",
            delete_all=_everything(services.cdr_delete_all),
            count_all=_total(services.cdr_count),
            admin_only=True,
        ),
        Deletable(
            slug="statements",
            noun="statement",
            plural="statements",
            delete_all=_everything(services.statement_delete_all),
            admin_only=True,
        ),
    )
}


class DeletionRefused(Exception):
    """This user cannot delete this kind of record; the message says why."""


class UnknownKind(DeletionRefused):
    pass


class AdminsOnly(DeletionRefused):
    pass


def deletable_for(*, slug: str, user: AbstractBaseUser) -> Deletable:
    """The kind of record named `slug`, when this user may delete it; else `DeletionRefused`.

    Deleting every call record or statement is for VoIPstudio admins only: the page says so
    before anything is asked of the upstream.
    """
    deletable = DELETABLES.get(slug)
    if deletable is None:
        raise UnknownKind("Nothing of that kind can be deleted.")
    if deletable.admin_only and not user_is_admin(user=user):
        raise AdminsOnly(f"Only VoIPstudio admins can delete every {deletable.noun}.")
    return deletable


@dataclass(frozen=True)
class DeletionPreview:
    """What the confirmation page names: each selected record, or how many "all" is (None
    when the upstream cannot say)."""

    named: list[Named] = field(default_factory=list)
    count: int | None = None

    @property
    def deletable_ids(self) -> list[int]:
        """The ids listed as to be deleted: exactly what the confirmation may send on."""
        return [item.id for item in self.named if not item.problem]


def deletion_preview(
    *,
    credentials: Credentials,
    deletable: Deletable,
    ids: list[int],
    parent: int | None = None,
    everything: bool = False,
) -> DeletionPreview:
    """What a deletion would remove: the selected records, named in the order selected, or
    with `everything` the count of all records of the kind.

    A record the user's lists do not return (missing, someone else's, or for chat messages in
    another chat than `parent`) is still listed, with the reason: the user sees before
    confirming that it will not be deleted, and it is never sent.
    """
    if everything:
        return DeletionPreview(count=deletable.count_all(credentials))
    found = deletable.fetch(credentials, ids, parent) if deletable.fetch else {}
    named = []
    for record_id in ids:
        record = found.get(record_id)
        if record is None:
            plain = f"{deletable.noun.capitalize()} {record_id}"
            named.append(Named(record_id, plain, NOT_DELETABLE))
        else:
            named.append(Named(record_id, deletable.describe(record)))
    return DeletionPreview(named=named)


def deletion_count_changed(
    *, credentials: Credentials, deletable: Deletable, confirmed: int | None
) -> int | None:
    """For "delete all": how many records there are now, when that is not the number the
    user confirmed (None when it is, or when the upstream cannot say how many)."""
    now = deletable.count_all(credentials)
    return now if now is not None and now != confirmed else None


def _archive(
    *, credentials: Credentials, deletable: Deletable, records: Iterable[Any]
) -> list[str]:
    """Copy each record (JSON and audio) to the archive; raises `ArchiveFailed` on any miss."""
    folders = []
    for record in records:
        try:
            media = deletable.audio(credentials, record.id)
        except HistoryError as error:
            reason = f"Could not fetch the audio of {deletable.noun} {record.id}: {error}"
            raise ArchiveFailed(reason) from error
        try:
            folder = archive_save(
                kind=deletable.noun.replace(" ", "-"),
                record_id=record.id,
                record=record,
                media=media.file,
            )
        finally:
            if media.file is not None:
                media.file.close()
        folders.append(str(folder))
    return folders


def _delete_by_ids(
    *, credentials: Credentials, deletable: Deletable, ids: list[int], result: DeletionResult
) -> None:
    for start in range(0, len(ids), DELETE_BATCH):
        outcome = deletable.delete(credentials, ids[start : start + DELETE_BATCH])
        result.succeeded.extend(outcome.succeeded)
        result.failed.update(outcome.failed)


def _confirmed(
    *,
    credentials: Credentials,
    deletable: Deletable,
    ids: list[int],
    parent: int | None,
    result: DeletionResult,
) -> dict[int, Any]:
    """The records among `ids` the confirmation page would list as to be deleted, read again
    now: an id it would show as not deletable is reported as such and never sent, whatever
    the posted form says."""
    found = deletable.fetch(credentials, ids, parent) if deletable.fetch else {}
    result.failed.update({i: NOT_DELETABLE for i in ids if i not in found})
    return {i: found[i] for i in ids if i in found}


def deletion_perform(
    *,
    credentials: Credentials,
    user: AbstractBaseUser,
    deletable: Deletable,
    ids: list[int] | None,
    parent: int | None = None,
) -> DeletionResult:
    """Delete the given ids (or, with `ids=None`, every record of the kind), then audit.

    The ids are checked again as the confirmation page checked them (for chat messages, within
    chat `parent`), and only those it lists as to be deleted are sent.
    With archiving on, every record is copied first and nothing is deleted unless every copy
    succeeded. "Delete all" with archiving deletes exactly the records that were archived (by
    id), so a record arriving between the copy and the delete is never lost uncopied.
    """
    result = DeletionResult(deletable=deletable, everything=ids is None)
    try:
        records: list[Any] | None = None
        if ids is not None:
            confirmed = _confirmed(
                credentials=credentials, deletable=deletable, ids=ids, parent=parent, result=result
            )
            ids, records = list(confirmed), list(confirmed.values())
        if deletable.archived:
            if records is None:
                records = list(deletable.walk_all(credentials))
            result.archive_folders = _archive(
                credentials=credentials, deletable=deletable, records=records
            )
            if ids is None:
                ids = [record.id for record in records]
        if ids is None:
            deletable.delete_all(credentials)
        elif ids:
            _delete_by_ids(credentials=credentials, deletable=deletable, ids=ids, result=result)
    except ArchiveFailed as error:
        result.error = f"the archive copy failed ({error})"
        result.refused = True
    except HistoryError as error:
        result.error = str(error)
        result.refused = isinstance(error, REFUSALS)
        _audit(user=user, result=result, ids=ids)
        if isinstance(error, Unauthorized):
            raise  # the view sends the user to sign in again
        return result
    overview_days_forget(credentials=credentials, deleted=deletable.slug)
    _audit(user=user, result=result, ids=ids)
    return result


def _audit(*, user: AbstractBaseUser, result: DeletionResult, ids: list[int] | None) -> None:
    if result.everything and not result.succeeded and not result.failed:
        records: list[Any] = ["all"]
    else:
        records = bulk_audit_records(result.succeeded, result.failed, done="deleted")
        if not records and ids:
            records = [{"id": i, "result": "not deleted"} for i in ids]
    if result.error:
        outcome = f"failed: {result.error}"
    else:
        outcome = bulk_outcome(result.succeeded, result.failed, done="deleted")
    detail = ""
    folders = result.archive_folders
    if len(folders) > ARCHIVE_FOLDERS_LISTED:
        detail = f"Archived {len(folders)} copies under {Path(folders[0]).parent}"
    elif folders:
        detail = f"Archived to {', '.join(folders)}"
    audit_record(
        user=user,
        action=result.deletable.audit_action,
        records=records,
        outcome=outcome,
        detail=detail,
    )
