"""What the benchmarks share: a throwaway sandbox database, its seeding, and a server for it.

Every benchmark works on its own SQLite file in a temporary folder, so the dev database is
never touched, and serves it with gunicorn in a subprocess so that the server does not
compete with the measuring process for the GIL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
API_PATH = "/sandbox/v1.1/voipstudio"


def throwaway_environment(database: Path) -> dict[str, str]:
    """This process's environment pointed at one throwaway database, with no fault switches."""
    # A HISTORY_API_URL would name a real upstream and switch the sandbox off.
    env = {key: value for key, value in os.environ.items() if key != "HISTORY_API_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="dashboard.settings",
        SANDBOX_FAULTS_ENABLED="false",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(database: Path, api_url: str) -> None:
    """Set up Django in this process on the throwaway database, the sandbox at `api_url`."""
    os.environ.pop("HISTORY_API_URL", None)
    os.environ.update(throwaway_environment(database))
    os.environ.update(SANDBOX_API_URL=api_url, CACHE_URL="locmemcache://bench")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(cdrs: int, days: int = 3):
    """Migrate the configured database and seed the demo data set; its `DemoSummary`."""
    from django.core.management import call_command

    from sandbox.demo import seed_demo

    call_command("migrate", interactive=False, verbosity=0)
    return seed_demo(cdrs=cdrs, days=days)


def gunicorn(
    port: int,
    *,
    env: dict[str, str],
    ready_url: str,
    workers: int = 1,
    threads: int = 4,
    keep_alive: int = 2,
) -> subprocess.Popen:
    """Start gunicorn serving this project with `env`; return once `ready_url` answers."""
    import requests

    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "dashboard.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
            "--log-level", "warning", "--timeout", "300", "--keep-alive", str(keep_alive),
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(ready_url, timeout=5).ok:
                return server
        # Refused until it listens; a first answer can be slow on a busy machine.
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    stop(server)
    raise SystemExit(f"the server on port {port} did not start within 60 s")


def serve(port: int, api_url: str, *, threads: int = 4) -> subprocess.Popen:
    """Start gunicorn (one worker) with this environment; return once the sandbox answers."""
    return gunicorn(port, env=os.environ.copy(), ready_url=f"{api_url}/ping", threads=threads)


def sign_in(base_url: str, email: str, password: str):
    """A `requests.Session` signed in through the login form, CSRF cookie and all."""
    import requests

    session = requests.Session()
    login_url = f"{base_url}/accounts/login/"
    session.get(login_url, timeout=30).raise_for_status()
    response = session.post(
        login_url,
        data={
            "email": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login_url},
        timeout=30,
    )
    if response.status_code != 200 or response.url.rstrip("/") != base_url:
        raise SystemExit(f"signing in failed: {response.status_code} at {response.url}")
    return session


def local_today() -> date:
    """Today in a new user's time zone: the dates the list filters read."""
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.utils import timezone

    return timezone.localdate(timezone=ZoneInfo(settings.DASHBOARD_DEFAULT_TIME_ZONE))


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)
