"""Call recordings: the filtered list, one recording, and its audio (seekable, downloadable)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from dashboard.forms.media import RecordingFilterForm
from dashboard.services.media import call_for_live_id, download_filename
from dashboard.upstream import credentials_for, upstream_view, value_of
from dashboard.views.media_common import list_form, media_answer, media_list_page
from history.services import monitor_audio, monitor_get, monitor_list


@require_GET
@upstream_view
def recording_list(request: HttpRequest) -> HttpResponse:
    form = list_form(request, RecordingFilterForm)
    return media_list_page(request, form=form, fetch=monitor_list, template="recordings/list.html")


@require_GET
@upstream_view
def recording_detail(request: HttpRequest, monitor_id: int) -> HttpResponse:
    credentials = credentials_for(request)
    monitor = value_of(request, monitor_get(credentials=credentials, monitor_id=monitor_id))
    call = call_for_live_id(credentials=credentials, live_id=monitor.live_id)
    return render(request, "recordings/detail.html", {"monitor": monitor, "call": call})


@require_safe
@upstream_view
def recording_audio(request: HttpRequest, monitor_id: int) -> HttpResponse:
    credentials = credentials_for(request)
    media = monitor_audio(credentials=credentials, monitor_id=monitor_id)

    def filename() -> str:
        monitor = monitor_get(credentials=credentials, monitor_id=monitor_id).value
        parties = (monitor.caller, monitor.called)
        return download_filename(
            kind="recording", when=monitor.timestamp, parties=parties, suffix=".mp3"
        )

    return media_answer(
        request, media, audit_action="recording.download", record_id=monitor_id, filename=filename
    )
