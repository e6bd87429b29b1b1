"""`/healthz` stays fast while one person floods the dashboard with heavy requests.

A functional test of isolation, not a benchmark: the dashboard runs under gunicorn with a few
threads, as in production, over a sandbox whose every answer is slowed down; one signed-in user
sends bursts of full-page delete previews. Each would hold a worker thread for as long as its
upstream calls take; the per-request budget, the few-calls preview and the per-user heavy-work
slot keep most threads free, so the load balancer's liveness check is answered at once. The
check's time under load is compared with its time before, as a ratio with a generous bound.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from collections.abc import Iterator

import pytest
import requests

from tests.sign_in import DEMO_SUPERVISOR, sign_in_http
from tests.subprocess_servers import free_port, manage, project_env, serving

API_PATH = "/sandbox/v1.1/voipstudio"
THREADS = 8
# Seconds every sandbox answer waits: a slow upstream, as seen across the internet.
LATENCY = 0.3
# How much slower `/healthz` may be under the flood than before it; a thread pool held by
# the flood makes it wait for seconds, hundreds of times its usual few milliseconds.
RATIO_LIMIT = 50
# Timings below this are noise on a shared machine: the ratio is taken against at least it.
BASELINE_FLOOR = 0.01


def _gunicorn(port: int, threads: int) -> list[str]:
    command = [sys.executable, "-m", "gunicorn", "dashboard.wsgi:application"]
    options = ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", str(threads)]
    return [*command, *options, "--timeout", "120", "--log-level", "warning"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(dashboard URL, sandbox API URL): two gunicorn processes over one seeded SQLite file,
    the dashboard reaching the sandbox over HTTP as it would reach VoIPstudio."""
    folder = tmp_path_factory.mktemp("isolation")
    sandbox_port, dashboard_port = free_port(), free_port()
    api = f"http://127.0.0.1:{sandbox_port}{API_PATH}"
    dashboard = f"http://127.0.0.1:{dashboard_port}"
    sandbox_env = project_env(folder, SANDBOX_FAULTS_ENABLED="true")
    manage(sandbox_env, "migrate", "--verbosity", "0")
    manage(sandbox_env, "sandbox_seed", "--cdrs", "300", "--days", "3")
    # The dashboard alone, as in production: HISTORY_API_URL names the upstream.
    dashboard_env = project_env(folder, HISTORY_API_URL=api)
    with (
        serving(_gunicorn(sandbox_port, 32), sandbox_env, f"{api}/ping", folder / "sandbox.log"),
        serving(
            _gunicorn(dashboard_port, THREADS),
            dashboard_env,
            f"{dashboard}/healthz",
            folder / "dashboard.log",
        ),
    ):
        yield dashboard, api


def _healthz_seconds(dashboard: str, samples: int) -> list[float]:
    timings = []
    for _ in range(samples):
        started = time.monotonic()
        assert requests.get(f"{dashboard}/healthz", timeout=60).status_code == 200
        timings.append(time.monotonic() - started)
        time.sleep(0.05)
    return timings


def test_healthz_stays_fast_while_one_user_floods_heavy_requests(servers):
    dashboard, api = servers
    signed_in = sign_in_http(dashboard, DEMO_SUPERVISOR)
    session, token = signed_in.session, signed_in.csrf_token
    baseline = statistics.median(_healthz_seconds(dashboard, samples=10))
    requests.delete(f"{api}/_faults", timeout=10)
    requests.post(f"{api}/_faults", json={"kind": "latency", "seconds": LATENCY}, timeout=10)
    # A full page of ids: before, one upstream call per id.
    hostile = {"ids": [str(i) for i in range(1, 251)], "csrfmiddlewaretoken": token}
    stop = threading.Event()
    statuses: list[int] = []

    def flood() -> None:
        while not stop.is_set():
            try:
                answer = session.post(f"{dashboard}/delete/recordings/", data=hostile, timeout=120)
                statuses.append(answer.status_code)
            except requests.RequestException:
                statuses.append(0)

    flooders = [threading.Thread(target=flood) for _ in range(THREADS)]
    for thread in flooders:
        thread.start()
    try:
        time.sleep(1.0)  # let the flood take hold of the workers
        under_load = statistics.median(_healthz_seconds(dashboard, samples=5))
    finally:
        stop.set()
        for thread in flooders:
            thread.join(timeout=180)
        requests.delete(f"{api}/_faults", timeout=10)

    ratio = under_load / max(baseline, BASELINE_FLOOR)
    print(f"healthz: {baseline * 1000:.1f} ms before, {under_load * 1000:.1f} ms under the flood")
    assert ratio < RATIO_LIMIT, f"/healthz was {ratio:.0f} times slower under the flood"
    # The flood was refused politely, never with an error.
    assert statuses and set(statuses) <= {200, 429}
    assert 429 in statuses
