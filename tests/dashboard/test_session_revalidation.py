"""A signed-in session follows the upstream: revoked tokens and changed roles are noticed
within DASHBOARD_REVALIDATE_SECONDS, and signing in elsewhere leaves this session alone."""

import time

import pytest
from django.test import Client

from tests.sign_in import sign_in


def test_it_keeps_both_sessions_when_signing_in_on_a_second_machine(
    client, sandbox_url, sandbox_demo
):
    sign_in(client, sandbox_demo.supervisor)
    assert client.get("/audit/").status_code == 200
    second_machine = Client()
    sign_in(second_machine, sandbox_demo.supervisor)
    assert second_machine.get("/audit/").status_code == 200
    assert client.get("/audit/").status_code == 200
    assert second_machine.get("/audit/").status_code == 200


# The window is shortened to one second so that a test can outlive it; with the default (60 s)
# the same happens a minute later.
WINDOW = 1


def revoke_sessions(account) -> None:
    """Sign the account out upstream: its session tokens stop working."""
    from sandbox.models import Token

    Token.objects.filter(account_id=account.user_id, kind=Token.Kind.SESSION).delete()


def set_admin(account, is_admin: bool) -> None:
    from sandbox.models import Account

    Account.objects.filter(pk=account.user_id).update(is_admin=is_admin)


def outlive_the_window() -> None:
    time.sleep(WINDOW + 0.2)


@pytest.fixture
def short_window(settings):
    settings.DASHBOARD_REVALIDATE_SECONDS = WINDOW


def test_it_ends_the_session_on_a_local_page_once_the_token_is_revoked(
    client, sandbox_url, sandbox_demo, short_window
):
    sign_in(client, sandbox_demo.supervisor)
    assert client.get("/audit/").status_code == 200
    revoke_sessions(sandbox_demo.supervisor)
    outlive_the_window()
    response = client.get("/audit/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/audit/"
    assert "session has expired" in client.get(response["Location"]).content.decode()
    assert client.get("/audit/").status_code == 302  # the local session is gone too


def test_it_stops_serving_cached_pages_once_the_token_is_revoked(
    client, sandbox_url, sandbox_demo, short_window
):
    sign_in(client, sandbox_demo.supervisor)
    assert client.get("/calls/").status_code == 200
    revoke_sessions(sandbox_demo.supervisor)
    assert client.get("/calls/").status_code == 200  # within the window: from the cache
    outlive_the_window()
    assert client.get("/calls/").status_code == 302


def test_a_demotion_upstream_closes_admin_pages_within_the_window(
    client, sandbox_url, sandbox_demo, short_window
):
    sign_in(client, sandbox_demo.supervisor)
    assert client.get("/audit/").status_code == 200
    set_admin(sandbox_demo.supervisor, False)
    outlive_the_window()
    assert client.get("/audit/").status_code == 403
    user_csv = f"/calls/users/{sandbox_demo.agent.user_id}.csv"
    assert client.get(user_csv).status_code == 403
    assert 'href="/audit/"' not in client.get("/settings/").content.decode()
    set_admin(sandbox_demo.supervisor, True)
    outlive_the_window()
    assert client.get("/audit/").status_code == 200


def test_it_reads_the_role_afresh_at_sign_in(client, sandbox_url, sandbox_demo):
    sign_in(client, sandbox_demo.supervisor)
    assert client.get("/audit/").status_code == 200
    set_admin(sandbox_demo.supervisor, False)
    again = Client()
    sign_in(again, sandbox_demo.supervisor)
    assert again.get("/audit/").status_code == 403


def test_it_asks_the_upstream_at_most_once_per_window(
    client, sandbox_url, sandbox_demo, sandbox_faults, short_window
):
    sign_in(client, sandbox_demo.supervisor)
    sandbox_faults.clear_counters()
    for _ in range(3):
        assert client.get("/audit/").status_code == 200
    assert sandbox_faults.count(r"^/me$", method="GET") == 0
    outlive_the_window()
    for _ in range(3):
        assert client.get("/audit/").status_code == 200
    assert sandbox_faults.count(r"^/me$", method="GET") == 1


def test_it_checks_before_a_write_once_the_window_is_over(
    client, sandbox_url, sandbox_demo, sandbox_faults, short_window
):
    sign_in(client, sandbox_demo.supervisor)
    outlive_the_window()
    sandbox_faults.clear_counters()
    cdr_id = sandbox_demo.records.cdr_with_recording
    response = client.post("/calls/labels/", {"ids": [cdr_id], "label": "x", "action": "add"})
    assert response.status_code == 302
    assert sandbox_faults.count(r"^/me$", method="GET") == 1


def test_it_refuses_admin_pages_while_the_role_cannot_be_checked(
    client, sandbox_url, sandbox_demo, sandbox_faults, short_window
):
    sign_in(client, sandbox_demo.supervisor)
    assert client.get("/calls/").status_code == 200
    sandbox_faults.status(503, path=r"^/me$")
    outlive_the_window()
    response = client.get("/audit/")
    assert response.status_code == 503
    assert "not answering" in response.content.decode()
    # A page anyone may see is still served (from the cache, marked stale when it is).
    assert client.get("/calls/").status_code == 200
    sandbox_faults.reset()
    assert client.get("/audit/").status_code == 200


def test_a_poll_holding_the_etag_is_not_answered_304_once_the_token_is_revoked(
    client, sandbox_url, sandbox_demo, short_window
):
    poll = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "call-table"}
    sign_in(client, sandbox_demo.supervisor)
    first = client.get("/calls/", **poll)
    assert first.status_code == 200 and first["ETag"]
    revoke_sessions(sandbox_demo.supervisor)
    outlive_the_window()
    again = client.get("/calls/", HTTP_IF_NONE_MATCH=first["ETag"], **poll)
    assert again.status_code != 304 and again.status_code in (200, 302, 401, 403)
    assert client.get("/audit/").status_code == 302  # the session has ended
