"""What the recordings, voicemail, chats and media-session views share: a filtered list page
(full page or htmx fragment) and a media file answer (byte ranges, optional download)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from dashboard.forms.media import MediaListForm
from dashboard.ranges import media_file_response
from dashboard.services.audit import audit_record
from dashboard.services.media import download_filename
from dashboard.upstream import credentials_for, fetched_value
from dashboard.views.listing import list_context, render_list, results_context

# The htmx targets of every list page: the search (form and results) and the results alone.
SEARCH_TARGET = "media-search"
TABLE_TARGET = "media-table"

ContextFor = Callable[[MediaListForm], dict[str, Any]]


def media_list_page(
    request: HttpRequest,
    *,
    form_class: type[MediaListForm],
    fetch: Callable[..., Any],
    template: str,
    context_for: ContextFor | None = None,
    fragments: dict[str, str] | None = None,
) -> HttpResponse:
    """Validate the filters, fetch one page with `fetch(credentials=, query=)`, render.

    An invalid filter re-renders the form with its errors (400), never a 500. `context_for`
    adds what the page shows besides the list (given the bound form); `fragments` names the
    partial for another htmx target than the search and the table.
    """
    form = form_class(request.GET, zone=timezone.get_current_timezone(), today=timezone.localdate())
    context = {
        **(context_for(form) if context_for else {}),
        **list_context(request, form=form, search_target=SEARCH_TARGET, table_target=TABLE_TARGET),
    }
    if not form.is_valid():
        return render_list(request, template, context, status=400, fragments=fragments)
    search = form.to_search()
    page = fetched_value(request, fetch, query=search.query())
    context.update(results_context(search=search, page=page))
    return render_list(request, template, context, fragments=fragments)


def media_answer(
    request: HttpRequest,
    media: Any,
    *,
    audit_action: str,
    record_id: int,
    filename: Callable[[], str],
    always_download: bool = False,
) -> HttpResponse:
    """Serve a cached media file with byte ranges; a download (`?download=1`, or always for
    files no browser plays) is named and audited.

    Plain playback is not audited: a player makes many range requests for one listen.
    """
    name = None
    if always_download or request.GET.get("download"):
        name = filename()
        audit_record(user=request.user, action=audit_action, records=[record_id], outcome="ok")
    return media_file_response(request, media, filename=name)


@dataclass(frozen=True)
class AudioKind:
    """Records with audio (recordings, voicemail): the services that read them, and what a
    download is called and audited as."""

    name: str  # first word of the file name; the audit action is `<name>.download`
    audio: Callable[..., Any]
    get: Callable[..., Any]
    id_arg: str
    when: Callable[[Any], datetime | None]
    parties: Callable[[Any], tuple[str, ...]]


def audio_answer(request: HttpRequest, kind: AudioKind, record_id: int) -> HttpResponse:
    """A record's audio, seekable; with `?download=1` named after the call and audited."""
    credentials = credentials_for(request)
    media = kind.audio(credentials=credentials, **{kind.id_arg: record_id})

    def filename() -> str:
        record = kind.get(credentials=credentials, **{kind.id_arg: record_id}).value
        return download_filename(
            kind=kind.name, when=kind.when(record), parties=kind.parties(record), suffix=".mp3"
        )

    return media_answer(
        request, media, audit_action=f"{kind.name}.download", record_id=record_id, filename=filename
    )
