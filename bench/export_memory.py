"""Whether `/calls/export.csv` streams in flat memory: peak RSS growth, large vs small export.

    .venv/bin/python bench/export_memory.py [--cdrs 110000]

Seeds a throwaway sandbox with 30 days of calls and serves dashboard and sandbox (its upstream)
from one gunicorn worker. Signed in as the demo supervisor, it downloads the export of the
one day with about 2,000 calls and of the whole 30 days (about a hundred thousand), reading
the body as it streams and throwing it away. Around each export it resets the worker's peak
resident size (`/proc/<pid>/clear_refs`) and reads `VmRSS` before and `VmHWM` (the peak) after:
the growth is what that export cost the server at its worst moment. Both the dashboard's
side (walking the pages, writing CSV) and the sandbox's (answering each page) are in it.

It prints each export's rows, rows per second and growth, and large / small growth: the target
is close to 1, memory that does not grow with the number of rows.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _support import API_PATH, configure, free_port, local_today, seed, serve, sign_in, stop

CHUNK = 64 * 1024
SMALL_ROWS = 2_000
SEEDED_DAYS = 30


def export_ranges(customer_id: int) -> dict[str, tuple[date, date]]:
    """The small export: the one day whose calls come closest to SMALL_ROWS; the large one:
    every day seeded. Days in the supervisor's time zone, as the export's filter reads them."""
    from collections import Counter
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from sandbox.models import Cdr

    zone = ZoneInfo(settings.DASHBOARD_DEFAULT_TIME_ZONE)
    moments = Cdr.objects.filter(customer_id=customer_id).values_list("calldate", flat=True)
    per_day = Counter(moment.astimezone(zone).date() for moment in moments.iterator())
    small = min(per_day, key=lambda day: abs(per_day[day] - SMALL_ROWS))
    today = local_today()
    return {"small": (small, small), "large": (today - timedelta(days=SEEDED_DAYS), today)}


def worker_pid(master_pid: int) -> int:
    """The one gunicorn worker, the master's child, where the requests are served."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    if len(children) != 1:
        raise SystemExit(f"expected one gunicorn worker, found {children}")
    return int(children[0])


def status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/{pid}/status has no {field}")


def exported_rows() -> tuple[int, str]:
    """Rows the last export sent and how it ended, from its audit entry."""
    import re

    from dashboard.models import AuditEntry

    outcome = AuditEntry.objects.filter(action="call.export").order_by("-id").first().outcome
    return int(re.search(r"\((\d+) rows\)", outcome)[1]), outcome


def export(session, url: str, pid: int) -> dict[str, float]:
    """Download one export, timing it and measuring the worker's peak RSS growth."""
    # "5" resets the peak resident size to the current one (Linux >= 4.0).
    Path(f"/proc/{pid}/clear_refs").write_text("5")
    before = status_kib(pid, "VmRSS")
    started = time.perf_counter()
    with session.get(url, stream=True, timeout=120) as response:
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        received = sum(len(chunk) for chunk in response.iter_content(CHUNK))
    elapsed = time.perf_counter() - started
    growth = status_kib(pid, "VmHWM") - before
    rows, outcome = exported_rows()
    if not outcome.startswith("ok"):
        raise SystemExit(f"the export did not finish: {outcome}")
    return {"rows": rows, "bytes": received, "seconds": elapsed, "growth_kib": growth}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cdrs", type=int, default=110_000, help="CDRs in the seeded sandbox")
    options = parser.parse_args()

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="export-bench-") as workdir:
        configure(Path(workdir) / "sandbox.sqlite3", f"{base_url}{API_PATH}")
        started = time.perf_counter()
        summary = seed(options.cdrs, days=SEEDED_DAYS)
        print(f"{options.cdrs:,} CDRs seeded in {time.perf_counter() - started:.1f} s", flush=True)
        server = serve(port, f"{base_url}{API_PATH}")
        try:
            pid = worker_pid(server.pid)
            session = sign_in(base_url, summary.supervisor.email, summary.supervisor.password)
            urls = {
                name: f"{base_url}/calls/export.csv?from={first}&to={last}"
                for name, (first, last) in export_ranges(summary.main_customer_id).items()
            }
            # A first small export loads whatever the server builds lazily, so that the
            # measured ones see only their own cost.
            export(session, urls["small"], pid)
            results = {name: export(session, url, pid) for name, url in urls.items()}
        finally:
            stop(server)

    for name, result in results.items():
        print(
            f"{name:>5}: {result['rows']:>7,} rows, {result['bytes'] / 1e6:6.1f} MB in "
            f"{result['seconds']:5.1f} s = {result['rows'] / result['seconds']:7,.0f} rows/s, "
            f"peak RSS growth {result['growth_kib'] / 1024:6.1f} MiB"
        )
    small, large = results["small"], results["large"]
    rows_ratio = large["rows"] / small["rows"]
    growth_ratio = large["growth_kib"] / max(small["growth_kib"], 1)
    print(f"rows large / small:        {rows_ratio:.1f}")
    print(f"RSS growth large / small:  {growth_ratio:.2f}  (target: close to 1)")


if __name__ == "__main__":
    main()
