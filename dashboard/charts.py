"""Server-side SVG charts as plain geometry: pure functions, no drawing library.

Each function returns a `Chart` (title, bars with coordinates, axis ticks, and the rows of the
table that stands behind it for screen readers); `templates/overview/chart.html` draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 240
PAD_LEFT = 40
PAD_BOTTOM = 28
PAD_TOP = 10
PAD_RIGHT = 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str
    value: int
    label: str


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[tuple[str, str], ...]  # (key, label) in stacking order
    table_head: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]
    horizontal: bool = False

    @property
    def baseline(self) -> float:
        return self.height - PAD_BOTTOM

    @property
    def plot_left(self) -> float:
        return PAD_LEFT


def nice_ceiling(value: int) -> int:
    """A round upper bound for an axis: 1, 2, 5 times a power of ten."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _y_ticks(top: int, plot_height: float, baseline: float) -> tuple[Tick, ...]:
    # A middle line only where it falls on a whole number of calls.
    values = (0, top // 2, top) if top % 2 == 0 else (0, top)
    return tuple(
        Tick(position=round(baseline - plot_height * value / top, 2), text=f"{value:,}")
        for value in values
    )


def stacked_bars(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    label_every: int = 1,
) -> Chart:
    """Vertical bars, one per label, each stacking the series' values (key, label, values)."""
    count = max(1, len(labels))
    totals = [sum(values[i] for _, _, values in series) for i in range(len(labels))]
    top = nice_ceiling(max(totals, default=0))
    plot_width = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_height = HEIGHT - PAD_TOP - PAD_BOTTOM
    baseline = HEIGHT - PAD_BOTTOM
    slot = plot_width / count
    bar_width = max(1.0, slot * 0.75)
    bars = []
    for i, label in enumerate(labels):
        stacked = 0
        for key, name, values in series:
            value = values[i]
            if value:
                height = plot_height * value / top
                y = baseline - plot_height * (stacked + value) / top
                bars.append(
                    Bar(
                        x=round(PAD_LEFT + i * slot + (slot - bar_width) / 2, 2),
                        y=round(y, 2),
                        width=round(bar_width, 2),
                        height=round(height, 2),
                        series=key,
                        value=value,
                        label=f"{label}: {value} {name.lower()}",
                    )
                )
            stacked += value
    x_ticks = tuple(
        Tick(position=round(PAD_LEFT + i * slot + slot / 2, 2), text=label)
        for i, label in enumerate(labels)
        if i % max(1, label_every) == 0
    )
    return Chart(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        bars=tuple(bars),
        x_ticks=x_ticks,
        y_ticks=_y_ticks(top, plot_height, baseline),
        series=tuple((key, name) for key, name, _ in series),
        table_head=("", *(name for _, name, _ in series), "Total"),
        table_rows=tuple(
            (label, *(str(values[i]) for _, _, values in series), str(totals[i]))
            for i, label in enumerate(labels)
        ),
    )


def ranking_bars(*, title: str, items: Sequence[tuple[str, int]], what: str) -> Chart:
    """Horizontal bars for a top-N list, longest first, each labelled with its name."""
    row_height = 22
    label_width = 170
    height = PAD_TOP + row_height * max(1, len(items)) + 4
    top = max((value for _, value in items), default=0) or 1
    plot_width = WIDTH - label_width - PAD_RIGHT - 50
    bars = tuple(
        Bar(
            x=label_width,
            y=PAD_TOP + i * row_height,
            width=round(plot_width * value / top, 2),
            height=row_height - 6,
            series="rank",
            value=value,
            label=name,
        )
        for i, (name, value) in enumerate(items)
    )
    return Chart(
        title=title,
        width=WIDTH,
        height=height,
        bars=bars,
        x_ticks=(),
        y_ticks=(),
        series=(("rank", what),),
        table_head=("", what),
        table_rows=tuple((name, str(value)) for name, value in items),
        horizontal=True,
    )


SERIES = (("I", "Inbound"), ("O", "Outbound"), ("M", "Missed"))


def overview_charts(overview) -> list[Chart]:
    """The overview's charts, built from its figures."""
    buckets = overview.buckets()
    if overview.hourly:
        labels = [f"{hour:02d}" for hour in buckets]
        title = f"Calls per hour, {overview.first_day:%d %b %Y}"
    else:
        labels = [f"{day:%d %b}" for day in buckets]
        title = "Calls per week" if overview.weekly else "Calls per day"
    per_bucket = stacked_bars(
        title=title,
        labels=labels,
        series=[
            (key, name, [overview.by_bucket.get(b, {}).get(key, 0) for b in buckets])
            for key, name in SERIES
        ],
        label_every=1 if len(labels) <= 14 else (3 if overview.hourly else len(labels) // 10 + 1),
    )
    missed = stacked_bars(
        title="Missed calls by hour of day",
        labels=[f"{hour:02d}" for hour in range(24)],
        series=[("M", "Missed", [overview.missed_by_hour.get(hour, 0) for hour in range(24)])],
        label_every=2,
    )
    users = ranking_bars(
        title="Busiest users",
        items=overview.top_users(),
        what="Calls",
    )
    numbers = ranking_bars(title="Busiest numbers", items=overview.top_numbers(), what="Calls")
    return [per_bucket, missed, users, numbers]
