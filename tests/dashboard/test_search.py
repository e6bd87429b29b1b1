"""How a call search becomes upstream queries: ORs split into branches the upstream can AND."""

from datetime import date
from zoneinfo import ZoneInfo

from dashboard.search import CallSearch

LONDON = ZoneInfo("Europe/London")


def search(**changes) -> CallSearch:
    return CallSearch(first_day=date(2026, 7, 1), last_day=date(2026, 7, 1), zone=LONDON, **changes)


def wire(filters) -> set[tuple]:
    return {(f.property, f.operator, str(f.value)) for f in filters}


def test_it_turns_local_days_into_utc_bounds():
    (branch,) = search().branches()
    assert wire(branch) == {
        ("calldate", "gte", "2026-07-01 00:00:00+01:00"),
        ("calldate", "lt", "2026-07-02 00:00:00+01:00"),
    }
    query = search().queries(page=1, limit=50)[0]
    assert '"2026-06-30 23:00:00"' in query.params["filter"]


def test_it_makes_one_branch_per_number_field():
    branches = search(number="4420").branches()
    assert len(branches) == 3
    liked = {f.property for branch in branches for f in branch if f.operator == "like"}
    assert liked == {"src", "dst", "clid"}


def test_it_drops_the_type_filter_when_every_direction_is_ticked():
    assert len(search(types=("O", "I", "M")).branches()) == 1
    assert len(search(types=("O", "M")).branches()) == 2
    assert len(search(types=("O", "M"), number="1").branches()) == 6


def test_it_ands_the_other_filters_into_every_branch():
    narrow = search(number="1", disposition="CONNECTED", user_id=7, min_duration=30)
    for branch in narrow.branches():
        assert {("disposition", "eq", "CONNECTED"), ("user_id", "eq", "7")} <= wire(branch)
        assert ("duration", "gte", "30") in wire(branch)


def test_it_maps_sort_names_to_upstream_properties():
    query = search(sort="user", direction="ASC").queries(page=2, limit=25)[0]
    assert query.params["sort"] == "user_id"
    assert query.params["dir"] == "ASC"
    assert query.params["page"] == "2"
