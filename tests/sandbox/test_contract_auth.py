"""Signing in and staying signed in: /login, /login2fa, tokens, API keys, expiry, /me, /ping."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from sandbox.models import Token
from tests.sandbox_fixtures import PASSWORD


def api_login(sandbox_api, who: str, password: str = PASSWORD):
    """POST /login as one of the world's people, without any token."""
    email = sandbox_api.world.emails[who]
    return sandbox_api.post("/login", {"email": email, "password": password}, who=None)


def second_factor(sandbox_api, code: str, nonce: str):
    return sandbox_api.post("/login2fa", {"code": code, "nonce": nonce}, who=None)


def test_it_signs_in_with_email_and_password(sandbox_api, sandbox_world):
    response = api_login(sandbox_api, "agent")
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Login success"
    assert body["user_id"] == sandbox_world.accounts["agent"]
    assert len(body["user_token"]) == 40
    me = sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=body["user_token"])
    assert me.json()["data"]["id"] == sandbox_world.accounts["agent"]


def test_it_rejects_a_wrong_password(sandbox_api, sandbox_world):
    response = api_login(sandbox_api, "agent", "nope")
    assert response.status_code == 401
    assert response.json()["message"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"password": "x"}, "email"),
        ({"email": "agent@example.test"}, "password"),
        ({"email": "", "password": "x"}, "email"),
        ([], "body"),
    ],
)
def test_it_asks_for_missing_credentials(sandbox_api, body, field):
    response = sandbox_api.post("/login", body, who=None)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


def test_it_rejects_a_login_body_that_is_not_json(sandbox_api):
    response = sandbox_api.post("/login", "{not json", who=None)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_json"


def test_it_signs_in_with_a_second_factor(sandbox_api, sandbox_world):
    first = api_login(sandbox_api, "two_factor")
    assert first.status_code == 202
    nonce = first.json()["nonce"]
    assert "user_token" not in first.json()

    wrong = second_factor(sandbox_api, "000000", nonce)
    assert wrong.status_code == 401

    second = second_factor(sandbox_api, sandbox_world.two_factor_code, nonce)
    assert second.status_code == 200
    assert second.json()["user_id"] == sandbox_world.accounts["two_factor"]

    replay = second_factor(sandbox_api, sandbox_world.two_factor_code, nonce)
    assert replay.status_code == 401


def test_it_rejects_an_unknown_nonce_and_a_missing_code(sandbox_api):
    assert second_factor(sandbox_api, "1", "x").status_code == 401
    assert sandbox_api.post("/login2fa", {"nonce": "x"}, who=None).status_code == 400


def test_it_accepts_http_basic_with_user_id_and_token(sandbox_api, sandbox_world):
    pair = f"{sandbox_world.accounts['agent']}:{sandbox_world.tokens['agent']}"
    header = "Basic " + base64.b64encode(pair.encode()).decode()
    response = sandbox_api.get("/me", who=None, HTTP_AUTHORIZATION=header)
    assert response.status_code == 200
    assert response.json()["data"]["email"] == sandbox_world.emails["agent"]


@pytest.mark.parametrize("pair", ["{supervisor}:{agent_token}", "x:{agent_token}", "garbage"])
def test_it_rejects_basic_auth_that_does_not_match(sandbox_api, sandbox_world, pair):
    text = pair.format(
        supervisor=sandbox_world.accounts["supervisor"], agent_token=sandbox_world.tokens["agent"]
    )
    header = "Basic " + base64.b64encode(text.encode()).decode()
    assert sandbox_api.get("/me", who=None, HTTP_AUTHORIZATION=header).status_code == 401


def test_it_rejects_missing_and_unknown_tokens(sandbox_api):
    missing = sandbox_api.get("/cdrs", who=None)
    assert missing.status_code == 401
    assert missing.json()["message"]
    unknown = sandbox_api.get("/cdrs", who=None, HTTP_X_AUTH_TOKEN="0" * 40)
    assert unknown.status_code == 401
    malformed = sandbox_api.get("/cdrs", who=None, HTTP_AUTHORIZATION="Basic !!!")
    assert malformed.status_code == 401


def test_it_expires_a_session_token_after_the_idle_time(sandbox_api, sandbox_world, settings):
    settings.SANDBOX_TOKEN_IDLE_SECONDS = 60
    token = Token.objects.get(key=sandbox_world.tokens["agent"])
    token.last_used_at = timezone.now() - timedelta(seconds=61)
    token.save()
    response = sandbox_api.get("/me", who="agent")
    assert response.status_code == 401
    assert "expired" in response.json()["message"].lower()


def test_each_request_renews_the_session_token(sandbox_api, sandbox_world, settings):
    settings.SANDBOX_TOKEN_IDLE_SECONDS = 60
    token = Token.objects.get(key=sandbox_world.tokens["agent"])
    token.last_used_at = timezone.now() - timedelta(seconds=50)
    token.save()
    assert sandbox_api.get("/me", who="agent").status_code == 200
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < timedelta(seconds=5)


def test_an_api_key_never_expires(sandbox_api, sandbox_world, settings):
    settings.SANDBOX_TOKEN_IDLE_SECONDS = 1
    key = Token.objects.get(key=sandbox_world.api_keys["agent"])
    key.last_used_at = timezone.now() - timedelta(days=400)
    key.save()
    response = sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=key.key)
    assert response.status_code == 200


def test_me_describes_the_signed_in_user(sandbox_api, sandbox_world):
    data = sandbox_api.get("/me", who="supervisor").json()["data"]
    assert data["id"] == sandbox_world.accounts["supervisor"]
    assert data["email"] == sandbox_world.emails["supervisor"]
    assert data["is_admin"] is True
    assert {"first_name", "last_name", "customer_id"} <= set(data)
    assert sandbox_api.get("/me", who="agent").json()["data"]["is_admin"] is False


def test_ping_without_a_token_answers_pong(sandbox_api):
    response = sandbox_api.get("/ping", who=None)
    assert response.status_code == 200
    assert response.json() == {"data": {"response": "Pong"}}


@pytest.mark.parametrize("who", ["agent", "supervisor"])
def test_ping_with_a_token_checks_it_and_says_whose_it_is(sandbox_api, sandbox_world, who):
    response = sandbox_api.get("/ping", who=who)
    assert response.status_code == 200
    assert response.json() == {"data": {"response": "Pong", "user_id": sandbox_world.accounts[who]}}
    key = sandbox_api.get("/ping", who=None, HTTP_X_AUTH_TOKEN=sandbox_world.api_keys[who])
    assert key.json()["data"]["user_id"] == sandbox_world.accounts[who]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_AUTH_TOKEN": "0" * 40},
        {"HTTP_X_AUTH_TOKEN": "made-up"},
        {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"1:" + b"0" * 40).decode()},
        {"HTTP_AUTHORIZATION": "Basic !!!"},
        {"HTTP_AUTHORIZATION": "Bearer something"},
    ],
)
def test_ping_with_a_bad_token_is_401(sandbox_api, headers):
    response = sandbox_api.get("/ping", who=None, **headers)
    assert response.status_code == 401
    assert response.json()["message"]


def test_it_signs_in_and_authenticates_over_real_http(sandbox_url, live_sandbox_world):
    import requests

    signed_in = requests.post(
        f"{sandbox_url}/login",
        json={"email": live_sandbox_world.emails["agent"], "password": PASSWORD},
        timeout=10,
    ).json()
    basic = requests.get(
        f"{sandbox_url}/cdrs",
        auth=(str(signed_in["user_id"]), signed_in["user_token"]),
        timeout=10,
    )
    assert basic.status_code == 200
    assert basic.json()["total"] == 5
    header = requests.get(
        f"{sandbox_url}/cdrs", headers={"X-Auth-Token": signed_in["user_token"]}, timeout=10
    )
    assert header.json() == basic.json()
    refused = requests.get(f"{sandbox_url}/cdrs", timeout=10)
    assert refused.status_code == 401
    assert refused.headers["Content-Type"] == "application/json"
