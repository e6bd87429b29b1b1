"""CSV export of calls: one header row, then one row per call, produced lazily.

Times are written in the user's time zone; the header says which zone and offset, so the file
is unambiguous when opened elsewhere. Text that a spreadsheet would run as a formula is
neutralised.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from history.api.records import Cdr

COLUMNS = (
    "id",
    "calldate",
    "type",
    "disposition",
    "destination",
    "context",
    "src",
    "src_name",
    "clid",
    "dst",
    "dst_name",
    "user_id",
    "duration",
    "billsec",
    "rate",
    "charge",
    "t_cause",
    "labels",
    "live_id",
    "parent_live_id",
    "info",
)
# A phone number may start with + and is safe; other text starting like a formula is not.
_NUMBER = re.compile(r"^[+-]?[0-9][0-9 .]*$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def date_header(zone: ZoneInfo, start: datetime, end: datetime) -> str:
    """`calldate (Europe/London, UTC+00:00)`; both offsets when the range crosses a change."""
    offsets = dict.fromkeys(offset_text(moment.astimezone(zone)) for moment in (start, end))
    return f"calldate ({zone.key}, {' / '.join(offsets)})"


def safe_cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def cdr_row(cdr: Cdr, zone: ZoneInfo) -> list[str]:
    row = []
    for column in COLUMNS:
        value = getattr(cdr, column, None)
        if column == "calldate":
            value = value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if value else ""
        elif column == "labels":
            value = ", ".join(value or ())
        row.append(safe_cell(value))
    return row


def csv_lines(
    cdrs: Iterable[Cdr], *, zone: ZoneInfo, start: datetime, end: datetime
) -> Iterator[str]:
    """The header line, then one line per call, as each call arrives."""
    writer = csv.writer(_Echo())
    header = [date_header(zone, start, end) if c == "calldate" else c for c in COLUMNS]
    yield writer.writerow(header)
    for cdr in cdrs:
        yield writer.writerow(cdr_row(cdr, zone))
