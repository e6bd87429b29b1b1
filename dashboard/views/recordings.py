"""Call recordings: the filtered list, one recording, and its audio (seekable, downloadable)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from dashboard.forms.record_lists import RecordingFilterForm
from dashboard.services.file_deliveries import RECORDING_AUDIO
from dashboard.services.record_pages import monitor_with_call
from dashboard.views.guards import fetched_value, upstream_view
from dashboard.views.record_lists import audio_response, peaks_response, record_list_page
from history.services import monitor_list


@require_GET
@upstream_view
def recording_list(request: HttpRequest) -> HttpResponse:
    return record_list_page(
        request,
        form_class=RecordingFilterForm,
        fetch=monitor_list,
        template="recordings/list.html",
        table_template="recordings/table.html",
        submit_label="Show recordings",
    )


@require_GET
@upstream_view
def recording_detail(request: HttpRequest, monitor_id: int) -> HttpResponse:
    found = fetched_value(request, monitor_with_call, monitor_id=monitor_id)
    return render(request, "recordings/detail.html", {"monitor": found.record, "call": found.call})


@require_safe
@upstream_view
def recording_audio(request: HttpRequest, monitor_id: int) -> HttpResponse:
    return audio_response(request, RECORDING_AUDIO, monitor_id)


@require_GET
@upstream_view
def recording_peaks(request: HttpRequest, monitor_id: int) -> HttpResponse:
    return peaks_response(request, RECORDING_AUDIO, monitor_id)
