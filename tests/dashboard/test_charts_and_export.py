"""Pure helpers behind the overview charts, the CSV export and the pagination line."""

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from dashboard.charts import nice_ceiling, ranking_bars, stacked_bars
from dashboard.export import csv_lines, safe_cell
from dashboard.paging import page_summary
from history.api.records import Cdr


def test_it_stacks_bars_by_series():
    chart = stacked_bars(
        title="Calls", labels=["a", "b"], series=[("I", "Inbound", [2, 0]), ("O", "Out", [3, 1])]
    )
    a_bars = [bar for bar in chart.bars if bar.label.startswith("a:")]
    assert [bar.value for bar in a_bars] == [2, 3]
    # The second series sits on top of the first.
    assert a_bars[1].y + a_bars[1].height == a_bars[0].y
    assert chart.table_rows == (("a", "2", "3", "5"), ("b", "0", "1", "1"))


def test_it_rounds_axis_tops():
    assert [nice_ceiling(n) for n in (0, 1, 3, 7, 12, 99, 101)] == [1, 1, 5, 10, 20, 100, 200]


def test_it_ranks_longest_bar_for_the_largest_value():
    chart = ranking_bars(title="Top", items=[("x", 10), ("y", 5)], what="Calls")
    assert chart.bars[0].width == 2 * chart.bars[1].width


def test_it_writes_times_in_the_users_zone_with_the_offset_in_the_header():
    zone = ZoneInfo("Europe/Paris")
    cdr = Cdr(id=1, calldate=datetime(2026, 7, 1, 10, 0, tzinfo=UTC), src="+4420", info="=1+1")
    lines = list(
        csv_lines(
            [cdr],
            zone=zone,
            start=datetime(2026, 7, 1, tzinfo=zone),
            end=datetime(2026, 7, 2, tzinfo=zone),
        )
    )
    header, row = csv.reader(io.StringIO("".join(lines)))
    assert header[1] == "calldate (Europe/Paris, UTC+02:00)"
    assert row[1] == "2026-07-01 12:00:00"
    assert row[header.index("src")] == "+4420"
    assert row[header.index("info")] == "'=1+1"


def test_it_neutralises_formulas_but_not_phone_numbers():
    assert safe_cell("+44 20 7946 0000") == "+44 20 7946 0000"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell(None) == ""


def test_it_summarises_a_page():
    summary = page_summary(page=2, per_page=50, shown=50, total=1234)
    assert (summary.first, summary.last, summary.pages) == (51, 100, 25)
    assert summary.has_previous and summary.has_next
    assert page_summary(page=1, per_page=50, shown=0, total=0).last == 0
