"""Call recordings: the filtered list, one recording, and its audio (seekable, downloadable)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from dashboard.forms.media import RecordingFilterForm
from dashboard.services.media import call_for_live_id
from dashboard.upstream import credentials_for, fetched_value, upstream_view
from dashboard.views.media_common import AudioKind, audio_answer, media_list_page
from history.services import monitor_audio, monitor_get, monitor_list

AUDIO = AudioKind(
    name="recording",
    audio=monitor_audio,
    get=monitor_get,
    id_arg="monitor_id",
    when=lambda monitor: monitor.timestamp,
    parties=lambda monitor: (monitor.caller, monitor.called),
)


@require_GET
@upstream_view
def recording_list(request: HttpRequest) -> HttpResponse:
    return media_list_page(
        request, form_class=RecordingFilterForm, fetch=monitor_list, template="recordings/list.html"
    )


@require_GET
@upstream_view
def recording_detail(request: HttpRequest, monitor_id: int) -> HttpResponse:
    monitor = fetched_value(request, monitor_get, monitor_id=monitor_id)
    call = call_for_live_id(credentials=credentials_for(request), live_id=monitor.live_id)
    return render(request, "recordings/detail.html", {"monitor": monitor, "call": call})


@require_safe
@upstream_view
def recording_audio(request: HttpRequest, monitor_id: int) -> HttpResponse:
    return audio_answer(request, AUDIO, monitor_id)
