"""What the recordings, voicemail, chats and media-session views share: a filtered list page
(full page or htmx fragment) and a media file answer (byte ranges, optional download)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from dashboard.forms.lists import date_presets
from dashboard.forms.media import MediaListForm
from dashboard.paging import page_summary
from dashboard.ranges import media_file_response
from dashboard.services.audit import audit_record
from dashboard.upstream import credentials_for, value_of
from history.api.query import Query

# The htmx targets of every list page: the search (form and results) and the results alone.
SEARCH_TARGET = "media-search"
TABLE_TARGET = "media-table"


def list_form(request: HttpRequest, form_class: type[MediaListForm]) -> MediaListForm:
    return form_class(request.GET, zone=timezone.get_current_timezone(), today=timezone.localdate())


def media_list_page(
    request: HttpRequest,
    *,
    form: MediaListForm,
    fetch: Callable[..., Any],
    template: str,
    context: dict[str, Any] | None = None,
    fragments: dict[str, str] | None = None,
) -> HttpResponse:
    """Validate the filters, fetch one page with `fetch(credentials=, query=)`, render.

    An invalid filter re-renders the form with its errors (400), never a 500. An htmx request
    gets only the part it targets: the named partial `table` for the results, `search` for
    anything else, or the partial `fragments` names for its target id.
    """
    context = {
        **(context or {}),
        "form": form,
        "presets": date_presets(timezone.localdate()),
        "list_url": request.path,
        "search_target": SEARCH_TARGET,
        "table_target": TABLE_TARGET,
        "here": request.get_full_path(),
    }
    status = 200
    if form.is_valid():
        search = form.to_search()
        query: Query = search.query()
        page = value_of(request, fetch(credentials=credentials_for(request), query=query))
        context["page"] = page
        context["summary"] = page_summary(
            page=search.page, per_page=search.per_page, shown=len(page.items), total=page.total
        )
    else:
        status = 400
    if request.htmx and not request.htmx.history_restore_request:
        parts = {TABLE_TARGET: "table", **(fragments or {})}
        part = parts.get(request.htmx.target or "", "search")
        template = f"{template}#{part}"
    response = render(request, template, context, status=status)
    # One URL answers a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


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
