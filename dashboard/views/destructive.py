"""The one confirm-then-delete flow used by every list that can delete.

1. A list posts its selection (or `scope=all`) to `delete_confirm`, which changes nothing and
   shows exactly what will go: each record, or the count and a box for the typed word. Its
   form carries only the records listed as to be deleted, and `delete_perform` checks them
   again, so nothing the page showed as not deletable is ever sent.
2. "Cancel" is a plain link back to the list. "Delete" posts to `delete_perform`, which archives
   (when configured), deletes, writes the audit entry and returns to the list with the outcome,
   item by item when some could not be deleted.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dashboard.forms.deletions import ConfirmedDeletionForm, DeletionForm
from dashboard.services.deletions import (
    AdminsOnly,
    Deletable,
    DeletionRefused,
    deletable_for,
    deletion_count_changed,
    deletion_perform,
    deletion_preview,
)
from dashboard.views.guards import (
    View,
    credentials_for,
    safe_next,
    upstream_problem,
    upstream_view,
)
from dashboard.views.notices import notify_report
from dashboard.workload import heavy_work

TEMPLATE = "deletions/confirm.html"

# Where each kind's list lives (URL names), for "Cancel" when the form names no page.
LIST_PAGES = {
    "recordings": "recordings",
    "voicemail": "voicemail",
    "chat-messages": "chats",
    "cdrs": "calls",
    "statements": "overview",
}


def _refusal(request: HttpRequest, refused: DeletionRefused) -> HttpResponse:
    """The 403 page for a kind this user may not delete, the 404 page for an unknown kind."""
    if isinstance(refused, AdminsOnly):
        return upstream_problem(request, status=403, title="Admins only", message=str(refused))
    return upstream_problem(request, status=404, title="Not found", message=str(refused))


def _for_deletable(view: Callable[[HttpRequest, Deletable], HttpResponse]) -> View:
    """Give the view the kind named in the URL, once this user may delete it."""

    @wraps(view)
    def wrapped(request: HttpRequest, kind: str) -> HttpResponse:
        try:
            deletable = deletable_for(slug=kind, user=request.user)
        except DeletionRefused as refused:
            return _refusal(request, refused)
        return view(request, deletable)

    return wrapped


def _only_all(deletable: Deletable) -> str:
    return "" if deletable.delete else deletable.plural


def _return_path(request: HttpRequest, deletable: Deletable, form: DeletionForm) -> str:
    data = getattr(form, "cleaned_data", {})
    if data.get("next"):
        return safe_next(request, data["next"])
    if deletable.slug == "chat-messages" and data.get("parent"):
        return reverse("chat_detail", args=[data["parent"]])
    return reverse(LIST_PAGES[deletable.slug])


def _confirmation(
    request: HttpRequest,
    deletable: Deletable,
    form: DeletionForm,
    *,
    confirm_form: ConfirmedDeletionForm | None = None,
    status: int = 200,
    count_changed: bool = False,
) -> HttpResponse:
    """The confirmation page for a valid selection (also re-shown after a wrong typed word)."""
    data = form.cleaned_data
    preview = deletion_preview(
        credentials=credentials_for(request),
        deletable=deletable,
        ids=data["ids"],
        parent=data.get("parent"),
        everything=form.everything,
    )
    context = {
        "deletable": deletable,
        "everything": form.everything,
        # The form of the "Delete" button carries exactly the records listed as to be deleted.
        "ids": preview.deletable_ids,
        "parent": data.get("parent") or "",
        "next": data.get("next") or "",
        "cancel_url": _return_path(request, deletable, form),
        "confirm_form": confirm_form or ConfirmedDeletionForm(),
        "archive": deletable.archived,
        "count": preview.count,
        "count_changed": count_changed,
        "confirmed_count": getattr(form, "cleaned_data", {}).get("count"),
        "named": preview.named,
    }
    return render(request, TEMPLATE, context, status=status)


def _invalid(request: HttpRequest, deletable: Deletable, form: DeletionForm) -> HttpResponse:
    """The selection cannot be confirmed: say why (400), with the way back to the list."""
    problems = [error for errors in form.errors.values() for error in errors]
    context = {
        "deletable": deletable,
        "problems": problems,
        "cancel_url": _return_path(request, deletable, form),
    }
    return render(request, TEMPLATE, context, status=400)


@require_POST
@upstream_view
@heavy_work
@_for_deletable
def delete_confirm(request: HttpRequest, deletable: Deletable) -> HttpResponse:
    """Show what would be deleted. Changes nothing, yet POST only: a link or a prefetch must
    not make the dashboard read hundreds of records upstream."""
    form = DeletionForm(request.POST, only_all=_only_all(deletable))
    if not form.is_valid():
        return _invalid(request, deletable, form)
    return _confirmation(request, deletable, form)


@require_POST
@upstream_view
@heavy_work
@_for_deletable
def delete_perform(request: HttpRequest, deletable: Deletable) -> HttpResponse:
    """Archive (when configured), delete, audit, and go back to the list with the outcome."""
    form = ConfirmedDeletionForm(request.POST, only_all=_only_all(deletable))
    if not form.is_valid():
        if set(form.errors) == {"confirmation"}:
            return _confirmation(request, deletable, form, confirm_form=form, status=400)
        return _invalid(request, deletable, form)
    if form.everything:
        # "Delete all" deletes what is there now: only if that is what the page said.
        confirmed = form.cleaned_data.get("count")
        now = deletion_count_changed(
            credentials=credentials_for(request), deletable=deletable, confirmed=confirmed
        )
        if now is not None:
            return _confirmation(request, deletable, form, status=409, count_changed=True)
    result = deletion_perform(
        credentials=credentials_for(request),
        user=request.user,
        deletable=deletable,
        ids=None if form.everything else form.cleaned_data["ids"],
        parent=form.cleaned_data.get("parent"),
    )
    notify_report(request, result.report)
    return redirect(_return_path(request, deletable, form))
