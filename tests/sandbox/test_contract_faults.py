"""Fault switches over real HTTP: latency, statuses, HTML, truncation, dropped connections,
request counters, and the HTTP control endpoint that benchmarks use."""

import json

import pytest
import requests


@pytest.fixture
def api(sandbox_url, live_sandbox_world):
    session = requests.Session()
    session.headers.update(live_sandbox_world.auth("supervisor"))

    def get(path: str, **options):
        return session.get(f"{sandbox_url}{path}", timeout=10, **options)

    return get


def test_faults_are_off_unless_enabled(api, sandbox_url, settings):
    from sandbox.faults import board

    settings.SANDBOX_FAULTS_ENABLED = False
    board.status(503)
    try:
        assert api("/ping").status_code == 200
        assert board.counters() == {}
        assert requests.get(f"{sandbox_url}/_faults", timeout=10).status_code == 404
    finally:
        board.reset()


@pytest.mark.parametrize("status", [500, 502, 503])
def test_it_answers_a_chosen_status_for_a_number_of_requests(api, sandbox_faults, status):
    sandbox_faults.status(status, path=r"^/cdrs$", times=2)
    assert api("/cdrs").status_code == status
    assert api("/cdrs").json()["message"]
    assert api("/cdrs").status_code == 200
    assert api("/ping").status_code == 200


def test_it_rate_limits_with_retry_after_until_reset(api, sandbox_faults):
    sandbox_faults.status(429, retry_after=7)
    for _ in range(3):
        response = api("/monitors")
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "7"
    sandbox_faults.clear_faults()
    assert api("/monitors").status_code == 200


def test_it_serves_an_html_page_instead_of_json(api, sandbox_faults):
    sandbox_faults.html(path=r"^/cdrs/\d+$", times=1)
    response = api("/cdrs/1")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.text.lstrip().startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError):
        response.json()


def test_it_truncates_the_json_body(api, sandbox_faults):
    sandbox_faults.truncate(path="^/cdrs$", times=1)
    response = api("/cdrs")
    assert response.status_code == 200
    assert response.text.startswith('{"data": [')
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)
    assert api("/cdrs").json()["total"] == 8


def test_it_drops_the_connection_without_an_answer(api, sandbox_faults):
    sandbox_faults.drop(path="^/cdrs$", times=1)
    with pytest.raises((requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        api("/cdrs")
    assert api("/cdrs").status_code == 200


def test_it_adds_latency_and_still_answers(api, sandbox_faults):
    sandbox_faults.latency(0.2, path=r"\.mp3$", times=1)
    sandbox_faults.status(503, path=r"\.mp3$", times=1)
    response = api("/monitors/999.mp3")
    assert response.status_code == 503
    assert response.elapsed.total_seconds() >= 0.2
    assert sandbox_faults.faults() == []


def test_it_counts_requests_per_path(api, sandbox_faults):
    api("/cdrs")
    api("/cdrs")
    api("/cdrs/1")
    assert sandbox_faults.counters() == {"GET /cdrs": 2, "GET /cdrs/1": 1}
    assert sandbox_faults.count(r"^/cdrs") == 3
    assert sandbox_faults.count(r"^/cdrs$", method="GET") == 2
    assert sandbox_faults.count(method="DELETE") == 0


def test_benchmarks_switch_faults_over_http(api, sandbox_url, sandbox_faults):
    control = f"{sandbox_url}/_faults"
    added = requests.post(
        control, json={"kind": "status", "status": 502, "path": "^/msdrs$", "times": 1}, timeout=10
    )
    assert added.status_code == 201
    assert added.json()["data"][0]["status"] == 502
    assert api("/msdrs").status_code == 502
    assert api("/msdrs").status_code == 200
    counters = requests.get(f"{control}/counters", timeout=10).json()
    assert counters == {"data": {"GET /msdrs": 2}, "total": 2}
    requests.post(control, json=[{"kind": "status", "status": 500}], timeout=10)
    assert requests.delete(control, timeout=10).status_code == 204
    assert api("/msdrs").status_code == 200
    assert requests.get(f"{control}/counters", timeout=10).json()["total"] == 1


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "explode"},
        {"kind": "status"},
        {"kind": "status", "status": 99},
        {"kind": "latency", "seconds": -1},
        {"kind": "drop", "path": "("},
        {"kind": "drop", "times": 0},
        {"kind": "drop", "colour": "red"},
        [{"kind": "drop"}, "x"],
    ],
)
def test_the_control_endpoint_rejects_bad_faults(sandbox_url, sandbox_faults, body):
    response = requests.post(f"{sandbox_url}/_faults", json=body, timeout=10)
    assert response.status_code == 400
    assert response.json()["message"]
    assert sandbox_faults.faults() == []


@pytest.mark.parametrize(
    "path, allowed", [("/_faults", "DELETE, GET, POST"), ("/_faults/counters", "DELETE, GET")]
)
def test_the_control_endpoints_name_their_methods_on_a_wrong_one(
    sandbox_url, sandbox_faults, path, allowed
):
    response = requests.put(f"{sandbox_url}{path}", timeout=10)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.json()["message"]
