"""When calls happen: a working-week curve that peaks in business hours, ending now."""

import random
from datetime import datetime, timedelta

# Relative call volume per UTC hour for a call centre in western Europe: a morning peak,
# a lunch dip, an afternoon peak, and a trickle at night.
HOUR_WEIGHTS = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2.5, 6.0, 9.0, 10.0, 9.5,
    6.5, 7.5, 9.5, 9.0, 7.5, 4.5, 2.0, 1.2, 0.8, 0.5, 0.3, 0.2,
)  # fmt: skip
WEEKEND_FACTOR = 0.25
HOUR = 3600


def _hour_slots(
    *, rng: random.Random, now: datetime, days: int
) -> list[tuple[float, float, float]]:
    """(start, length in seconds, weight) for every hour, or part of one, in the window."""
    start = now - timedelta(days=days)
    slot = start.replace(minute=0, second=0, microsecond=0)
    day_factor: dict[object, float] = {}
    slots = []
    while slot < now:
        begin, end = max(slot, start), min(slot + timedelta(hours=1), now)
        # Some days are busier than others; weekends are quiet.
        factor = day_factor.setdefault(slot.date(), rng.uniform(0.8, 1.2))
        if slot.weekday() >= 5:
            factor *= WEEKEND_FACTOR
        length = (end - begin).total_seconds()
        slots.append((begin.timestamp(), length, HOUR_WEIGHTS[slot.hour] * factor * length / HOUR))
        slot += timedelta(hours=1)
    return slots


def call_start_times(*, rng: random.Random, now: datetime, days: int, count: int) -> list[float]:
    """`count` call start times (epoch seconds), sorted, distributed like a call centre's day."""
    slots = _hour_slots(rng=rng, now=now, days=days)
    cumulative, total = [], 0.0
    for _, _, weight in slots:
        total += weight
        cumulative.append(total)
    chosen = rng.choices(slots, cum_weights=cumulative, k=count)
    return sorted(begin + rng.random() * length for begin, length, _ in chosen)
