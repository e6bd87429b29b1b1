"""Sign-in throttling: failures counted per e-mail and per client address in the shared cache,
429 with Retry-After once a handful have failed, and a two-factor nonce that dies after five
wrong codes."""

import time

import pytest
from django.core.cache import cache

from dashboard.models import Profile


def wrong_password(client, email: str, **extra):
    return client.post("/accounts/login/", {"email": email, "password": "wrong"}, **extra)


def right_password(client, account, **extra):
    return client.post(
        "/accounts/login/", {"email": account.email, "password": account.password}, **extra
    )


def signed_in(client) -> bool:
    return client.get("/calls/").status_code == 200


def test_it_does_not_sign_in_after_fifty_wrong_passwords(client, sandbox_url, sandbox_demo):
    supervisor = sandbox_demo.supervisor
    statuses = {wrong_password(client, supervisor.email).status_code for _ in range(50)}
    assert statuses == {401, 429}
    response = right_password(client, supervisor)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 900
    assert "Too many failed sign-ins" in response.content.decode()
    assert not signed_in(client)
    assert not Profile.objects.filter(upstream_user_id=supervisor.user_id).exists()


def test_it_stops_asking_the_upstream_once_locked(
    client, sandbox_url, sandbox_demo, sandbox_faults, settings
):
    settings.DASHBOARD_SIGNIN_MAX_FAILURES = 3
    for _ in range(10):
        wrong_password(client, sandbox_demo.supervisor.email)
    assert sandbox_faults.count(r"^/login$", method="POST") == 3


def test_it_counts_an_e_mail_across_client_addresses(client, sandbox_url, sandbox_demo):
    supervisor = sandbox_demo.supervisor
    for number in range(10):
        wrong_password(client, supervisor.email, REMOTE_ADDR=f"10.0.0.{number}")
    response = right_password(client, supervisor, REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429
    # Another person at one of those addresses still signs in.
    assert right_password(client, sandbox_demo.agent, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_it_counts_a_client_address_across_e_mails(client, sandbox_url, sandbox_demo, settings):
    for number in range(settings.DASHBOARD_SIGNIN_MAX_FAILURES_PER_ADDRESS):
        wrong_password(client, f"nobody{number}@example.com")
    response = right_password(client, sandbox_demo.agent)
    assert response.status_code == 429
    assert "Retry-After" in response
    assert right_password(client, sandbox_demo.agent, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_it_counts_api_key_attempts(client, sandbox_url, sandbox_demo, settings):
    for number in range(settings.DASHBOARD_SIGNIN_MAX_FAILURES_PER_ADDRESS):
        client.post("/accounts/login/", {"api_key": f"{number:040x}"})
    response = client.post("/accounts/login/", {"api_key": sandbox_demo.agent.api_key})
    assert response.status_code == 429
    assert not signed_in(client)


def test_it_takes_the_address_from_the_trusted_proxy(client, sandbox_url, sandbox_demo, settings):
    settings.DASHBOARD_TRUSTED_PROXIES = 1
    for number in range(settings.DASHBOARD_SIGNIN_MAX_FAILURES_PER_ADDRESS):
        # A client cannot pick its own address: the proxy appends the one it saw, last.
        forwarded = f"192.0.2.{number}, 203.0.113.7"
        wrong_password(client, f"nobody{number}@example.com", HTTP_X_FORWARDED_FOR=forwarded)
    blocked = right_password(client, sandbox_demo.agent, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429
    other = right_password(client, sandbox_demo.agent, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 302


def test_it_lets_the_user_in_again_after_the_lockout(client, sandbox_url, sandbox_demo, settings):
    settings.DASHBOARD_SIGNIN_LOCKOUT_SECONDS = 1
    for _ in range(settings.DASHBOARD_SIGNIN_MAX_FAILURES):
        wrong_password(client, sandbox_demo.supervisor.email)
    assert right_password(client, sandbox_demo.supervisor).status_code == 429
    time.sleep(1.2)
    assert right_password(client, sandbox_demo.supervisor).status_code == 302


def test_it_forgets_earlier_failures_after_a_sign_in(client, sandbox_url, sandbox_demo, settings):
    supervisor = sandbox_demo.supervisor
    for _ in range(settings.DASHBOARD_SIGNIN_MAX_FAILURES - 1):
        wrong_password(client, supervisor.email)
    assert right_password(client, supervisor).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(settings.DASHBOARD_SIGNIN_MAX_FAILURES - 1):
        wrong_password(client, supervisor.email)
    assert right_password(client, supervisor).status_code == 302


def start_two_factor(client, account) -> None:
    response = right_password(client, account)
    assert response["Location"] == "/accounts/login/2fa/"


def test_it_does_not_sign_in_after_thirty_wrong_codes(client, sandbox_url, sandbox_demo):
    start_two_factor(client, sandbox_demo.two_factor)
    for _ in range(30):
        client.post("/accounts/login/2fa/", {"code": "000000"})
    right = client.post("/accounts/login/2fa/", {"code": sandbox_demo.two_factor_code})
    assert right.status_code in (302, 429)
    assert right.status_code == 429 or right["Location"] == "/accounts/login/"
    assert not signed_in(client)


def test_a_nonce_dies_after_five_wrong_codes(
    client, sandbox_url, sandbox_demo, sandbox_faults, settings
):
    settings.DASHBOARD_SIGNIN_MAX_FAILURES = 50  # the nonce, not the e-mail, stops this one
    start_two_factor(client, sandbox_demo.two_factor)
    for _ in range(4):
        assert client.post("/accounts/login/2fa/", {"code": "000000"}).status_code == 401
    fifth = client.post("/accounts/login/2fa/", {"code": "000000"})
    assert fifth.status_code == 302
    assert fifth["Location"] == "/accounts/login/"
    assert "sign in again" in client.get("/accounts/login/").content.decode()
    # The nonce is gone from the session: the right code has nothing to complete.
    right = client.post("/accounts/login/2fa/", {"code": sandbox_demo.two_factor_code})
    assert right["Location"] == "/accounts/login/"
    assert not signed_in(client)
    assert sandbox_faults.count(r"^/login2fa$", method="POST") == 5


def test_wrong_codes_count_against_the_e_mail(client, sandbox_url, sandbox_demo, settings):
    account = sandbox_demo.two_factor
    for _ in range(2):
        start_two_factor(client, account)
        for _ in range(3):
            client.post("/accounts/login/2fa/", {"code": "000000"})
    assert right_password(client, account).status_code == 429


@pytest.fixture(autouse=True)
def _no_leftover_counts():
    cache.clear()
