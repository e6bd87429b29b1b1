"""Forms of the saved views and of the call table's columns."""

from django import forms
from django.utils import timezone
from django.utils.text import slugify

from dashboard.forms.lists import date_presets
from dashboard.services.saved_views import CALL_COLUMNS, CALL_LISTS, LISTS, QuickRanges


def quick_ranges() -> QuickRanges:
    """The lists' quick ranges by name ("today", "last-7-days"), as of the reader's today."""
    return {
        slugify(label): (first.isoformat(), last.isoformat())
        for label, first, last in date_presets(timezone.localdate())
    }


class SavedViewForm(forms.Form):
    """Save the list the user is looking at (`query`, its query string) under a name."""

    name = forms.CharField(label="Name of this view", max_length=80)
    list_name = forms.ChoiceField(choices=list(LISTS.items()), widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    default = forms.BooleanField(label="Open this list with it", required=False)

    def clean_name(self) -> str:
        # Control characters and runs of spaces make names that look alike in the menu.
        name = " ".join("".join(c for c in self.cleaned_data["name"] if c.isprintable()).split())
        if not name:
            raise forms.ValidationError("Give the view a name, for example “Missed today”.")
        return name


class DefaultViewForm(forms.Form):
    default = forms.BooleanField(required=False)


class CallColumnsForm(forms.Form):
    """The call table's columns this user sees, and whether the list opens one row per call."""

    list_name = forms.ChoiceField(
        choices=[(name, LISTS[name]) for name in sorted(CALL_LISTS)], widget=forms.HiddenInput
    )
    columns = forms.MultipleChoiceField(
        label="Columns",
        required=False,
        choices=[(key, label) for key, (label, _) in CALL_COLUMNS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    group_calls = forms.BooleanField(label="Open with one row per call", required=False)
