"""`/readyz` says whether this instance can serve: the database, the cache and the upstream,
naming the one that fails; `/healthz` only says the process is alive."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/readyz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def closed_port() -> int:
    """A port on which nothing listens: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def readyz_in_a_fresh_process(**environment: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HISTORY_API_URL", "DATABASE_URL", "CACHE_URL", "SANDBOX_API_URL")
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="dashboard.settings", ALLOWED_HOSTS="testserver")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_is_ready_when_everything_answers(client, sandbox_url):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "upstream": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "fault",
    [
        lambda faults: faults.status(503, path=r"^/ping$"),
        lambda faults: faults.html(status=502, path=r"^/ping$"),
        lambda faults: faults.drop(path=r"^/ping$"),
    ],
    ids=["503", "html", "dropped"],
)
def test_it_names_the_upstream_when_it_fails(client, sandbox_url, sandbox_faults, fault):
    fault(sandbox_faults)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["upstream"]
    assert body["checks"]["database"] == body["checks"]["cache"] == "ok"
    assert body["checks"]["upstream"] != "ok"


def test_healthz_stays_alive_while_the_upstream_fails(client, sandbox_url, sandbox_faults):
    sandbox_faults.status(503)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert sandbox_faults.count(r"^/ping$", method="GET") == 0


def test_it_names_the_cache_when_it_cannot_be_reached(live_server, sandbox_url, tmp_path):
    found = readyz_in_a_fresh_process(
        SANDBOX_API_URL=sandbox_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_URL=f"redis://127.0.0.1:{closed_port()}/0",
    )
    assert found["status"] == 503
    assert found["body"]["failing"] == ["cache"]
    assert found["body"]["checks"]["upstream"] == "ok"


def test_it_names_the_database_when_it_cannot_be_opened(live_server, sandbox_url, tmp_path):
    found = readyz_in_a_fresh_process(
        SANDBOX_API_URL=sandbox_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'missing-folder' / 'db.sqlite3'}",
    )
    assert found["status"] == 503
    assert found["body"]["failing"] == ["database"]
    assert found["body"]["checks"]["cache"] == "ok"
