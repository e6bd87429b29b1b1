"""Web chats: `/chats` and their messages, `/chatmsgs`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .credentials import Credentials
from .query import Filter, Query
from .records import Chat, ChatMsg, Page
from .resource import Collection

chats: Collection[Chat] = Collection("chats", Chat)
chatmsgs: Collection[ChatMsg] = Collection("chatmsgs", ChatMsg)


def list_chats(credentials: Credentials, query: Query) -> Page[Chat]:
    return chats.page(credentials, query)


def get_chat(credentials: Credentials, chat_id: int) -> Chat:
    return chats.get(credentials, chat_id)


def list_chatmsgs(credentials: Credentials, chat_id: int, query: Query) -> Page[ChatMsg]:
    """`GET /chatmsgs` filtered by chat (the sandbox's documented extension of the seed)."""
    scoped = replace(query, filters=(*query.filters, Filter("chat_id", "eq", chat_id)))
    return chatmsgs.page(credentials, scoped)


def list_all_chatmsgs(credentials: Credentials, query: Query) -> Page[ChatMsg]:
    """`GET /chatmsgs` across every chat the user may see."""
    return chatmsgs.page(credentials, query)


def delete_chatmsgs(credentials: Credentials, chatmsg_ids: Iterable[int]) -> None:
    chatmsgs.delete(credentials, chatmsg_ids)


def delete_all_chatmsgs(credentials: Credentials) -> None:
    chatmsgs.delete_all(credentials)
