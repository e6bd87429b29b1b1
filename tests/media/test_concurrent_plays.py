"""Many plays at once over real HTTP, as browsers seeking in several players make them.

With a cache smaller than two recordings, every download evicts the others: plays of many
recordings at once keep finding their file gone between lookup and answer, or mid-answer.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from dashboard.models import AuditEntry
from tests.sign_in import sign_in_http

PLAYS = 120
THREADS = 8


@pytest.fixture
def recordings(sandbox_url, sandbox_demo) -> dict[int, bytes]:
    """A dozen of the supervisor's recordings, as the upstream sends them."""
    auth = {"X-Auth-Token": sandbox_demo.supervisor.api_key}
    listed = requests.get(f"{sandbox_url}/monitors", {"limit": 12}, headers=auth, timeout=10)
    ids = [monitor["id"] for monitor in listed.json()["data"]]
    return {
        monitor_id: requests.get(
            f"{sandbox_url}/monitors/{monitor_id}.mp3", headers=auth, timeout=10
        ).content
        for monitor_id in ids
    }


def test_it_serves_every_play_while_the_cache_evicts_under_it(
    live_server, sandbox_demo, recordings, settings
):
    settings.MEDIA_CACHE_MAX_BYTES = min(len(data) for data in recordings.values()) + 1
    # One sign-in (one dashboard session), its cookies in a connection pool per thread.
    signed_in = sign_in_http(live_server.url, sandbox_demo.supervisor).session
    sessions = [requests.Session() for _ in range(THREADS)]
    for session in sessions:
        session.cookies.update(signed_in.cookies)
    # Each recording played once first: its playback is audited then, so that the plays at
    # once below write nothing (the in-memory test database refuses concurrent writers).
    for monitor_id in recordings:
        sessions[0].get(f"{live_server.url}/recordings/{monitor_id}.mp3", timeout=30)
    rng = random.Random(8)
    plays = [
        (sessions[n % THREADS], rng.choice(list(recordings)), rng.randrange(0, 20_000))
        for n in range(PLAYS)
    ]

    def play(session: requests.Session, monitor_id: int, start: int) -> str:
        response = session.get(
            f"{live_server.url}/recordings/{monitor_id}.mp3",
            headers={"Range": f"bytes={start}-"},
            timeout=30,
        )
        expected = recordings[monitor_id][start:]
        if response.status_code != 206 or response.content != expected:
            return f"{monitor_id} from {start}: {response.status_code}, {len(response.content)} B"
        return ""

    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            failures = [failure for failure in pool.map(lambda p: play(*p), plays) if failure]
    finally:
        # Closed while the live server still runs, so that its threads end with the test.
        for session in (signed_in, *sessions):
            session.close()

    assert not failures, f"{len(failures)} of {PLAYS} plays failed: {failures[:5]}"


def test_it_audits_one_play_once_when_its_ranges_come_at_once(
    live_server, sandbox_demo, recordings
):
    monitor_id = next(iter(recordings))
    signed_in = sign_in_http(live_server.url, sandbox_demo.supervisor).session
    sessions = [requests.Session() for _ in range(THREADS)]
    for session in sessions:
        session.cookies.update(signed_in.cookies)

    def play(session: requests.Session, start: int) -> int:
        url = f"{live_server.url}/recordings/{monitor_id}.mp3"
        return session.get(url, headers={"Range": f"bytes={start}-"}, timeout=30).status_code

    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            statuses = list(pool.map(play, sessions, range(0, 1000 * THREADS, 1000)))
    finally:
        for session in (signed_in, *sessions):
            session.close()

    assert statuses == [206] * THREADS
    assert AuditEntry.objects.filter(action="recording.play").count() == 1
