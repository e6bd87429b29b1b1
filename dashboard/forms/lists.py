"""What every list page's filter form shares: the date range, sorting and paging.

`/calls/` and the media lists all take `from`, `to`, `sort`, `dir`, `page` and `per_page`; the
forms of each page add their own filters on top of `ListForm`.
"""

from datetime import date, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from dashboard.forms.fields import MAX_SELECTION, AnyCaseChoiceField
from dashboard.forms.rendering import FILTER_WIDGET_RENDERER

# A range long enough for a quarter's review, short enough to stay a query, not a dump.
MAX_RANGE_DAYS = 366
PAGE_SIZES = (25, 50, 100, MAX_SELECTION)
# Days a search may name: no call predates the Unix epoch, and the far end keeps "the day
# after `to`" (the range's exclusive end) inside what Python's dates can hold.
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2999, 12, 31)
DEFAULT_PAGE_SIZE = 50


def date_presets(today: date) -> list[tuple[str, date, date]]:
    """The quick ranges next to the date fields."""
    return [
        ("Today", today, today),
        ("Yesterday", today - timedelta(days=1), today - timedelta(days=1)),
        ("Last 7 days", today - timedelta(days=6), today),
        ("This month", today.replace(day=1), today),
    ]


def _day_field(label: str) -> forms.DateField:
    outside = f"Choose a day between {EARLIEST_DAY} and {LATEST_DAY}."
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[
            MinValueValidator(EARLIEST_DAY, message=outside),
            MaxValueValidator(LATEST_DAY, message=outside),
        ],
    )


class DateRangeForm(forms.Form):
    """`from` and `to`, whole days in the user's time zone; both default to today."""

    default_renderer = FILTER_WIDGET_RENDERER

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
        self.fields["from"] = _day_field("From")
        self.fields["to"] = _day_field("To")
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


class ListForm(DateRangeForm):
    """A date range plus sort column, direction, page and page size."""

    # Column name in the URL -> upstream property; the first is the default sort.
    SORTABLE: ClassVar[dict[str, str]] = {}

    sort = forms.ChoiceField(required=False)
    dir = AnyCaseChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000)
    per_page = forms.TypedChoiceField(
        label="Per page",
        required=False,
        coerce=int,
        empty_value=DEFAULT_PAGE_SIZE,
        choices=[(str(size), str(size)) for size in PAGE_SIZES],
    )

    # Fields set by the column headers and the pager, or at the end of the filter form.
    PAGING_FIELDS: ClassVar[tuple[str, ...]] = ("sort", "dir", "page", "per_page")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [(key, key) for key in self.SORTABLE]
        # The date range first, each page's own filters next, the page size last.
        filters = [name for name in self.fields if name not in self.PAGING_FIELDS]
        self.order_fields([*filters, *self.PAGING_FIELDS])

    def defaults(self, today: date) -> dict[str, str]:
        # The page size is a default too, so that its menu shows the size actually used.
        return {**super().defaults(today), "per_page": str(DEFAULT_PAGE_SIZE)}

    @property
    def default_sort(self) -> str:
        return next(iter(self.SORTABLE))

    def sort_column(self) -> str:
        """The chosen sort column (its name in the URL); call only after `is_valid()`."""
        return self.cleaned_data.get("sort") or self.default_sort

    def paging(self) -> dict[str, Any]:
        """Direction, page and page size of the search; call only after `is_valid()`."""
        data = self.cleaned_data
        return {
            "direction": (data.get("dir") or "desc").upper(),
            "page": data.get("page") or 1,
            "per_page": data.get("per_page") or DEFAULT_PAGE_SIZE,
        }
