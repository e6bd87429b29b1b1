"""Signing in with VoIPstudio: password, two-factor code, API key; expiry; sign-out."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from dashboard.models import Profile
from tests.sign_in import sign_in


def test_it_signs_in_with_email_and_password(client, sandbox_url, sandbox_demo):
    supervisor = sandbox_demo.supervisor
    response = client.post(
        "/accounts/login/?next=/calls/",
        {"email": supervisor.email, "password": supervisor.password, "next": "/calls/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/calls/"
    profile = Profile.objects.get(upstream_user_id=supervisor.user_id)
    assert profile.is_admin
    assert not profile.user.has_usable_password()


def test_it_refuses_a_wrong_password(client, sandbox_url, sandbox_demo):
    response = client.post(
        "/accounts/login/", {"email": sandbox_demo.supervisor.email, "password": "wrong"}
    )
    assert response.status_code == 401
    assert b"did not accept" in response.content
    assert not get_user_model().objects.exists()


def test_it_asks_for_the_two_factor_code(client, sandbox_url, sandbox_demo):
    account = sandbox_demo.two_factor
    credentials = {"email": account.email, "password": account.password, "next": "/calls/"}
    response = client.post("/accounts/login/", credentials)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/2fa/"
    wrong = client.post("/accounts/login/2fa/", {"code": "000000"})
    assert wrong.status_code == 401
    right = client.post("/accounts/login/2fa/", {"code": sandbox_demo.two_factor_code})
    assert right.status_code == 302
    assert right["Location"] == "/calls/"
    assert client.get("/calls/").status_code == 200


def test_it_signs_in_with_an_api_key(client, sandbox_url, sandbox_demo):
    response = client.post("/accounts/login/", {"api_key": sandbox_demo.agent.api_key})
    assert response.status_code == 302
    assert Profile.objects.filter(upstream_user_id=sandbox_demo.agent.user_id).exists()


def test_it_requires_credentials(client, sandbox_url, sandbox_demo):
    response = client.post("/accounts/login/", {"email": "", "password": ""})
    assert response.status_code == 400
    assert b"Enter your VoIPstudio e-mail" in response.content


# A `next` in the form or the address; "0" was found by fuzzing: `redirect()` takes a bare
# word for the name of a view.
@pytest.mark.parametrize(
    ("query", "fields"), [("", {"next": "https://evil.example/"}), ("?next=0", {})]
)
def test_it_ignores_a_next_that_is_not_a_path_of_its_own(
    client, sandbox_url, sandbox_demo, query, fields
):
    supervisor = sandbox_demo.supervisor
    response = client.post(
        f"/accounts/login/{query}",
        {"email": supervisor.email, "password": supervisor.password, **fields},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_it_sends_an_expired_session_back_to_sign_in_and_then_to_the_page(
    client, sandbox_url, sandbox_demo
):
    from sandbox.models import Token

    sign_in(client, sandbox_demo.supervisor)
    Token.objects.filter(kind=Token.Kind.SESSION).update(
        last_used_at=timezone.now() - timedelta(days=1)
    )
    page = "/calls/?type=M"
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/calls/%3Ftype%3DM"
    login_page = client.get(response["Location"])
    assert b"session has expired" in login_page.content
    supervisor = sandbox_demo.supervisor
    again = client.post(
        response["Location"],
        {"email": supervisor.email, "password": supervisor.password, "next": page},
    )
    assert again["Location"] == page


def test_it_signs_out_only_with_a_post(supervisor_client):
    assert supervisor_client.get("/accounts/logout/").status_code == 405
    response = supervisor_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert supervisor_client.get("/calls/").status_code == 302


def test_it_never_shows_the_upstream_token(client, sandbox_url, sandbox_demo):
    from sandbox.models import Token

    sign_in(client, sandbox_demo.supervisor)
    token = Token.objects.filter(kind=Token.Kind.SESSION).latest("created_at").key
    cdr_id = sandbox_demo.records.cdr_with_recording
    pages = ["/", "/calls/", f"/calls/{cdr_id}/", "/calls/tracking/", "/settings/", "/audit/"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert token not in response.content.decode(), path
        assert all(token not in cookie.value for cookie in client.cookies.values())
    export = client.get("/calls/export.csv")
    assert token not in b"".join(export.streaming_content).decode()


def test_it_returns_a_form_post_to_its_page_after_expiry(client, sandbox_url, sandbox_demo):
    from sandbox.models import Token

    sign_in(client, sandbox_demo.supervisor)
    Token.objects.filter(kind=Token.Kind.SESSION).update(
        last_used_at=timezone.now() - timedelta(days=1)
    )
    cdr_id = sandbox_demo.records.cdr_with_recording
    response = client.post(
        "/calls/labels/",
        {"ids": [cdr_id], "label": "Reviewed", "action": "add", "next": f"/calls/{cdr_id}/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/calls/{cdr_id}/"
