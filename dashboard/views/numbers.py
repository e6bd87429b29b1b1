"""Caller history: one page with everything that has one telephone number."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from dashboard.forms.lists import MAX_RANGE_DAYS
from dashboard.phone_numbers import number_history_key, number_stored_form, reader_region
from dashboard.services.numbers import number_history
from dashboard.views.guards import fetched_value, upstream_view


@require_GET
@upstream_view
def number_history_page(request: HttpRequest, number: str) -> HttpResponse:
    key = number_history_key(number_stored_form(number[:40], reader_region()))
    if not key:
        raise Http404("No such number.")
    if key != number:
        # One address per number, however it was typed or linked.
        return redirect("number_history", number=key, permanent=True)
    history = fetched_value(request, number_history, number=key)
    today = timezone.localdate()
    # The calls list searches a date range at a time: the longest one it takes, up to today.
    all_calls = urlencode(
        {
            "number": key,
            "from": (today - timedelta(days=MAX_RANGE_DAYS - 1)).isoformat(),
            "to": today.isoformat(),
        }
    )
    context = {"history": history, "number": key, "all_calls_query": all_calls}
    return render(request, "numbers/history.html", context)
