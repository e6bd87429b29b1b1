"""Media-session detail records: list, one record, its trace and PCAP."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from sandbox.auth import Caller
from sandbox.recordings import msdr_dialog
from sandbox.resources import MSDRS
from sandbox.views.base import endpoint, find_record, list_response, record_response
from sandbox.views.media import pcap_response, trace_response


def _list(request: HttpRequest, caller: Caller) -> HttpResponse:
    return list_response(request, caller, MSDRS)


def _get(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return record_response(caller, MSDRS, ident)


def _trace(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    return trace_response(msdr_dialog(find_record(caller, MSDRS, ident)))


def _pcap(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    msdr = find_record(caller, MSDRS, ident)
    return pcap_response(msdr_dialog(msdr), filename=f"msdr-{msdr.pk}.pcap")


collection = endpoint(GET=_list)
item = endpoint(GET=_get)
trace = endpoint(GET=_trace)
pcap = endpoint(GET=_pcap)
