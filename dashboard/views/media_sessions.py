"""Media sessions (MSDRs): the filtered list, one session with its SIP ladder, its PCAP."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from dashboard.forms.media import MediaSessionFilterForm
from dashboard.ladder import ladder_layout
from dashboard.services.calls import UNREADABLE_PART_ERRORS, dictionary_if_any
from dashboard.upstream import credentials_for, fetched_value, upstream_view
from dashboard.views.media_common import media_answer, media_list_page
from history.api.records import Dictionary
from history.services import msdr_get, msdr_list, msdr_pcap, msdr_trace


def _dictionary(request: HttpRequest) -> Dictionary:
    return fetched_value(request, dictionary_if_any, resource="msdrs")


@require_GET
@upstream_view
def media_session_list(request: HttpRequest) -> HttpResponse:
    return media_list_page(
        request,
        form_class=MediaSessionFilterForm,
        fetch=msdr_list,
        template="media_sessions/list.html",
        context_for=lambda form: {"dictionary": _dictionary(request)},
    )


@require_GET
@upstream_view
def media_session_detail(request: HttpRequest, msdr_id: int) -> HttpResponse:
    msdr = fetched_value(request, msdr_get, msdr_id=msdr_id)
    # The page is still useful without its trace: say why it is missing instead of failing.
    trace, trace_problem = [], ""
    try:
        trace = fetched_value(request, msdr_trace, msdr_id=msdr_id)
    except UNREADABLE_PART_ERRORS as error:
        trace_problem = str(error)
    context = {
        "msdr": msdr,
        "dictionary": _dictionary(request),
        "ladder": ladder_layout(trace),
        "trace_problem": trace_problem,
    }
    return render(request, "media_sessions/detail.html", context)


@require_safe
@upstream_view
def media_session_pcap(request: HttpRequest, msdr_id: int) -> HttpResponse:
    media = msdr_pcap(credentials=credentials_for(request), msdr_id=msdr_id)
    return media_answer(
        request,
        media,
        audit_action="media_session.pcap_download",
        record_id=msdr_id,
        filename=lambda: f"media-session-{msdr_id}.pcap",
        always_download=True,
    )
