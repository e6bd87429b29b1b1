"""Call recordings: the filtered list, one recording, and its audio (seekable, downloadable)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from dashboard.forms.media import RecordingFilterForm
from dashboard.services.media import monitor_with_call
from dashboard.services.media_files import RECORDING_AUDIO
from dashboard.upstream import fetched_value, upstream_view
from dashboard.views.media_common import audio_response, media_list_page, peaks_response
from history.services import monitor_list


@require_GET
@upstream_view
def recording_list(request: HttpRequest) -> HttpResponse:
    return media_list_page(
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
