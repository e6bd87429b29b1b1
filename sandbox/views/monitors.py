"""Call recordings ("monitors"): list, one record, its MP3, delete some or all."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.recordings import monitor_audio
from sandbox.resources import MONITORS
from sandbox.views.base import (
    delete_listed,
    delete_visible,
    endpoint,
    find_record,
    list_response,
    record_response,
)
from sandbox.views.media import mp3_response


def _list(request: HttpRequest, caller: Caller) -> HttpResponse:
    return list_response(request, caller, MONITORS)


def _delete_all(request: HttpRequest, caller: Caller) -> HttpResponse:
    return delete_visible(caller, MONITORS, status=202)


def _get(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return record_response(caller, MONITORS, ident)


def _delete(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return delete_listed(caller, MONITORS, ident)


def _mp3(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    monitor = find_record(caller, MONITORS, ident)
    return mp3_response(monitor_audio(monitor), filename=f"monitor-{monitor.pk}.mp3")


collection = endpoint(GET=_list, DELETE=_delete_all)
item = endpoint(GET=_get, DELETE=_delete)
mp3 = endpoint(GET=_mp3)
