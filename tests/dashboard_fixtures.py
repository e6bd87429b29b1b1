"""Signed-in dashboard clients for the page tests (tests/dashboard, tests/media).

Every sign-in goes through the real sign-in page against the live sandbox, as a user's would.
"""

from datetime import timedelta

import pytest


def sign_in(client, account) -> None:
    """Sign `client` in with a demo account's e-mail and password, as a user would."""
    response = client.post(
        "/accounts/login/", {"email": account.email, "password": account.password}
    )
    assert response.status_code == 302, response.content[:500]


def browser_sign_in(page, base_url: str, account, next_path: str = "") -> None:
    """Sign in through the page in Chromium; lands on `next_path` (or the overview)."""
    suffix = f"?next={next_path}" if next_path else ""
    page.goto(f"{base_url}/accounts/login/{suffix}")
    page.fill("#id_email", account.email)
    page.fill("#id_password", account.password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def supervisor_client(client, sandbox_url, sandbox_demo):
    sign_in(client, sandbox_demo.supervisor)
    return client


@pytest.fixture
def agent_client(client, sandbox_url, sandbox_demo):
    sign_in(client, sandbox_demo.agent)
    return client


@pytest.fixture
def demo_range(sandbox_demo) -> dict[str, str]:
    """`from`/`to` covering every day of the demo data (the seed writes records up to `now`)."""
    last = sandbox_demo.now.date() + timedelta(days=1)
    first = last - timedelta(days=sandbox_demo.days + 2)
    return {"from": first.isoformat(), "to": last.isoformat()}
