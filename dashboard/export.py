"""CSV export of calls: one header row, then one row per call, produced lazily.

Times are written in the user's time zone; the header says which zone and offset, so the file
is unambiguous when opened elsewhere. Text that a spreadsheet would run as a formula is
neutralised, here and in the upstream's own CSV files the dashboard passes on.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from history.services import Cdr

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

logger = logging.getLogger(__name__)


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
    """The cell as text, with a leading `'` when a spreadsheet would run it as a formula."""
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


class _ChunkStream(io.RawIOBase):
    """Byte chunks as a readable binary stream, read only as far as asked."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")  # sliced without copying as it is read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:
        while not self._pending:
            chunk = next(self._chunks, b"")
            if not chunk:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def neutralised_csv(chunks: Iterable[bytes]) -> Iterator[str]:
    """Someone else's UTF-8 CSV, as it arrives, re-written a row at a time with every cell
    through `safe_cell`.

    The text is parsed with the csv module, so a quoted cell holding commas, quotes or line
    breaks stays one cell: only the start of a cell decides whether it is a formula. Only a
    row's worth of the file is held at a time. A file the csv module cannot read ends there
    (and says so in the log) rather than passing on what could not be checked.
    """
    text = io.TextIOWrapper(
        io.BufferedReader(_ChunkStream(chunks)),
        encoding="utf-8-sig",
        errors="replace",
        newline="",  # as the csv module asks: line breaks inside quoted cells are kept as sent
    )
    writer = csv.writer(_Echo())
    rows = 0
    try:
        for row in csv.reader(text):
            yield writer.writerow([safe_cell(cell) for cell in row])
            rows += 1
    except csv.Error as error:
        logger.warning("CSV from VoIPstudio unreadable after %d rows: %s", rows, error)
