"""The forms of the one confirm-then-delete flow (see `dashboard/services/deletions.py`)."""

from django import forms

from dashboard.forms.fields import IdListField
from dashboard.services.deletions import CONFIRMATION_WORD


class DeletionForm(forms.Form):
    """What to delete: the selected ids, or everything of the kind (`scope=all`)."""

    SELECTED = "selected"
    ALL = "all"

    ids = IdListField(required=False)
    scope = forms.ChoiceField(
        choices=[(SELECTED, "Selected"), (ALL, "All")], required=False, initial=SELECTED
    )
    # The chat whose messages are selected (chat messages have no single-item endpoint).
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def clean_scope(self) -> str:
        return self.cleaned_data.get("scope") or self.SELECTED

    def __init__(self, *args, only_all: str = "", **kwargs) -> None:
        # `only_all` names the kind when the upstream deletes it only all at once (CDRs,
        # statements), so that a selection of ids is refused with that name.
        super().__init__(*args, **kwargs)
        self.only_all = only_all

    def clean(self) -> dict:
        data = super().clean()
        if data.get("scope") != self.SELECTED or "ids" in self.errors:
            return data
        if self.only_all:
            raise forms.ValidationError(
                f"{self.only_all.capitalize()} can only be deleted all at once."
            )
        if not data.get("ids"):
            raise forms.ValidationError("Select at least one record first.")
        return data

    @property
    def everything(self) -> bool:
        return self.cleaned_data.get("scope") == self.ALL


class ConfirmedDeletionForm(DeletionForm):
    """The confirmation page's answer; "delete all" also needs the typed confirmation word,
    and carries the number of records the page said it would delete."""

    count = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    confirmation = forms.CharField(
        required=False,
        max_length=50,
        label=f"Type {CONFIRMATION_WORD} to confirm",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("scope") == self.ALL and data.get("confirmation") != CONFIRMATION_WORD:
            self.add_error(
                "confirmation", f"Type {CONFIRMATION_WORD} in capitals to delete everything."
            )
        return data
