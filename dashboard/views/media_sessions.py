"""Media sessions (MSDRs): the filtered list, one session with its SIP ladder, its PCAP."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from dashboard.byte_ranges import media_file_response
from dashboard.forms.record_lists import MediaSessionFilterForm
from dashboard.ladder import ladder_layout
from dashboard.services.file_deliveries import MEDIA_SESSION_PCAP, record_pcap_download
from dashboard.services.record_pages import msdr_dictionary, msdr_with_trace
from dashboard.views.guards import credentials_for, fetched_value, upstream_view
from dashboard.views.record_lists import record_list_page
from history.services import msdr_list


@require_GET
@upstream_view
def media_session_list(request: HttpRequest) -> HttpResponse:
    return record_list_page(
        request,
        form_class=MediaSessionFilterForm,
        fetch=msdr_list,
        template="media_sessions/list.html",
        table_template="media_sessions/table.html",
        submit_label="Show media sessions",
        context_for=lambda form: {"dictionary": fetched_value(request, msdr_dictionary)},
    )


@require_GET
@upstream_view
def media_session_detail(request: HttpRequest, msdr_id: int) -> HttpResponse:
    detail = fetched_value(request, msdr_with_trace, msdr_id=msdr_id)
    context = {
        "msdr": detail.msdr,
        "dictionary": detail.dictionary,
        "ladder": ladder_layout(detail.trace),
        "trace_problem": detail.trace_problem,
    }
    return render(request, "media_sessions/detail.html", context)


@require_safe
@upstream_view
def media_session_pcap(request: HttpRequest, msdr_id: int) -> HttpResponse:
    answer = record_pcap_download(
        credentials=credentials_for(request),
        user=request.user,
        kind=MEDIA_SESSION_PCAP,
        record_id=msdr_id,
    )
    return media_file_response(request, answer.media, file=answer.file, filename=answer.filename)
