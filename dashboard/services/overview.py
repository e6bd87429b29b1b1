"""The overview's figures for a date range, computed from cached upstream pages of calls."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from dashboard.search import day_bounds
from dashboard.services.calls import WALK_LIMIT, Freshness, walk_pages
from dashboard.user_names import user_name_in
from history.services import Cdr, Credentials, Fetched, Filter, Query, cdr_list


def max_calls() -> int:
    """More calls than this in one range are not summed on a page view: the user is offered
    less. Read on each call, so that a test may change it."""
    return settings.DASHBOARD_OVERVIEW_MAX_CALLS


TOP = 10


class RangeTooLarge(Exception):
    def __init__(self, total: int, suggestion: tuple[date, date]) -> None:
        super().__init__(
            f"{total:,} calls in this range are too many to sum up quickly "
            f"(at most {max_calls():,})."
        )
        self.total = total
        self.suggestion = suggestion


@dataclass
class Overview:
    first_day: date
    last_day: date
    calls: int = 0
    inbound: int = 0
    outbound: int = 0
    missed: int = 0
    # Calls whose direction code is none of O, I, M (another upstream's integer code, or none):
    # counted, but never guessed into one of the directions.
    unknown_direction: int = 0
    talk_seconds: int = 0
    talked_calls: int = 0
    cost: float = 0.0
    # Buckets are hours of the day for one day, else days; each counts calls by direction.
    by_bucket: dict[object, Counter] = field(default_factory=dict)
    missed_by_hour: Counter = field(default_factory=Counter)
    users: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    # Users' names as the calls show them (the History API has no user list).
    user_names: dict[int, str] = field(default_factory=dict)

    @property
    def hourly(self) -> bool:
        return self.first_day == self.last_day

    @property
    def answer_rate(self) -> float | None:
        """Share of calls coming in that were answered (missed calls are inbound calls too)."""
        offered = self.inbound + self.missed
        return self.inbound / offered if offered else None

    @property
    def average_talk(self) -> float | None:
        return self.talk_seconds / self.talked_calls if self.talked_calls else None

    def buckets(self) -> list[object]:
        if self.hourly:
            return list(range(24))
        days = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(days)]

    def add(self, cdr: Cdr, zone: ZoneInfo) -> None:
        self.calls += 1
        kind = cdr.type if cdr.type in ("I", "O", "M") else ""
        if kind == "I":
            self.inbound += 1
        elif kind == "O":
            self.outbound += 1
        elif kind == "M":
            self.missed += 1
        else:
            self.unknown_direction += 1
        if cdr.billsec:
            self.talk_seconds += cdr.billsec
            self.talked_calls += 1
        self.cost += cdr.charge or 0.0
        if cdr.calldate is not None:
            local = cdr.calldate.astimezone(zone)
            bucket = local.hour if self.hourly else local.date()
            self.by_bucket.setdefault(bucket, Counter())[kind] += 1
            if kind == "M":
                self.missed_by_hour[local.hour] += 1
        if cdr.user_id is not None:
            self.users[cdr.user_id] += 1
            self._learn_name(cdr)
        # The outside party: who called in, or whom we called (unknown direction: neither).
        number = {"O": cdr.dst, "I": cdr.src, "M": cdr.src}.get(kind, "")
        if number:
            self.numbers[number] += 1

    def _learn_name(self, cdr: Cdr) -> None:
        if cdr.user_id not in self.user_names:
            name = user_name_in(cdr)
            if name:
                self.user_names[cdr.user_id] = name

    def top_users(self) -> list[tuple[str, int]]:
        """The busiest users, by name where a call showed it."""
        return [
            (self.user_names.get(user_id) or f"User {user_id}", count)
            for user_id, count in self.users.most_common(TOP)
        ]

    def top_numbers(self) -> list[tuple[str, int]]:
        return self.numbers.most_common(TOP)


def shorter_range(first_day: date, last_day: date, total: int) -> tuple[date, date]:
    """A range ending on the same day, short enough to hold about the allowed number of calls."""
    days = (last_day - first_day).days + 1
    per_day = max(1, total // days)
    keep = max(1, min(days - 1, max_calls() // per_day))
    return last_day - timedelta(days=keep - 1), last_day


def overview_for(
    *, credentials: Credentials, first_day: date, last_day: date, zone: ZoneInfo
) -> Fetched[Overview]:
    start, end = day_bounds(first_day, last_day, zone)
    query = Query(
        filters=(Filter("calldate", "gte", start), Filter("calldate", "lt", end)),
        sort="id",
        direction="ASC",
        limit=WALK_LIMIT,
    )
    freshness = Freshness()
    overview = Overview(first_day=first_day, last_day=last_day)
    for page in walk_pages(cdr_list, credentials=credentials, query=query, freshness=freshness):
        # Without a total from the upstream, only the calls counted so far can tell.
        counted = max(page.total, overview.calls + len(page.items))
        if counted > max_calls():
            raise RangeTooLarge(counted, shorter_range(first_day, last_day, counted))
        for cdr in page.items:
            overview.add(cdr, zone)
    return Fetched(value=overview, stale=freshness.stale, age=freshness.age)
