"""CDRs: lists (all, call-tracking), one record, its notes, trace and PCAP, bulk PATCH, delete."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.models import Cdr, CdrNote
from sandbox.recordings import cdr_dialog
from sandbox.resources import CDRS, NOTES
from sandbox.views.base import (
    ResourceHandlers,
    bulk_update,
    endpoint,
    find_record,
    list_response,
)
from sandbox.views.files import pcap_handler, trace_handler

MAX_LABELS = 20
MAX_LABEL_LENGTH = 40
MAX_INFO_LENGTH = 2000


def _labels(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError("must be a list of short strings")
    labels: list[str] = []
    for label in value:
        if not isinstance(label, str) or not label.strip() or "\x00" in label:
            raise ValueError("must contain only non-empty strings without NUL characters")
        label = label.strip()
        if len(label) > MAX_LABEL_LENGTH:
            raise ValueError(f"may be at most {MAX_LABEL_LENGTH} characters each")
        if label not in labels:
            labels.append(label)
    if len(labels) > MAX_LABELS:
        raise ValueError(f"may hold at most {MAX_LABELS} labels")
    return labels


def _info(value: Any) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("must be a string without NUL characters")
    if len(value) > MAX_INFO_LENGTH:
        raise ValueError(f"may be at most {MAX_INFO_LENGTH} characters")
    return value


handlers = ResourceHandlers(CDRS)


def _list_calltracking(request: HttpRequest, caller: Caller) -> HttpResponse:
    calls = Cdr.objects.filter(calltracking_number__isnull=False)
    return list_response(request, caller, CDRS, calls)


def _patch(request: HttpRequest, caller: Caller) -> HttpResponse:
    return bulk_update(request, caller, CDRS, {"labels": _labels, "info": _info})


def _notes(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    # Notes are visible to whoever may see their call, whoever wrote them.
    cdr = find_record(caller, CDRS, ident)
    notes = CdrNote.objects.filter(cdr=cdr, customer_id=caller.customer_id)
    return list_response(request, caller, NOTES, notes, scoped=True)


collection = endpoint(GET=handlers.list, PATCH=_patch, DELETE=handlers.delete_all)
calltracking = endpoint(GET=_list_calltracking)
item = endpoint(GET=handlers.get)
notes = endpoint(GET=_notes)
trace = endpoint(GET=trace_handler(CDRS, cdr_dialog))
pcap = endpoint(GET=pcap_handler(CDRS, cdr_dialog))
