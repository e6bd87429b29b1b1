"""The filter form of the call lists: every query parameter, validated, into a `CallSearch`."""

from django import forms

from dashboard.forms.fields import IdListField, MinDurationField, NumberField, UpstreamIdField
from dashboard.forms.lists import ListForm
from dashboard.search import DIRECTIONS, SORTABLE, CallSearch

DIRECTION_LABELS = {"O": "Outbound", "I": "Inbound", "M": "Missed"}
DISPOSITIONS = ("CONNECTED", "RINGING", "INITIAL", "ON_HOLD", "VM")


class CallFilterForm(ListForm):
    SORTABLE = SORTABLE

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
    number = NumberField(help_text="Part of the caller, callee or caller-id number.")
    user = UpstreamIdField(label="User id")
    min_duration = MinDurationField()
    group = forms.BooleanField(
        label="One row per call",
        required=False,
        help_text="Transferred and queue calls as one row, their legs inside.",
    )

    def __init__(self, *args, disposition_labels: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.use_disposition_labels(disposition_labels)

    def use_disposition_labels(self, labels: dict[str, str] | None) -> None:
        """Show the upstream's own words for the codes, where it has them.

        Only the words change, never the codes, so the labels may arrive after validation
        (read alongside the calls rather than before them).
        """
        if labels:
            self.fields["disposition"].choices = [("", "Any")] + [
                (code, labels.get(code) or label)
                for code, label in self.fields["disposition"].choices[1:]
            ]

    def clean_number(self) -> str:
        # VoIPstudio stores numbers without the +, so "+44 20" must look for "4420".
        return self.cleaned_data["number"].lstrip("+")

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
            sort=self.sort_column(),
            **self.paging(),
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
