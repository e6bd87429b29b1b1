"""The overview (`/`): the day's or the range's figures and charts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dashboard.charts import overview_charts
from dashboard.forms.lists import DateRangeForm, date_presets
from dashboard.services.overview import RangeTooLarge, overview_for
from dashboard.services.profiles import user_is_admin
from dashboard.views.guards import fetched_value, upstream_view


@require_GET
@upstream_view
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = DateRangeForm(request.GET, zone=timezone.get_current_timezone(), today=today)
    context = {
        "form": form,
        "presets": date_presets(today),
        "is_admin": user_is_admin(user=request.user),
    }
    if not form.is_valid():
        return render(request, "overview/page.html", context, status=400)
    try:
        figures = fetched_value(
            request,
            overview_for,
            first_day=form.cleaned_data["from"],
            last_day=form.cleaned_data["to"],
            zone=timezone.get_current_timezone(),
        )
    except RangeTooLarge as too_large:
        context["too_large"] = too_large
    else:
        context["overview"] = figures
        context["charts"] = overview_charts(figures)
    return render(request, "overview/page.html", context)
