"""A signed-in session follows the upstream: revoked tokens and changed roles are noticed
within DASHBOARD_REVALIDATE_SECONDS, and signing in elsewhere leaves this session alone."""

from django.test import Client

from tests.dashboard_fixtures import sign_in


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
