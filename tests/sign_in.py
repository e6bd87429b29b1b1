"""How every test signs in: through the dashboard's sign-in page, as a person would.

    sign_in(client, account)                  Django's test client (CSRF token included when
                                              the client enforces it)
    sign_in_browser(page, base_url, account)  Chromium, through Playwright
    sign_in_http(base_url, account)           a running server, over HTTP (a requests.Session)
    post_sign_in(session, base_url, email, password)
                                              one attempt, whatever its answer (sign-in tests)
    sign_in_upstream(account)                 no dashboard: the History API's credentials,
                                              through history's sign-in service

`account` is anything with `.email` and `.password`: a demo account (`sandbox_demo.supervisor`,
`.agent`, `.other_admin`), or one of the logins below for a server seeded by `manage.py demo`
or `sandbox_seed`. The fixtures built on these (`supervisor_client`, `agent_client`, and for
the history tests `supervisor`, `agent`, `other_admin`) are in tests/dashboard_fixtures.py
and tests/history/conftest.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import requests

LOGIN_PATH = "/accounts/login/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Login:
    """An e-mail and password, for servers seeded by the demo data."""

    email: str
    password: str


# The demo's people (sandbox/demo/logins.py), as `manage.py demo` prints them.
DEMO_SUPERVISOR = Login("supervisor@example.com", "demo-supervisor")
DEMO_AGENT = Login("agent@example.com", "demo-agent")


def sign_in(client, account) -> Any:
    """Sign Django's test `client` in with `account`; the client, signed in."""
    data = {"email": account.email, "password": account.password}
    if client.handler.enforce_csrf_checks:
        data["csrfmiddlewaretoken"] = client.get(LOGIN_PATH).cookies["csrftoken"].value
    response = client.post(LOGIN_PATH, data)
    assert response.status_code == 302, response.content[:500]
    return client


def sign_in_browser(page, base_url: str, account, next_path: str = "") -> None:
    """Sign in through the page in Chromium; lands on `next_path` (or the overview)."""
    suffix = f"?next={next_path}" if next_path else ""
    page.goto(f"{base_url}{LOGIN_PATH}{suffix}")
    page.fill("#id_email", account.email)
    page.fill("#id_password", account.password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def post_sign_in(
    session: requests.Session, base_url: str, email: str, password: str, *, ready=None
) -> requests.Response:
    """The sign-in form, filled in and sent as a browser does (not followed); `ready`, an
    event or barrier, is waited on between fetching the form and sending it."""
    form = session.get(f"{base_url}{LOGIN_PATH}", timeout=30)
    token = CSRF_FIELD.search(form.text).group(1)
    if ready is not None:
        ready.wait(timeout=30)
    return session.post(
        f"{base_url}{LOGIN_PATH}",
        {"csrfmiddlewaretoken": token, "email": email, "password": password},
        headers={"Referer": f"{base_url}{LOGIN_PATH}"},
        allow_redirects=False,
        timeout=60,
    )


@dataclass
class SignedIn:
    """A browser-like session signed in on a running server."""

    session: requests.Session
    base_url: str
    location: str  # where the sign-in sent it

    @property
    def csrf_token(self) -> str:
        # Signing in rotates the token: later forms carry the new one.
        return self.session.cookies["csrftoken"]

    def landed(self) -> requests.Response:
        """The page the sign-in sent the browser to."""
        return self.session.get(f"{self.base_url}{self.location}", timeout=60)


def sign_in_http(base_url: str, account) -> SignedIn:
    """Sign in on the server at `base_url` through its sign-in page."""
    session = requests.Session()
    answer = post_sign_in(session, base_url, account.email, account.password)
    assert answer.status_code == 302, answer.text[:500]
    return SignedIn(session=session, base_url=base_url, location=answer.headers["Location"])


def sign_in_upstream(account):
    """The History API's credentials of `account`, from history's sign-in service."""
    from history.services import user_login

    outcome = user_login(email=account.email, password=account.password)
    assert outcome.credentials is not None, f"{account.email} needs a second factor"
    return outcome.credentials
