"""The settings page: the user's time zone, and how the player treats new voicemail."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dashboard.forms.settings import PlaybackForm, TimeZoneForm
from dashboard.services.profiles import (
    profile_for,
    profile_set_mark_heard_after_play,
    profile_set_time_zone,
    user_time_zone,
)
from dashboard.views.guards import upstream_view

# The page holds two forms; the player's says so with a hidden field of this name.
PLAYBACK_FORM = "playback"


@require_http_methods(["GET", "POST"])
@upstream_view
def settings_page(request: HttpRequest) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    for_playback = posted is not None and PLAYBACK_FORM in posted
    profile = profile_for(user=request.user)
    form = TimeZoneForm(
        None if for_playback else posted,
        initial={"time_zone": user_time_zone(user=request.user).key},
    )
    playback = PlaybackForm(
        posted if for_playback else None,
        initial={"mark_heard_after_play": profile.mark_heard_after_play if profile else True},
    )
    context = {"form": form, "playback": playback, "playback_form": PLAYBACK_FORM}
    if posted is None:
        return render(request, "settings/page.html", context)
    if for_playback and playback.is_valid() and profile is not None:
        enabled = playback.cleaned_data["mark_heard_after_play"]
        profile_set_mark_heard_after_play(user=request.user, enabled=enabled)
        messages.success(
            request,
            "New voicemail is marked heard once played."
            if enabled
            else "New voicemail stays new after playing.",
        )
        return redirect("settings")
    if not for_playback and form.is_valid():
        profile_set_time_zone(user=request.user, time_zone=form.cleaned_data["time_zone"])
        messages.success(request, f"Times are now shown in {form.cleaned_data['time_zone']}.")
        return redirect("settings")
    return render(request, "settings/page.html", context, status=400)
