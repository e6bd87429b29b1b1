"""One log line per request: its id, the user, the status, and the upstream calls it made; and
no line, at any level, that carries an upstream token or a password."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.request_log import JsonFormatter, RequestIdFilter
from dashboard.views.guards import SESSION_KEY
from history.api.credentials import Credentials
from tests.sign_in import sign_in

ROOT = Path(__file__).resolve().parent.parent.parent


def request_lines(caplog, path: str) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == "dashboard.requests" and getattr(record, "path", None) == path
    ]


def test_it_logs_one_line_with_the_id_the_user_and_the_upstream_calls(
    supervisor_client, caplog, demo_range
):
    caplog.set_level(logging.INFO, logger="dashboard.requests")
    response = supervisor_client.get("/calls/", demo_range, HTTP_X_REQUEST_ID="edge-4f2a.17")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "edge-4f2a.17"
    (line,) = request_lines(caplog, "/calls/")
    assert line.request_id == "edge-4f2a.17"
    assert line.method == "GET" and line.status == 200
    assert re.fullmatch(r"voipstudio-\d+", line.user)
    assert line.upstream_calls >= 1
    assert line.upstream_ms > 0
    assert line.duration_ms >= line.upstream_ms
    # The search (dates here; phone numbers or names as often) stays out of the log.
    assert demo_range["from"] not in line.getMessage()


def test_it_makes_up_an_id_when_the_offered_one_is_not_sane(client, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.requests")
    forged = "x\r\nINFO forged line"
    response = client.get("/healthz", HTTP_X_REQUEST_ID=forged)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    (line,) = request_lines(caplog, "/healthz")
    assert line.request_id == response["X-Request-ID"]
    assert line.user == "-" and line.upstream_calls == 0


def test_a_path_cannot_start_a_log_line_of_its_own(client, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.requests")
    client.get("/calls%0AINFO%20forged/")
    (line,) = [r for r in caplog.records if r.name == "dashboard.requests"]
    assert "\n" not in line.getMessage()
    assert "/calls%0AINFO%20forged/" in line.getMessage()


def test_it_logs_json_when_asked(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("LOG_")}
    env.update(LOG_FORMAT="json", LOG_LEVEL="INFO", ALLOWED_HOSTS="testserver")
    probe = (
        "import django; django.setup(); from django.test import Client; "
        "Client().get('/healthz', HTTP_X_REQUEST_ID='probe-1'); "
        "Client().get('/no-such-page/?number=442071234567', HTTP_X_REQUEST_ID='probe-2')"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    line, missing = [line for line in lines if line["logger"] == "dashboard.requests"]
    assert line["request_id"] == "probe-1"
    assert line["path"] == "/healthz" and line["status"] == 200
    assert line["user"] == "-" and line["upstream_calls"] == 0
    assert line["message"].startswith("GET /healthz 200 ")
    # Django's own line about the 404 comes after the middleware returned: it has the id too.
    (django_line,) = [line for line in lines if line["logger"] == "django.request"]
    assert missing["status"] == 404
    assert django_line["request_id"] == missing["request_id"] == "probe-2"
    assert "442071234567" not in result.stderr


@pytest.fixture
def every_log_line(caplog):
    """Every record of every logger at DEBUG, as text and as the JSON the log collector gets."""
    caplog.set_level(logging.DEBUG)
    formatter, request_ids = JsonFormatter(), RequestIdFilter()

    def lines() -> str:
        rendered = []
        for record in caplog.records:
            request_ids.filter(record)
            rendered += [record.getMessage(), formatter.format(record)]
        return "\n".join(rendered)

    return lines


def test_no_log_line_carries_a_token_or_a_password(
    client, sandbox_url, sandbox_demo, demo_range, settings, every_log_line
):
    # DEBUG also turns on Django's SQL logging, where the session (and its token) would show.
    settings.DEBUG = True
    supervisor = sandbox_demo.supervisor
    client.post("/accounts/login/", {"email": supervisor.email, "password": "wrong-password!"})
    sign_in(client, supervisor)
    token = Credentials.from_session(client.session[SESSION_KEY]).token
    records = sandbox_demo.records
    for path in (
        "/",
        "/calls/",
        f"/calls/{records.multi_leg_root_cdr}/",
        "/recordings/",
        f"/recordings/{records.monitor}/",
        f"/recordings/{records.monitor}.mp3",
        "/voicemail/",
        "/chats/",
        "/media-sessions/",
        "/audit/",
        "/settings/",
    ):
        assert client.get(path, demo_range).status_code in (200, 206), path
    client.post("/accounts/logout/")
    with_key = client.post("/accounts/login/", {"api_key": supervisor.api_key})
    assert with_key.status_code == 302

    logged = every_log_line()
    assert "dashboard.requests" in logged and "History API GET /cdrs" in logged
    for secret in (token, supervisor.password, "wrong-password!", supervisor.api_key):
        assert secret not in logged
