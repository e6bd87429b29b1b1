"""Answers carrying a record's files: `.mp3`, `.pcap` and `.trace`.

Each `*_handler` builds the endpoint handler for one resource from the function that derives
the file from a record, so every file endpoint finds its record (404/403) the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.files import SipMessage, pcap_for_messages
from sandbox.resources import Resource
from sandbox.responses import collection_response, file_response
from sandbox.views.base import Handler, find_record

PCAP_CONTENT_TYPE = "application/vnd.tcpdump.pcap"

Dialog = Callable[[Any], list[SipMessage]]


def mp3_handler(resource: Resource, audio: Callable[[Any], bytes]) -> Handler:
    """`GET /{resource}/{id}.mp3`: the record's audio, with no Content-Disposition (the
    official client's documentation: the live service sends none, so clients name files)."""

    def handler(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
        record = find_record(caller, resource, ident)
        return file_response(audio(record), content_type="audio/mpeg", filename=None)

    return handler


def trace_handler(resource: Resource, dialog: Dialog) -> Handler:
    """`GET /{resource}/{id}.trace`: the record's SIP messages as JSON."""

    def handler(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
        messages = dialog(find_record(caller, resource, ident))
        return collection_response([message.as_trace() for message in messages], len(messages))

    return handler


def pcap_handler(resource: Resource, dialog: Dialog) -> Handler:
    """`GET /{resource}/{id}.pcap`: the record's SIP messages as a capture file."""

    def handler(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
        record = find_record(caller, resource, ident)
        return file_response(
            pcap_for_messages(dialog(record)),
            content_type=PCAP_CONTENT_TYPE,
            filename=f"{resource.name}-{record.pk}.pcap",
        )

    return handler
