"""What the recordings, voicemail, chats and media-session pages show beyond one record, and
the voicemail moves they offer."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from dashboard.services.action_reports import ActionReport, bulk_audit_records, bulk_outcome
from dashboard.services.audit import audit_record
from history.services import (
    REFUSAL_ERRORS,
    REFUSAL_OR_UNREADABLE_ERRORS,
    VOICEMAIL_FOLDERS,
    Cdr,
    Chat,
    ChatMsg,
    Credentials,
    Dictionary,
    Fetched,
    Filter,
    Freshness,
    Monitor,
    Msdr,
    Page,
    Query,
    TraceMessage,
    Voicemessage,
    cdr_list,
    chat_get,
    chatmsg_list,
    dictionary_if_any,
    monitor_get,
    msdr_get,
    msdr_trace,
    read_through,
    run_warm_first,
    voicemessage_get,
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


def voicemessage_folder_counts(*, credentials: Credentials) -> Fetched[list[FolderCount]]:
    """Each folder with its number of messages and of new ones (two cached totals a folder).

    The twelve counts are one-record reads, all sent at once: the sidebar costs one round trip.
    The sidebar is also kept whole, so that a second look reads one cached value, not twelve.
    """
    kept = read_through(
        credentials=credentials,
        resource="voicemessages",
        what="folder-counts",
        ttl=settings.HISTORY_TTL_LIST,
        fetch=lambda: _folder_counts(credentials),
    )
    folders, stale, age = kept.value
    return Fetched(value=folders, stale=stale or kept.stale, age=max(age, kept.age))


def _folder_counts(credentials: Credentials) -> tuple[list[FolderCount], bool, float]:
    """The folders, and whether any count was a stale copy (and how old)."""
    freshness = Freshness()
    wheres: list[tuple[Filter, ...]] = []
    for number in VOICEMAIL_FOLDERS:
        in_folder = (Filter("folder", "eq", number),)
        wheres.extend((in_folder, (*in_folder, Filter("is_new", "eq", True))))
    counts = run_warm_first(
        [lambda where=where: _count(credentials, where, freshness) for where in wheres],
        max_workers=len(wheres),
    )
    folders = []
    for index, (number, name) in enumerate(VOICEMAIL_FOLDERS.items()):
        (total, more), (new, _) = counts[2 * index], counts[2 * index + 1]
        folders.append(FolderCount(number=number, name=name, total=total, new=new, more=more))
    return folders, freshness.stale, freshness.age


def voicemessage_folder_change(
    *,
    credentials: Credentials,
    user: AbstractBaseUser,
    voicemessage_ids: list[int],
    folder: int | None,
    mark_heard: bool = False,
) -> ActionReport:
    """Move voicemail to a folder, write the audit entry with the upstream's answer, and say
    what moved and what did not.

    "Mark as heard" is a move to Old (`HEARD_FOLDER`), as in the phone's own voicemail menu.
    """
    target = HEARD_FOLDER if mark_heard else folder
    outcome = voicemessage_move(
        credentials=credentials, voicemessage_ids=voicemessage_ids, folder=target
    )
    name = VOICEMAIL_FOLDERS[target]
    audit_record(
        user=user,
        action="voicemail.move",
        records=bulk_audit_records(outcome.succeeded, outcome.failed, done="moved"),
        outcome=bulk_outcome(outcome.succeeded, outcome.failed, done="moved"),
        detail=f"to {name}",
    )
    successes: tuple[str, ...] = ()
    if outcome.succeeded:
        count = len(outcome.succeeded)
        noun = "message" if count == 1 else "messages"
        successes = (f"Moved {count} {noun} to {name}.",)
    errors = tuple(
        f"Voicemail {voicemessage_id} was not moved: {reason}"
        for voicemessage_id, reason in outcome.failed.items()
    )
    return ActionReport(successes=successes, errors=errors)


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
    except REFUSAL_ERRORS:
        return None
    roots = [leg for leg in legs if leg.is_root]
    return (roots or list(legs) or [None])[0]


@dataclass(frozen=True)
class RecordWithCall:
    """A recording or voicemail, and the call it belongs to (None: no link to show)."""

    record: Monitor | Voicemessage
    call: Cdr | None


def monitor_with_call(*, credentials: Credentials, monitor_id: int) -> Fetched[RecordWithCall]:
    """One recording and its call, for the recording's page."""
    fetched = monitor_get(credentials=credentials, monitor_id=monitor_id)
    call = call_for_live_id(credentials=credentials, live_id=fetched.value.live_id)
    return Fetched(value=RecordWithCall(fetched.value, call), stale=fetched.stale, age=fetched.age)


def voicemessage_with_call(
    *, credentials: Credentials, voicemessage_id: int
) -> Fetched[RecordWithCall]:
    """One voicemail and its call, for the voicemail's page."""
    fetched = voicemessage_get(credentials=credentials, voicemessage_id=voicemessage_id)
    call = call_for_live_id(credentials=credentials, live_id=fetched.value.live_id)
    return Fetched(value=RecordWithCall(fetched.value, call), stale=fetched.stale, age=fetched.age)


@dataclass(frozen=True)
class ChatThread:
    """A chat and its messages, oldest first; `messages_problem` says why they are missing."""

    chat: Chat
    messages: Page[ChatMsg] | None
    messages_problem: str = ""


def chat_with_messages(*, credentials: Credentials, chat_id: int) -> Fetched[ChatThread]:
    """One chat with its messages, as the conversation went."""
    freshness = Freshness()
    chat = freshness.noted(chat_get(credentials=credentials, chat_id=chat_id))
    query = Query(sort="created_at", direction="ASC", limit=CHAT_MESSAGES_LIMIT)
    # Listing chat messages is an extension of the documented API: an upstream without it
    # still shows the chat, and says why its messages are missing.
    try:
        listed = chatmsg_list(credentials=credentials, chat_id=chat_id, query=query)
    except REFUSAL_OR_UNREADABLE_ERRORS as error:
        thread = ChatThread(chat=chat, messages=None, messages_problem=str(error))
    else:
        thread = ChatThread(chat=chat, messages=freshness.noted(listed))
    return Fetched(value=thread, stale=freshness.stale, age=freshness.age)


@dataclass(frozen=True)
class MediaSessionDetail:
    """A media session, its SIP trace (`trace_problem` says why it is missing) and the labels
    of its codes (None: the page shows the bare codes)."""

    msdr: Msdr
    trace: list[TraceMessage]
    trace_problem: str
    dictionary: Dictionary | None


def msdr_with_trace(*, credentials: Credentials, msdr_id: int) -> Fetched[MediaSessionDetail]:
    """One media session with its SIP trace and the labels of its codes."""
    freshness = Freshness()
    msdr = freshness.noted(msdr_get(credentials=credentials, msdr_id=msdr_id))
    # The page is still useful without its trace: say why it is missing instead of failing.
    trace, trace_problem = [], ""
    try:
        trace = list(freshness.noted(msdr_trace(credentials=credentials, msdr_id=msdr_id)))
    except REFUSAL_OR_UNREADABLE_ERRORS as error:
        trace_problem = str(error)
    dictionary = freshness.noted(msdr_dictionary(credentials=credentials))
    detail = MediaSessionDetail(
        msdr=msdr, trace=trace, trace_problem=trace_problem, dictionary=dictionary
    )
    return Fetched(value=detail, stale=freshness.stale, age=freshness.age)


def msdr_dictionary(*, credentials: Credentials) -> Fetched[Dictionary | None]:
    """The labels of the media-session codes (None when the upstream has none)."""
    return dictionary_if_any(credentials=credentials, resource="msdrs")
