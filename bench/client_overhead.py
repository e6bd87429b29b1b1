"""What the History client and its cache cost on top of the bare tools, as two ratios.

    .venv/bin/python bench/client_overhead.py [--cdrs 2000] [--rounds 7]

Seeds a throwaway SQLite sandbox, serves it with gunicorn in a subprocess (so the server does
not compete with the client for the GIL), signs in as the demo supervisor and measures, in one
run, interleaved round by round to cancel out drift on a shared machine:

- cached:   `cdr_list` answered from the cache  /  a bare `cache.get` of the same entry
            (target at most 3: key building and the generation lookup are the whole overhead);
- uncached: `cdr_list` that misses the cache (lock, fetch, parse into records, store)
            /  a bare `requests.get` of the same URL with JSON decoding (target at most 1.15).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _support import API_PATH, configure, free_port, seed, serve, stop


def per_call(function: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - started) / calls


def compare(
    ours: Callable[[], object], bare: Callable[[], object], *, calls: int, rounds: int
) -> tuple[float, float]:
    """Median seconds per call of each, measured in alternating rounds."""
    ours_times, bare_times = [], []
    ours(), bare()  # warm up connections and caches
    for _ in range(rounds):
        ours_times.append(per_call(ours, calls))
        bare_times.append(per_call(bare, calls))
    return statistics.median(ours_times), statistics.median(bare_times)


def measure(email: str, password: str, api_url: str, rounds: int) -> None:
    import requests
    from django.conf import settings
    from django.core.cache import cache

    from history.api.query import Query
    from history.services import cdr_list, user_login
    from history.services.cache import data_key, invalidate

    credentials = user_login(email=email, password=password).credentials
    assert credentials is not None
    query = Query()

    # Cached: the same entry through the service, and straight out of the cache.
    settings.HISTORY_TTL_LIST = 3600
    cdr_list(credentials=credentials, query=query)
    key = data_key(credentials, "cdrs", f"list?{query.cache_part}")
    assert cache.get(key) is not None
    cached, bare_get = compare(
        lambda: cdr_list(credentials=credentials, query=query),
        lambda: cache.get(key),
        calls=2000,
        rounds=rounds,
    )

    # Uncached: a write's invalidation before each call makes it a cold miss that takes the
    # lock, fetches, parses the page into records and stores it (the bump is counted too).
    headers = {"X-Auth-Token": credentials.token}
    url = f"{api_url}/cdrs"

    def uncached_list() -> object:
        invalidate(credentials, "cdrs")
        return cdr_list(credentials=credentials, query=query)

    uncached, bare_http = compare(
        uncached_list,
        lambda: requests.get(url, params=query.params, headers=headers, timeout=20).json(),
        calls=30,
        rounds=rounds,
    )

    print(f"page of {query.limit} CDRs, median of {rounds} rounds")
    print(f"cached   cdr_list {cached * 1e6:8.1f} us   cache.get    {bare_get * 1e6:8.1f} us")
    print(f"uncached cdr_list {uncached * 1e3:8.2f} ms   requests.get {bare_http * 1e3:8.2f} ms")
    print(f"cached cdr_list / cache.get:           {cached / bare_get:.2f}  (target <= 3)")
    print(f"uncached cdr_list / requests.get+json: {uncached / bare_http:.2f}  (target <= 1.15)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cdrs", type=int, default=2000, help="CDRs in the seeded sandbox")
    parser.add_argument("--rounds", type=int, default=9, help="alternating rounds per ratio")
    options = parser.parse_args()

    port = free_port()
    api_url = f"http://127.0.0.1:{port}{API_PATH}"
    with tempfile.TemporaryDirectory(prefix="history-bench-") as workdir:
        configure(Path(workdir) / "sandbox.sqlite3", api_url)
        supervisor = seed(options.cdrs).supervisor
        server = serve(port, api_url)
        try:
            measure(supervisor.email, supervisor.password, api_url, options.rounds)
        finally:
            stop(server)


if __name__ == "__main__":
    main()
