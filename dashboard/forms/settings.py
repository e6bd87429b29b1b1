"""The settings page: each user's time zone, and how the player treats new voicemail."""

from django import forms

from dashboard.services.profiles import time_zone_choices


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label="Time zone")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(name, name) for name in time_zone_choices()]


class PlaybackForm(forms.Form):
    mark_heard_after_play = forms.BooleanField(
        label="Mark a new voicemail as heard once it has played to the end",
        required=False,
    )
