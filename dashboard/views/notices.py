"""Notices for actions that go back to the page they came from (a POST, then a redirect)."""

from collections.abc import Callable

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from dashboard.services.action_reports import ActionReport
from dashboard.views.guards import safe_next


def notify_form_errors(request: HttpRequest, form: Form) -> None:
    """Each error of a refused form as a notice on the page the user returns to."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def notify_report(request: HttpRequest, report: ActionReport) -> None:
    """What an action did, as notices on the page the user returns to."""
    for success in report.successes:
        messages.success(request, success)
    for error in report.errors:
        messages.error(request, error)


def act_and_return(
    request: HttpRequest, *, form: Form, back_to: str, act: Callable[[Form], ActionReport]
) -> HttpResponse:
    """Run `act` on a valid form, then return to the page the form names in `next` (else the
    page named `back_to`) with what it did, or with why the form was refused."""
    back = safe_next(request, request.POST.get("next") or reverse(back_to))
    if form.is_valid():
        notify_report(request, act(form))
    else:
        notify_form_errors(request, form)
    return redirect(back)
