"""Saved views (`/views/`): save a list as it is, open one by its address, pick the default of
a list, delete one after a confirmation; and the call table's columns."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard.forms.saved_views import (
    CallColumnsForm,
    DefaultViewForm,
    SavedViewForm,
    quick_ranges,
)
from dashboard.services.saved_views import (
    CALL_LISTS,
    COLUMNS_PARAM,
    LISTS,
    ViewRefused,
    calls_grouped_by_default,
    list_path,
    list_preference_set,
    saved_view_by_token,
    saved_view_create,
    saved_view_default,
    saved_view_delete,
    saved_view_list,
    saved_view_of,
    saved_view_set_default,
    saved_view_summary,
    saved_view_url,
)
from dashboard.views.guards import View, safe_next, upstream_view


def list_defaults(view: View) -> View:
    """Open a list bare (no query) as its owner's default view, or for the call lists with one
    row per call when the user asked for that; by a redirect, so that the address bar, the
    sort headers and the pager all carry what is shown. Place under `@upstream_view`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        list_name = request.resolver_match.url_name if request.resolver_match else ""
        if not request.GET and not request.htmx and list_name in LISTS:
            default = saved_view_default(user=request.user, list_name=list_name)
            if default is not None:
                return redirect(saved_view_url(default, ranges=quick_ranges()))
            if list_name in CALL_LISTS and calls_grouped_by_default(
                user=request.user, list_name=list_name
            ):
                return redirect(f"{list_path(list_name)}?group=on")
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@upstream_view
def saved_views_page(request: HttpRequest) -> HttpResponse:
    views = saved_view_list(user=request.user)
    ranges = quick_ranges()
    rows = [
        {
            "view": view,
            "list_label": LISTS.get(view.list_name, view.list_name),
            "url": saved_view_url(view, ranges=ranges),
            "summary": saved_view_summary(view),
            "share_url": request.build_absolute_uri(reverse("saved_view_open", args=[view.token])),
        }
        for view in views
    ]
    return render(request, "saved_views/page.html", {"rows": rows})


@require_POST
@upstream_view
def saved_view_save(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            view = saved_view_create(
                user=request.user,
                list_name=data["list_name"],
                name=data["name"],
                query=data["query"],
                make_default=data["default"],
                ranges=quick_ranges(),
            )
        except ViewRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Saved the view “{view.name}”.")
            return redirect(saved_view_url(view, ranges=quick_ranges()))
    return render(request, "saved_views/save_refused.html", {"form": form}, status=400)


@require_GET
@upstream_view
def saved_view_open(request: HttpRequest, token: str) -> HttpResponse:
    """A shared address: the list with the view's query, for whoever opens it."""
    view = saved_view_by_token(token=token)
    if view is None:
        raise Http404("No saved view has this address.")
    return redirect(saved_view_url(view, ranges=quick_ranges()))


@require_POST
@upstream_view
def saved_view_make_default(request: HttpRequest, view_id: int) -> HttpResponse:
    view = saved_view_of(user=request.user, view_id=view_id)
    if view is None:
        raise Http404("You have no saved view with this number.")
    form = DefaultViewForm(request.POST)
    form.is_valid()
    default = bool(form.cleaned_data.get("default"))
    saved_view_set_default(user=request.user, view=view, default=default)
    label = LISTS.get(view.list_name, view.list_name)
    if default:
        messages.success(request, f"{label} now open with “{view.name}”.")
    else:
        messages.success(request, f"{label} no longer open with “{view.name}”.")
    return redirect("saved_views")


@require_http_methods(["GET", "POST"])
@upstream_view
def saved_view_remove(request: HttpRequest, view_id: int) -> HttpResponse:
    """GET asks to confirm, naming the view; POST deletes it and writes the audit entry."""
    view = saved_view_of(user=request.user, view_id=view_id)
    if view is None:
        raise Http404("You have no saved view with this number.")
    if request.method == "POST":
        name = view.name
        saved_view_delete(user=request.user, view=view)
        messages.success(request, f"Deleted the view “{name}”.")
        return redirect("saved_views")
    context = {"view": view, "list_label": LISTS.get(view.list_name, view.list_name)}
    return render(request, "saved_views/confirm_delete.html", context)


@require_POST
@upstream_view
def call_columns(request: HttpRequest) -> HttpResponse:
    """Remember the call table's columns; back to the list, drawn with them."""
    form = CallColumnsForm(request.POST)
    back = safe_next(request, request.POST.get("next") or "")
    if not form.is_valid():
        return render(request, "saved_views/save_refused.html", {"form": form}, status=400)
    data = form.cleaned_data
    list_preference_set(
        user=request.user,
        list_name=data["list_name"],
        columns=data["columns"],
        group_calls=data["group_calls"],
    )
    messages.success(request, "Columns saved.")
    path, _, query = back.partition("?")
    if path != list_path(data["list_name"]):
        return redirect(data["list_name"])
    # The address's own columns would hide the choice just made.
    params = QueryDict(query, mutable=True)
    params.pop(COLUMNS_PARAM, None)
    return redirect(f"{path}?{params.urlencode()}" if params else path)
