"""How fast the dashboard's pages are on the second look, as ratios to a bare Django view.

    .venv/bin/python bench/page_cached.py [--cdrs 20000] [--rounds 15]

Seeds a throwaway sandbox, serves dashboard and sandbox (the dashboard's upstream) from one
gunicorn process with threads, signs in as the demo supervisor like a browser does (CSRF cookie,
then the login form) and views each page once to fill the cache. Then, in interleaved rounds so
that load from anything else on the machine falls on every page alike, it times each page again
(answered from the cache) and `/healthz` (a minimal Django view on the same server), and prints
each page's median divided by `/healthz`'s median. The target is at most 5 for the lists: what a
cached page costs beyond the server's own is rendering it, not fetching or recomputing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from _support import API_PATH, configure, free_port, local_today, seed, serve, sign_in, stop

TARGET_RATIO = 5.0
BASELINE = "/healthz"
REQUESTS_PER_ROUND = 3


def pages(cdr_id: int) -> dict[str, str]:
    """The pages measured, by name: each a path with its query."""
    today = local_today()
    week_ago = today - timedelta(days=6)
    return {
        "calls (7 days, inbound)": f"/calls/?from={week_ago}&to={today}&type=I&page=1",
        "recordings": "/recordings/",
        "voicemail": "/voicemail/",
        "one call": f"/calls/{cdr_id}/",
    }


def timed_get(session, url: str) -> float:
    started = time.perf_counter()
    response = session.get(url, timeout=60)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def measure(session, base_url: str, paths: dict[str, str], rounds: int) -> dict[str, float]:
    """Median seconds per page, the cache filled first, in interleaved rounds."""
    urls = {name: f"{base_url}{path}" for name, path in {**paths, BASELINE: BASELINE}.items()}
    for url in urls.values():
        # The first look fills the cache; the second warms anything lazily built in the server.
        timed_get(session, url)
        timed_get(session, url)
    timings: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(rounds):
        for name, url in urls.items():
            timings[name].extend(timed_get(session, url) for _ in range(REQUESTS_PER_ROUND))
    return {name: statistics.median(values) for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cdrs", type=int, default=20_000, help="CDRs in the seeded sandbox")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds")
    options = parser.parse_args()

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="page-bench-") as workdir:
        configure(Path(workdir) / "sandbox.sqlite3", f"{base_url}{API_PATH}")
        # A second look within one run must not miss because a list outlived its lifetime.
        os.environ.update(HISTORY_TTL_LIST="3600", HISTORY_TTL_RECORD="3600")
        started = time.perf_counter()
        summary = seed(options.cdrs, days=30)
        print(f"{options.cdrs:,} CDRs seeded in {time.perf_counter() - started:.1f} s")
        server = serve(port, f"{base_url}{API_PATH}")
        try:
            supervisor = summary.supervisor
            session = sign_in(base_url, supervisor.email, supervisor.password)
            paths = pages(summary.records.cdr_with_recording)
            medians = measure(session, base_url, paths, options.rounds)
        finally:
            stop(server)

    baseline = medians.pop(BASELINE)
    print(f"second look, median of {options.rounds * REQUESTS_PER_ROUND} requests each")
    print(f"  {BASELINE:<24} {baseline * 1000:7.2f} ms")
    for name, median in medians.items():
        ratio = median / baseline
        verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(f"  {name:<24} {median * 1000:7.2f} ms  ratio {ratio:5.2f}  {verdict}")
    print(f"(ratio = page / {BASELINE}; target <= {TARGET_RATIO:g} for the lists)")


if __name__ == "__main__":
    main()
