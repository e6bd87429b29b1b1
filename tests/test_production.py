"""Production mode: the app starts only when configured safely, and `check --deploy` is clean
under the settings the README documents. Each case starts a fresh Python, as a deploy would."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_UPSTREAM = "https://l7api.com/v1.1/voipstudio"
A_SECRET_KEY = secrets.token_urlsafe(50)
# Everything that shapes the settings: the test's own environment must not leak in.
SETTINGS_VARIABLES = re.compile(
    r"^(SECRET_KEY|DEBUG|ALLOWED_HOSTS|HISTORY_API_URL|SANDBOX_\w+|SECURE_\w+|SESSION_\w+|"
    r"CSRF_\w+|LOG_\w+|DATABASE_URL|CACHE_URL|DJANGO_ALLOW_ASYNC_UNSAFE)$"
)


def run_django(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not SETTINGS_VARIABLES.match(key)}
    env.update(environment, DJANGO_SETTINGS_MODULE="dashboard.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def readme_environment_file() -> str:
    """The environment file of the README's production section, as written there."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(# (?:\S*)dashboard\.env\n.*?)```", section, re.S)
    assert block, "the README's production section has no environment file"
    return block.group(1)


def readme_production_environment() -> dict[str, str]:
    """The `NAME=value` lines of that file."""
    return dict(re.findall(r"^([A-Z_]+)=(\S*)$", readme_environment_file(), re.M))


@pytest.mark.parametrize(
    "environment, variable",
    [
        ({"HISTORY_API_URL": REAL_UPSTREAM, "ALLOWED_HOSTS": "calls.example.com"}, "SECRET_KEY"),
        ({"HISTORY_API_URL": REAL_UPSTREAM, "SECRET_KEY": A_SECRET_KEY}, "ALLOWED_HOSTS"),
        (
            {
                "HISTORY_API_URL": REAL_UPSTREAM,
                "SECRET_KEY": "insecure-development-key-change-me-in-production",
                "ALLOWED_HOSTS": "calls.example.com",
            },
            "SECRET_KEY",
        ),
        # The sandbox served to other machines: its sessions still need a key of their own.
        ({"ALLOWED_HOSTS": "calls.example.com"}, "SECRET_KEY"),
        ({"HISTORY_API_URL": REAL_UPSTREAM}, "ALLOWED_HOSTS"),
    ],
)
def test_it_refuses_to_start_with_public_defaults(environment, variable):
    result = run_django("check", **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"{variable} is" in last_line and f"Set {variable}" in last_line, last_line


@pytest.mark.parametrize(
    "environment",
    [
        {},  # make demo, make test: the sandbox on this machine
        {"ALLOWED_HOSTS": "127.0.0.1,localhost"},
        {"ALLOWED_HOSTS": "calls.example.com", "SECRET_KEY": A_SECRET_KEY},
        {
            "HISTORY_API_URL": REAL_UPSTREAM,
            "ALLOWED_HOSTS": "calls.example.com",
            "SECRET_KEY": A_SECRET_KEY,
        },
        # A developer's own machine, against the real service.
        {"HISTORY_API_URL": REAL_UPSTREAM, "DEBUG": "true"},
    ],
)
def test_it_starts_when_configured_or_local(environment):
    result = run_django("check", **environment)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "variable, value, explanation",
    [
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto", "must be a header and its value"),
        ("LOG_FORMAT", "xml", "must be text or json"),
    ],
)
def test_it_explains_a_malformed_setting(variable, value, explanation):
    result = run_django("check", **{variable: value})
    assert result.returncode != 0
    assert f"{variable} {explanation}" in result.stderr


def test_check_deploy_is_clean_under_the_readme_settings():
    environment = readme_production_environment()
    assert environment["HISTORY_API_URL"].startswith("https://")
    environment["SECRET_KEY"] = A_SECRET_KEY
    result = run_django("check", "--deploy", "--fail-level", "DEBUG", **environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_them():
    """The test above is not vacuous: the same check finds the problems with no HTTPS setup."""
    result = run_django(
        "check",
        "--deploy",
        HISTORY_API_URL=REAL_UPSTREAM,
        ALLOWED_HOSTS="calls.example.com",
        SECRET_KEY=A_SECRET_KEY,
    )
    for warning in ("W004", "W008", "W012", "W016"):
        assert f"security.{warning}" in result.stdout + result.stderr


def test_the_readme_table_names_every_variable_the_settings_read():
    settings_source = (ROOT / "dashboard" / "settings.py").read_text()
    read = set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", settings_source))
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z_]+)`", table))
    assert "SECRET_KEY" in read and "CACHE_URL" in read
    assert read - documented == set()


HTTPS_PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="calls.example.com")
answers = {
    "plain": client.get("/accounts/login/"),
    "via_proxy": client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https"),
    "healthz": client.get("/healthz"),
}
print(json.dumps({
    name: {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "hsts": response.get("Strict-Transport-Security", ""),
        "cookies": {name: dict(morsel) for name, morsel in response.cookies.items()},
    }
    for name, response in answers.items()
}))
"""


def test_the_readme_settings_redirect_to_https_and_trust_the_proxy():
    environment = readme_production_environment()
    environment.update(SECRET_KEY=A_SECRET_KEY, DATABASE_URL="sqlite://:memory:")
    environment.pop("CACHE_URL")
    env = {key: value for key, value in os.environ.items() if not SETTINGS_VARIABLES.match(key)}
    env.update(environment, DJANGO_SETTINGS_MODULE="dashboard.settings")
    result = subprocess.run(
        [sys.executable, "-c", HTTPS_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["plain"]["status"] == 301
    assert found["plain"]["location"] == "https://calls.example.com/accounts/login/"
    secure = found["via_proxy"]
    assert secure["status"] == 200
    assert secure["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert secure["cookies"]["csrftoken"]["secure"] is True
    # Probes talk to gunicorn directly, without the proxy's header: they are not redirected.
    assert found["healthz"]["status"] == 200


def readme_gunicorn_command() -> list[str]:
    """The gunicorn command line of the README's production section, as arguments."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    joined = section.replace("\\\n", " ")
    (line,) = [line for line in joined.splitlines() if line.startswith(".venv/bin/gunicorn ")]
    return line.split()


def test_the_readme_gunicorn_command_serves_behind_the_proxy(tmp_path):
    arguments = readme_gunicorn_command()
    assert "--workers" in arguments and "--threads" in arguments
    port = free_port()
    arguments[0] = str(Path(sys.executable).parent / "gunicorn")
    arguments[arguments.index("--bind") + 1] = f"127.0.0.1:{port}"
    environment = readme_production_environment()
    environment.update(SECRET_KEY=A_SECRET_KEY, DATABASE_URL=f"sqlite:///{tmp_path / 'db'}")
    environment.pop("CACHE_URL")
    env = {key: value for key, value in os.environ.items() if not SETTINGS_VARIABLES.match(key)}
    env.update(environment, DJANGO_SETTINGS_MODULE="dashboard.settings")
    server = subprocess.Popen(
        arguments, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        answer = wait_for(f"http://127.0.0.1:{port}/healthz", {"Host": "calls.example.com"})
        assert answer.status == 200
        assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-ID"])
        via_proxy = urllib.request.urlopen(
            urllib.request.Request(
                f"http://127.0.0.1:{port}/accounts/login/",
                headers={"Host": "calls.example.com", "X-Forwarded-Proto": "https"},
            ),
            timeout=10,
        )
        assert via_proxy.status == 200
        assert "max-age=31536000" in via_proxy.headers["Strict-Transport-Security"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, headers: dict[str, str], seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_readme_environment_file_can_be_sourced_by_a_shell(tmp_path):
    expected = readme_production_environment()
    env_file = tmp_path / "dashboard.env"
    env_file.write_text(readme_environment_file())
    result = subprocess.run(
        ["sh", "-c", f"set -a && . {env_file} && set +a && env"],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PATH": os.environ["PATH"]},
    )
    assert result.returncode == 0, result.stderr
    sourced = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert {name: sourced.get(name) for name in expected} == expected
