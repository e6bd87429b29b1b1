"""Pure helpers behind the overview charts, the CSV export and the pagination line."""

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from dashboard.charts import nice_ceiling, ranking_bars, stacked_bars
from dashboard.export import csv_lines, neutralised_csv, safe_cell
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


def test_it_neutralises_anothers_csv_cell_by_cell_across_chunk_boundaries():
    source = (
        "\ufeffid,name,note\r\n"
        '1,"=1+1","line one\r\n=line two, still the note"\r\n'
        "2,Zoë,@x\r"  # a bare CR ends a row too
        "3,+44 20 7946 0000,-A1\n"
    ).encode()
    # Three bytes at a time: cells, quotes, line ends and the two bytes of "ë" are cut apart.
    chunks = [source[i : i + 3] for i in range(0, len(source), 3)]

    rows = list(csv.reader(io.StringIO("".join(neutralised_csv(chunks)))))

    assert rows == [
        ["id", "name", "note"],
        ["1", "'=1+1", "line one\r\n=line two, still the note"],
        ["2", "Zoë", "'@x"],
        ["3", "+44 20 7946 0000", "'-A1"],
    ]


def test_it_passes_anothers_csv_on_before_it_has_all_of_it():
    pulled = []

    def endless():
        for number in range(10**9):
            pulled.append(number)
            yield f"{number},=cmd{number}\n".encode() * 100

    lines = neutralised_csv(endless())

    assert next(lines) == "0,'=cmd0\r\n"
    assert len(pulled) < 100  # read about a buffer's worth, not the whole file


def test_it_summarises_a_page():
    summary = page_summary(page=2, per_page=50, shown=50, total=1234)
    assert (summary.first, summary.last, summary.pages) == (51, 100, 25)
    assert summary.has_previous and summary.has_next
    assert page_summary(page=1, per_page=50, shown=0, total=0).last == 0
