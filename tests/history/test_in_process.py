"""The embedded sandbox handed each request in-process (the default upstream): the same answers
as over HTTP, a timeout like a socket's, and not one network connection on the way."""

import socket
import sys
import threading

import pytest
import requests

from history.api import transport
from history.api.credentials import Credentials
from history.api.errors import Unavailable
from tests.conftest import SANDBOX_PATH

pytestmark = pytest.mark.django_db(transaction=True)

_watching = threading.Event()
_connections: list[tuple] = []


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect" and _watching.is_set():
        _connections.append(args[1])


sys.addaudithook(_audit)


@pytest.fixture
def in_process(settings) -> str:
    url = f"{settings.HISTORY_IN_PROCESS_ORIGIN}{SANDBOX_PATH}"
    settings.HISTORY_API_URL = url
    return url


def over_http(sandbox_url: str, method: str, path: str, token: str, **options):
    headers = {"X-Auth-Token": token, "Accept": "application/json"}
    return requests.request(method, f"{sandbox_url}{path}", headers=headers, timeout=10, **options)


def test_it_answers_as_the_sandbox_does_over_http(sandbox_url, live_sandbox_world, in_process):
    token = live_sandbox_world.tokens["agent"]
    credentials = Credentials(token=token, user_id=live_sandbox_world.accounts["agent"])
    filtered = {"filter": '[{"property": "dst_name", "operator": "eq", "value": "Zoë"}]'}
    for path, params in (("/cdrs", filtered), ("/cdrs", {"limit": "2", "sort": "calldate"})):
        here = transport.send("GET", path, credentials=credentials, params=params)
        there = over_http(sandbox_url, "GET", path, token, params=params)
        assert here.status_code == there.status_code == 200
        assert here.json() == there.json()
    assert here.json()["total"] == 5
    # A body travels too, and an error is the sandbox's own JSON.
    moved = transport.send(
        "PATCH",
        "/voicemessages",
        credentials=credentials,
        json_body=[{"id": live_sandbox_world.ids["agent_voicemail"], "folder": "Work"}],
    )
    assert moved.json()["data"][0]["folder"] == 2
    # Files and streamed answers (the per-user CSV) arrive whole, chunk by chunk.
    for path in (
        f"/monitors/{live_sandbox_world.ids['agent_recording']}.mp3",
        f"/users/{credentials.user_id}/cdrs.csv",
    ):
        here = transport.send("GET", path, credentials=credentials, stream=True, expect_json=False)
        there = over_http(sandbox_url, "GET", path, token).content
        assert len(there) > 100
        assert b"".join(here.iter_content(100)) == there


def test_a_sign_in_opens_no_network_connection(sandbox_url, live_sandbox_world, in_process):
    from history.services import user_login

    _connections.clear()
    _watching.set()
    try:
        outcome = user_login(email=live_sandbox_world.emails["agent"], password="correct horse")
        assert outcome.credentials is not None
        assert _connections == []
        # The watch does see a connection when one is made.
        requests.get(f"{sandbox_url}/ping", timeout=10)
        assert len(_connections) == 1
    finally:
        _watching.clear()
    # The reserved name resolves nowhere: a request that escaped could reach nobody.
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("sandbox.invalid", 80)


def test_a_slow_answer_times_out_like_a_socket(settings, in_process, sandbox_faults):
    settings.HISTORY_READ_TIMEOUT = 0.2
    settings.HISTORY_CONNECT_TIMEOUT = 0.1
    sandbox_faults.latency(1.0, path=r"^/ping$")
    with pytest.raises(Unavailable, match="did not answer in time"):
        transport.send("GET", "/ping")
