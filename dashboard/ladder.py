"""The layout of a SIP ladder diagram, as plain numbers a template turns into SVG.

Pure functions over `TraceMessage`s: hosts become columns in order of first appearance, every
message becomes one row with one arrow (a loop when source and destination are one host),
labelled with its method or status and coloured by its SIP Call-ID. Used for calls and for
media sessions alike (`templates/includes/ladder.html`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from history.services import TraceMessage

COLUMN_WIDTH = 160
ROW_HEIGHT = 30
ARROW_Y = 21
LABEL_Y = 13
HEAD = 7  # arrowhead length
LOOP_WIDTH = 34
# Distinct colours, as CSS classes, for up to this many Call-IDs; more cycle round.
PALETTE_SIZE = 6


@dataclass(frozen=True)
class LadderHost:
    label: str
    x: int


@dataclass(frozen=True)
class LadderRow:
    number: int
    message: TraceMessage
    label: str
    timestamp: datetime
    # Seconds since the previous message (0 for the first).
    delta: float
    source: str
    destination: str
    colour: int
    is_self: bool
    x1: int
    x2: int
    label_x: int
    # An SVG path: the line (or loop) and the arrowhead, drawn in the row's colour.
    line_path: str
    head_points: str


@dataclass(frozen=True)
class Ladder:
    hosts: tuple[LadderHost, ...]
    rows: tuple[LadderRow, ...]
    call_ids: tuple[tuple[str, int], ...]
    width: int
    row_height: int = ROW_HEIGHT

    @property
    def lifelines(self) -> tuple[int, ...]:
        return tuple(host.x for host in self.hosts)


def host_label(ip: str, port: int | None) -> str:
    """`ip:port`, with IPv6 in brackets; the port is left out when the trace has none."""
    shown = f"[{ip}]" if ":" in ip else ip
    return f"{shown}:{port}" if port else shown or "unknown"


def _arrow(x1: int, x2: int) -> tuple[str, str]:
    """A straight arrow from x1 to x2 on the arrow line."""
    step = HEAD if x2 > x1 else -HEAD
    tip, base = x2, x2 - step
    line = f"M{x1},{ARROW_Y} L{base},{ARROW_Y}"
    head = f"{tip},{ARROW_Y} {base},{ARROW_Y - 4} {base},{ARROW_Y + 4}"
    return line, head


def _loop(x: int) -> tuple[str, str]:
    """A message a host sends to itself: out to the right, down, and back with a head."""
    top, bottom = ARROW_Y - 8, ARROW_Y + 4
    right = x + LOOP_WIDTH
    line = f"M{x},{top} L{right},{top} L{right},{bottom} L{x + HEAD},{bottom}"
    head = f"{x},{bottom} {x + HEAD},{bottom - 4} {x + HEAD},{bottom + 4}"
    return line, head


def ladder_layout(messages: Sequence[TraceMessage]) -> Ladder:
    """Columns, rows and arrow geometry for a trace, in time order."""
    ordered = sorted(messages, key=lambda m: m.timestamp)  # stable: equal times keep order
    columns: dict[str, int] = {}
    colours: dict[str, int] = {}

    def column_of(label: str) -> int:
        return columns.setdefault(label, len(columns))

    for message in ordered:
        column_of(host_label(message.src_ip, message.src_port))
        column_of(host_label(message.dst_ip, message.dst_port))

    def x_of(label: str) -> int:
        return columns[label] * COLUMN_WIDTH + COLUMN_WIDTH // 2

    rows = []
    previous: datetime | None = None
    for number, message in enumerate(ordered, start=1):
        source = host_label(message.src_ip, message.src_port)
        destination = host_label(message.dst_ip, message.dst_port)
        call_id = message.sip_call_id or "(no Call-ID)"
        colour = colours.setdefault(call_id, len(colours)) % PALETTE_SIZE
        x1, x2 = x_of(source), x_of(destination)
        is_self = source == destination
        line_path, head_points = _loop(x1) if is_self else _arrow(x1, x2)
        label_x = x1 + LOOP_WIDTH + 4 if is_self else (x1 + x2) // 2
        delta = (message.timestamp - previous).total_seconds() if previous else 0.0
        previous = message.timestamp
        rows.append(
            LadderRow(
                number=number,
                message=message,
                label=message.method_or_status or "(unreadable)",
                timestamp=message.timestamp,
                delta=delta,
                source=source,
                destination=destination,
                colour=colour,
                is_self=is_self,
                x1=x1,
                x2=x2,
                label_x=label_x,
                line_path=line_path,
                head_points=head_points,
            )
        )
    hosts = tuple(LadderHost(label=label, x=x_of(label)) for label in columns)
    return Ladder(
        hosts=hosts,
        rows=tuple(rows),
        call_ids=tuple((call_id, index % PALETTE_SIZE) for call_id, index in colours.items()),
        # Room on the right for a loop drawn from the last column.
        width=max(1, len(hosts)) * COLUMN_WIDTH + LOOP_WIDTH,
    )
