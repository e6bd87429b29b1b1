"""How the sandbox's list query scales: a filtered, sorted /cdrs page at 1,000,000 CDRs vs 10,000.

    .venv/bin/python bench/sandbox_query.py [--small 10000] [--large 1000000] [--rounds 15]

It seeds one throwaway SQLite database per size in a temporary folder (the dev database is
never touched) and starts one worker process per database. Each worker asks the sandbox,
through Django's test client, for the first page of inbound calls of one whole day, newest
first (the dashboard's default view: one day, filtered by direction), as the demo supervisor
(an admin, so the whole customer's history is in play). The workers are driven in alternating
rounds, so that load from anything else on the machine falls on both sizes alike.

It prints each size's median and large / small: the target is at most 3, which holds when the
filter and the sort are served from an index rather than by scanning the table. The same page
over 7 days is printed for information: its `total` counts 100 times as many rows at the large
size, and counting them is the one cost an index cannot make independent of the data's size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from _support import API_PATH, ROOT, throwaway_environment

CDRS_PATH = f"{API_PATH}/cdrs"
TARGET_RATIO = 3.0
# The measured window (the target) and a wider one shown for information, in days.
WINDOWS = {"day": 1, "week": 7}
PAGE_SIZE = 50
REQUESTS_PER_ROUND = 4
WARM_UP = 5


def _environment(database: Path) -> dict[str, str]:
    env = throwaway_environment(database)
    # The workers reach the sandbox through Django's test client, not over HTTP.
    env.update(SANDBOX_ENABLED="true", ALLOWED_HOSTS="testserver", PYTHONWARNINGS="ignore")
    return env


def seed(database: Path, cdrs: int) -> float:
    """Migrate and seed one database; the seconds the seeding took."""
    env = _environment(database)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, cwd=ROOT, check=True)  # noqa: S603
    started = time.perf_counter()
    subprocess.run(  # noqa: S603
        [*manage, "sandbox_seed", "--cdrs", str(cdrs)], env=env, cwd=ROOT, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


class Worker:
    """A process serving one database, timing requests when told to."""

    def __init__(self, database: Path) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, __file__, "--worker"], env=_environment(database), cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.info = self._read()

    def _read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("a bench worker stopped; see its error above")
        return json.loads(line)

    def time_requests(self, window: str, count: int) -> list[float]:
        self.process.stdin.write(f"{window} {count}\n")
        self.process.stdin.flush()
        return self._read()["timings"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def work() -> None:
    """The worker's side: announce the data set, then answer `<window> <count>` lines."""
    import django

    django.setup()
    from django.test import Client

    from sandbox.models import Cdr, Token

    key = Token.objects.get(account__email="supervisor@example.com", kind="apikey").key
    newest = Cdr.objects.order_by("-calldate").values_list("calldate", flat=True)[0]
    # Whole days ending at the start of the newest record's day, moved back so that the last
    # one is a weekday (a busy day whenever the bench runs): the same hours at every size.
    end = newest.replace(hour=0, minute=0, second=0)
    while (end - timedelta(days=1)).weekday() >= 5:
        end -= timedelta(days=1)
    client = Client(HTTP_X_AUTH_TOKEN=key)
    params = {name: _page_params(end, days) for name, days in WINDOWS.items()}
    totals = {name: _get(client, params[name])["total"] for name in WINDOWS}
    for name in WINDOWS:
        for _ in range(WARM_UP):
            _get(client, params[name])
    print(json.dumps({"cdrs": Cdr.objects.count(), "totals": totals}), flush=True)
    for line in sys.stdin:
        window, count = line.split()
        timings = []
        for _ in range(int(count)):
            started = time.perf_counter()
            _get(client, params[window])
            timings.append(time.perf_counter() - started)
        print(json.dumps({"timings": timings}), flush=True)


def _page_params(end, days: int) -> dict[str, str]:
    conditions = [
        {"property": "type", "operator": "eq", "value": "I"},
        {"property": "calldate", "operator": "gte", "value": f"{end - timedelta(days=days)}"},
        {"property": "calldate", "operator": "lt", "value": f"{end}"},
    ]
    filter_json = json.dumps(conditions)
    return {"filter": filter_json, "sort": "calldate", "dir": "DESC", "limit": str(PAGE_SIZE)}


def _get(client, params: dict[str, str]) -> dict:
    response = client.get(CDRS_PATH, params)
    if response.status_code != 200:
        raise SystemExit(f"/cdrs answered {response.status_code}: {response.content[:300]!r}")
    body = response.json()
    if len(body["data"]) != PAGE_SIZE:
        raise SystemExit(f"expected a full page of {PAGE_SIZE}, got {len(body['data'])}")
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work()
        return

    sizes = (args.small, args.large)
    with tempfile.TemporaryDirectory(prefix="sandbox-bench-") as folder:
        workers = {}
        for cdrs in sizes:
            database = Path(folder) / f"sandbox-{cdrs}.sqlite3"
            print(f"{cdrs:>9,} CDRs seeded in {seed(database, cdrs):.1f} s", flush=True)
            workers[cdrs] = Worker(database)
        timings: dict[tuple[int, str], list[float]] = {}
        for _ in range(args.rounds):
            for window in WINDOWS:
                for cdrs in sizes:
                    found = workers[cdrs].time_requests(window, REQUESTS_PER_ROUND)
                    timings.setdefault((cdrs, window), []).extend(found)
        for worker in workers.values():
            worker.close()

    medians = {key: statistics.median(values) for key, values in timings.items()}
    for window, days in WINDOWS.items():
        print(f"Inbound calls of {days} day(s), calldate DESC, {PAGE_SIZE} a page:")
        for cdrs in sizes:
            total = workers[cdrs].info["totals"][window]
            print(
                f"  {cdrs:>9,} CDRs: median {medians[cdrs, window] * 1000:6.2f} ms "
                f"(total {total:,})"
            )
        ratio = medians[args.large, window] / medians[args.small, window]
        if window == "day":
            verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
            print(f"  ratio: {ratio:.2f} (target <= {TARGET_RATIO:g}) {verdict}")
        else:
            scale = args.large / args.small
            print(f"  ratio: {ratio:.2f} (for information: `total` counts {scale:g}x the rows)")


if __name__ == "__main__":
    main()
