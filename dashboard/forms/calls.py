"""The filter form of the call lists: every query parameter, validated, into a `CallSearch`."""

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django import forms

from dashboard.forms.fields import IdListField
from dashboard.search import DIRECTIONS, PAGE_SIZES, SORTABLE, CallSearch

DIRECTION_LABELS = {"O": "Outbound", "I": "Inbound", "M": "Missed"}
DISPOSITIONS = ("CONNECTED", "RINGING", "INITIAL", "ON_HOLD", "VM")
# A range long enough for a quarter's review, short enough to stay a query, not a dump.
MAX_RANGE_DAYS = 366
# Digits with an optional leading +, or the * and # of feature codes.
NUMBER_PATTERN = re.compile(r"^\+?[0-9*#]{1,32}$")


def date_presets(today: date) -> list[tuple[str, date, date]]:
    """The quick ranges next to the date fields."""
    return [
        ("Today", today, today),
        ("Yesterday", today - timedelta(days=1), today - timedelta(days=1)),
        ("Last 7 days", today - timedelta(days=6), today),
        ("This month", today.replace(day=1), today),
    ]


class DateRangeForm(forms.Form):
    """`from` and `to`, whole days in the user's time zone; both default to today."""

    def __init__(self, data, *, zone: ZoneInfo, today: date, **kwargs) -> None:
        # Missing values take their defaults; present but wrong ones are errors.
        data = data.copy()
        for key, default in self.defaults(today).items():
            if not data.get(key):
                data[key] = default
        super().__init__(data, **kwargs)
        self.zone = zone
        self.today = today
        # `from` is a Python keyword, so these fields are added by name.
        self.fields["from"] = forms.DateField(
            label="From", widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            label="To", widget=forms.DateInput(attrs={"type": "date"})
        )
        self.order_fields(["from", "to"])

    def defaults(self, today: date) -> dict[str, str]:
        return {"from": today.isoformat(), "to": today.isoformat()}

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("from"), data.get("to")
        if first and last:
            if first > last:
                self.add_error("to", "The end of the range is before its start.")
            elif (last - first).days >= MAX_RANGE_DAYS:
                self.add_error("to", f"Choose a range of at most {MAX_RANGE_DAYS} days.")
        return data


class CallFilterForm(DateRangeForm):
    type = forms.MultipleChoiceField(
        label="Direction",
        required=False,
        choices=[(code, DIRECTION_LABELS[code]) for code in DIRECTIONS],
        widget=forms.CheckboxSelectMultiple,
    )
    disposition = forms.ChoiceField(
        required=False,
        choices=[("", "Any")] + [(code, code.replace("_", " ").title()) for code in DISPOSITIONS],
    )
    number = forms.CharField(
        required=False,
        max_length=40,
        help_text="Part of the caller, callee or caller-id number.",
        widget=forms.TextInput(attrs={"inputmode": "tel", "type": "search"}),
    )
    user = forms.IntegerField(label="User id", required=False, min_value=1, max_value=2**53)
    min_duration = forms.IntegerField(
        label="Min. duration (s)", required=False, min_value=0, max_value=7 * 86400
    )
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTABLE])
    dir = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000)
    per_page = forms.TypedChoiceField(
        label="Per page",
        required=False,
        coerce=int,
        empty_value=50,
        choices=[(str(size), str(size)) for size in PAGE_SIZES],
    )

    def defaults(self, today: date) -> dict[str, str]:
        return {**super().defaults(today), "per_page": "50"}

    def __init__(self, *args, disposition_labels: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if disposition_labels:
            # The upstream's own words for the codes, where it has them.
            self.fields["disposition"].choices = [("", "Any")] + [
                (code, disposition_labels.get(code) or label)
                for code, label in self.fields["disposition"].choices[1:]
            ]

    def clean_number(self) -> str:
        number = re.sub(r"[\s().-]", "", self.cleaned_data["number"])
        if number and not NUMBER_PATTERN.match(number):
            raise forms.ValidationError("Use digits only (a leading + is fine).")
        # VoIPstudio stores numbers without the +, so "+44 20" must look for "4420".
        return number.lstrip("+")

    def to_search(self) -> CallSearch:
        """The validated search; call only after `is_valid()`."""
        data = self.cleaned_data
        return CallSearch(
            first_day=data["from"],
            last_day=data["to"],
            zone=self.zone,
            types=tuple(data.get("type") or ()),
            disposition=data.get("disposition") or "",
            number=data.get("number") or "",
            user_id=data.get("user"),
            min_duration=data.get("min_duration"),
            sort=data.get("sort") or "calldate",
            direction=(data.get("dir") or "desc").upper(),
            page=data.get("page") or 1,
            per_page=data.get("per_page") or 50,
        )


class LabelForm(forms.Form):
    """Bulk label change on selected calls."""

    ids = IdListField(error_messages={"required": "Select at least one call."})
    label = forms.CharField(max_length=40)
    action = forms.ChoiceField(choices=[("add", "Apply"), ("remove", "Remove")])

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        if not label:
            raise forms.ValidationError("Type a label, for example “Reviewed”.")
        return label
