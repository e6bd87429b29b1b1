"""The README's first command: `manage.py demo` seeds once, prints the logins and serves."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the demo server exited"
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def test_it_seeds_prints_the_logins_and_serves_a_working_sign_in(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("HISTORY_API_URL", "SANDBOX_ENABLED")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        MEDIA_CACHE_DIR=str(tmp_path / "media"),
        ARCHIVE_DIR=str(tmp_path / "archive"),
        PYTHONUNBUFFERED="1",
    )
    process = subprocess.Popen(
        [sys.executable, "manage.py", "demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        assert wait_for(f"{base}/accounts/login/", process).status_code == 200
        # Signing in goes through the dashboard to the embedded sandbox on the same port.
        browser = requests.Session()
        browser.get(f"{base}/accounts/login/", timeout=10)
        answer = browser.post(
            f"{base}/accounts/login/",
            data={
                "email": "supervisor@example.com",
                "password": "demo-supervisor",
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            },
            headers={"Referer": f"{base}/accounts/login/"},
            timeout=30,
        )
        assert answer.status_code == 200
        assert answer.url == f"{base}/"
        assert "Overview" in answer.text
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert f"The dashboard is at {base}/" in output
    assert "supervisor@example.com / demo-supervisor" in output
    assert "2fa@example.com / demo-2fa  (two-factor, code " in output
