"""Signed-in dashboard clients for the page tests (tests/dashboard, tests/media).

Every sign-in goes through the real sign-in page against the live sandbox, as a user's would
(tests/sign_in.py).
"""

from datetime import timedelta

import pytest
from django.test import Client

from tests.sign_in import sign_in


@pytest.fixture
def supervisor_client(client, sandbox_url, sandbox_demo):
    sign_in(client, sandbox_demo.supervisor)
    return client


@pytest.fixture
def agent_client(sandbox_url, sandbox_demo):
    # A client of its own, so that a test asking for a supervisor too has two sessions.
    client = Client()
    sign_in(client, sandbox_demo.agent)
    return client


@pytest.fixture
def demo_range(sandbox_demo) -> dict[str, str]:
    """`from`/`to` covering every day of the demo data (the seed writes records up to `now`)."""
    last = sandbox_demo.now.date() + timedelta(days=1)
    first = last - timedelta(days=sandbox_demo.days + 2)
    return {"from": first.isoformat(), "to": last.isoformat()}
