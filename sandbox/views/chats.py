"""Chats and their messages; `GET /chatmsgs` (filter by `chat_id`) is the sandbox's extension."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.resources import CHATMSGS, CHATS
from sandbox.views.base import ResourceHandlers, endpoint

EXTENSION_HEADER = "X-Sandbox-Extension"

chat_handlers = ResourceHandlers(CHATS)
message_handlers = ResourceHandlers(CHATMSGS)


def _list_messages(request: HttpRequest, caller: Caller) -> HttpResponse:
    response = message_handlers.list(request, caller)
    # The seed can only delete chat messages: the answer says it is no promise of the real
    # service, so a client built against the sandbox knows to tolerate its absence.
    response[EXTENSION_HEADER] = "GET /chatmsgs is not part of the documented History API"
    return response


chats = endpoint(GET=chat_handlers.list)
chat = endpoint(GET=chat_handlers.get)
messages = endpoint(GET=_list_messages, DELETE=message_handlers.delete_all)
message_ids = endpoint(DELETE=message_handlers.delete)
