"""A validated call search, and how it becomes upstream queries.

The upstream ANDs every filter, and has no OR. "Number" must match the caller, the callee or
the caller id, and several directions may be ticked, so a search is split into *branches*: one
upstream query per combination of the OR-ed choices (number in `src`, in `dst`, in `clid`;
each ticked direction). A single branch is paged by the upstream itself; several branches are
fetched and merged by `dashboard.services.calls` (de-duplicated by id). Number matching uses
`like`, so part of a number finds the call, as the number box in VoIPstudio's own app does.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from history.services import Filter, Query

DIRECTIONS = ("O", "I", "M")
NUMBER_PROPERTIES = ("src", "dst", "clid")
# Columns a user may sort by: the page's name for it, and the upstream property.
SORTABLE = {
    "calldate": "calldate",
    "type": "type",
    "src": "src",
    "dst": "dst",
    "user": "user_id",
    "disposition": "disposition",
    "duration": "duration",
    "billsec": "billsec",
    "charge": "charge",
}


def day_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """From the start of `first` to the start of the day after `last`, both in `zone`."""
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


@dataclass(frozen=True)
class CallSearch:
    first_day: date
    last_day: date
    zone: ZoneInfo
    types: tuple[str, ...] = ()
    disposition: str = ""
    number: str = ""
    user_id: int | None = None
    min_duration: int | None = None
    sort: str = "calldate"
    direction: str = "DESC"
    page: int = 1
    per_page: int = 50
    # Only the first leg of each call: paging and totals then count calls, not legs.
    roots_only: bool = False

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return day_bounds(self.first_day, self.last_day, self.zone)

    @property
    def sort_property(self) -> str:
        return SORTABLE.get(self.sort, "calldate")

    def common_filters(self) -> tuple[Filter, ...]:
        """The filters every branch shares (all ANDed upstream)."""
        start, end = self.bounds
        filters = [Filter("calldate", "gte", start), Filter("calldate", "lt", end)]
        if self.disposition:
            filters.append(Filter("disposition", "eq", self.disposition))
        if self.user_id is not None:
            filters.append(Filter("user_id", "eq", self.user_id))
        if self.min_duration:
            filters.append(Filter("duration", "gte", self.min_duration))
        if self.roots_only:
            filters.append(Filter("is_root", "eq", True))
        return tuple(filters)

    def branches(self) -> list[tuple[Filter, ...]]:
        """One filter tuple per upstream query whose union is the search's result."""
        # Every direction ticked (or none) is no filter at all.
        types = [t for t in DIRECTIONS if t in self.types]
        type_choices: list[Filter | None] = (
            [Filter("type", "eq", t) for t in types] if 0 < len(types) < len(DIRECTIONS) else [None]
        )
        number_choices: list[Filter | None] = (
            [Filter(prop, "like", self.number) for prop in NUMBER_PROPERTIES]
            if self.number
            else [None]
        )
        common = self.common_filters()
        return [
            common + tuple(f for f in combination if f is not None)
            for combination in itertools.product(type_choices, number_choices)
        ]

    def queries(self, *, page: int, limit: int) -> list[Query]:
        return [
            Query(
                filters=filters,
                sort=self.sort_property,
                direction=self.direction,
                page=page,
                limit=limit,
            )
            for filters in self.branches()
        ]
