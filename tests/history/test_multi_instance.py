"""Two dashboard processes sharing Redis, over a sandbox process on PostgreSQL.

The shape of a production deployment: several instances of the dashboard behind a load
balancer, one shared cache, and the History API elsewhere. Concurrent identical misses in
different processes make one upstream call, a delete made in one process is gone from the next
list in another, and a supervisor's label set in one process shows on an agent's next list in
another. Needs the Redis and PostgreSQL of the multi-instance setup; without them these tests
are skipped (and fail on CI, where they must run).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from history.api.credentials import Credentials
from tests.sign_in import DEMO_AGENT, DEMO_SUPERVISOR, sign_in_upstream
from tests.subprocess_servers import SERVED_SETTINGS

pytestmark = pytest.mark.multi

ROOT = Path(__file__).resolve().parents[2]
# A Redis database number of its own, so flushing it never touches anyone else's keys.
REDIS_URL = os.environ.get("MULTI_REDIS_URL", "redis://127.0.0.1:6379/11")
# A server where a throwaway database may be created (from its `test` database).
POSTGRES = os.environ.get("MULTI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
API_PATH = "/sandbox/v1.1/voipstudio"
ACCOUNTS = {"supervisor": DEMO_SUPERVISOR, "agent": DEMO_AGENT}


def _require(service: str, url: str, default_port: int) -> None:
    where = urlsplit(url)
    address = (where.hostname or "127.0.0.1", where.port or default_port)
    try:
        socket.create_connection(address, timeout=1).close()
    except OSError as error:
        reason = f"{service} is not reachable at {address[0]}:{address[1]} ({error})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: the multi-instance tests must run on CI")
        pytest.skip(f"{reason}: start it to run the multi-instance tests")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "HISTORY_API_URL"}
    env.update(SERVED_SETTINGS)
    env.update({"DJANGO_SETTINGS_MODULE": "dashboard.settings", "LOG_LEVEL": "ERROR", **extra})
    return env


@pytest.fixture(scope="module")
def postgres_sandbox() -> Iterator[str]:
    """The sandbox served by gunicorn from its own throwaway PostgreSQL database."""
    _require("Redis", REDIS_URL, 6379)  # checked first: without it, no database is worth making
    _require("PostgreSQL", POSTGRES, 5432)
    import psycopg

    name = f"history_multi_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    port = _free_port()
    url = f"http://127.0.0.1:{port}{API_PATH}"
    env = _env(
        DATABASE_URL=f"{POSTGRES}/{name}",
        SANDBOX_API_URL=url,
        SANDBOX_FAULTS_ENABLED="true",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    seed = [*manage, "sandbox_seed", "--cdrs", "300", "--days", "3"]
    subprocess.run(seed, cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "dashboard.wsgi:application"]
    # One worker, so the sandbox's request counters see every request.
    options = ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "16"]
    server = subprocess.Popen([*gunicorn, *options], cwd=ROOT, env=env)
    try:
        _wait_until_up(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/ping", timeout=5).ok:
                return
        except requests.RequestException:  # not listening yet, or still loading Django
            time.sleep(0.2)
    pytest.fail("the PostgreSQL-backed sandbox did not start within 30 s")


@pytest.fixture
def shared_redis() -> Iterator[str]:
    _require("Redis", REDIS_URL, 6379)
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def instances(postgres_sandbox, shared_redis, settings):
    """Runs dashboard instances as separate processes sharing the Redis cache."""
    settings.HISTORY_API_URL = postgres_sandbox
    signed_in = {}
    for who, account in ACCOUNTS.items():
        credentials = sign_in_upstream(account)
        assert isinstance(credentials, Credentials)
        signed_in[who] = credentials
    requests.delete(f"{postgres_sandbox}/_faults", timeout=5)  # no faults, counters at zero
    return Instances(postgres_sandbox, shared_redis, signed_in)


class Instances:
    def __init__(self, api_url: str, cache_url: str, signed_in: dict[str, Credentials]) -> None:
        self.api_url = api_url
        self.signed_in = signed_in
        self.env = _env(CACHE_URL=cache_url, SANDBOX_API_URL=api_url)

    def start(self, *args: str, who: str = "supervisor") -> subprocess.Popen:
        """A dashboard process acting for `who`, their credentials as the session keeps them."""
        command = [sys.executable, "-m", "tests.history.multi_worker", *args]
        session = json.dumps(self.signed_in[who].to_session())
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env={**self.env, "HISTORY_SESSION": session},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, who: str = "supervisor") -> Any:
        process = self.start(*args, who=who)
        output, _ = process.communicate(timeout=60)
        assert process.returncode == 0, output
        return json.loads(output.splitlines()[-1])

    def upstream_calls(self, key: str) -> int:
        counters = requests.get(f"{self.api_url}/_faults/counters", timeout=5).json()["data"]
        return counters.get(key, 0)

    def slow_down(self, path: str, seconds: float) -> None:
        fault = {"kind": "latency", "path": path, "seconds": seconds}
        requests.post(f"{self.api_url}/_faults", json=fault, timeout=5).raise_for_status()


def test_it_makes_one_upstream_call_for_identical_misses_in_two_processes(instances):
    instances.slow_down(r"^/cdrs$", 0.5)  # keeps the first call in flight while others arrive
    processes = [instances.start("burst", "10") for _ in range(2)]
    for process in processes:
        assert process.stdout.readline().strip() == "ready"

    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    results = [json.loads(process.communicate(timeout=60)[0]) for process in processes]

    assert instances.upstream_calls("GET /cdrs") == 1
    totals = {total for result in results for total in result}
    assert len(totals) == 1 and len(results[0]) == len(results[1]) == 10


def test_it_drops_a_voicemail_deleted_in_one_process_from_the_next_list_in_another(instances):
    listed = instances.run("voicemail")
    assert instances.run("voicemail") == listed  # the second process reads the shared entry
    assert instances.upstream_calls("GET /voicemessages") == 1

    outcome = instances.run("delete", str(listed[0]))
    after = instances.run("voicemail")

    assert outcome == {"succeeded": [listed[0]], "failed": {}}
    assert listed[0] not in after
    assert instances.upstream_calls("GET /voicemessages") == 2


def test_it_shows_a_supervisors_label_in_one_process_on_the_agents_next_list_in_another(
    instances,
):
    listed = instances.run("calls", who="agent")
    assert instances.run("calls", who="agent") == listed  # the second process reads the entry
    assert instances.upstream_calls("GET /cdrs") == 1
    cdr_id, labels = listed[0]
    assert "escalated" not in labels

    outcome = instances.run("label", str(cdr_id), "escalated", who="supervisor")
    after = dict(instances.run("calls", who="agent"))

    assert outcome == {"succeeded": [cdr_id], "failed": {}}
    assert "escalated" in after[cdr_id]
    # One fresh read of the call's labels before writing them, then the agent's list once.
    assert instances.upstream_calls("GET /cdrs") == 3
