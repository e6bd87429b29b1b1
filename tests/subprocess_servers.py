"""The project served by a real server in a subprocess (runserver, gunicorn, `manage.py demo`),
each on a free port with its own SQLite file (signing in through one: tests/sign_in.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
# Settings that would point the dashboard somewhere other than its embedded sandbox.
UPSTREAM_SETTINGS = ("HISTORY_API_URL", "SANDBOX_API_URL", "SANDBOX_ENABLED")
# A served instance pointed at a real upstream must name its hosts and have a key of its own,
# as in production; these are the values every test server gets.
SERVED_SETTINGS = {
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECRET_KEY": "a-key-for-test-servers-only-" + "x" * 40,
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def project_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """This environment on a database of its own, with the embedded sandbox as the upstream."""
    env = {key: value for key, value in os.environ.items() if key not in UPSTREAM_SETTINGS}
    env.update(
        SERVED_SETTINGS,
        DATABASE_URL=f"sqlite:///{tmp_path / 'project.sqlite3'}",
        MEDIA_CACHE_DIR=str(tmp_path / "media"),
        ARCHIVE_DIR=str(tmp_path / "archive"),
        DJANGO_SETTINGS_MODULE="dashboard.settings",
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="ERROR",
        **extra,
    )
    return env


def manage(env: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


@dataclass
class Served:
    """A server running in a subprocess; its output so far, from a file a pipe could not fill."""

    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text()


def start(command: Sequence[str], env: dict[str, str], log: Path) -> Served:
    with log.open("w") as sink:
        process = subprocess.Popen(
            list(command), cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, text=True
        )
    return Served(process, log)


def stop(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@contextmanager
def serving(
    command: Sequence[str], env: dict[str, str], probe_url: str, log: Path
) -> Iterator[Served]:
    """Runs `command` until the block ends, once `probe_url` answers."""
    served = start(command, env, log)
    try:
        wait_for(probe_url, served.process)
        yield served
    finally:
        stop(served)
