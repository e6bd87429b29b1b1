"""Media-session detail records: list, one record, its trace and PCAP."""

from __future__ import annotations

from sandbox.recordings import msdr_dialog
from sandbox.resources import MSDRS
from sandbox.views.base import ResourceHandlers, endpoint
from sandbox.views.files import pcap_handler, trace_handler

handlers = ResourceHandlers(MSDRS)

collection = endpoint(GET=handlers.list)
item = endpoint(GET=handlers.get)
trace = endpoint(GET=trace_handler(MSDRS, msdr_dialog))
pcap = endpoint(GET=pcap_handler(MSDRS, msdr_dialog))
