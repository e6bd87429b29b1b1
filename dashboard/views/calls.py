"""The call lists (`/calls/`, `/calls/tracking/`), one call, its PCAP, labels and export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from dashboard.byte_ranges import media_file_response
from dashboard.file_headers import private_file
from dashboard.forms.calls import CallFilterForm, LabelForm
from dashboard.ladder import ladder_layout
from dashboard.services.call_actions import (
    call_export_csv,
    cdr_label_change,
    cdr_user_csv_download,
)
from dashboard.services.call_groups import call_group_list
from dashboard.services.calls import (
    SearchTooBroad,
    call_detail,
    call_dictionary,
    call_page,
)
from dashboard.services.file_deliveries import CALL_PCAP, record_pcap_download
from dashboard.services.profiles import user_is_admin
from dashboard.views.guards import (
    admin_required,
    credentials_for,
    fetched_value,
    upstream_view,
)
from dashboard.views.listing import list_context, render_list, results_context
from dashboard.views.notices import act_and_return
from dashboard.workload import heavy_work
from history.services import Dictionary

# htmx targets on the list page: the whole search (form and results) and the results table.
SEARCH_TARGET = "call-search"
TABLE_TARGET = "call-table"


def _filter_form(request: HttpRequest) -> CallFilterForm:
    return CallFilterForm(
        request.GET, zone=timezone.get_current_timezone(), today=timezone.localdate()
    )


def _disposition_labels(dictionary: Dictionary | None) -> dict[str, str] | None:
    return dictionary.properties.get("disposition") if dictionary else None


def _call_list(request: HttpRequest, *, tracking: bool) -> HttpResponse:
    form = _filter_form(request)
    context = {
        **list_context(
            request,
            form=form,
            search_target=SEARCH_TARGET,
            table_target=TABLE_TARGET,
            table_template="calls/table.html",
            submit_label="Show calls",
        ),
        "tracking": tracking,
        "is_admin": user_is_admin(user=request.user),
        "export_query": request.GET.urlencode(),
    }
    results = None
    if form.is_valid():
        search = form.to_search()
        context["search"] = search
        # One row per call pages and counts calls (see dashboard.services.call_groups).
        grouped = form.cleaned_data.get("group")
        try:
            results = fetched_value(
                request, call_group_list if grouped else call_page, search=search, tracking=tracking
            )
        except SearchTooBroad as too_broad:
            context["too_broad"] = str(too_broad)
        else:
            context.update(results_context(search=search, page=results.page))
            context["recorded"] = results.recorded
            context["recorded_calls"] = getattr(results, "recorded_calls", frozenset())
            context["grouped"] = grouped
            context["user_names"] = results.user_names
    # The outcome filter offers the upstream's own labels, when it has them: read alongside
    # the calls, or here when the search was refused.
    if results is not None:
        dictionary = results.dictionary
    else:
        dictionary = fetched_value(request, call_dictionary)
    form.use_disposition_labels(_disposition_labels(dictionary))
    context["dictionary"] = dictionary
    status = 200 if form.is_valid() else 400
    return render_list(request, "calls/list.html", context, status=status)


@require_GET
@upstream_view
def call_list(request: HttpRequest) -> HttpResponse:
    return _call_list(request, tracking=False)


@require_GET
@upstream_view
def call_tracking_list(request: HttpRequest) -> HttpResponse:
    return _call_list(request, tracking=True)


@require_GET
@upstream_view
def call_detail_page(request: HttpRequest, cdr_id: int) -> HttpResponse:
    detail = fetched_value(request, call_detail, cdr_id=cdr_id)
    context = {
        "detail": detail,
        "cdr": detail.cdr,
        "dictionary": detail.dictionary,
        "ladder": ladder_layout(detail.trace),
    }
    return render(request, "calls/detail.html", context)


@require_GET
@upstream_view
def call_pcap(request: HttpRequest, cdr_id: int) -> HttpResponse:
    answer = record_pcap_download(
        credentials=credentials_for(request), user=request.user, kind=CALL_PCAP, record_id=cdr_id
    )
    return media_file_response(request, answer.media, file=answer.file, filename=answer.filename)


@require_POST
@upstream_view
@heavy_work
def call_labels(request: HttpRequest) -> HttpResponse:
    """Apply or remove one label on the selected calls, then go back to where the user was."""
    return act_and_return(
        request,
        form=LabelForm(request.POST),
        back_to="calls",
        act=lambda form: cdr_label_change(
            credentials=credentials_for(request),
            user=request.user,
            cdr_ids=form.cleaned_data["ids"],
            label=form.cleaned_data["label"],
            adding=form.cleaned_data["action"] == "add",
        ),
    )


@require_GET
@upstream_view
@heavy_work
def call_export(request: HttpRequest) -> HttpResponse:
    """The whole filtered set as CSV, streamed as the upstream pages arrive."""
    form = _filter_form(request)
    if not form.is_valid():
        return render(request, "calls/export_invalid.html", {"form": form}, status=400)
    tracking = request.GET.get("tracking") == "1"
    search = form.to_search()
    rows = call_export_csv(
        credentials=credentials_for(request),
        user=request.user,
        search=search,
        tracking=tracking,
        zone=timezone.get_current_timezone(),
        search_text=request.GET.urlencode(),
    )
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    private_file(response)
    name = "call-tracking" if tracking else "calls"
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{search.first_day:%Y%m%d}-{search.last_day:%Y%m%d}.csv"'
    )
    return response


@require_GET
@upstream_view
@admin_required
@heavy_work
def user_csv(request: HttpRequest, user_id: int) -> HttpResponse:
    """The upstream's own CSV of one user's calls, formulas neutralised, as it arrives."""
    lines = cdr_user_csv_download(
        credentials=credentials_for(request), user=request.user, user_id=user_id
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    private_file(response)
    response["Content-Disposition"] = f'attachment; filename="user-{user_id}-calls.csv"'
    return response
