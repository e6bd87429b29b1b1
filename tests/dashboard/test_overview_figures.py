"""The overview's arithmetic over a handful of calls."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from dashboard.services.overview import Overview
from history.api.records import Cdr

LONDON = ZoneInfo("Europe/London")


def call(cdr_id: int, kind: str, hour: int, **fields) -> Cdr:
    return Cdr(id=cdr_id, type=kind, calldate=datetime(2026, 7, 1, hour, tzinfo=UTC), **fields)


def test_it_counts_directions_answer_rate_talk_time_and_cost():
    overview = Overview(first_day=date(2026, 7, 1), last_day=date(2026, 7, 1))
    for cdr in (
        call(1, "I", 9, billsec=60, user_id=7, dst_id="7", dst_name="Alex", src="4420"),
        call(2, "I", 9, billsec=120, user_id=7, src="4420"),
        call(3, "M", 10, user_id=8, src="331"),
        call(4, "O", 11, billsec=30, charge=0.25, user_id=8, dst="4420"),
    ):
        overview.add(cdr, LONDON)
    assert (overview.calls, overview.inbound, overview.outbound, overview.missed) == (4, 2, 1, 1)
    assert overview.answer_rate == 2 / 3
    assert overview.average_talk == 70
    assert overview.cost == 0.25
    # 09:00 UTC is 10:00 in London in July.
    assert overview.by_bucket[10]["I"] == 2
    assert overview.missed_by_hour == {11: 1}
    assert overview.top_users() == [("Alex", 2), ("User 8", 2)]
    assert overview.top_numbers()[0] == ("4420", 3)


def test_it_charts_a_long_range_by_week():
    overview = Overview(first_day=date(2026, 1, 1), last_day=date(2026, 12, 31))
    # 1 January 2026 is a Thursday: the first week is cut at the range's start.
    assert overview.buckets()[:3] == [date(2026, 1, 1), date(2026, 1, 5), date(2026, 1, 12)]
    assert len(overview.buckets()) == 53
    overview.add(Cdr(id=1, type="I", calldate=datetime(2026, 1, 7, 9, tzinfo=UTC)), LONDON)
    assert overview.by_bucket[date(2026, 1, 5)]["I"] == 1
