"""The overview's figures for a date range, summed day by day.

A month at call-centre scale is a hundred thousand calls, a year over a million: too many to
read on every page view. The calls of a day that is over no longer change except by deletes, so
each such day's figures are stored (`OverviewDay`) once summed, per upstream, customer, scope
(every call of the customer for admins, one user's own for the others) and time zone. A page
view then reads only today and the days never seen, each a query of its own, side by side.

Before stored days are used, one count from the upstream (a `limit=1` query over the range)
must equal the sum of their calls; when it does not (calls deleted elsewhere), the stored days
of the range are dropped and read again. Deletes through the dashboard drop them at once
(`overview_days_forget`).

One page view reads at most a request's share of unseen days (its budget of upstream calls);
the page then shows the days summed so far with a progress bar, and asks for the rest.
"""

from __future__ import annotations

import time as clock
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from dashboard.models import OverviewDay
from dashboard.search import day_bounds
from dashboard.user_names import user_name_in
from history.services import (
    WALK_LIMIT,
    BudgetExceeded,
    Cdr,
    Credentials,
    Fetched,
    Filter,
    Freshness,
    Query,
    cdr_list,
    cdr_list_uncached,
    current_meter,
    fetch_pages,
    read_through,
    run_parallel,
    upstream_digest,
)

TOP = 10
# Numbers kept for a stored day: a range's busiest numbers are summed from each day's busiest
# (a day has thousands of outside numbers, nearly all seen once).
NUMBERS_PER_DAY = 100
# A first full page with more unseen days than this renders at once, and the rest loads in.
DAYS_AT_ONCE = 6
# Upstream calls kept back from a request's budget for today, the count and the unexpected.
BUDGET_RESERVE = 4
# Longer ranges are charted by week: a bar a day would be too thin to read (and to draw).
DAILY_UP_TO = 92
# How long a second viewer of the same scope waits for the first one's day before reading it.
SHARED_DAY_WAIT = 30.0


def days_per_request() -> int:
    """Unseen days read by one page view at most; read on each call, so that a test may change
    it."""
    return settings.DASHBOARD_OVERVIEW_DAYS_PER_REQUEST


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
    # Buckets are hours of the day for one day, days up to DAILY_UP_TO days, else weeks (each
    # named by its first day in the range); each counts calls by direction.
    by_bucket: dict[object, Counter] = field(default_factory=dict)
    missed_by_hour: Counter = field(default_factory=Counter)
    users: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    # Users' names as the calls show them (the History API has no user list).
    user_names: dict[int, str] = field(default_factory=dict)
    # Days whose figures are in; fewer than `days` while the rest is still being read.
    days_summed: int = 0

    @property
    def hourly(self) -> bool:
        return self.first_day == self.last_day

    @property
    def weekly(self) -> bool:
        return self.days > DAILY_UP_TO

    def bucket_of(self, day: date) -> date:
        """The bucket of a day of a range: the day, or the week it is in (from Monday)."""
        if not self.weekly:
            return day
        return max(self.first_day, day - timedelta(days=day.weekday()))

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def complete(self) -> bool:
        return self.days_summed >= self.days

    @property
    def progress_percent(self) -> int:
        return 100 * self.days_summed // self.days

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
        days = (self.first_day + timedelta(days=n) for n in range(self.days))
        return list(dict.fromkeys(self.bucket_of(day) for day in days))

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
            bucket = local.hour if self.hourly else self.bucket_of(local.date())
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

    def absorb(self, day: date, figures: dict[str, Any]) -> None:
        """Add one day's figures (as `day_figures` wrote them) to this range's."""
        self.days_summed += 1
        for name in ("calls", "inbound", "outbound", "missed", "unknown_direction"):
            setattr(self, name, getattr(self, name) + figures[name])
        self.talk_seconds += figures["talk_seconds"]
        self.talked_calls += figures["talked_calls"]
        self.cost += figures["cost"]
        for hour, kinds in figures["by_hour"].items():
            bucket = int(hour) if self.hourly else self.bucket_of(day)
            self.by_bucket.setdefault(bucket, Counter()).update(kinds)
        self.missed_by_hour.update({int(h): n for h, n in figures["missed_by_hour"].items()})
        self.users.update({int(user): n for user, n in figures["users"].items()})
        for user, name in figures["user_names"].items():
            self.user_names.setdefault(int(user), name)
        self.numbers.update(figures["numbers"])

    def top_users(self) -> list[tuple[str, int]]:
        """The busiest users, by name where a call showed it."""
        return [
            (self.user_names.get(user_id) or f"User {user_id}", count)
            for user_id, count in self.users.most_common(TOP)
        ]

    def top_numbers(self) -> list[tuple[str, int]]:
        return self.numbers.most_common(TOP)


def day_figures(day: Overview, *, numbers: int | None = None) -> dict[str, Any]:
    """One day's overview as plain data to store (the busiest `numbers` numbers only)."""
    return {
        "calls": day.calls,
        "inbound": day.inbound,
        "outbound": day.outbound,
        "missed": day.missed,
        "unknown_direction": day.unknown_direction,
        "talk_seconds": day.talk_seconds,
        "talked_calls": day.talked_calls,
        "cost": day.cost,
        "by_hour": {str(hour): dict(kinds) for hour, kinds in day.by_bucket.items()},
        "missed_by_hour": {str(hour): n for hour, n in day.missed_by_hour.items()},
        "users": {str(user): n for user, n in day.users.items()},
        "user_names": {str(user): name for user, name in day.user_names.items()},
        "numbers": dict(day.numbers.most_common(numbers)),
    }


@dataclass(frozen=True)
class Scope:
    """Whose calls a stored day sums: what the upstream lets this viewer see."""

    upstream: str
    customer_id: int | None
    scope: str
    viewer: str
    time_zone: str

    @classmethod
    def of(cls, *, credentials: Credentials, admin: bool, zone: ZoneInfo) -> Scope:
        # An admin whose customer is unknown keeps days of their own: never shared wrongly.
        shared = admin and credentials.customer_id is not None
        return cls(
            upstream=upstream_digest(settings.HISTORY_API_URL),
            customer_id=credentials.customer_id,
            scope="admin" if shared else "own",
            viewer=f"c{credentials.customer_id}" if shared else credentials.identity,
            time_zone=str(zone.key),
        )

    def rows(self) -> QuerySet[OverviewDay]:
        return OverviewDay.objects.filter(
            upstream=self.upstream, scope=self.scope, viewer=self.viewer, time_zone=self.time_zone
        )

    def store(self, days: dict[date, dict[str, Any]]) -> None:
        """Keep the figures of these days (replacing any kept before), in one statement."""
        OverviewDay.objects.bulk_create(
            [
                OverviewDay(
                    upstream=self.upstream,
                    customer_id=self.customer_id,
                    scope=self.scope,
                    viewer=self.viewer,
                    time_zone=self.time_zone,
                    day=day,
                    calls=figures["calls"],
                    figures=figures,
                    stored_at=timezone.now(),
                )
                for day, figures in days.items()
            ],
            update_conflicts=True,
            unique_fields=["upstream", "scope", "viewer", "time_zone", "day"],
            update_fields=["customer_id", "calls", "figures", "stored_at"],
        )

    def key(self, day: date) -> str:
        """The cache key under which one viewer hands a day's figures to the others; a new one
        after every delete of call records (`overview_days_forget`)."""
        epoch = cache.get(_epoch_key(self.upstream, self.viewer), 0)
        return f"overview-day:{self.upstream}:{self.viewer}:{epoch}:{self.time_zone}:{day}"


def _epoch_key(upstream: str, viewer: str) -> str:
    return f"overview-epoch:{upstream}:{viewer}"


def _days_query(first: date, last: date, zone: ZoneInfo, *, limit: int = WALK_LIMIT) -> Query:
    # In time order, the order an upstream keeps calls by date in: sorted by id instead, a
    # year's count had the sandbox sort a million rows to find the one record asked for.
    start, end = day_bounds(first, last, zone)
    return Query(
        filters=(Filter("calldate", "gte", start), Filter("calldate", "lt", end)),
        sort="calldate",
        direction="ASC",
        limit=limit,
    )


def _read_day(
    credentials: Credentials, day: date, zone: ZoneInfo, *, numbers: int | None = None
) -> dict[str, Any]:
    """Every call of one day from the upstream, summed (its pages side by side)."""
    freshness = Freshness()
    pages = fetch_pages(
        cdr_list_uncached,
        credentials=credentials,
        query=_days_query(day, day, zone),
        freshness=freshness,
    )
    overview = Overview(first_day=day, last_day=day)
    for page in pages:
        for cdr in page.items:
            overview.add(cdr, zone)
    return day_figures(overview, numbers=numbers)


def _day_through_cache(credentials: Credentials, day: date, zone: ZoneInfo) -> Fetched[dict]:
    """A day's figures through the history cache: coalesced, and shown stale if need be."""
    return read_through(
        credentials=credentials,
        resource="cdrs",
        what=f"overview-day:{zone.key}:{day.isoformat()}",
        ttl=settings.HISTORY_TTL_LIST,
        fetch=lambda: _read_day(credentials, day, zone),
    )


def _closed_day(
    credentials: Credentials, scope: Scope, day: date, zone: ZoneInfo
) -> dict[str, Any] | None:
    """The figures of a day that is over, read once for everyone of the scope.

    Two supervisors opening the same range at once: the second waits for the first's figures
    (handed over through the cache) rather than reading the day again. None when the
    request's budget ran out first.
    """
    key = scope.key(day)
    deadline = clock.monotonic() + SHARED_DAY_WAIT
    while not cache.add(f"{key}:lock", True, timeout=int(SHARED_DAY_WAIT) + 1):
        clock.sleep(0.05)
        handed = cache.get(key)
        if handed is not None:
            return handed
        if clock.monotonic() >= deadline:
            break
    try:
        handed = cache.get(key)
        if handed is not None:
            return handed
        try:
            figures = _read_day(credentials, day, zone, numbers=NUMBERS_PER_DAY)
        except BudgetExceeded:
            return None
        cache.set(key, figures, timeout=int(SHARED_DAY_WAIT) * 2)
        return figures
    finally:
        cache.delete(f"{key}:lock")


def _count(credentials: Credentials, first: date, last: date, zone: ZoneInfo) -> Fetched[int]:
    """How many calls the upstream has from the start of `first` to the end of `last`."""
    start, end = day_bounds(first, last, zone)
    query = Query(
        filters=(Filter("calldate", "gte", start), Filter("calldate", "lt", end)), limit=1
    )
    fetched = cdr_list(credentials=credentials, query=query)
    total = fetched.value.total if fetched.value.total_exact else -1
    return Fetched(total, fetched.stale, fetched.age)


def overview_for(
    *,
    credentials: Credentials,
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    admin: bool = False,
    at_once: bool = False,
) -> Fetched[Overview]:
    """The figures of the range, from stored days that are over and the upstream for the rest.

    With `at_once`, a range with many unseen days reads none of them: the page shows what is
    known at once and asks for the rest. Without it, a request's share of unseen days is read.
    """
    scope = Scope.of(credentials=credentials, admin=admin, zone=zone)
    today = timezone.now().astimezone(zone).date()
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    closed = [day for day in days if day < today]
    open_days = [day for day in days if day >= today]
    stored: dict[date, OverviewDay] = {}
    if closed:
        rows = scope.rows().filter(day__gte=closed[0], day__lte=closed[-1])
        stored = {row.day: row for row in rows.only("day", "calls", "figures")}
    unseen = [day for day in closed if day not in stored]
    share = _share_of_budget(open_days)
    if at_once and len(unseen) > DAYS_AT_ONCE:
        share = 0
    batch = unseen[:share]
    # The count checks the stored days; worth it only when they and the batch span the range.
    check = bool(stored) and len(batch) == len(unseen)

    freshness = Freshness()
    tasks: list[Any] = [lambda day=day: _closed_day(credentials, scope, day, zone) for day in batch]
    tasks += [
        lambda day=day: freshness.noted(_day_through_cache(credentials, day, zone))
        for day in open_days
    ]
    counted = len(tasks)
    if check:
        tasks.append(lambda: freshness.noted(_count(credentials, closed[0], closed[-1], zone)))
    # The stored days are summed while the upstream answers the rest.
    tasks.append(lambda: _summed(first_day, last_day, stored))
    results = run_parallel(tasks)
    overview: Overview = results[-1]
    fetched_closed = {
        day: figures
        for day, figures in zip(batch, results[: len(batch)], strict=True)
        if figures is not None
    }
    fetched_open = dict(zip(open_days, results[len(batch) : counted], strict=True))
    if check:
        expected = sum(row.calls for row in stored.values())
        expected += sum(figures["calls"] for figures in fetched_closed.values())
        if results[counted] != expected:
            # Calls changed upstream since the days were stored (deleted elsewhere, or late):
            # those days are read again, by this page's next step.
            scope.rows().filter(day__in=list(stored)).delete()
            overview = Overview(first_day=first_day, last_day=last_day)
    # Stored here, in the request's own thread: the reading threads never write.
    if fetched_closed:
        scope.store(fetched_closed)
    for day, figures in (*fetched_closed.items(), *fetched_open.items()):
        overview.absorb(day, figures)
    return Fetched(value=overview, stale=freshness.stale, age=freshness.age)


def _summed(first_day: date, last_day: date, stored: dict[date, OverviewDay]) -> Overview:
    overview = Overview(first_day=first_day, last_day=last_day)
    for day, row in stored.items():
        overview.absorb(day, row.figures)
    return overview


def _share_of_budget(open_days: list[date]) -> int:
    """How many unseen days this request may read, within its budget of upstream calls."""
    meter = current_meter()
    remaining = meter.remaining if meter is not None else None
    if remaining is None:
        return days_per_request()
    return max(0, min(days_per_request(), remaining - BUDGET_RESERVE - len(open_days)))


def overview_days_forget(*, credentials: Credentials, deleted: str = "cdrs") -> None:
    """Drop the stored days of this user's customer (or their own) after call records went.

    Called by the delete services with the kind deleted; only call records change the figures.
    """
    if deleted != "cdrs":
        return
    upstream = upstream_digest(settings.HISTORY_API_URL)
    viewers = [credentials.identity]
    mine = Q(viewer=credentials.identity)
    if credentials.customer_id is not None:
        viewers.append(f"c{credentials.customer_id}")
        mine |= Q(customer_id=credentials.customer_id)
    OverviewDay.objects.filter(upstream=upstream).filter(mine).delete()
    for viewer in viewers:
        # Figures being handed between viewers right now are from before the delete.
        cache.set(_epoch_key(upstream, viewer), clock.time_ns(), timeout=None)
