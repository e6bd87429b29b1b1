"""The settings page: the user's time zone."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dashboard.forms.settings import TimeZoneForm
from dashboard.services.profiles import profile_set_time_zone, user_time_zone
from dashboard.views.guards import upstream_view


@require_http_methods(["GET", "POST"])
@upstream_view
def settings_page(request: HttpRequest) -> HttpResponse:
    current = user_time_zone(user=request.user).key
    form = TimeZoneForm(request.POST or None, initial={"time_zone": current})
    if request.method == "POST":
        if form.is_valid():
            profile_set_time_zone(user=request.user, time_zone=form.cleaned_data["time_zone"])
            messages.success(request, f"Times are now shown in {form.cleaned_data['time_zone']}.")
            return redirect("settings")
        return render(request, "settings/page.html", {"form": form}, status=400)
    return render(request, "settings/page.html", {"form": form})
