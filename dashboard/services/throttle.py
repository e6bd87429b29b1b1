"""Sign-in throttling: failed attempts counted in Django's cache, which every instance shares
(`CACHE_URL`), per e-mail, per client address and per two-factor nonce.

Each count lives for DASHBOARD_SIGNIN_LOCKOUT_SECONDS from its first failure; once it reaches
its limit, attempts are refused without asking the upstream until that time is up. A lock
that is already on is not extended by the attempts it refuses.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

# Wrong codes one two-factor nonce takes before it is dead and the user must sign in again.
NONCE_WRONG_CODES = 5


@dataclass(frozen=True)
class Counter:
    """One count of failures: `key` in the cache, refused once it reaches `limit`."""

    key: str
    limit: int
    # Whether a successful sign-in forgets it: the account's own count, not the address's
    # (one good password must not clear the way for guesses at other accounts).
    cleared_by_success: bool = False


def _digest(value: str) -> str:
    # Cache keys stay short and free of whatever characters a client sends.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def client_address(request: HttpRequest) -> str:
    """The address of the client: REMOTE_ADDR, or behind DASHBOARD_TRUSTED_PROXIES proxies the
    address the outermost of them saw, which each proxy appends to X-Forwarded-For (anything
    before it the client may have written itself)."""
    proxies = int(settings.DASHBOARD_TRUSTED_PROXIES)
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops = [hop.strip() for hop in forwarded if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def sign_in_counters(*, address: str, email: str = "", nonce: str = "") -> list[Counter]:
    """The counts a sign-in step is held to: the client address's, and the e-mail's and the
    two-factor nonce's when the step has them."""
    counters = [
        Counter(
            f"signin:address:{_digest(address)}",
            int(settings.DASHBOARD_SIGNIN_MAX_FAILURES_PER_ADDRESS),
        )
    ]
    if email:
        counters.append(
            Counter(
                f"signin:email:{_digest(email.strip().lower())}",
                int(settings.DASHBOARD_SIGNIN_MAX_FAILURES),
                cleared_by_success=True,
            )
        )
    if nonce:
        counters.append(Counter(f"signin:nonce:{_digest(nonce)}", NONCE_WRONG_CODES))
    return counters


def throttle_wait(*, counters: Iterable[Counter]) -> int:
    """Seconds until every count in `counters` is under its limit again; 0 when none is at it."""
    waits = [0]
    for counter in counters:
        found = cache.get_many([counter.key, f"{counter.key}:until"])
        count, until = found.get(counter.key), found.get(f"{counter.key}:until")
        if isinstance(count, int) and count >= counter.limit:
            # The deadline may be gone while the count is not (eviction): a full window then.
            left = until - time.time() if isinstance(until, float) else 0
            waits.append(math.ceil(left) if left > 0 else _window())
    return max(waits)


def throttle_fail(*, counters: Iterable[Counter]) -> None:
    """Count one failure in each of `counters`."""
    window = _window()
    for counter in counters:
        cache.add(f"{counter.key}:until", time.time() + window, timeout=window)
        cache.add(counter.key, 0, timeout=window)
        try:
            cache.incr(counter.key)
        except ValueError:  # expired between the two calls: this failure starts a new count
            cache.set(counter.key, 1, timeout=window)


def throttle_reached(*, counter: Counter) -> bool:
    count = cache.get(counter.key)
    return isinstance(count, int) and count >= counter.limit


def throttle_clear(*, counters: Iterable[Counter]) -> None:
    """Forget the counts a successful sign-in clears."""
    keys = [counter.key for counter in counters if counter.cleared_by_success]
    cache.delete_many([key for base in keys for key in (base, f"{base}:until")])


def _window() -> int:
    return max(int(settings.DASHBOARD_SIGNIN_LOCKOUT_SECONDS), 1)
