"""Voicemessages: list, one record, its MP3, move between folders in bulk, delete some or all."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.models import Voicemessage
from sandbox.recordings import voicemessage_audio
from sandbox.resources import VOICEMESSAGES
from sandbox.views.base import (
    bulk_update,
    delete_listed,
    delete_visible,
    endpoint,
    find_record,
    list_response,
    record_response,
)
from sandbox.views.media import mp3_response

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


def _list(request: HttpRequest, caller: Caller) -> HttpResponse:
    return list_response(request, caller, VOICEMESSAGES)


def _patch(request: HttpRequest, caller: Caller) -> HttpResponse:
    return bulk_update(request, caller, VOICEMESSAGES, {"folder": folder_number})


def _delete_all(request: HttpRequest, caller: Caller) -> HttpResponse:
    return delete_visible(caller, VOICEMESSAGES, status=202)


def _get(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return record_response(caller, VOICEMESSAGES, ident)


def _delete(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return delete_listed(caller, VOICEMESSAGES, ident)


def _mp3(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    message = find_record(caller, VOICEMESSAGES, ident)
    return mp3_response(voicemessage_audio(message), filename=f"voicemessage-{message.pk}.mp3")


collection = endpoint(GET=_list, PATCH=_patch, DELETE=_delete_all)
item = endpoint(GET=_get, DELETE=_delete)
mp3 = endpoint(GET=_mp3)
