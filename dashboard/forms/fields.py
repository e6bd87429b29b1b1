"""Form fields shared by the dashboard's pages."""

from django import forms


class IdListField(forms.Field):
    """Repeated `ids=1&ids=2` (checked rows) as a list of positive ints, duplicates dropped."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": "Select at least one record.",
        "invalid": "A selected record id is not a number.",
        "too_many": "Select at most %(limit)s records at a time.",
    }

    def __init__(self, *, limit: int = 500, **kwargs) -> None:
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
            if not text.isdigit() or int(text) < 1:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            if int(text) not in ids:
                ids.append(int(text))
        if len(ids) > self.limit:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": self.limit}
            )
        return ids
