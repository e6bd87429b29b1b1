"""With no upstream configured the dashboard signs in against its embedded sandbox whatever
address, port or server runs it, and never sends a password over the network to do so."""

import sys

import pytest

from tests.sign_in import DEMO_SUPERVISOR, sign_in_http
from tests.subprocess_servers import (
    free_port,
    manage,
    project_env,
    serving,
)


@pytest.fixture(scope="module")
def seeded_env(tmp_path_factory) -> dict[str, str]:
    env = project_env(tmp_path_factory.mktemp("embedded"))
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "sandbox_seed", "--cdrs", "60", "--days", "2")
    return env


def signs_in(base: str) -> None:
    landed = sign_in_http(base, DEMO_SUPERVISOR).landed()
    assert landed.status_code == 200, landed.text[:500]
    assert landed.url == f"{base}/", landed.text[:2000]
    assert "Overview" in landed.text


def test_it_signs_in_under_runserver_on_a_port_other_than_8000(seeded_env, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    with serving(command, seeded_env, f"{base}/accounts/login/", tmp_path / "server.log"):
        signs_in(base)


@pytest.mark.parametrize(
    "worker", [["--worker-class", "sync"], ["--worker-class", "gthread", "--threads", "4"]]
)
def test_it_signs_in_under_gunicorn(seeded_env, worker, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "dashboard.wsgi:application"]
    command = [*gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "1", *worker]
    with serving(command, seeded_env, f"{base}/accounts/login/", tmp_path / "server.log"):
        signs_in(base)


def test_the_default_upstream_is_a_name_no_network_resolves(settings):
    """Were it an address, a password would go to whatever listens there."""
    import os
    import subprocess

    from tests.subprocess_servers import ROOT, UPSTREAM_SETTINGS

    env = {key: value for key, value in os.environ.items() if key not in UPSTREAM_SETTINGS}
    probe = "import django; django.setup(); from django.conf import settings; "
    probe += "print(settings.HISTORY_API_URL)"
    env["DJANGO_SETTINGS_MODULE"] = "dashboard.settings"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "https://sandbox.invalid/sandbox/v1.1/voipstudio", done.stderr
