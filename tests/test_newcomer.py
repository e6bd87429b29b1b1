"""What a newcomer meets first: manage.py without the virtual environment, and `make test` on a
machine without Debian's Chromium (or without root to install it)."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.subprocess_servers import ROOT

PROBE_TESTS = """
def test_it_needs_the_browser(browser):
    pass


def test_it_runs_without_it():
    pass
"""


def test_manage_py_without_django_keeps_djangos_hint():
    # -S: no site-packages, as with a python outside the virtual environment.
    done = subprocess.run(
        [sys.executable, "-S", "manage.py", "help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "Couldn't import Django" in done.stderr
    assert "virtual environment" in done.stderr
    assert ".venv/bin/python manage.py" in done.stderr


def test_manage_py_with_django_but_not_the_rest_says_the_same(tmp_path):
    """Django installed for the whole system, the project's other dependencies not."""
    packages = tmp_path / "system-packages"
    packages.mkdir()
    for name in ("django", "asgiref", "sqlparse"):
        module = __import__(name)
        (packages / name).symlink_to(os.path.dirname(module.__file__))
    done = subprocess.run(
        [sys.executable, "-S", "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(packages)},
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    last_line = done.stderr.strip().splitlines()[-1]
    assert "No module named 'environ'" in last_line
    assert "virtual environment" in last_line
    assert ".venv/bin/python manage.py" in last_line


def as_nobody(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("needs setpriv to try the script without root")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]


def run_without_chromium(
    command: list[str], *, ci: str, timeout: int
) -> subprocess.CompletedProcess[str]:
    """Runs the command from the repository as on a machine with no Chromium, on CI or not."""
    env = {**os.environ, "CHROMIUM": "/nonexistent/chromium", "CI": ci}
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize("ci, code", [("", 0), ("true", 1)])
def test_ensure_chromium_without_root_skips_except_on_ci(ci, code):
    done = run_without_chromium(as_nobody(["bash", "scripts/ensure-chromium"]), ci=ci, timeout=30)
    assert done.returncode == code, done.stderr
    if code == 0:
        assert "browser tests will be SKIPPED" in done.stderr
        assert "scripts/ensure-chromium" in done.stderr
    else:
        assert "CI must run the browser tests" in done.stderr


@pytest.mark.parametrize("ci, code", [("", 0), ("true", 1)])
def test_pytest_without_chromium_runs_the_rest_and_says_the_browser_tests_were_skipped(
    tmp_path, ci, code
):
    (tmp_path / "test_probe.py").write_text(PROBE_TESTS)
    done = run_without_chromium(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", str(tmp_path / "test_probe.py")]
        + ["-p", "no:cacheprovider", "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")],
        ci=ci,
        timeout=120,
    )
    assert done.returncode == code, done.stdout
    if code == 0:
        assert "1 passed, 1 skipped" in done.stdout
        assert "1 browser tests were SKIPPED" in done.stdout
        assert "scripts/ensure-chromium" in done.stdout
    else:
        assert "the browser tests must run on CI" in done.stdout
