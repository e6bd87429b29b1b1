"""Voicemessages: list, one record, its MP3, move between folders in bulk, delete some or all."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.models import Voicemessage
from sandbox.recordings import voicemessage_audio
from sandbox.resources import VOICEMESSAGES
from sandbox.views.base import ResourceHandlers, bulk_update, endpoint
from sandbox.views.files import mp3_handler

FOLDER_BY_NAME = {name.lower(): number for number, name in Voicemessage.FOLDERS.items()}


def folder_number(value: Any) -> int:
    """A folder given as its number (or digits) or its name in any case."""
    if isinstance(value, int) and not isinstance(value, bool) and value in Voicemessage.FOLDERS:
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and int(text) in Voicemessage.FOLDERS:
            return int(text)
        if text.lower() in FOLDER_BY_NAME:
            return FOLDER_BY_NAME[text.lower()]
    choices = ", ".join(f"{number} {name}" for number, name in Voicemessage.FOLDERS.items())
    raise ValueError(f"{value!r} is not a folder; folders: {choices}")


handlers = ResourceHandlers(VOICEMESSAGES)


def _move(request: HttpRequest, caller: Caller) -> HttpResponse:
    return bulk_update(request, caller, VOICEMESSAGES, {"folder": folder_number})


collection = endpoint(GET=handlers.list, PATCH=_move, DELETE=handlers.delete_all)
item = endpoint(GET=handlers.get, DELETE=handlers.delete)
mp3 = endpoint(GET=mp3_handler(VOICEMESSAGES, voicemessage_audio))
