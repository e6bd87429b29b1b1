"""What every list page does around its own search: the shared context, and one answer for a
full page or the htmx fragment it targets.

A list page's template extends `lists/page.html`, which defines the named partials `search`
(filters and results) and `table` (the results alone); an htmx request gets only the part it
targets, and the address bar gets the URL of the filtered view, so that it can be bookmarked,
shared and restored with Back.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path
from typing import Any

from django.conf import settings
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django_htmx.http import push_url, reswap, retarget

from dashboard.forms.lists import date_presets
from dashboard.paging import page_summary
from history.services import Page

# The shell every list page extends, holding the partials htmx swaps.
LIST_TEMPLATE = "lists/page.html"


def list_context(
    request: HttpRequest,
    *,
    form: Form,
    search_target: str,
    table_target: str,
    table_template: str,
    submit_label: str,
) -> dict[str, Any]:
    """The context every list template needs besides its results: `table_template` draws the
    results, `submit_label` is what the filter button says."""
    return {
        "form": form,
        "table_template": table_template,
        "submit_label": submit_label,
        "presets": date_presets(timezone.localdate()),
        "list_url": request.path,
        "search_target": search_target,
        "table_target": table_target,
        "here": request.get_full_path(),
    }


def results_context(*, search: Any, page: Page[Any]) -> dict[str, Any]:
    """One page of results, and where it is ("51–100 of 1,234") for `search`'s paging."""
    summary = page_summary(
        page=search.page,
        per_page=search.per_page,
        shown=len(page.items),
        total=page.total,
        more=not page.total_exact,
    )
    return {"page": page, "summary": summary}


@functools.cache
def _templates_version() -> str:
    """The templates this process draws with, as a digest of their names, sizes and times.

    Drawn rows outlive a deploy in a shared cache (Redis): a new version of the templates must
    never be handed rows drawn by the old one. Read once per process.
    """
    files = sorted(
        (str(path), path.stat().st_size, path.stat().st_mtime_ns)
        for folder in settings.TEMPLATES[0]["DIRS"]
        for path in Path(folder).rglob("*.html")
    )
    return hashlib.sha256(repr(files).encode()).hexdigest()[:16]


def rows_key(request: HttpRequest, template: str, context: dict[str, Any]) -> str:
    """A digest of everything a list's rows show: the records, the time zone their times are
    written in, and what the page adds to them (recordings, names, labels of codes).

    The drawn rows are kept under it (`{% cached_rows %}`): the same rows are drawn once, and a
    changed record, zone or label is a new key, never an old drawing.
    """
    page = context.get("page")
    if page is None:
        return ""
    shown = (
        _templates_version(),
        template.partition("#")[0],
        timezone.get_current_timezone_name(),
        # Amounts are written in the reader's language (see the `money` tag).
        request.headers.get("Accept-Language", ""),
        page.items,
        context.get("recorded"),
        context.get("recorded_calls"),
        context.get("user_names"),
        context.get("dictionary"),
    )
    return hashlib.sha256(pickle.dumps(shown, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def clean_url(request: HttpRequest) -> str:
    """This request's path and query without the parameters left empty."""
    params = request.GET.copy()
    for key in list(params):
        values = [value for value in params.getlist(key) if value != ""]
        if values:
            params.setlist(key, values)
        else:
            del params[key]
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


def render_list(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    fragments: dict[str, str] | None = None,
) -> HttpResponse:
    """The whole page, or for htmx the partial its target names: `table` for the results,
    the partial (`template#name`) `fragments` gives for another target id, `search` for
    anything else."""
    context["rows_key"] = rows_key(request, template, context)
    # Back and Forward ask for the whole page again (htmx's history restore).
    fragment = request.htmx and not request.htmx.history_restore_request
    target = ""
    if fragment:
        search, table = f"{LIST_TEMPLATE}#search", f"{LIST_TEMPLATE}#table"
        parts = {context["table_target"]: table, **(fragments or {})}
        template = parts.get(request.htmx.target or "", search)
        if status >= 400 and template == table:
            # A refused filter is explained next to the form, which the table does not hold.
            template, target = search, f"#{context['search_target']}"
    response = render(request, template, context, status=status)
    if target:
        reswap(retarget(response, target), "outerHTML")
    if fragment:
        # A submitted form sends every field; the address bar keeps the ones that say something.
        push_url(response, clean_url(request))
    # The same URL answers a full page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target", "HX-History-Restore-Request"])
    return response
