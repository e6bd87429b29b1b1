"""Helpers for the dashboard's tests: signing in through the real sign-in page."""

import pytest


def sign_in(client, account) -> None:
    """Sign `client` in with a demo account's e-mail and password, as a user would."""
    response = client.post(
        "/accounts/login/", {"email": account.email, "password": account.password}
    )
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def supervisor_client(client, sandbox_url, sandbox_demo):
    sign_in(client, sandbox_demo.supervisor)
    return client


@pytest.fixture
def agent_client(client, sandbox_url, sandbox_demo):
    sign_in(client, sandbox_demo.agent)
    return client


def browser_sign_in(page, base_url: str, account, next_path: str = "") -> None:
    """Sign in through the page in Chromium; lands on `next_path` (or the overview)."""
    suffix = f"?next={next_path}" if next_path else ""
    page.goto(f"{base_url}/accounts/login/{suffix}")
    page.fill("#id_email", account.email)
    page.fill("#id_password", account.password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
