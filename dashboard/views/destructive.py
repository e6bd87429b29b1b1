"""The one confirm-then-delete flow used by every list that can delete.

1. A list posts its selection (or `scope=all`) to `delete_confirm`, which changes nothing and
   shows exactly what will go: each record, or the count and a box for the typed word.
2. "Cancel" is a plain link back to the list. "Delete" posts to `delete_perform`, which archives
   (when configured), deletes, writes the audit entry and returns to the list with the outcome,
   item by item when some could not be deleted.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from dashboard.forms.deletions import ConfirmedDeletionForm, DeletionForm
from dashboard.services.deletions import (
    Deletable,
    deletable_for,
    deletion_count_all,
    deletion_perform,
    deletion_preview,
)
from dashboard.services.profiles import user_is_admin
from dashboard.upstream import credentials_for, safe_next, upstream_problem, upstream_view

TEMPLATE = "includes/confirm_page.html"

# Where each kind's list lives (URL names), for "Cancel" when the form names no page.
LIST_PAGES = {
    "recordings": "recordings",
    "voicemail": "voicemail",
    "chat-messages": "chats",
    "cdrs": "calls",
    "statements": "overview",
}


def _refusal(request: HttpRequest, kind: str) -> tuple[Deletable | None, HttpResponse | None]:
    """The kind to delete, or the 404/403 page when it is unknown or admin-only."""
    deletable = deletable_for(slug=kind)
    if deletable is None:
        return None, upstream_problem(
            request,
            status=404,
            title="Not found",
            message="Nothing of that kind can be deleted.",
        )
    if deletable.admin_only and not user_is_admin(user=request.user):
        return None, upstream_problem(
            request,
            status=403,
            title="Admins only",
            message=f"Only VoIPstudio admins can delete every {deletable.noun}.",
        )
    return deletable, None


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
) -> HttpResponse:
    """The confirmation page for a valid selection (also re-shown after a wrong typed word)."""
    data = form.cleaned_data
    credentials = credentials_for(request)
    context = {
        "deletable": deletable,
        "everything": form.everything,
        "ids": data["ids"],
        "parent": data.get("parent") or "",
        "next": data.get("next") or "",
        "cancel_url": _return_path(request, deletable, form),
        "confirm_form": confirm_form or ConfirmedDeletionForm(),
        "archive": deletable.archived,
    }
    if form.everything:
        context["count"] = deletion_count_all(credentials=credentials, deletable=deletable)
    else:
        context["named"] = deletion_preview(
            credentials=credentials, deletable=deletable, ids=data["ids"], parent=data.get("parent")
        )
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


@require_http_methods(["GET", "POST"])
@upstream_view
def delete_confirm(request: HttpRequest, kind: str) -> HttpResponse:
    """Show what would be deleted. Changes nothing, so a GET link works for "delete all" too."""
    deletable, refusal = _refusal(request, kind)
    if refusal:
        return refusal
    data = request.POST if request.method == "POST" else request.GET
    form = DeletionForm(data, only_all=_only_all(deletable))
    if not form.is_valid():
        return _invalid(request, deletable, form)
    return _confirmation(request, deletable, form)


@require_POST
@upstream_view
def delete_perform(request: HttpRequest, kind: str) -> HttpResponse:
    """Archive (when configured), delete, audit, and go back to the list with the outcome."""
    deletable, refusal = _refusal(request, kind)
    if refusal:
        return refusal
    form = ConfirmedDeletionForm(request.POST, only_all=_only_all(deletable))
    if not form.is_valid():
        if set(form.errors) == {"confirmation"}:
            return _confirmation(request, deletable, form, confirm_form=form, status=400)
        return _invalid(request, deletable, form)
    result = deletion_perform(
        credentials=credentials_for(request),
        user=request.user,
        deletable=deletable,
        ids=None if form.everything else form.cleaned_data["ids"],
    )
    if result.ok:
        messages.success(request, result.summary)
    else:
        messages.error(request, result.summary)
        for failure in result.failures:
            messages.error(request, failure)
    return redirect(_return_path(request, deletable, form))
