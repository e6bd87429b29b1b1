"""`make bench`: every speed figure of the dashboard, measured in one run, as ratios.

    .venv/bin/python bench/suite.py [--cdrs 1370000] [--days 366] [--latency 0.05]
                                    [--users 200] [--load-seconds 120] [--out PATH] [--smoke]

Seeds a throwaway sandbox (a call centre of about 100,000 calls a month for its main customer,
over a year), and serves it as the upstream from its own gunicorn process (one worker, so that
its latency switch applies to every request) with every answer delayed by `--latency`. The
dashboard is served by gunicorn with two workers and threads, sharing a throwaway Redis as its
cache, on a database of its own. Then, signed in as the demo supervisor like a browser:

- cold pages: every list and detail page, and a one-day overview, with the cache emptied
  before each view; time / injected latency (target <= 2.5: two round trips in sequence);
- the first ever 30-day overview (following its steps until every day is summed), over one
  client reading the same calls straight from the upstream in pages of 5,000 (<= 0.8);
- a 30-day overview on a later day (the closed days stored), over the cold one-day overview
  (<= 2), and a 366-day overview with its days stored, over the same (<= 3);
- an export of about 100,000 rows: rows/s over reading the same pages straight from the
  upstream (>= 0.8), and the workers' peak memory growth (<= 50 MB);
- warm list pages over `/healthz` on the same server (<= 5);
- coalescing: upstream calls for 50 identical concurrent cold requests, over those for one (1);
- load: locust, `--users` simulated supervisors over a mix of lists, filters, details, a
  recording played with seeks and voicemail moved; no 5xx, p50 and p99, and the workers'
  memory at the end within 10% of after the first half.

It prints every figure beside its target and writes them to `--out` (bench/results/latest.json).
`--smoke` runs the same steps at tiny sizes, without judging: `make test` runs it so it cannot rot.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _support import (
    API_PATH,
    ROOT,
    configure,
    free_port,
    gunicorn,
    local_today,
    seed,
    sign_in,
    stop,
)

RESULTS = ROOT / "bench" / "results" / "latest.json"
# The main customer makes 88% of the seeded calls: 1,370,000 over a year is about 100,000 a month.
FULL = {"cdrs": 1_370_000, "days": 366, "users": 200, "load_seconds": 120, "latency": 0.05}
SMOKE = {"cdrs": 400, "days": 4, "users": 4, "load_seconds": 10, "latency": 0.01}
UPSTREAM_PAGE = 5000
COLD_REPEATS = 3
WARM_ROUNDS = 8
CONCURRENT = 50
RESULTS_TARGET = "overview-results"
# Many threads of two servers write to SQLite at once (sign-ins, sessions, token renewals):
# wait for the lock rather than fail, take it up front, and let readers read while one writes.
SQLITE_OPTIONS = (
    "?timeout=60&transaction_mode=IMMEDIATE&init_command=PRAGMA%20journal_mode%3DWAL%3B"
)
# The overview counts calls by their first leg and says how many call records (legs) they are:
# the upstream's count of the range counts the records.
CALLS_FIGURE = re.compile(r"made of ([\d,]+) call record")


@dataclass
class Figure:
    name: str
    value: float
    target: str
    ok: bool | None
    detail: str = ""


def judge(value: float, target: str) -> bool:
    """`target` reads like "<= 2.5", ">= 0.8" or "== 1"."""
    operator, bound = target.split()
    limit = float(bound)
    return {"<=": value <= limit, ">=": value >= limit, "==": abs(value - limit) < 1e-9}[operator]


class Bench:
    def __init__(self, options: argparse.Namespace, workdir: Path) -> None:
        self.options = options
        self.workdir = workdir
        self.figures: list[Figure] = []
        self.servers: list[subprocess.Popen] = []

    def figure(self, name: str, value: float, target: str, detail: str = "") -> None:
        ok = None if self.options.smoke else judge(value, target)
        self.figures.append(Figure(name, round(value, 3), target, ok, detail))
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"  {name:<52} {value:10.2f}   target {target:<7} {verdict} {detail}", flush=True)

    # --- servers ------------------------------------------------------------------------

    def start(self) -> None:
        options, workdir = self.options, self.workdir
        self.sandbox_port, self.port, redis_port = free_port(), free_port(), free_port()
        self.api_url = f"http://127.0.0.1:{self.sandbox_port}{API_PATH}"
        self.base_url = f"http://127.0.0.1:{self.port}"
        sandbox_db = workdir / "sandbox.sqlite3"
        configure(sandbox_db, self.api_url)
        started = time.perf_counter()
        self.summary = seed(options.cdrs, days=options.days)
        analyze()
        print(f"{options.cdrs:,} CDRs over {options.days} days seeded in "
              f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
        self.redis = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server") or "redis-server", "--port", str(redis_port),
             "--save", "", "--appendonly", "no", "--logfile", str(workdir / "redis.log")],
        )  # fmt: skip
        self.redis_url = f"redis://127.0.0.1:{redis_port}/0"
        base = {key: value for key, value in os.environ.items() if key != "HISTORY_API_URL"}
        sandbox_env = {
            **base,
            "DATABASE_URL": f"sqlite:///{sandbox_db}{SQLITE_OPTIONS}",
            "SANDBOX_ENABLED": "true",
            "SANDBOX_FAULTS_ENABLED": "true",
            "SANDBOX_API_URL": self.api_url,
        }
        self.servers.append(
            gunicorn(
                self.sandbox_port, env=sandbox_env, ready_url=f"{self.api_url}/ping", threads=32
            )
        )
        dashboard_db = workdir / "dashboard.sqlite3"
        dashboard_env = {
            **base,
            "DATABASE_URL": f"sqlite:///{dashboard_db}{SQLITE_OPTIONS}",
            "HISTORY_API_URL": self.api_url,
            # Served as in production: a real upstream needs its hosts named and a key.
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SANDBOX_ENABLED": "false",
            "SANDBOX_FAULTS_ENABLED": "false",
            "CACHE_URL": self.redis_url,
            "MEDIA_CACHE_DIR": str(workdir / "media-cache"),
        }
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
            cwd=ROOT, env=dashboard_env, check=True,
        )  # fmt: skip
        self.dashboard = gunicorn(
            self.port,
            env=dashboard_env,
            ready_url=f"{self.base_url}/healthz",
            workers=2,
            threads=8,
            # Longer than a supervisor's pause between clicks, as behind a load balancer: a
            # connection the server closes while the client reuses it is not the app failing.
            keep_alive=30,
        )
        self.servers.append(self.dashboard)
        self.set_latency()
        account = self.summary.supervisor
        self.session = sign_in(self.base_url, account.email, account.password)
        self.api_key = account.api_key

    def stop(self) -> None:
        for server in reversed(self.servers):
            stop(server)
        if getattr(self, "redis", None):
            self.redis.terminate()
            self.redis.wait(timeout=10)

    def set_latency(self) -> None:
        import requests

        requests.delete(f"{self.api_url}/_faults", timeout=10).raise_for_status()
        fault = {"kind": "latency", "seconds": self.options.latency}
        requests.post(f"{self.api_url}/_faults", json=fault, timeout=10).raise_for_status()

    def upstream_calls(self) -> int:
        import requests

        counts = requests.get(f"{self.api_url}/_faults/counters", timeout=10).json()
        return sum(counts.get("data", counts).values())

    def empty_cache(self) -> None:
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()

    def workers(self) -> list[int]:
        pid = self.dashboard.pid
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    # --- measuring ----------------------------------------------------------------------

    def get(self, path: str, **headers: str) -> tuple[float, str]:
        started = time.perf_counter()
        response = self.session.get(f"{self.base_url}{path}", headers=headers, timeout=600)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
        return elapsed, response.text

    def cold(self, path: str) -> float:
        times = []
        for _ in range(COLD_REPEATS):
            self.empty_cache()
            times.append(self.get(path)[0])
        return statistics.median(times)

    def read_straight(self, first: date, last: date) -> tuple[int, float]:
        """Rows and seconds of one client reading the range from the upstream, page after page."""
        import requests

        from dashboard.search import day_bounds

        start, end = day_bounds(first, last, self.zone)
        conditions = [
            {"property": "calldate", "operator": "gte", "value": _utc(start)},
            {"property": "calldate", "operator": "lt", "value": _utc(end)},
        ]
        client = requests.Session()
        client.headers["X-Auth-Token"] = self.api_key
        rows, page, started = 0, 1, time.perf_counter()
        while True:
            params = {
                "filter": json.dumps(conditions),
                "sort": "calldate",
                "dir": "ASC",
                "limit": UPSTREAM_PAGE,
                "page": page,
            }
            answer = client.get(f"{self.api_url}/cdrs", params=params, timeout=600)
            answer.raise_for_status()
            body = answer.json()
            rows += len(body["data"])
            if rows >= body["total"] or not body["data"]:
                return rows, time.perf_counter() - started
            page += 1

    def overview(self, first: date, last: date) -> tuple[float, int, int]:
        """Seconds until every day of the range is summed, the calls shown, and the steps."""
        path = f"/?from={first}&to={last}"
        seconds, body = self.get(path)
        steps = 1
        while 'hx-trigger="load"' in body:
            elapsed, body = self.get(
                f"{path}&step=1", **{"HX-Request": "true", "HX-Target": RESULTS_TARGET}
            )
            seconds += elapsed
            steps += 1
        found = CALLS_FIGURE.search(body)
        calls = int(found[1].replace(",", "")) if found else -1
        return seconds, calls, steps

    def run(self) -> None:
        options = self.options
        from zoneinfo import ZoneInfo

        from django.conf import settings

        self.zone = ZoneInfo(settings.DASHBOARD_DEFAULT_TIME_ZONE)
        today = local_today()
        latency = options.latency
        print(f"figures (latency {latency * 1000:.0f} ms, dashboard: gunicorn 2 workers x 8 "
              f"threads, Redis cache)", flush=True)  # fmt: skip

        # Cold pages.
        paths = self.cold_paths(today)
        one_day = f"/?from={today}&to={today}"
        cold = {name: self.cold(path) for name, path in paths.items()}
        cold_one_day = self.cold(one_day)
        for name, seconds in cold.items():
            self.figure(f"cold {name} / latency", seconds / latency, "<= 2.5")
        self.figure("cold 1-day overview / latency", cold_one_day / latency, "<= 2.5")

        # Overviews at scale.
        month = min(30, options.days - 2)
        first, last = today - timedelta(days=month + 1), today - timedelta(days=2)
        self.empty_cache()
        seconds, calls, steps = self.overview(first, last)
        rows, straight = self.read_straight(first, last)
        if calls != rows:
            raise SystemExit(f"the overview shows {calls} calls; the upstream has {rows}")
        self.figure(
            f"first ever {month}-day overview / reading it straight",
            seconds / straight,
            "<= 0.8",
            f"({calls:,} calls, {steps} steps, {seconds:.1f} s vs {straight:.1f} s)",
        )
        self.empty_cache()
        later, _, _ = self.overview(today - timedelta(days=month - 1), today)
        self.figure(
            f"{month}-day overview on a later day / cold 1-day", later / cold_one_day, "<= 2"
        )
        year_first = today - timedelta(days=min(365, options.days - 1))
        filled, year_calls, year_steps = self.overview(year_first, today)
        summed = f"{year_steps} steps, {filled:.0f} s, {year_calls:,} calls"
        print(f"  (the year's first view: {summed})", flush=True)
        self.empty_cache()
        year, _, _ = self.overview(year_first, today)
        self.figure(
            f"{(today - year_first).days + 1}-day overview, days stored / cold 1-day",
            year / cold_one_day,
            "<= 3",
            f"({year_calls:,} calls)",
        )

        self.export(today - timedelta(days=month), today)
        self.warm(today)
        self.coalescing(paths["calls list, 7 days"])
        self.load(today)

    def cold_paths(self, today: date) -> dict[str, str]:
        from sandbox.models import Cdr

        records = self.summary.records
        week = f"from={today - timedelta(days=6)}&to={today}"
        customer = self.summary.main_customer_id
        number = (
            Cdr.objects.filter(customer_id=customer, type="I").order_by("-id").values_list("src")
        )[0][0][-6:]
        return {
            "calls list, 7 days": f"/calls/?{week}",
            "calls list, number search": f"/calls/?{week}&number={number}",
            "calls list, two directions": f"/calls/?from={today}&to={today}&type=I&type=M",
            "call tracking list": f"/calls/tracking/?{week}",
            "recordings list": f"/recordings/?{week}",
            "voicemail list": "/voicemail/",
            "chats list": f"/chats/?{week}",
            "media sessions list": f"/media-sessions/?{week}",
            "one call": f"/calls/{records.multi_leg_root_cdr}/",
            "one recording": f"/recordings/{records.monitor}/",
            "one voicemail": f"/voicemail/{records.voicemail_in_inbox}/",
            "one chat": f"/chats/{records.chat_with_script}/",
            "one media session": f"/media-sessions/{records.msdr}/",
        }

    def export(self, first: date, last: date) -> None:
        workers = self.workers()
        for pid in workers:
            # "5" resets the peak resident size to the current one (Linux >= 4.0).
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        before = {pid: _status_kib(pid, "VmRSS") for pid in workers}
        started = time.perf_counter()
        url = f"{self.base_url}/calls/export.csv?from={first}&to={last}"
        with self.session.get(url, stream=True, timeout=900) as response:
            response.raise_for_status()
            lines = sum(chunk.count(b"\n") for chunk in response.iter_content(64 * 1024))
        seconds = time.perf_counter() - started
        growth = max(_status_kib(pid, "VmHWM") - before[pid] for pid in workers) / 1024
        rows = lines - 1
        straight_rows, straight = self.read_straight(first, last)
        self.figure(
            f"export of {rows:,} rows: rows/s / reading straight",
            (rows / seconds) / (straight_rows / straight),
            ">= 0.8",
            f"({rows / seconds:,.0f} vs {straight_rows / straight:,.0f} rows/s)",
        )
        self.figure("export: worker peak memory growth, MB", growth, "<= 50")

    def warm(self, today: date) -> None:
        week = f"from={today - timedelta(days=6)}&to={today}"
        pages = {
            "calls list": f"/calls/?{week}&type=I",
            "recordings list": f"/recordings/?{week}",
            "voicemail list": "/voicemail/",
            "/healthz": "/healthz",
        }
        for path in pages.values():
            self.get(path)
            self.get(path)
        timings: dict[str, list[float]] = {name: [] for name in pages}
        for _ in range(WARM_ROUNDS):
            for name, path in pages.items():
                timings[name].extend(self.get(path)[0] for _ in range(3))
        baseline = statistics.median(timings.pop("/healthz"))
        for name, values in timings.items():
            self.figure(f"warm {name} / healthz", statistics.median(values) / baseline, "<= 5")

    def coalescing(self, path: str) -> None:
        import requests

        def views(count: int) -> int:
            self.empty_cache()
            requests.delete(f"{self.api_url}/_faults/counters", timeout=10)
            self.set_latency()
            before = self.upstream_calls()
            sessions = []
            for _ in range(count):
                session = requests.Session()
                session.cookies.update(self.session.cookies)
                sessions.append(session)
            url = f"{self.base_url}{path}"
            with ThreadPoolExecutor(count) as pool:
                statuses = list(pool.map(lambda s: s.get(url, timeout=300).status_code, sessions))
            if set(statuses) != {200}:
                raise SystemExit(f"coalescing: answers {sorted(set(statuses))}")
            return self.upstream_calls() - before

        alone, together = views(1), views(CONCURRENT)
        self.figure(
            f"coalescing: upstream calls, {CONCURRENT} concurrent / 1",
            together / alone,
            "== 1",
            f"({together} vs {alone})",
        )

    def load(self, today: date) -> None:
        from sandbox.models import Cdr, Monitor, Voicemessage

        customer = self.summary.main_customer_id

        def newest(model, count: int) -> list[int]:
            rows = model.objects.filter(customer_id=customer).order_by("-id")
            return list(rows.values_list("id", flat=True)[:count])

        ids = {
            "cdrs": newest(Cdr, 300),
            "monitors": newest(Monitor, 100),
            "voicemessages": newest(Voicemessage, 100),
            "today": today.isoformat(),
            "email": self.summary.supervisor.email,
            "password": self.summary.supervisor.password,
        }
        ids_file = self.workdir / "load-ids.json"
        ids_file.write_text(json.dumps(ids))
        out = self.workdir / "load-out.json"
        seconds = self.options.load_seconds
        env = {**os.environ, "BENCH_LOAD_IDS": str(ids_file), "BENCH_LOAD_OUT": str(out)}
        self.empty_cache()
        self.set_latency()
        locust = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "--users", str(self.options.users),
             "--spawn-rate", str(max(1, self.options.users // 10)),
             "--run-time", f"{seconds}s", "--host", self.base_url, "--only-summary",
             "--loglevel", "WARNING", "--stop-timeout", "30"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=(self.workdir / "locust.log").open("w"),
        )  # fmt: skip
        time.sleep(seconds / 2)
        halfway = sum(_status_kib(pid, "VmRSS") for pid in self.workers())
        locust.wait(timeout=seconds * 2 + 120)
        end = sum(_status_kib(pid, "VmRSS") for pid in self.workers())
        result = json.loads(out.read_text())
        detail = (
            f"({result['requests']:,} requests, p50 {result['p50_ms']:.0f} ms, "
            f"p99 {result['p99_ms']:.0f} ms; answers by status: {result['statuses']})"
        )
        users = self.options.users
        self.figure(f"load, {users} supervisors: 5xx answers", result["5xx"], "== 0", detail)
        self.figure("load: requests without an answer", result["no_answer"], "== 0")
        self.figure("load: p50 response, ms", result["p50_ms"], ">= 0", "(reported)")
        self.figure("load: p99 response, ms", result["p99_ms"], ">= 0", "(reported)")
        self.figure(
            "load: worker memory at the end / after the first half",
            end / halfway,
            "<= 1.1",
            f"({halfway / 1024:.0f} MB, then {end / 1024:.0f} MB)",
        )

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "options": vars(self.options),
            "figures": [asdict(figure) for figure in self.figures],
        }
        path.write_text(json.dumps(data, indent=2) + "\n")
        print(f"written to {path}")


def analyze() -> None:
    """Give SQLite's planner the statistics of the freshly seeded tables, as a database that
    has been in use has: without them it reads a recording by `live_id` through the index of
    the customer (every recording of the customer), which no real upstream does."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/{pid}/status has no {field}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, no targets judged")
    parser.add_argument("--cdrs", type=int, help="CDRs seeded")
    parser.add_argument("--days", type=int, help="days of calls seeded")
    parser.add_argument("--latency", type=float, help="seconds added to every upstream answer")
    parser.add_argument("--users", type=int, help="simulated supervisors in the load figure")
    parser.add_argument("--load-seconds", type=int, help="length of the load figure")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the figures")
    options = parser.parse_args()
    for key, value in (SMOKE if options.smoke else FULL).items():
        if getattr(options, key) is None:
            setattr(options, key, value)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        bench = Bench(options, Path(workdir))
        try:
            bench.start()
            bench.run()
        finally:
            bench.stop()
    options.out = str(options.out)
    bench.write(Path(options.out))
    missed = [figure.name for figure in bench.figures if figure.ok is False]
    print(f"{len(bench.figures)} figures in {time.perf_counter() - started:.0f} s; "
          f"{len(missed)} missed their target", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
