"""`make bench` at tiny sizes: every step of the suite runs, so that it cannot rot."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIGURES = (
    "cold calls list, 7 days / latency",
    "cold one call / latency",
    "cold one recording / latency",
    "cold 1-day overview / latency",
    "overview / reading it straight",
    "overview on a later day / cold 1-day",
    "overview, days stored / cold 1-day",
    "rows/s / reading straight",
    "export: worker peak memory growth, MB",
    "warm calls list / healthz",
    "coalescing: upstream calls, 50 concurrent / 1",
    "5xx answers",
    "load: p99 response, ms",
    "load: worker memory at the end / after the first half",
)


def test_the_benchmark_suite_runs_every_figure_at_tiny_sizes(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is missing: the benchmark's workers share a Redis cache")
    out = tmp_path / "latest.json"
    subprocess.run(
        [sys.executable, "bench/suite.py", "--smoke", "--out", str(out)],
        cwd=ROOT,
        check=True,
        timeout=600,
        capture_output=True,
    )
    figures = json.loads(out.read_text())["figures"]
    names = [figure["name"] for figure in figures]
    for expected in FIGURES:
        assert any(expected in name for name in names), expected
    assert all(isinstance(figure["value"], int | float) for figure in figures)
    assert all(figure["target"] and figure["ok"] is None for figure in figures)
