"""On a slow upstream a cold page waits for at most two round trips in sequence.

Every upstream answer is delayed by the sandbox's latency switch; a page whose independent
calls went one after another would take as many delays as it makes calls.
"""

import time

import pytest

LATENCY = 0.8
# Two round trips in sequence, and some room for a busy machine: three would not fit.
MOST_ROUND_TRIPS = 2.8


def _cold_pages(demo, demo_range) -> dict[str, tuple[str, dict]]:
    records = demo.records
    return {
        "one call": (f"/calls/{records.multi_leg_root_cdr}/", {}),
        "one recording": (f"/recordings/{records.monitor}/", {}),
        "one voicemail": (f"/voicemail/{records.voicemail_in_inbox}/", {}),
        "calls, number search": ("/calls/", {**demo_range, "number": "44"}),
        "calls, two directions": ("/calls/", {**demo_range, "type": ["I", "O"]}),
        "calls, number and two directions": (
            "/calls/",
            {**demo_range, "type": ["I", "M"], "number": "1"},
        ),
        "calls": ("/calls/", demo_range),
        "recordings": ("/recordings/", demo_range),
        "voicemail": ("/voicemail/", {}),
        "overview, one day": ("/", {"from": demo_range["to"], "to": demo_range["to"]}),
        "overview, whole range": ("/", demo_range),
    }


PAGES = [
    "one call",
    "one recording",
    "one voicemail",
    "calls, number search",
    "calls, two directions",
    "calls, number and two directions",
    "calls",
    "recordings",
    "voicemail",
    "overview, one day",
    "overview, whole range",
]


@pytest.mark.parametrize("name", PAGES)
def test_a_cold_page_waits_for_two_round_trips_at_most(
    supervisor_client, sandbox_demo, sandbox_faults, demo_range, name
):
    path, params = _cold_pages(sandbox_demo, demo_range)[name]
    sandbox_faults.latency(LATENCY)
    started = time.perf_counter()
    response = supervisor_client.get(path, params)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.content[:300]
    assert elapsed < MOST_ROUND_TRIPS * LATENCY, f"{name}: {elapsed / LATENCY:.1f} round trips"


def test_a_call_page_shows_stale_parts_when_the_upstream_fails(
    supervisor_client, sandbox_demo, sandbox_faults, settings
):
    """The parts fetched side by side each keep their own stale copy."""
    settings.HISTORY_RETRIES = 0
    settings.HISTORY_TTL_RECORD = 0
    settings.HISTORY_TTL_LIST = 0
    path = f"/calls/{sandbox_demo.records.multi_leg_root_cdr}/"
    fresh = supervisor_client.get(path)
    assert fresh.status_code == 200
    sandbox_faults.status(503)
    stale = supervisor_client.get(path)
    assert stale.status_code == 200
    assert b"showing data saved" in stale.content
    assert stale.context["detail"].legs == fresh.context["detail"].legs
    assert stale.context["detail"].notes == fresh.context["detail"].notes


def test_identical_cold_detail_pages_make_each_upstream_call_once(
    live_server, sandbox_demo, sandbox_faults, sandbox_url
):
    """Coalescing still works per call when the calls run side by side."""
    from concurrent.futures import ThreadPoolExecutor

    import requests
    from django.core.cache import cache

    account = sandbox_demo.supervisor
    signed_in = requests.Session()
    login = f"{live_server.url}/accounts/login/"
    signed_in.get(login)
    signed_in.post(
        login,
        data={
            "email": account.email,
            "password": account.password,
            "csrfmiddlewaretoken": signed_in.cookies["csrftoken"],
        },
        headers={"Referer": login},
    )
    sessions = []
    for _ in range(4):
        session = requests.Session()
        session.cookies.update(signed_in.cookies)
        sessions.append(session)
    url = f"{live_server.url}/calls/{sandbox_demo.records.multi_leg_root_cdr}/"
    sandbox_faults.latency(0.3)
    sandbox_faults.clear_counters()
    first = sessions[0].get(url)
    assert first.status_code == 200 and first.url == url, first.url
    alone = sandbox_faults.counters()
    cache.clear()
    sandbox_faults.clear_counters()
    with ThreadPoolExecutor(len(sessions)) as pool:
        statuses = list(pool.map(lambda s: s.get(url).status_code, sessions))
    assert statuses == [200] * len(sessions)
    assert sandbox_faults.counters() == alone
