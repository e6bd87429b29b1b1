"""Web chats and their messages."""

from __future__ import annotations

from collections.abc import Iterable

from history.api import chats
from history.api.credentials import Credentials
from history.api.query import Query
from history.api.records import Chat, ChatMsg, Page

from .bulk import apply_in_bulk, unique_ids
from .cache import cached_list, cached_record, invalidate
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


def chatmsg_delete(*, credentials: Credentials, chatmsg_ids: Iterable[int]) -> DeleteOutcome:
    """Delete chat messages; the outcome says which went and why any others did not."""
    ids = unique_ids(chatmsg_ids)
    try:
        return apply_in_bulk(
            ids,
            send_batch=lambda batch: chats.delete_chatmsgs(credentials, batch),
            send_one=lambda item: chats.delete_chatmsgs(credentials, [item]),
            outcome=DeleteOutcome,
        )
    finally:
        invalidate(credentials, RESOURCE)


def chatmsg_delete_all(*, credentials: Credentials) -> None:
    """Delete every chat message this user may see. Irreversible upstream."""
    try:
        chats.delete_all_chatmsgs(credentials)
    finally:
        invalidate(credentials, RESOURCE)
