"""Web chats and their messages."""

from __future__ import annotations

from collections.abc import Iterable

from history.api import chats
from history.api.credentials import Credentials
from history.api.query import Filter, Query
from history.api.records import Chat, ChatMsg, Page

from .bulk import any_left, change_in_bulk, delete_everything, gone_after
from .cache import cached_list, cached_record
from .lookup import records_by_ids
from .results import DeleteOutcome, Fetched

# Messages share the chats' generation: deleting a message must refresh the chat pages too.
RESOURCE = "chats"


def chat_list(*, credentials: Credentials, query: Query | None = None) -> Fetched[Page[Chat]]:
    """One page of chats matching `query`."""
    return cached_list(credentials, RESOURCE, query or Query(), chats.list_chats)


def chat_get(*, credentials: Credentials, chat_id: int) -> Fetched[Chat]:
    """One chat's details."""
    return cached_record(
        credentials, RESOURCE, f"chat:{chat_id}", lambda: chats.get_chat(credentials, chat_id)
    )


def chatmsg_list(
    *, credentials: Credentials, chat_id: int, query: Query | None = None
) -> Fetched[Page[ChatMsg]]:
    """One page of the messages of a chat (default: 50 a page)."""
    query = query or Query()
    return cached_list(
        credentials,
        RESOURCE,
        query,
        lambda creds, q: chats.list_chatmsgs(creds, chat_id, q),
        name=f"chatmsgs:{chat_id}",
    )


def chatmsg_find(
    *, credentials: Credentials, chatmsg_ids: Iterable[int], chat_id: int | None = None
) -> dict[int, ChatMsg]:
    """The chat messages among `chatmsg_ids` this user may see (in chat `chat_id` only, when
    given), read fresh in a few list calls."""
    scope = (Filter("chat_id", "eq", chat_id),) if chat_id is not None else ()
    return records_by_ids(
        lambda query: chats.list_all_chatmsgs(credentials, query), chatmsg_ids, filters=scope
    )


def chatmsg_delete(*, credentials: Credentials, chatmsg_ids: Iterable[int]) -> DeleteOutcome:
    """Delete chat messages; the outcome says which went and why any others did not."""
    return change_in_bulk(
        credentials=credentials,
        resource=RESOURCE,
        ids=chatmsg_ids,
        send=chats.delete_chatmsgs,
        outcome=DeleteOutcome,
        find=_find,
        verify=gone_after(_find),
    )


def _find(credentials: Credentials, ids: list[int]) -> dict[int, ChatMsg]:
    return chatmsg_find(credentials=credentials, chatmsg_ids=ids)


def chatmsg_delete_all(*, credentials: Credentials) -> None:
    """Delete every chat message this user may see. Irreversible upstream."""
    delete_everything(
        credentials=credentials,
        resource=RESOURCE,
        delete=chats.delete_all_chatmsgs,
        left=any_left(chats.list_all_chatmsgs),
    )
