"""Notices for actions that go back to the page they came from (a POST, then a redirect)."""

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest

from dashboard.services.bulk import ActionReport


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
