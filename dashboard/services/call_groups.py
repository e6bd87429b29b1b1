"""One row per call: the legs (CDRs) of a queue, ring-group or transferred call grouped under
the call's first leg, with paging and totals that count calls, not legs.

How it pages against an upstream that pages by legs: the search gets one more filter,
`is_root eq true`, so the upstream pages, sorts, filters and counts the calls' first legs
(one row per call, `total` the number of calls). The other legs of the page's calls are then
read by `root_live_id`: one list call over the range of the page's root `live_id`s when that
range holds few enough legs (live ids grow with time, so a page sorted by date is a narrow
range), else one call per multi-leg root, side by side. Roots that say they have no children
(`nb_children` 0) need no read at all; most calls are single legs.

What the filters see is the first leg: a search by user or outcome matches the call by its first
leg (the raw legs view, `roots_only=False`, matches every leg). A user who sees only their own
records (an agent) and handled only a later leg of someone else's call does not see that call
here, since its first leg is not theirs to see; the raw legs view shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from dashboard.search import CallSearch
from dashboard.services.calls import CallResults, call_page, recorded_live_ids
from dashboard.user_names import user_names
from history.services import (
    WALK_LIMIT,
    Cdr,
    Credentials,
    Dictionary,
    Fetched,
    Filter,
    Freshness,
    Page,
    Query,
    cdr_list,
    run_parallel,
)

# Legs one range read may return before the per-root reads take over (one page of it).
LEG_RANGE_LIMIT = WALK_LIMIT
# The most legs one call is read with, and the most per-root reads one page makes: beyond
# them a call is shown with the legs found and marked incomplete, within the request budget.
LEGS_PER_CALL = 50
PER_ROOT_READS = 25


@dataclass(frozen=True)
class CallGroup:
    """One call: its first leg and the legs that followed, in the order they began."""

    root: Cdr
    legs: tuple[Cdr, ...] = ()
    # False when the call has legs that could not be read within the page's budget.
    complete: bool = True

    @property
    def all_legs(self) -> tuple[Cdr, ...]:
        return (self.root, *self.legs)

    @property
    def leg_count(self) -> int:
        return 1 + len(self.legs)

    @property
    def billsec(self) -> int:
        return sum(leg.billsec or 0 for leg in self.all_legs)

    @property
    def charge(self) -> float:
        return round(sum(leg.charge or 0.0 for leg in self.all_legs), 4)

    @property
    def duration(self) -> int | None:
        """From the start of the first leg to the end of the last one (legs overlap while a
        queue rings several agents, so this is not the sum of the legs)."""
        start = self.root.calldate
        ends = [
            leg.calldate + timedelta(seconds=max(leg.duration or 0, 0))
            for leg in self.all_legs
            if leg.calldate is not None
        ]
        if start is None or not ends:
            return self.root.duration
        return int((max(ends) - start).total_seconds())

    @property
    def answered_by(self) -> int | None:
        """The user who talked to the caller last (the agent who took a queue call)."""
        talked = [leg for leg in self.all_legs if (leg.billsec or 0) > 0]
        return talked[-1].user_id if talked else None


@dataclass(frozen=True)
class CallGroupResults:
    """A page of calls (`page.total` counts calls), which legs have a recording (by
    `live_id`), and the names the calls give their users."""

    page: Page[CallGroup]
    recorded: frozenset[int]
    user_names: dict[int, str]
    # The first legs' ids of the calls with a recording on any of their legs.
    recorded_calls: frozenset[int] = frozenset()
    # The labels of the call codes, read alongside the first legs (None: bare codes).
    dictionary: Dictionary | None = None


def _call_key(root: Cdr) -> int | None:
    """The `root_live_id` the call's legs share (a first leg's own `live_id`)."""
    return root.root_live_id if root.root_live_id is not None else root.live_id


def _needs_legs(root: Cdr) -> bool:
    # An upstream that does not say how many children a leg has may have some.
    return _call_key(root) is not None and (root.nb_children is None or root.nb_children > 0)


def _legs_in_range(
    *, credentials: Credentials, roots: list[Cdr], freshness: Freshness, limit: int
) -> dict[int, list[Cdr]] | None:
    """The later legs of `roots` by root `live_id`, in one read; None when the range holds
    more than one read returns."""
    keys = [_call_key(root) for root in roots]
    query = Query(
        filters=(
            Filter("root_live_id", "gte", min(keys)),
            Filter("root_live_id", "lte", max(keys)),
            Filter("is_root", "eq", False),
        ),
        sort="id",
        direction="ASC",
        limit=limit,
    )
    page = freshness.noted(cdr_list(credentials=credentials, query=query))
    if page.has_next:
        return None
    wanted = set(keys)
    found: dict[int, list[Cdr]] = {}
    for leg in page.items:
        if leg.root_live_id in wanted:
            found.setdefault(leg.root_live_id, []).append(leg)
    return found


def _legs_per_root(
    *, credentials: Credentials, roots: list[Cdr], freshness: Freshness
) -> tuple[dict[int, list[Cdr]], set[int]]:
    """The later legs of each root, one read per root side by side; and the roots whose legs
    were not all read (past `PER_ROOT_READS`, or more than `LEGS_PER_CALL` legs)."""
    read, unread = roots[:PER_ROOT_READS], roots[PER_ROOT_READS:]
    queries = [
        Query(
            filters=(
                Filter("root_live_id", "eq", _call_key(root)),
                Filter("is_root", "eq", False),
            ),
            sort="id",
            direction="ASC",
            limit=LEGS_PER_CALL,
        )
        for root in read
    ]
    pages = run_parallel(
        [lambda query=query: cdr_list(credentials=credentials, query=query) for query in queries]
    )
    found: dict[int, list[Cdr]] = {}
    incomplete = {_call_key(root) for root in unread}
    for root, fetched in zip(read, pages, strict=True):
        page = freshness.noted(fetched)
        found[_call_key(root)] = list(page.items)
        if page.has_next:
            incomplete.add(_call_key(root))
    return found, incomplete


def _in_call_order(legs: list[Cdr]) -> tuple[Cdr, ...]:
    return tuple(
        sorted(legs, key=lambda leg: (leg.calldate is None, leg.calldate or datetime.min, leg.id))
    )


def call_group_list(
    *,
    credentials: Credentials,
    search: CallSearch,
    tracking: bool = False,
    range_limit: int = LEG_RANGE_LIMIT,
) -> Fetched[CallGroupResults]:
    """The page of calls (not legs) the search asks for, each with its legs.

    `range_limit`: the most legs the one range read may bring before the reads per call take
    over (a page sorted by anything but date spans a wide range of `live_id`s)."""
    freshness = Freshness()
    roots_fetched = call_page(
        credentials=credentials, search=replace(search, roots_only=True), tracking=tracking
    )
    results: CallResults = freshness.noted(roots_fetched)
    roots = list(results.page.items)
    multi = [root for root in roots if _needs_legs(root)]
    legs: dict[int, list[Cdr]] = {}
    incomplete: set[int] = set()
    if multi:
        ranged = _legs_in_range(
            credentials=credentials, roots=multi, freshness=freshness, limit=range_limit
        )
        if ranged is None:
            legs, incomplete = _legs_per_root(
                credentials=credentials, roots=multi, freshness=freshness
            )
        else:
            legs = ranged
    groups = tuple(
        CallGroup(
            root=root,
            legs=_in_call_order(legs.get(_call_key(root), [])),
            complete=_call_key(root) not in incomplete,
        )
        for root in roots
    )
    later_legs = [leg for group in groups for leg in group.legs]
    recorded = results.recorded
    if later_legs:
        # A queue call is recorded on the leg of the agent who answered, not on the first.
        recorded |= recorded_live_ids(credentials=credentials, cdrs=later_legs, freshness=freshness)
    page = Page(
        items=groups,
        total=results.page.total,
        page=results.page.page,
        limit=results.page.limit,
        total_exact=results.page.total_exact,
    )
    names = {**user_names(later_legs), **results.user_names}
    recorded_calls = frozenset(
        group.root.id for group in groups if any(leg.live_id in recorded for leg in group.all_legs)
    )
    value = CallGroupResults(
        page=page,
        recorded=recorded,
        user_names=names,
        recorded_calls=recorded_calls,
        dictionary=results.dictionary,
    )
    return Fetched(value=value, stale=freshness.stale, age=freshness.age)
