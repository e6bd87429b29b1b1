"""Named API tokens (`/apitokens`): what the official command-line client does at sign-in and
sign-out, and what any caller may and may not do with another user's tokens."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sandbox.models import Token

CLI_NAME = "VoIPstudio CLI"
THIRTY_DAYS = 30 * 24 * 60 * 60


def create(sandbox_api, name: str = CLI_NAME, who: str = "agent", **extra):
    return sandbox_api.post("/apitokens", {"name": name, "expiry": THIRTY_DAYS, **extra}, who=who)


def named(name: str) -> dict:
    return {"filter": f'[{{"property": "name", "operator": "eq", "value": "{name}"}}]'}


def test_it_creates_a_token_usable_like_any_api_key(sandbox_api, sandbox_world):
    response = create(sandbox_api)
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["name"] == CLI_NAME
    assert data["expiry"] == THIRTY_DAYS
    assert data["user_id"] == sandbox_world.accounts["agent"]
    assert len(data["token"]) == 40
    me = sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=data["token"])
    assert me.json()["data"]["id"] == sandbox_world.accounts["agent"]


def test_it_lists_the_callers_tokens_filtered_by_name(sandbox_api):
    mine = create(sandbox_api).json()["data"]
    create(sandbox_api, name="reporting")
    create(sandbox_api, who="supervisor")
    listed = sandbox_api.get("/apitokens", who="agent", params=named(CLI_NAME)).json()
    assert listed["total"] == 1
    assert listed["data"][0]["token"] == mine["token"]
    assert listed["data"][0]["id"] == mine["id"]
    everything = sandbox_api.get("/apitokens", who="agent").json()
    # The agent's two named tokens and the API key they had already; never a session token.
    assert everything["total"] == 3


def test_it_refuses_a_second_token_of_the_same_name(sandbox_api):
    assert create(sandbox_api).status_code == 201
    again = create(sandbox_api)
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "name"
    assert again.json()["errors"][0]["code"] == "unique"
    # Another user may use the same name.
    assert create(sandbox_api, who="supervisor").status_code == 201


@pytest.mark.parametrize("by", ["token", "id"])
def test_it_deletes_a_token_by_its_value_or_its_id(sandbox_api, by):
    data = create(sandbox_api).json()["data"]
    response = sandbox_api.delete(f"/apitokens/{data[by]}", who="agent")
    assert response.status_code == 204
    assert sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=data["token"]).status_code == 401
    assert sandbox_api.get("/apitokens", who="agent", params=named(CLI_NAME)).json()["total"] == 0


def test_a_token_can_revoke_itself_at_sign_out(sandbox_api):
    token = create(sandbox_api).json()["data"]["token"]
    revoked = sandbox_api.delete(f"/apitokens/{token}", who=None, HTTP_X_AUTH_TOKEN=token)
    assert revoked.status_code == 204
    again = sandbox_api.delete(f"/apitokens/{token}", who=None, HTTP_X_AUTH_TOKEN=token)
    assert again.status_code == 401


def test_nobody_sees_or_deletes_another_users_token(sandbox_api):
    data = create(sandbox_api).json()["data"]
    for who in ("supervisor", "other_admin"):
        assert sandbox_api.get("/apitokens", who=who, params=named(CLI_NAME)).json()["total"] == 0
        for ident in (data["token"], data["id"]):
            assert sandbox_api.delete(f"/apitokens/{ident}", who=who).status_code == 404
    assert sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=data["token"]).status_code == 200


def test_a_session_token_is_not_an_api_token(sandbox_api, sandbox_world):
    session = sandbox_world.tokens["agent"]
    assert sandbox_api.delete(f"/apitokens/{session}", who="agent").status_code == 404


def test_it_expires_a_token_left_unused_for_its_expiry(sandbox_api):
    data = create(sandbox_api, expiry=60).json()["data"]
    Token.objects.filter(key=data["token"]).update(
        last_used_at=timezone.now() - timedelta(seconds=61)
    )
    response = sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=data["token"])
    assert response.status_code == 401
    assert "expired" in response.json()["message"].lower()


def test_each_request_renews_a_tokens_expiry(sandbox_api):
    data = create(sandbox_api, expiry=60).json()["data"]
    Token.objects.filter(key=data["token"]).update(
        last_used_at=timezone.now() - timedelta(seconds=50)
    )
    assert sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=data["token"]).status_code == 200
    token = Token.objects.get(key=data["token"])
    assert timezone.now() - token.last_used_at < timedelta(seconds=5)


def test_a_token_without_expiry_never_expires(sandbox_api):
    response = sandbox_api.post("/apitokens", {"name": "forever"}, who="agent")
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["expiry"] is None
    Token.objects.filter(key=data["token"]).update(
        last_used_at=timezone.now() - timedelta(days=4000)
    )
    assert sandbox_api.get("/me", who=None, HTTP_X_AUTH_TOKEN=data["token"]).status_code == 200


@pytest.mark.parametrize(
    "body, field, code",
    [
        ({"expiry": 60}, "name", "required"),
        ({"name": ""}, "name", "required"),
        ({"name": 5}, "name", "required"),
        ({"name": "x" * 101}, "name", "max_length"),
        ({"name": "a\x00b"}, "name", "invalid"),
        ({"name": "n", "expiry": "soon"}, "expiry", "invalid"),
        ({"name": "n", "expiry": True}, "expiry", "invalid"),
        ({"name": "n", "expiry": 0}, "expiry", "min_value"),
        ({"name": "n", "expiry": 10**12}, "expiry", "max_value"),
        ([], "body", "invalid"),
    ],
)
def test_it_answers_a_bad_body_with_400_naming_the_field(sandbox_api, body, field, code):
    response = sandbox_api.post("/apitokens", body, who="agent")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert response.json()["errors"][0]["code"] == code


def test_it_needs_a_token_like_every_endpoint(sandbox_api):
    assert sandbox_api.get("/apitokens", who=None).status_code == 401
    assert sandbox_api.post("/apitokens", {"name": "n"}, who=None).status_code == 401
    assert sandbox_api.delete("/apitokens/1", who=None).status_code == 401
    assert sandbox_api.request("PATCH", "/apitokens", who="agent").status_code == 405


@pytest.mark.parametrize("ident", ["a\x00b", "x" * 5000, "-1", "1e5", "9" * 40, "Zoë", "%2F"])
def test_it_answers_any_other_id_with_a_404(sandbox_api, ident):
    response = sandbox_api.delete(f"/apitokens/{ident}", who="agent")
    assert response.status_code == 404
    assert response.json()["message"]
