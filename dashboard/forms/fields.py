"""Form fields shared by the dashboard's pages."""

import re
from typing import Any

from django import forms

from dashboard.phone_numbers import number_stored_form, reader_region

# Digits with an optional leading +, or the * and # of feature codes.
NUMBER_PATTERN = re.compile(r"^\+?[0-9*#]{1,32}$")
# Far beyond any real id, still an integer every JSON parser keeps exactly.
MAX_ID = 2**53
ID_PATTERN = re.compile(r"^[0-9]{1,16}$")
# The most records one action may name: the largest page a list shows, so "select all" on any
# page fits, and a crafted form cannot ask for one action over thousands of records.
MAX_SELECTION = 250


class IdListField(forms.Field):
    """Repeated `ids=1&ids=2` (checked rows) as a list of positive ints, duplicates dropped."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": "Select at least one record.",
        "invalid": "A selected record id is not a number.",
        "too_many": "Select at most %(limit)s records at a time.",
    }

    def __init__(self, *, limit: int = MAX_SELECTION, **kwargs) -> None:
        self.limit = limit
        super().__init__(**kwargs)

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        ids: list[int] = []
        for item in value:
            text = str(item).strip()
            # ASCII digits only: `str.isdigit()` also says yes to "²", which `int()` refuses.
            if not ID_PATTERN.match(text) or not 1 <= int(text) <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            if int(text) not in ids:
                ids.append(int(text))
        if len(ids) > self.limit:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": self.limit}
            )
        return ids


class SearchField(forms.CharField):
    """An optional free-text filter (a search box: browsers offer to clear it)."""

    def __init__(self, *, max_length: int = 100, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(max_length=max_length, **kwargs)


class NumberField(SearchField):
    """Part of a telephone number: digits (and a leading +); spaces, dots and brackets dropped."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "type": "search"}))
        super().__init__(max_length=40, **kwargs)

    def clean(self, value) -> str:
        number = re.sub(r"[\s().-]", "", super().clean(value) or "")
        if number and not NUMBER_PATTERN.match(number):
            raise forms.ValidationError("Use digits only (a leading + is fine).")
        # Typed in any form, searched in the upstream's: "020 3846 719" finds 44203846719.
        return number_stored_form(number, reader_region())


class UpstreamIdField(forms.IntegerField):
    """An optional upstream id typed as a filter (user, operator)."""

    def __init__(self, *, label: str, **kwargs) -> None:
        super().__init__(label=label, required=False, min_value=1, max_value=MAX_ID, **kwargs)


class MinDurationField(forms.IntegerField):
    """An optional lower bound on a duration, in seconds (up to a week)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            label="Min. duration (s)", required=False, min_value=0, max_value=7 * 86400, **kwargs
        )


class AnyCaseChoiceField(forms.ChoiceField):
    """A choice typed in any case is the same choice: hand-written URLs say `dir=DESC`."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).lower()
