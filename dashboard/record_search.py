"""Validated searches of the record lists other than calls (recordings, voicemail, chats, media
sessions).

Unlike calls, these lists need no OR across fields, so one search is one upstream query: a
date range on the resource's own date field, the ANDed conditions, a sort and a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from dashboard.search import day_bounds
from history.services import Filter, FilterValue, Query


@dataclass(frozen=True)
class Condition:
    """One filter a form field stands for: the upstream property and operator."""

    property: str
    operator: str


@dataclass(frozen=True)
class RecordSearch:
    date_property: str
    first_day: date | None
    last_day: date | None
    zone: ZoneInfo
    conditions: tuple[tuple[Condition, FilterValue], ...] = ()
    sort_property: str = "id"
    direction: str = "DESC"
    page: int = 1
    per_page: int = 50

    def filters(self) -> tuple[Filter, ...]:
        filters = []
        if self.first_day and self.last_day:
            start, end = day_bounds(self.first_day, self.last_day, self.zone)
            filters += [
                Filter(self.date_property, "gte", start),
                Filter(self.date_property, "lt", end),
            ]
        filters += [Filter(c.property, c.operator, value) for c, value in self.conditions]
        return tuple(filters)

    def query(self) -> Query:
        return Query(
            filters=self.filters(),
            sort=self.sort_property,
            direction=self.direction,
            page=self.page,
            limit=self.per_page,
        )
