"""Answers carrying a record's media: `.mp3`, `.pcap` and `.trace`."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from sandbox.media import SipMessage, pcap_for_messages
from sandbox.responses import collection_response, file_response

PCAP_CONTENT_TYPE = "application/vnd.tcpdump.pcap"


def mp3_response(audio: bytes, *, filename: str) -> HttpResponse:
    return file_response(audio, content_type="audio/mpeg", filename=filename)


def pcap_response(messages: list[SipMessage], *, filename: str) -> HttpResponse:
    return file_response(
        pcap_for_messages(messages), content_type=PCAP_CONTENT_TYPE, filename=filename
    )


def trace_response(messages: list[SipMessage]) -> JsonResponse:
    return collection_response([message.as_trace() for message in messages], len(messages))
