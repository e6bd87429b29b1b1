"""Filter forms of the record lists other than calls, and the voicemail move form.

Each list form declares which fields become which upstream conditions and which columns sort;
`RecordListForm.to_search()` turns the cleaned data into a `RecordSearch`. Like `/calls/`, every
list takes `from`, `to`, `sort`, `dir`, `page` and `per_page`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from django import forms

from dashboard.forms.fields import (
    IdListField,
    MinDurationField,
    NumberField,
    SearchField,
    UpstreamIdField,
)
from dashboard.forms.lists import ListForm
from dashboard.record_search import Condition, RecordSearch
from history.services import VOICEMAIL_FOLDERS

# The sentiments the service is known to send; the badge copes with others.
SENTIMENTS = ("positive", "neutral", "mixed", "negative")
FOLDER_CHOICES = [(str(number), name) for number, name in VOICEMAIL_FOLDERS.items()]


class RecordListForm(ListForm):
    """A record list's dates, sorting and paging; subclasses add their own filters."""

    # The upstream's date field for the range, and how far back the range starts by default.
    DATE_PROPERTY: ClassVar[str] = "created_at"
    DEFAULT_DAYS: ClassVar[int] = 7
    # Form field -> the condition its value stands for (empty values are no condition).
    CONDITIONS: ClassVar[dict[str, Condition]] = {}

    def defaults(self, today: date) -> dict[str, str]:
        first = today - timedelta(days=self.DEFAULT_DAYS - 1)
        return {**super().defaults(today), "from": first.isoformat()}

    def to_search(self) -> RecordSearch:
        """The validated search; call only after `is_valid()`."""
        data = self.cleaned_data
        conditions = tuple(
            (condition, data[name])
            for name, condition in self.CONDITIONS.items()
            if data.get(name) not in (None, "")
        )
        return RecordSearch(
            date_property=self.DATE_PROPERTY,
            first_day=data["from"],
            last_day=data["to"],
            zone=self.zone,
            conditions=conditions,
            sort_property=self.SORTABLE[self.sort_column()],
            **self.paging(),
        )


class RecordingFilterForm(RecordListForm):
    DATE_PROPERTY = "timestamp"
    SORTABLE = {
        "timestamp": "timestamp",
        "caller": "caller",
        "called": "called",
        "user": "user_id",
        "duration": "duration",
        "size": "size",
    }
    CONDITIONS = {
        "caller": Condition("caller", "like"),
        "called": Condition("called", "like"),
        "user": Condition("user_id", "eq"),
        "min_duration": Condition("duration", "gte"),
        "sentiment": Condition("sentiment", "eq"),
        "transcript": Condition("transcript", "like"),
    }

    caller = NumberField(help_text="Part of the caller's number.")
    called = NumberField(help_text="Part of the called number.")
    user = UpstreamIdField(label="User id")
    min_duration = MinDurationField()
    sentiment = forms.ChoiceField(
        required=False, choices=[("", "Any")] + [(word, word.title()) for word in SENTIMENTS]
    )
    transcript = SearchField(label="Transcript contains")

    def clean_transcript(self) -> str:
        return " ".join(self.cleaned_data["transcript"].split())


class VoicemailFilterForm(RecordListForm):
    """A folder's messages. Voicemail stays until cleaned up, so the range starts a year back."""

    DATE_PROPERTY = "origtime"
    DEFAULT_DAYS = 366
    SORTABLE = {
        "origtime": "origtime",
        "caller": "callerid",
        "dialled": "dialled",
        "duration": "duration",
    }
    CONDITIONS = {"folder": Condition("folder", "eq")}

    folder = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=0, choices=FOLDER_CHOICES
    )

    def __init__(self, data, **kwargs) -> None:
        data = data.copy()
        data.setdefault("folder", "0")
        super().__init__(data, **kwargs)


class ChatFilterForm(RecordListForm):
    SORTABLE = {
        "created_at": "created_at",
        "visitor": "visitor_name",
        "operator": "operator_id",
        "duration": "duration",
        "state": "state",
    }
    CONDITIONS = {
        "visitor": Condition("visitor_name", "like"),
        "email": Condition("visitor_email", "like"),
        "operator": Condition("operator_id", "eq"),
    }

    visitor = SearchField(label="Visitor name")
    email = SearchField(label="Visitor e-mail", max_length=200)
    operator = UpstreamIdField(label="Operator id")


class MediaSessionFilterForm(RecordListForm):
    SORTABLE = {
        "created_at": "created_at",
        "type": "type",
        "user": "user_id",
        "duration": "duration",
    }
    CONDITIONS = {
        "src": Condition("src", "like"),
        "dst": Condition("dst", "like"),
        "user": Condition("user_id", "eq"),
        "call_id": Condition("call_id", "eq"),
    }

    src = NumberField(label="From", help_text="Part of the source number.")
    dst = NumberField(label="To", help_text="Part of the destination number.")
    user = UpstreamIdField(label="User id")
    call_id = SearchField(label="SIP Call-ID", max_length=200)


class VoicemailMoveForm(forms.Form):
    """Move the selected voicemail to a folder, or mark it as heard (`action=heard`)."""

    MOVE = "move"
    HEARD = "heard"

    ids = IdListField(error_messages={"required": "Select at least one message."})
    action = forms.ChoiceField(required=False, choices=[(MOVE, "Move"), (HEARD, "Mark as heard")])
    to_folder = forms.TypedChoiceField(
        label="Move to",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Choose a folder…"), *FOLDER_CHOICES],
    )
    next = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict:
        data = super().clean()
        data["action"] = data.get("action") or self.MOVE
        if data["action"] == self.MOVE and data.get("to_folder") is None:
            self.add_error("to_folder", "Choose the folder to move the messages to.")
        return data

    @property
    def marks_heard(self) -> bool:
        return self.cleaned_data["action"] == self.HEARD
