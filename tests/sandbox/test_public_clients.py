"""The sandbox alone (`manage.py sandbox_serve`), driven request by request the way public
VoIPstudio clients drive the live service: the official command-line client's sign-in with a
named API token, its listing and downloads, a sync client's paging with limit=5000 and 10000,
and a reporting connector's HTTP Basic `user_id:token`."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
import requests

from tests.subprocess_servers import free_port, project_env, start, stop, wait_for

CLI_TOKEN_NAME = "VoIPstudio CLI"
CLI_TOKEN_EXPIRY = 30 * 24 * 60 * 60
SUPERVISOR = ("supervisor@example.com", "demo-supervisor")
AGENT = ("agent@example.com", "demo-agent")


class Standalone:
    def __init__(self, base: str, served) -> None:
        self.base = base
        self.served = served

    def output(self) -> str:
        return self.served.output()


@pytest.fixture(scope="module")
def standalone(tmp_path_factory) -> Iterator[Standalone]:
    folder = tmp_path_factory.mktemp("standalone")
    env = project_env(folder)
    # A real upstream configured for the dashboard does not matter to the sandbox alone.
    env["HISTORY_API_URL"] = "https://l7api.com/v1.1/voipstudio"
    port = free_port()
    command = [sys.executable, "manage.py", "sandbox_serve", "--port", str(port)]
    served = start(command, env, folder / "server.log")
    try:
        base = f"http://127.0.0.1:{port}/v1.2/voipstudio"
        wait_for(f"{base}/ping", served.process, seconds=240)
        yield Standalone(base, served)
    finally:
        stop(served)


def message_of(response: requests.Response) -> str:
    """What the official client shows of an error: `errors[0].message`, else `message`."""
    body = response.json()
    return (body.get("errors") or [{}])[0].get("message") or body["message"]


class CommandLineClient:
    """The official client's requests, in its order (sign-in, token management, sign-out)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.token: str | None = None

    def headers(self) -> dict[str, str]:
        return {"x-auth-token": self.token} if self.token else {}

    def request(self, method: str, path: str, *, headers=None, **options) -> requests.Response:
        return requests.request(
            method,
            f"{self.base}{path}",
            headers={**self.headers(), **(headers or {})},
            timeout=60,
            **options,
        )

    def list(self, resource: str, **query) -> requests.Response:
        params = {
            name: json.dumps(value) if name == "filter" else str(value)
            for name, value in query.items()
        }
        return self.request("GET", f"/{resource}", params=params)

    def login(self, email: str, password: str, code: str | None = None) -> None:
        answer = self.request("POST", "/login", json={"email": email, "password": password})
        if answer.status_code == 202:
            nonce = answer.json()["nonce"]
            answer = self.request("POST", "/login2fa", json={"code": code, "nonce": nonce})
        assert answer.status_code == 200, message_of(answer)
        self.token = answer.json()["user_token"]

    def mint_cli_token(self) -> str:
        named = [{"property": "name", "operator": "eq", "value": CLI_TOKEN_NAME}]
        existing = self.list("apitokens", filter=named)
        assert existing.status_code == 200
        for old in existing.json()["data"]:
            assert self.request("DELETE", f"/apitokens/{old['token']}").status_code == 204
        minted = self.request(
            "POST", "/apitokens", json={"name": CLI_TOKEN_NAME, "expiry": CLI_TOKEN_EXPIRY}
        )
        assert minted.status_code == 201, message_of(minted)
        return minted.json()["data"]["token"]

    def sign_in(self, email: str, password: str, code: str | None = None) -> str:
        """`vs auth login`: the stored credential is the minted token, not the session."""
        self.login(email, password, code)
        self.token = self.mint_cli_token()
        return self.token

    def sign_out(self) -> requests.Response:
        """`vs auth logout`: the stored token revokes itself."""
        return self.request("DELETE", f"/apitokens/{self.token}")


def test_the_command_prints_the_base_url_the_logins_and_their_api_keys(standalone):
    output = standalone.output()
    assert f"The VoIPstudio History API sandbox is at {standalone.base}" in output
    keys = dict(re.findall(r"  (\S+@\S+) / .*\n\s+user_id \d+, API key ([0-9a-f]{40})", output))
    assert set(keys) == {
        "supervisor@example.com",
        "agent@example.com",
        "2fa@example.com",
        "admin@globex.example.com",
    }
    for email, key in keys.items():
        ping = requests.get(f"{standalone.base}/ping", headers={"X-Auth-Token": key}, timeout=10)
        assert ping.status_code == 200
        me = requests.get(f"{standalone.base}/me", headers={"X-Auth-Token": key}, timeout=10)
        assert me.json()["data"]["email"] == email
    # The API alone: the dashboard's pages are not served, and v1.1 answers too.
    page = requests.get(standalone.base.split("/v1.2/")[0] + "/accounts/login/", timeout=10)
    assert page.status_code == 404
    assert page.json()["message"]
    older = standalone.base.replace("/v1.2/", "/v1.1/")
    assert requests.get(f"{older}/ping", timeout=10).json() == {"data": {"response": "Pong"}}


def test_the_command_line_client_signs_in_keeps_one_named_token_and_signs_out(standalone):
    first = CommandLineClient(standalone.base)
    token = first.sign_in(*SUPERVISOR)
    assert first.request("GET", "/me").json()["data"]["email"] == SUPERVISOR[0]
    # Signing in again replaces the token rather than adding a second one.
    again = CommandLineClient(standalone.base)
    replacement = again.sign_in(*SUPERVISOR)
    assert replacement != token
    assert first.request("GET", "/me").status_code == 401
    named = [{"property": "name", "operator": "eq", "value": CLI_TOKEN_NAME}]
    assert again.list("apitokens", filter=named).json()["total"] == 1
    # `/ping` tells a client whether its stored token still works.
    assert again.request("GET", "/ping").json()["data"]["response"] == "Pong"
    assert first.request("GET", "/ping").status_code == 401
    assert again.sign_out().status_code == 204
    assert again.request("GET", "/me").status_code == 401
    # A token already gone: the client reports it and still clears its own copy.
    refused = again.sign_out()
    assert refused.status_code == 401
    assert message_of(refused)


def test_the_command_line_client_signs_in_with_two_factor(standalone):
    code = re.search(r"2fa@example.com / \S+ +\(.*code (\d+)\)", standalone.output()).group(1)
    client = CommandLineClient(standalone.base)
    client.sign_in("2fa@example.com", "demo-2fa", code)
    assert client.request("GET", "/me").json()["data"]["email"] == "2fa@example.com"
    assert client.sign_out().status_code == 204


def test_the_command_line_client_lists_and_downloads_recordings(standalone):
    client = CommandLineClient(standalone.base)
    client.sign_in(*SUPERVISOR)
    newest = client.list("monitors", limit=1, sort="timestamp", dir="DESC").json()["data"][0]
    last_day = datetime.strptime(newest["timestamp"], "%Y-%m-%d %H:%M:%S")
    since = (last_day - timedelta(days=7)).strftime("%Y-%m-%d")
    window = [
        {"property": "timestamp", "operator": "gte", "value": since},
        {"property": "timestamp", "operator": "lte", "value": newest["timestamp"]},
        {"property": "duration", "operator": "gt", "value": 1},
    ]
    pages = [
        client.list("monitors", limit=3, page=page, filter=window, sort="timestamp", dir="ASC")
        for page in (1, 2)
    ]
    rows = [row for page in pages for row in page.json()["data"]]
    assert len(rows) == 6
    assert len({row["id"] for row in rows}) == 6
    assert [row["timestamp"] for row in rows] == sorted(row["timestamp"] for row in rows)
    assert all(row["timestamp"] >= since and row["duration"] > 1 for row in rows)
    for row in rows[:2]:
        audio = client.request("GET", f"/monitors/{row['id']}.mp3")
        assert audio.status_code == 200
        assert audio.headers["Content-Type"] == "audio/mpeg"
        assert "Content-Disposition" not in audio.headers
        assert len(audio.content) == row["size"]
    # Range is ignored, as the client's documentation says: the whole file, status 200.
    ranged = client.request("GET", f"/monitors/{rows[0]['id']}.mp3", headers={"Range": "bytes=0-9"})
    assert ranged.status_code == 200
    assert len(ranged.content) == rows[0]["size"]
    client.sign_out()


def test_voicemails_list_by_folder_and_download(standalone):
    client = CommandLineClient(standalone.base)
    client.sign_in(*AGENT)
    inbox = [{"property": "folder", "operator": "eq", "value": 0}]
    listed = client.list("voicemessages", limit=2, filter=inbox, sort="origtime", dir="DESC")
    messages = listed.json()["data"]
    assert messages
    assert all(message["folder"] == 0 for message in messages)
    audio = client.request("GET", f"/voicemessages/{messages[0]['id']}.mp3")
    assert audio.status_code == 200
    assert audio.headers["Content-Type"] == "audio/mpeg"
    assert "Content-Disposition" not in audio.headers
    assert audio.content[:3] == b"ID3" or audio.content[0] == 0xFF
    client.sign_out()


@pytest.mark.parametrize("limit", [5000, 10000])
def test_a_sync_client_pages_until_a_short_page(standalone, limit):
    client = CommandLineClient(standalone.base)
    client.login(*SUPERVISOR)
    seen: list[int] = []
    page, total = 1, None
    while True:
        body = client.list("cdrs", limit=limit, page=page, sort="id", dir="ASC").json()
        total = body["total"]
        seen += [row["id"] for row in body["data"]]
        if len(body["data"]) < limit:
            break
        page += 1
    assert total > limit  # more than one page, or the paging proves nothing
    assert len(seen) == len(set(seen)) == total
    assert seen == sorted(seen)
    assert page == math.floor(total / limit) + 1


def test_a_reporting_connector_pages_a_calldate_window_with_basic_auth(standalone):
    signed_in = requests.post(
        f"{standalone.base}/login", json={"email": AGENT[0], "password": AGENT[1]}, timeout=10
    ).json()
    basic = (str(signed_in["user_id"]), signed_in["user_token"])
    everything = requests.get(f"{standalone.base}/cdrs", auth=basic, timeout=30).json()
    newest = requests.get(
        f"{standalone.base}/cdrs", params={"limit": 1}, auth=basic, timeout=30
    ).json()["data"][0]["calldate"]
    since = (datetime.strptime(newest, "%Y-%m-%d %H:%M:%S") - timedelta(days=10)).strftime(
        "%Y-%m-%d %H:%M:%S"
    )
    window = [
        {"property": "calldate", "operator": "gt", "value": since},
        {"property": "calldate", "operator": "lt", "value": "2999-01-01 00:00:00"},
    ]
    rows, page = [], 1
    while True:
        params = {"limit": 5000, "page": page, "filter": json.dumps(window)}
        body = requests.get(f"{standalone.base}/cdrs", params=params, auth=basic, timeout=60)
        assert body.status_code == 200
        rows += body.json()["data"]
        if len(body.json()["data"]) < 5000:
            break
        page += 1
    assert 0 < len(rows) == body.json()["total"] < everything["total"]
    assert {row["user_id"] for row in rows} == {signed_in["user_id"]}
    assert all(row["calldate"] > since for row in rows)
    wrong_user = (str(signed_in["user_id"] + 1), signed_in["user_token"])
    refused = requests.get(f"{standalone.base}/cdrs", auth=wrong_user, timeout=10)
    assert refused.status_code == 401


def test_the_readmes_curl_session_works(standalone, tmp_path):
    import shutil
    import subprocess

    from tests.subprocess_servers import ROOT

    if shutil.which("jq") is None or shutil.which("curl") is None:
        pytest.skip("the README's session needs curl and jq")
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Use the sandbox to test your own VoIPstudio integration", 1)[1]
    script = section.split("```sh\n", 1)[1].split("```", 1)[0]
    script = script.replace("http://127.0.0.1:8000/v1.2/voipstudio", standalone.base)
    script += 'echo "ME $(curl -s -u "$USER_ID:$TOKEN" "$API/me" | jq -r .data.email)"\n'
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    total = int(done.stdout.split()[0])
    assert total > 0
    assert '"type": "I"' in done.stdout
    assert "ME supervisor@example.com" in done.stdout
    (recording,) = tmp_path.glob("recording-*.mp3")
    assert recording.stat().st_size > 1000
