"""The overview (`/`): the day's or the range's figures and charts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dashboard.charts import overview_charts
from dashboard.forms.lists import DateRangeForm, date_presets
from dashboard.services.overview import overview_for
from dashboard.services.profiles import user_is_admin
from dashboard.views.guards import fetched_value, upstream_view

# The htmx target that reloads the figures while days are still being summed.
RESULTS_TARGET = "overview-results"


@require_GET
@upstream_view
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = DateRangeForm(request.GET, zone=timezone.get_current_timezone(), today=today)
    is_admin = user_is_admin(user=request.user)
    context = {
        "form": form,
        "presets": date_presets(today),
        "is_admin": is_admin,
        "results_target": RESULTS_TARGET,
    }
    if not form.is_valid():
        return render(request, "overview/page.html", context, status=400)
    # The figures' own step (htmx asking for the rest) reads a share of the unseen days; a
    # first full page shows what is known at once when there are many.
    step = bool(request.htmx) and request.htmx.target == RESULTS_TARGET
    figures = fetched_value(
        request,
        overview_for,
        first_day=form.cleaned_data["from"],
        last_day=form.cleaned_data["to"],
        zone=timezone.get_current_timezone(),
        admin=is_admin,
        at_once=not step and not request.GET.get("step"),
    )
    context["overview"] = figures
    context["charts"] = overview_charts(figures)
    template = "overview/page.html#results" if step else "overview/page.html"
    return render(request, template, context)
