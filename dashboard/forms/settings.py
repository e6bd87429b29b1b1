"""The settings page: each user's time zone."""

from django import forms

from dashboard.services.profiles import time_zone_choices


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label="Time zone")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(name, name) for name in time_zone_choices()]
