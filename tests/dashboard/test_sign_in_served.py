"""Signing in to served instances (gunicorn: processes of threads over a real database).

Twenty sign-ins at the same moment, on a SQLite file and on PostgreSQL: every one signs in,
none answers 500. The sandbox is served from the same database, as `make demo` does, so its
token writes compete with the dashboard's users, profiles and sessions, as at 9:00 on a shift.
And failed sign-ins count across two instances that share a Redis cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.history.test_multi_instance import (
    POSTGRES,
    REDIS_URL,
    ROOT,
    _env,
    _free_port,
    _require,
)
from tests.sign_in import DEMO_SUPERVISOR, post_sign_in

API_PATH = "/sandbox/v1.1/voipstudio"
SUPERVISOR = (DEMO_SUPERVISOR.email, DEMO_SUPERVISOR.password)
# Ten sign-ins of one user, ten of ten others (the seeded agents of the first customer).
PEOPLE = [SUPERVISOR] * 10 + [
    (f"agent{number:02d}@acme.example.com", f"acme-{number:02d}") for number in range(1, 11)
]


def _gunicorn(port: int, env: dict[str, str], *, workers: int, threads: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "dashboard.wsgi:application"]
    options = ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]
    return subprocess.Popen([*command, *options], cwd=ROOT, env=env)


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).ok:
                return
        except requests.RequestException:  # not listening yet, or still loading Django
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within 30 s")


def _serve(
    database_url: str, *, dashboards: int = 1, workers: int = 2, cache_url: str = ""
) -> Iterator[list[str]]:
    """Migrate and seed `database_url`; serve the sandbox from it in one gunicorn and the
    dashboard in `dashboards` others; yields the dashboards' base URLs.

    The sandbox has a server of its own, so that sign-ins holding every dashboard thread never
    wait on a sandbox stuck behind them in the same thread pool.
    """
    sandbox_port = _free_port()
    api_url = f"http://127.0.0.1:{sandbox_port}{API_PATH}"
    sandbox_env = _env(DATABASE_URL=database_url, SANDBOX_API_URL=api_url)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], cwd=ROOT, env=sandbox_env, check=True)
    seed = [*manage, "sandbox_seed", "--cdrs", "100", "--days", "2"]
    subprocess.run(seed, cwd=ROOT, env=sandbox_env, check=True, capture_output=True)
    # Without a shared cache each process keeps its own sign-in counts.
    cache = {"CACHE_URL": cache_url} if cache_url else {}
    dashboard_env = _env(DATABASE_URL=database_url, HISTORY_API_URL=api_url, **cache)
    ports = [_free_port() for _ in range(dashboards)]
    servers = [_gunicorn(sandbox_port, sandbox_env, workers=1, threads=24)]
    servers += [_gunicorn(port, dashboard_env, workers=workers, threads=10) for port in ports]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        _wait_for(f"{api_url}/ping")
        for base in bases:
            _wait_for(f"{base}/healthz")
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def sqlite_instance(tmp_path_factory) -> Iterator[str]:
    database = Path(tmp_path_factory.mktemp("concurrent")) / "db.sqlite3"
    for bases in _serve(f"sqlite:///{database}"):
        yield bases[0]


@pytest.fixture(scope="module")
def postgres_instance() -> Iterator[str]:
    _require("PostgreSQL", POSTGRES, 5432)
    import psycopg

    name = f"dashboard_sign_in_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        for bases in _serve(f"{POSTGRES}/{name}"):
            yield bases[0]
    finally:
        with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sign_in_at_once(base: str) -> tuple[list[int], list[requests.Session]]:
    """Every person of PEOPLE signs in at the same moment, each in a browser of their own."""
    sessions = [requests.Session() for _ in PEOPLE]
    statuses: list[int] = [0] * len(PEOPLE)
    start = threading.Barrier(len(PEOPLE))

    def sign_in(index: int) -> None:
        email, password = PEOPLE[index]
        answer = post_sign_in(sessions[index], base, email, password, ready=start)
        statuses[index] = answer.status_code

    threads = [threading.Thread(target=sign_in, args=(i,)) for i in range(len(PEOPLE))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses, sessions


def assert_everyone_signed_in(base: str) -> None:
    statuses, sessions = sign_in_at_once(base)
    assert statuses == [302] * len(PEOPLE), statuses
    # Each stays signed in, the ten sessions of one user included.
    pages = [session.get(f"{base}/settings/", allow_redirects=False) for session in sessions]
    assert [page.status_code for page in pages] == [200] * len(PEOPLE)


def test_twenty_simultaneous_sign_ins_on_sqlite(sqlite_instance):
    assert_everyone_signed_in(sqlite_instance)
    assert_everyone_signed_in(sqlite_instance)  # again, now that every profile exists


@pytest.mark.multi
def test_twenty_simultaneous_sign_ins_on_postgresql(postgres_instance):
    assert_everyone_signed_in(postgres_instance)
    assert_everyone_signed_in(postgres_instance)


@pytest.fixture(scope="module")
def instances_sharing_redis(tmp_path_factory) -> Iterator[list[str]]:
    _require("Redis", REDIS_URL, 6379)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    database = Path(tmp_path_factory.mktemp("shared-cache")) / "db.sqlite3"
    try:
        yield from _serve(f"sqlite:///{database}", dashboards=2, workers=1, cache_url=REDIS_URL)
    finally:
        redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.mark.multi
def test_failed_sign_ins_count_across_instances(instances_sharing_redis):
    first, second = instances_sharing_redis
    email, password = SUPERVISOR
    browser = requests.Session()
    for attempt in range(5):  # DASHBOARD_SIGNIN_MAX_FAILURES, alternating between instances
        base = (first, second)[attempt % 2]
        assert post_sign_in(browser, base, email, "wrong").status_code == 401
    for base in (first, second):
        refused = post_sign_in(requests.Session(), base, email, password)
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0
