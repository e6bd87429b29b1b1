"""`/recordings/<id>.mp3` and `/voicemail/<id>.mp3`: byte ranges over the upstream's file."""

import pytest
import requests

from dashboard.models import AuditEntry


@pytest.fixture
def upstream_mp3(sandbox_url, sandbox_demo):
    """The recording exactly as the upstream sends it (always whole: it ignores Range)."""
    monitor_id = sandbox_demo.records.monitor
    response = requests.get(
        f"{sandbox_url}/monitors/{monitor_id}.mp3",
        headers={"X-Auth-Token": sandbox_demo.supervisor.api_key, "Range": "bytes=0-9"},
        timeout=10,
    )
    assert response.status_code == 200
    return monitor_id, response.content


def fetch(client, path, **headers):
    response = client.get(path, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_it_serves_the_whole_recording(supervisor_client, upstream_mp3):
    monitor_id, data = upstream_mp3
    response, body = fetch(supervisor_client, f"/recordings/{monitor_id}.mp3")
    assert response.status_code == 200
    assert body == data
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] and response["Last-Modified"]


@pytest.mark.parametrize(
    "span",
    ["first", "middle", "last", "open-ended", "suffix"],
)
def test_it_serves_byte_ranges_of_the_recording(supervisor_client, upstream_mp3, span):
    monitor_id, data = upstream_mp3
    size = len(data)
    start, end, header = {
        "first": (0, 99, "bytes=0-99"),
        "middle": (size // 2, size // 2 + 999, f"bytes={size // 2}-{size // 2 + 999}"),
        "last": (size - 100, size - 1, f"bytes={size - 100}-{size - 1}"),
        "open-ended": (size // 3, size - 1, f"bytes={size // 3}-"),
        "suffix": (size - 500, size - 1, "bytes=-500"),
    }[span]
    response, body = fetch(supervisor_client, f"/recordings/{monitor_id}.mp3", Range=header)
    assert response.status_code == 206
    assert body == data[start : end + 1]
    assert response["Content-Range"] == f"bytes {start}-{end}/{size}"
    assert response["Content-Length"] == str(end - start + 1)


def test_it_refuses_a_range_beyond_the_recording(supervisor_client, upstream_mp3):
    monitor_id, data = upstream_mp3
    response, body = fetch(
        supervisor_client, f"/recordings/{monitor_id}.mp3", Range=f"bytes={len(data)}-"
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(data)}"


def test_it_answers_304_for_an_unchanged_recording(supervisor_client, upstream_mp3):
    monitor_id, _ = upstream_mp3
    first, _ = fetch(supervisor_client, f"/recordings/{monitor_id}.mp3")
    again, body = fetch(
        supervisor_client, f"/recordings/{monitor_id}.mp3", If_None_Match=first["ETag"]
    )
    assert again.status_code == 304
    assert body == b""


def test_it_names_and_audits_a_download(supervisor_client, upstream_mp3):
    monitor_id, data = upstream_mp3
    response, body = fetch(supervisor_client, f"/recordings/{monitor_id}.mp3?download=1")
    assert body == data
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="recording ')
    assert disposition.endswith('.mp3"')
    assert " to " in disposition
    entry = AuditEntry.objects.get(action="recording.download")
    assert entry.records == [monitor_id]


def test_it_serves_voicemail_audio_with_ranges(supervisor_client, sandbox_demo, sandbox_url):
    voicemail_id = sandbox_demo.records.voicemail_in_inbox
    upstream = requests.get(
        f"{sandbox_url}/voicemessages/{voicemail_id}.mp3",
        headers={"X-Auth-Token": sandbox_demo.supervisor.api_key},
        timeout=10,
    ).content
    response, body = fetch(supervisor_client, f"/voicemail/{voicemail_id}.mp3", Range="bytes=10-")
    assert response.status_code == 206
    assert body == upstream[10:]


def test_it_keeps_other_users_recordings_out(agent_client, sandbox_demo):
    response = agent_client.get(f"/recordings/{sandbox_demo.records.other_customer_monitor}.mp3")
    assert response.status_code in (403, 404)


def test_it_sends_a_signed_out_visitor_to_sign_in(client, sandbox_url, sandbox_demo):
    response = client.get(f"/recordings/{sandbox_demo.records.monitor}.mp3")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_answers_head_with_the_size_and_no_body(supervisor_client, upstream_mp3):
    monitor_id, data = upstream_mp3
    response = supervisor_client.head(f"/recordings/{monitor_id}.mp3")
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(data))
    assert response["Accept-Ranges"] == "bytes"
