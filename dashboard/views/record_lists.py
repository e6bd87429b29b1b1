"""What the recordings, voicemail, chats and media-session views share: a filtered list page
(full page or htmx fragment), and a record's audio (byte ranges, optional download)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from dashboard.byte_ranges import media_file_response
from dashboard.forms.record_lists import RecordListForm
from dashboard.services.file_deliveries import AudioKind, record_audio_answer, record_audio_peaks
from dashboard.views.guards import credentials_for, fetched_value
from dashboard.views.listing import list_context, render_list, results_context
from dashboard.waveform import UnreadableAudio
from history.services import run_warm_first

# The htmx targets of every list page: the search (form and results) and the results alone.
SEARCH_TARGET = "record-search"
TABLE_TARGET = "record-table"

ContextFor = Callable[[RecordListForm], dict[str, Any]]


def record_list_page(
    request: HttpRequest,
    *,
    form_class: type[RecordListForm],
    fetch: Callable[..., Any],
    template: str,
    table_template: str,
    submit_label: str,
    context_for: ContextFor | None = None,
    fragments: dict[str, str] | None = None,
) -> HttpResponse:
    """Validate the filters, fetch one page with `fetch(credentials=, query=)`, render.

    An invalid filter re-renders the form with its errors (400), never a 500. `context_for`
    adds what the page shows besides the list (given the bound form); `fragments` names the
    partial for another htmx target than the search and the table; `table_template` draws
    the results and `submit_label` is what the filter button says.
    """
    form = form_class(request.GET, zone=timezone.get_current_timezone(), today=timezone.localdate())
    valid = form.is_valid()

    def listed() -> Any:
        return fetched_value(request, fetch, query=form.to_search().query()) if valid else None

    # What the page shows besides the list does not wait for the list, nor it for that.
    extra, page = run_warm_first([lambda: context_for(form) if context_for else {}, listed])
    context = {
        **extra,
        **list_context(
            request,
            form=form,
            search_target=SEARCH_TARGET,
            table_target=TABLE_TARGET,
            table_template=table_template,
            submit_label=submit_label,
        ),
    }
    if not valid:
        return render_list(request, template, context, status=400, fragments=fragments)
    context.update(results_context(search=form.to_search(), page=page))
    return render_list(request, template, context, fragments=fragments)


def audio_response(request: HttpRequest, kind: AudioKind, record_id: int) -> HttpResponse:
    """A record's audio, seekable; with `?download=1` saved under a name saying what it is.

    A download is audited each time; a playback once per record per session.
    """
    # A HEAD sends nothing: no playback to audit.
    session_key = (request.session.session_key or "") if request.method == "GET" else None
    answer = record_audio_answer(
        credentials=credentials_for(request),
        user=request.user,
        kind=kind,
        record_id=record_id,
        download=bool(request.GET.get("download")),
        session_key=session_key,
    )
    return media_file_response(request, answer.media, file=answer.file, filename=answer.filename)


# Peaks of a file never change; a deleted record's go with its audio on the next fetch.
PEAKS_CACHE_CONTROL = "private, max-age=3600"


def peaks_response(request: HttpRequest, kind: AudioKind, record_id: int) -> HttpResponse:
    """A record's waveform as `{"peaks": [0..1, ...]}`, for the player to draw and seek by."""
    try:
        peaks = record_audio_peaks(
            credentials=credentials_for(request), kind=kind, record_id=record_id
        )
    except UnreadableAudio:
        response = JsonResponse({"error": "VoIPstudio sent audio that cannot be read."}, status=502)
    else:
        response = JsonResponse({"peaks": peaks})
    response["Cache-Control"] = PEAKS_CACHE_CONTROL
    return response
