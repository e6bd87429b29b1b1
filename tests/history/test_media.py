"""Recordings and captures land once in the local media cache, bounded in size."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from mutagen.mp3 import MP3

from history.api.errors import AccessDenied, NotFound
from history.services import (
    cdr_list,
    cdr_pcap,
    cdr_user_csv,
    monitor_audio,
    monitor_delete,
    monitor_get,
    monitor_list,
    voicemessage_audio,
)

from .demo import not_agents

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_fetches_a_recording_once_for_concurrent_requests(supervisor, sandbox_demo, faults):
    monitor_id = sandbox_demo.records.monitor
    expected_size = monitor_get(credentials=supervisor, monitor_id=monitor_id).value.size
    faults.latency(0.3, path=r"\.mp3$")

    with ThreadPoolExecutor(max_workers=8) as pool:
        files = list(
            pool.map(
                lambda _: monitor_audio(credentials=supervisor, monitor_id=monitor_id), range(8)
            )
        )

    assert faults.count(r"\.mp3$") == 1
    assert {media.path for media in files} == {files[0].path}
    assert files[0].size == expected_size == files[0].path.stat().st_size
    assert files[0].content_type == "audio/mpeg"
    assert MP3(files[0].path).info.length > 0


def test_it_keeps_the_cache_within_its_size_by_dropping_the_least_recently_used(
    supervisor, sandbox_demo, faults, settings
):
    first = monitor_audio(credentials=supervisor, monitor_id=sandbox_demo.records.monitor)
    settings.MEDIA_CACHE_MAX_BYTES = first.size + 1

    second = voicemessage_audio(
        credentials=supervisor, voicemessage_id=sandbox_demo.records.voicemail_in_inbox
    )

    assert second.path.exists()
    assert not first.path.exists()


def test_it_forgets_the_audio_of_a_deleted_recording(supervisor, sandbox_demo, faults):
    monitor_id = not_agents(monitor_list(credentials=supervisor).value, sandbox_demo).id
    media = monitor_audio(credentials=supervisor, monitor_id=monitor_id)

    assert monitor_delete(credentials=supervisor, monitor_ids=[monitor_id]).ok

    assert not media.path.exists()
    with pytest.raises(NotFound):
        monitor_audio(credentials=supervisor, monitor_id=monitor_id)


def test_it_never_serves_a_cached_file_to_a_user_without_access(
    supervisor, agent, sandbox_demo, faults
):
    monitor_id = not_agents(monitor_list(credentials=supervisor).value, sandbox_demo).id
    monitor_audio(credentials=supervisor, monitor_id=monitor_id)

    with pytest.raises(AccessDenied):
        monitor_audio(credentials=agent, monitor_id=monitor_id)


def test_it_stores_a_real_capture(supervisor, sandbox_demo, faults):
    media = cdr_pcap(credentials=supervisor, cdr_id=sandbox_demo.records.cdr_with_recording)

    assert media.content_type == "application/vnd.tcpdump.pcap"
    assert media.path.read_bytes()[:4] in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4")


def test_it_streams_a_users_csv(supervisor, agent, sandbox_demo, faults):
    agent_calls = cdr_list(credentials=agent).value.total
    chunks = cdr_user_csv(credentials=supervisor, user_id=sandbox_demo.agent.user_id)

    lines = b"".join(chunks).decode().splitlines()

    assert lines[0].startswith("id,")
    assert len(lines) == 1 + agent_calls
