"""The API as a whole: every endpoint needs a token, every collection lists by role, wrong
methods and paths answer JSON, statements can be deleted, and no input produces a 500."""

import pytest

from sandbox.models import Statement

# Every endpoint of the seed plus the extensions, with a method it answers.
ENDPOINTS = [
    ("GET", "/chats"),
    ("GET", "/chats/1"),
    ("DELETE", "/chatmsgs/1,2"),
    ("DELETE", "/chatmsgs"),
    ("GET", "/chatmsgs"),
    ("GET", "/cdrs"),
    ("PATCH", "/cdrs"),
    ("DELETE", "/cdrs"),
    ("GET", "/cdrs/1.trace"),
    ("GET", "/cdrs/1.pcap"),
    ("GET", "/cdrs/calltracking"),
    ("GET", "/cdrs/1"),
    ("GET", "/cdrs/dictionaries"),
    ("GET", "/cdrs/1/notes"),
    ("GET", "/monitors/1.mp3"),
    ("GET", "/monitors"),
    ("DELETE", "/monitors"),
    ("GET", "/monitors/1"),
    ("DELETE", "/monitors/1,2"),
    ("GET", "/msdrs/1.trace"),
    ("GET", "/msdrs/1.pcap"),
    ("GET", "/msdrs"),
    ("GET", "/msdrs/1"),
    ("GET", "/msdrs/dictionaries"),
    ("DELETE", "/statements"),
    ("GET", "/voicemessages/1.mp3"),
    ("GET", "/voicemessages"),
    ("PATCH", "/voicemessages"),
    ("DELETE", "/voicemessages"),
    ("GET", "/voicemessages/1"),
    ("DELETE", "/voicemessages/1,2"),
    ("GET", "/sms/dictionaries"),
    ("GET", "/calltracking/cdrs"),
    ("GET", "/users/1/cdrs.csv"),
    ("GET", "/mediasessions/dictionaries"),
    ("GET", "/me"),
    ("GET", "/apitokens"),
    ("POST", "/apitokens"),
    ("DELETE", "/apitokens/1"),
]
# Beyond the seed's History module: what public clients call besides.
EXTENSIONS = {("GET", "/chatmsgs"), ("GET", "/me"), *ENDPOINTS[-3:]}

# What the records of each collection carry: the seed's example fields.
CHAT_KEYS = {
    "id", "created_at", "customer_id", "duration", "operator_id", "operator_ua", "state",
    "visitor_city", "visitor_country", "visitor_email", "visitor_geo", "visitor_id",
    "visitor_ip", "visitor_name", "visitor_referer", "visitor_ua", "website_id",
}  # fmt: skip
MSDR_KEYS = {
    "id", "call_id", "created_at", "dst", "dst_id", "dst_ua", "duration", "media_session_id",
    "src", "src_id", "src_ua", "t_cause", "type", "user_id",
}  # fmt: skip
MONITOR_KEYS = {
    "id", "called", "caller", "context", "dst_id", "dst_name", "duration", "live_id",
    "sentiment", "sip_endpoint_id", "size", "src_id", "summary", "timestamp", "transcript",
    "type", "user_id",
}  # fmt: skip
VOICEMESSAGE_KEYS = {
    "id", "caller", "callerid", "dialled", "duration", "extension_id", "folder", "is_new",
    "live_id", "origtime", "parent_live_id", "transcript",
}  # fmt: skip


@pytest.mark.parametrize(
    "path, keys, supervisor, agent, other_admin",
    [
        ("/monitors", MONITOR_KEYS, 2, 1, 1),
        ("/voicemessages", VOICEMESSAGE_KEYS, 3, 2, 1),
        ("/chats", CHAT_KEYS, 2, 1, 1),
        ("/msdrs", MSDR_KEYS, 2, 1, 1),
    ],
)
def test_it_lists_by_role_and_customer(sandbox_api, path, keys, supervisor, agent, other_admin):
    listed = sandbox_api.get(path).json()
    assert listed["total"] == supervisor
    assert set(listed["data"][0]) == keys
    assert sandbox_api.get(path, who="agent").json()["total"] == agent
    # The two-factor colleague owns none of these: a plain user sees only their own.
    assert sandbox_api.get(path, who="two_factor").json()["total"] == 0
    assert sandbox_api.get(path, who="other_admin").json()["total"] == other_admin
    assert sandbox_api.get(path, who=None).status_code == 401


def test_the_seed_has_34_endpoints():
    seed = [e for e in ENDPOINTS if e not in EXTENSIONS]
    assert len(seed) == 34


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_every_endpoint_needs_a_token(sandbox_api, method, path):
    response = sandbox_api.request(method, path, who=None, body=[])
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("method", ["PUT", "POST", "PATCH"])
def test_a_wrong_method_is_a_405_in_json(sandbox_api, method):
    response = sandbox_api.request(method, "/monitors/1.mp3")
    assert response.status_code == 405
    assert response.json()["message"]
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/cdrs", "DELETE, GET, HEAD, OPTIONS, PATCH"),
        ("/monitors/1,2", "DELETE, GET, HEAD, OPTIONS"),
        ("/statements", "DELETE, OPTIONS"),
        ("/login", "OPTIONS, POST"),
    ],
)
def test_options_names_the_methods_without_credentials(sandbox_api, path, allowed):
    response = sandbox_api.request("OPTIONS", path, who=None)
    assert response.status_code == 204
    assert response["Allow"] == allowed
    assert response.content == b""


def test_head_needs_a_token_like_get(sandbox_api):
    response = sandbox_api.request("HEAD", "/cdrs", who=None)
    assert response.status_code == 401
    assert response.content == b""
    assert sandbox_api.request("HEAD", "/cdrs").status_code == 200


def test_an_oversized_body_is_a_413_in_json(sandbox_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = [{"id": 1, "info": "x" * 2000}]
    for path, method in (("/cdrs", "PATCH"), ("/voicemessages", "PATCH"), ("/login", "POST")):
        response = sandbox_api.request(method, path, body=body)
        assert response.status_code == 413
        assert response.json()["errors"][0] == {
            "field": "body",
            "message": response.json()["message"],
            "code": "too_large",
        }


def test_too_many_query_parameters_are_a_400_in_json(sandbox_api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = sandbox_api.get("/cdrs", params={f"p{n}": n for n in range(20)})
    assert response.status_code == 400
    body = response.json()
    assert body["message"]
    assert body["errors"][0]["field"] == "request"


@pytest.mark.parametrize("path", ["/nothing", "/cdrs/1/notes/2", "/monitors/1.wav", "/", "/cdrs/"])
def test_an_unknown_path_is_a_404_in_json(sandbox_api, path):
    response = sandbox_api.get(path)
    assert response.status_code == 404
    assert response.json()["message"]


def test_deleting_statements_removes_what_the_caller_may_see(sandbox_api, sandbox_world):
    response = sandbox_api.delete("/statements", who="agent")
    assert response.status_code == 204
    assert response.content == b""
    assert "Content-Type" not in response
    assert not Statement.objects.filter(pk=sandbox_world.ids["agent_statement"]).exists()
    assert Statement.objects.count() == 2
    assert sandbox_api.delete("/statements", who="supervisor").status_code == 204
    assert list(Statement.objects.values_list("pk", flat=True)) == [
        sandbox_world.ids["globex_statement"]
    ]


@pytest.mark.parametrize(
    "path, status",
    [
        ("/cdrs", 204),
        ("/statements", 204),
        ("/chatmsgs", 204),
        ("/monitors", 202),
        ("/voicemessages", 202),
    ],
)
@pytest.mark.parametrize("who", ["agent", "supervisor"])
def test_deleting_a_collection_answers_the_seeds_status_without_a_body(
    sandbox_api, path, status, who
):
    response = sandbox_api.delete(path, who=who)
    assert response.status_code == status
    assert response.content == b""
    assert "Content-Type" not in response


# (method, path with {world id} fields, who, body, status): one of each kind of refusal. In a
# body, an "id" given as text names a record of the world.
ERROR_CASES = [
    ("GET", "/cdrs", None, None, 401),
    ("GET", "/cdrs", "nobody", None, 401),
    ("GET", "/cdrs/{supervisor_call}", "agent", None, 403),
    ("GET", "/monitors/{supervisor_recording}.mp3", "agent", None, 403),
    ("GET", "/cdrs/{globex_call}", "supervisor", None, 404),
    ("GET", "/msdrs/999999.pcap", "supervisor", None, 404),
    ("GET", "/nothing", "supervisor", None, 404),
    ("DELETE", "/voicemessages/{agent_voicemail},999999", "agent", None, 404),
    ("PATCH", "/cdrs", "agent", [{"id": 999999, "info": "x"}], 404),
    ("PUT", "/cdrs", "supervisor", None, 405),
    ("GET", "/cdrs?limit=0", "supervisor", None, 400),
    ("GET", "/chats?sort=nope", "supervisor", None, 400),
    ("GET", "/msdrs?filter=[1]", "supervisor", None, 400),
    ("DELETE", "/chatmsgs/1;2", "supervisor", None, 400),
    ("PATCH", "/cdrs", "supervisor", [{"id": "agent_call", "labels": "vip"}], 400),
    ("PATCH", "/voicemessages", "supervisor", [{"id": "agent_voicemail", "folder": "Spam"}], 400),
    ("POST", "/login", None, {"email": "supervisor@example.test"}, 400),
    ("POST", "/login", None, {"email": "supervisor@example.test", "password": "wrong"}, 401),
    ("POST", "/login2fa", None, {"code": "1", "nonce": "abc"}, 401),
]


@pytest.mark.parametrize("method, path, who, body, status", ERROR_CASES)
def test_every_error_body_has_a_message_and_a_400_its_field_errors(
    sandbox_api, sandbox_world, method, path, who, body, status
):
    ids = sandbox_world.ids
    if isinstance(body, list):
        body = [{**item, "id": ids.get(item["id"], item["id"])} for item in body]
    headers = {"HTTP_X_AUTH_TOKEN": "0" * 40} if who == "nobody" else {}
    response = sandbox_api.request(
        method, path.format(**ids), who=None if who == "nobody" else who, body=body, **headers
    )
    assert response.status_code == status
    error = response.json()
    assert isinstance(error["message"], str) and error["message"]
    if status == 400:
        assert error["errors"]
        for item in error["errors"]:
            assert set(item) == {"field", "message", "code"}
            assert all(isinstance(value, str) and value for value in item.values())


NASTY_VALUES = ["", " ", "\x00", "%", "'; DROP TABLE x; --", "9" * 40, "é", "[]", "{}", "null"]


@pytest.mark.parametrize("value", NASTY_VALUES)
@pytest.mark.parametrize("param", ["page", "limit", "sort", "dir", "filter"])
def test_no_query_value_produces_a_500(sandbox_api, param, value):
    response = sandbox_api.get("/cdrs", params={param: value})
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("value", [*NASTY_VALUES, 1e308, -1, 2**70, {"a": 1}, [1, 2], True])
@pytest.mark.parametrize("prop", ["calldate", "duration", "charge", "is_root", "src", "labels"])
@pytest.mark.parametrize("operator", ["eq", "like", "gt"])
def test_no_filter_value_produces_a_500(sandbox_api, prop, operator, value):
    import json

    entries = json.dumps([{"property": prop, "operator": operator, "value": value}])
    response = sandbox_api.get("/cdrs", params={"filter": entries})
    assert response.status_code in (200, 400), response.content


BAD_BODIES = [
    "",
    "x",
    "[[]]",
    '[{"id": 1e400}]',
    '"text"',
    "\udcff",
    '[{"id": 1, "labels": ["a\\u0000"], "folder": "a\\u0000"}]',
    '{"email": "a\\u0000@example.test", "password": "x", "code": "1", "nonce": "a\\u0000"}',
]


@pytest.mark.parametrize("body", BAD_BODIES)
@pytest.mark.parametrize("path", ["/cdrs", "/voicemessages", "/login", "/login2fa"])
def test_no_body_produces_a_500(sandbox_api, path, body):
    method = "POST" if path.startswith("/login") else "PATCH"
    response = sandbox_api.request(method, path, body=body.encode("utf-8", "surrogatepass"))
    assert response.status_code in (400, 401, 404)
    assert response.json()["message"]


@pytest.mark.parametrize("credentials", ["1:a\x00b", "\x00:\x00", "1:" + "a" * 5000])
def test_no_credentials_produce_a_500(sandbox_api, credentials):
    import base64

    header = "Basic " + base64.b64encode(credentials.encode()).decode()
    response = sandbox_api.get("/me", who=None, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_head_answers_like_get_without_a_body(sandbox_url, live_sandbox_world):
    import requests

    path = f"{sandbox_url}/monitors/{live_sandbox_world.ids['agent_recording']}.mp3"
    response = requests.head(path, headers=live_sandbox_world.auth("agent"), timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "audio/mpeg"
    assert int(response.headers["Content-Length"]) > 0
    assert response.content == b""


def test_v1_2_answers_the_same_requests_as_v1_1(sandbox_url, live_sandbox_world):
    """Every public client defaults to `/v1.2/voipstudio`: swapping the host must be enough."""
    import requests

    newer = sandbox_url.replace("/v1.1/", "/v1.2/")
    assert newer != sandbox_url
    headers = live_sandbox_world.auth("agent")
    for path in ("/cdrs?limit=3", "/monitors", "/me"):
        old = requests.get(f"{sandbox_url}{path}", headers=headers, timeout=10)
        new = requests.get(f"{newer}{path}", headers=headers, timeout=10)
        assert new.status_code == old.status_code == 200
        assert new.json() == old.json()
    unknown = requests.get(f"{newer}/nowhere", headers=headers, timeout=10)
    assert unknown.status_code == 404
    assert unknown.json()["message"]
