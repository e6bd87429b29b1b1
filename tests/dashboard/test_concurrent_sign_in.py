"""Twenty sign-ins at the same moment, against a served instance (gunicorn, two processes of
threads), on a SQLite file and on PostgreSQL: every one signs in, none answers 500.

The instance serves the sandbox from the same database, as `make demo` does, so the sandbox's
token writes compete with the dashboard's users, profiles and sessions, as at 9:00 on a shift.
"""

from __future__ import annotations

import os
import re
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
    ROOT,
    _env,
    _free_port,
    _require,
)

API_PATH = "/sandbox/v1.1/voipstudio"
SUPERVISOR = ("supervisor@example.com", "demo-supervisor")
# Ten sign-ins of one user, ten of ten others (the seeded agents of the first customer).
PEOPLE = [SUPERVISOR] * 10 + [
    (f"agent{number:02d}@acme.example.com", f"acme-{number:02d}") for number in range(1, 11)
]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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


def _serve(database_url: str) -> Iterator[str]:
    """Migrate and seed `database_url`; serve the sandbox from it in one gunicorn and the
    dashboard in another (two processes of threads); yields the dashboard's base URL.

    Two servers, so that twenty sign-ins holding every dashboard thread never wait on a
    sandbox stuck behind them in the same thread pool.
    """
    sandbox_port, dashboard_port = _free_port(), _free_port()
    api_url = f"http://127.0.0.1:{sandbox_port}{API_PATH}"
    sandbox_env = _env(DATABASE_URL=database_url, SANDBOX_API_URL=api_url)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], cwd=ROOT, env=sandbox_env, check=True)
    seed = [*manage, "sandbox_seed", "--cdrs", "100", "--days", "2"]
    subprocess.run(seed, cwd=ROOT, env=sandbox_env, check=True, capture_output=True)
    # Each dashboard process counts its own sign-in failures: these are all meant to succeed.
    dashboard_env = _env(DATABASE_URL=database_url, HISTORY_API_URL=api_url)
    servers = [
        _gunicorn(sandbox_port, sandbox_env, workers=1, threads=24),
        _gunicorn(dashboard_port, dashboard_env, workers=2, threads=10),
    ]
    try:
        base = f"http://127.0.0.1:{dashboard_port}"
        _wait_for(f"{api_url}/ping")
        _wait_for(f"{base}/healthz")
        yield base
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def sqlite_instance(tmp_path_factory) -> Iterator[str]:
    database = Path(tmp_path_factory.mktemp("concurrent")) / "db.sqlite3"
    yield from _serve(f"sqlite:///{database}")


@pytest.fixture(scope="module")
def postgres_instance() -> Iterator[str]:
    _require("PostgreSQL", POSTGRES, 5432)
    import psycopg

    name = f"dashboard_sign_in_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield from _serve(f"{POSTGRES}/{name}")
    finally:
        with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sign_in_at_once(base: str) -> tuple[list[int], list[requests.Session]]:
    """Every person of PEOPLE signs in at the same moment, each in a browser of their own."""
    sessions = [requests.Session() for _ in PEOPLE]
    statuses: list[int] = [0] * len(PEOPLE)
    start = threading.Barrier(len(PEOPLE))

    def sign_in(index: int) -> None:
        browser = sessions[index]
        form = browser.get(f"{base}/accounts/login/", timeout=30)
        token = CSRF_FIELD.search(form.text).group(1)
        email, password = PEOPLE[index]
        start.wait(timeout=30)
        answer = browser.post(
            f"{base}/accounts/login/",
            {"csrfmiddlewaretoken": token, "email": email, "password": password},
            allow_redirects=False,
            timeout=60,
        )
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
