"""Chats and their messages; `GET /chatmsgs` (filter by `chat_id`) is the sandbox's extension."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.resources import CHATMSGS, CHATS
from sandbox.views.base import (
    delete_listed,
    delete_visible,
    endpoint,
    list_response,
    record_response,
)


def _list_chats(request: HttpRequest, caller: Caller) -> HttpResponse:
    return list_response(request, caller, CHATS)


def _get_chat(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return record_response(caller, CHATS, ident)


def _list_messages(request: HttpRequest, caller: Caller) -> HttpResponse:
    return list_response(request, caller, CHATMSGS)


def _delete_all_messages(request: HttpRequest, caller: Caller) -> HttpResponse:
    return delete_visible(caller, CHATMSGS, status=204)


def _delete_messages(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return delete_listed(caller, CHATMSGS, ident)


chats = endpoint(GET=_list_chats)
chat = endpoint(GET=_get_chat)
messages = endpoint(GET=_list_messages, DELETE=_delete_all_messages)
message_ids = endpoint(DELETE=_delete_messages)
