"""Chats and their messages; `GET /chatmsgs` (filter by `chat_id`) is the sandbox's extension."""

from __future__ import annotations

from sandbox.resources import CHATMSGS, CHATS
from sandbox.views.base import ResourceHandlers, endpoint

chat_handlers = ResourceHandlers(CHATS)
message_handlers = ResourceHandlers(CHATMSGS)

chats = endpoint(GET=chat_handlers.list)
chat = endpoint(GET=chat_handlers.get)
messages = endpoint(GET=message_handlers.list, DELETE=message_handlers.delete_all)
message_ids = endpoint(DELETE=message_handlers.delete)
