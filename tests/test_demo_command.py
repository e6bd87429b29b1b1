"""The README's first command: `manage.py demo` seeds once, prints the logins and serves."""

import socket
import subprocess
import sys

from tests.sign_in import DEMO_SUPERVISOR, sign_in_http
from tests.subprocess_servers import (
    ROOT,
    free_port,
    project_env,
    serving,
)

DEMO_EMAILS = (
    "supervisor@example.com",
    "agent@example.com",
    "2fa@example.com",
    "admin@globex.example.com",
)


def test_it_seeds_prints_the_logins_and_serves_a_working_sign_in(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "manage.py", "demo", "--port", str(port)]
    with serving(command, project_env(tmp_path), f"{base}/accounts/login/", tmp_path / "log"):
        # Signing in goes through the dashboard to the embedded sandbox.
        answer = sign_in_http(base, DEMO_SUPERVISOR).landed()
        assert answer.status_code == 200
        assert answer.url == f"{base}/"
        assert "Overview" in answer.text
        output = (tmp_path / "log").read_text()
    assert f"The dashboard is at {base}/" in output
    assert "supervisor@example.com / demo-supervisor" in output
    assert "2fa@example.com / demo-2fa  (agent with two-factor sign-in, code " in output
    # Every demo account, each once, with its API key.
    for email in DEMO_EMAILS:
        assert output.count(f"{email} /") == 1, output
    assert output.count("API key ") == len(DEMO_EMAILS)
    assert "DEBUG is off" in output


def test_a_busy_port_is_said_first_with_the_way_out(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "manage.py", "demo", "--port", str(port)],
            cwd=ROOT,
            env=project_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode != 0
    said = (done.stdout + done.stderr).strip()
    assert said.startswith(f"CommandError: Port {port} on 127.0.0.1 is already in use"), said
    assert f"PORT={port + 1} make demo" in said
    assert "Demo logins" not in said
    assert "The dashboard is at" not in said
