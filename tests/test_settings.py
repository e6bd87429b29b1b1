"""Settings from the environment: the sandbox exists only when no real upstream is configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
try:
    resolve("/sandbox/v1.1/voipstudio/ping")
    routed = True
except Resolver404:
    routed = False
print(json.dumps({
    "sandbox_enabled": settings.SANDBOX_ENABLED,
    "upstream": settings.HISTORY_API_URL,
    "routed": routed,
    "status": Client(HTTP_HOST="localhost").post("/sandbox/v1.1/voipstudio/login").status_code,
}))
"""


def probe(**environment: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("HISTORY_API_URL", "SANDBOX_ENABLED")}
    env.update(environment, DJANGO_SETTINGS_MODULE="dashboard.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_serves_the_sandbox_when_no_upstream_is_configured():
    found = probe()
    assert found["sandbox_enabled"] is True
    assert found["routed"] is True
    assert found["upstream"].endswith("/sandbox/v1.1/voipstudio")


def test_it_has_no_sandbox_urls_when_a_real_upstream_is_configured():
    found = probe(
        HISTORY_API_URL="https://l7api.com/v1.1/voipstudio",
        ALLOWED_HOSTS="localhost",
        SECRET_KEY="a-key-of-this-deployment-only-" + "x" * 30,
    )
    assert found == {
        "sandbox_enabled": False,
        "upstream": "https://l7api.com/v1.1/voipstudio",
        "routed": False,
        "status": 404,
    }


def settings_start(**environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in environment}
    env.update(environment, DJANGO_SETTINGS_MODULE="dashboard.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_it_refuses_a_yes_no_setting_that_is_neither():
    started = settings_start(DEBUG="yes-please")

    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "DEBUG" in started.stderr and "yes-please" in started.stderr


def test_it_reads_the_usual_words_for_yes_and_no():
    for word, meaning in (("true", True), ("On", True), ("1", True), ("no", False), ("", False)):
        started = settings_start(DEBUG=word)
        assert started.returncode == 0, started.stderr
        assert started.stdout.strip().splitlines()[-1] == str(meaning)
