"""The recordings, voicemail, chats and media-session pages over the live sandbox."""

import re

import pytest

SCRIPT = "<script>alert(1)</script>"


def test_it_lists_recordings_with_players(supervisor_client, demo_range):
    response = supervisor_client.get("/recordings/", {**demo_range, "per_page": 250})
    assert response.status_code == 200, response.content[:2000]
    page = response.context["page"]
    assert page.items
    body = response.content.decode()
    first = page.items[0]
    assert f'src="/recordings/{first.id}.mp3"' in body
    assert f'href="/recordings/{first.id}.mp3?download=1"' in body
    # Without JavaScript the native controls play it; the docked player's button waits for
    # the script, and plays it with its waveform.
    assert f'<noscript><audio controls preload="none" src="/recordings/{first.id}.mp3"' in body
    assert f'data-play="/recordings/{first.id}.mp3"' in body
    assert f'data-peaks="/recordings/{first.id}/peaks.json"' in body


def test_it_shows_one_recording_linked_to_its_call(supervisor_client, sandbox_demo):
    monitor_id = sandbox_demo.records.monitor
    response = supervisor_client.get(f"/recordings/{monitor_id}/")
    assert response.status_code == 200, response.content[:2000]
    call = response.context["call"]
    assert call is not None
    assert call.live_id == response.context["monitor"].live_id
    assert f'href="/calls/{call.id}/"' in response.content.decode()


def test_it_lists_voicemail_folders_with_counts(supervisor_client):
    response = supervisor_client.get("/voicemail/")
    assert response.status_code == 200, response.content[:2000]
    folders = response.context["folders"]
    assert [f.name for f in folders] == ["INBOX", "Old", "Work", "Family", "Friends", "Urgent"]
    assert response.context["summary"].total == folders[0].total


def test_it_lists_chats_and_shows_one(supervisor_client, sandbox_demo, demo_range):
    response = supervisor_client.get("/chats/", demo_range)
    assert response.status_code == 200, response.content[:2000]
    assert response.context["page"].items
    chat = supervisor_client.get(f"/chats/{sandbox_demo.records.chat_with_script}/")
    assert chat.status_code == 200, chat.content[:2000]
    assert SCRIPT not in chat.content.decode()
    assert "&lt;script&gt;" in chat.content.decode()


def test_it_shows_a_media_session_with_its_ladder(supervisor_client, sandbox_demo, demo_range):
    response = supervisor_client.get("/media-sessions/", demo_range)
    assert response.status_code == 200, response.content[:2000]
    detail = supervisor_client.get(f"/media-sessions/{sandbox_demo.records.msdr}/")
    assert detail.status_code == 200, detail.content[:2000]
    assert detail.context["ladder"].rows
    pcap = supervisor_client.get(f"/media-sessions/{sandbox_demo.records.msdr}.pcap")
    assert pcap.status_code == 200
    assert b"".join(pcap.streaming_content)[:4] in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4")


def test_it_filters_recordings(supervisor_client, demo_range):
    everything = supervisor_client.get("/recordings/", {**demo_range, "per_page": 250})
    sample = next(m for m in everything.context["page"].items if m.sentiment and m.duration)
    params = {
        **demo_range,
        "sentiment": sample.sentiment,
        "caller": sample.caller[-6:],
        "min_duration": sample.duration,
        "user": sample.user_id,
        "per_page": 250,
    }
    response = supervisor_client.get("/recordings/", params)
    assert response.status_code == 200
    items = response.context["page"].items
    assert sample.id in [m.id for m in items]
    for monitor in items:
        assert monitor.sentiment == sample.sentiment
        assert sample.caller[-6:] in monitor.caller
        assert monitor.duration >= sample.duration
        assert monitor.user_id == sample.user_id


def test_it_finds_recordings_by_transcript_and_shows_markup_as_text(
    supervisor_client, sandbox_demo, demo_range
):
    response = supervisor_client.get(
        "/recordings/", {**demo_range, "transcript": "<script>", "per_page": 250}
    )
    ids = [monitor.id for monitor in response.context["page"].items]
    assert sandbox_demo.records.monitor_with_script in ids
    body = response.content.decode()
    assert SCRIPT not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    detail = supervisor_client.get(f"/recordings/{sandbox_demo.records.monitor_with_script}/")
    assert SCRIPT not in detail.content.decode()


@pytest.mark.parametrize(
    "path, column",
    [
        ("/recordings/", "timestamp"),
        ("/voicemail/", "origtime"),
        ("/chats/", "created_at"),
        ("/media-sessions/", "created_at"),
    ],
)
def test_it_marks_the_default_sort_column(supervisor_client, demo_range, path, column):
    body = supervisor_client.get(path, demo_range).content.decode()
    header = re.search(r'<th scope="col" aria-sort="descending"[^>]*>\s*<a href="([^"]*)"', body)
    assert header is not None
    # Clicking the column the list is sorted by turns the order round.
    assert f"sort={column}" in header.group(1) and "dir=asc" in header.group(1)


def test_it_sorts_recordings_by_an_allowed_column_only(supervisor_client, demo_range):
    response = supervisor_client.get(
        "/recordings/", {**demo_range, "sort": "duration", "dir": "asc", "per_page": 250}
    )
    durations = [monitor.duration for monitor in response.context["page"].items]
    assert durations == sorted(durations)
    refused = supervisor_client.get("/recordings/", {**demo_range, "sort": "transcript"})
    assert refused.status_code == 400
    assert "sort" in refused.context["form"].errors


@pytest.mark.parametrize(
    "params",
    [{"from": "yesterday"}, {"min_duration": "-3"}, {"caller": "12ab"}, {"per_page": "13"}],
)
def test_it_rejects_bad_recording_filters_with_a_400(supervisor_client, params):
    response = supervisor_client.get("/recordings/", params)
    assert response.status_code == 400
    assert set(params) <= set(response.context["form"].errors)


def test_it_swaps_only_the_table_for_htmx(supervisor_client, demo_range):
    response = supervisor_client.get(
        "/recordings/",
        {**demo_range, "page": 1},
        headers={"HX-Request": "true", "HX-Target": "record-table"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="record-table"')
    assert "<html" not in body


def test_it_shows_chat_visitors_markup_as_text(supervisor_client, sandbox_demo, demo_range):
    response = supervisor_client.get("/chats/", {**demo_range, "per_page": 250})
    assert SCRIPT not in response.content.decode()


def test_it_answers_404_for_a_missing_recording(supervisor_client):
    response = supervisor_client.get("/recordings/999999999/")
    assert response.status_code == 404
    assert b"does not exist" in response.content


def test_it_labels_media_session_codes_from_the_dictionary(supervisor_client, demo_range):
    response = supervisor_client.get("/media-sessions/", {**demo_range, "per_page": 250})
    dictionary = response.context["dictionary"]
    sessions = response.context["page"].items
    assert sessions
    body = response.content.decode()
    for msdr in sessions:
        label = dictionary.label("type", msdr.type)
        assert label != msdr.type
        assert f"<td>{label}</td>" in body


def test_it_filters_media_sessions_and_chats(supervisor_client, demo_range):
    sessions = supervisor_client.get("/media-sessions/", {**demo_range, "per_page": 250})
    sample = sessions.context["page"].items[0]
    narrowed = supervisor_client.get(
        "/media-sessions/", {**demo_range, "user": sample.user_id, "dst": sample.dst}
    )
    assert narrowed.status_code == 200
    items = narrowed.context["page"].items
    assert sample.id in [msdr.id for msdr in items]
    assert all(msdr.user_id == sample.user_id and sample.dst in msdr.dst for msdr in items)

    chats = supervisor_client.get("/chats/", {**demo_range, "per_page": 250})
    visitor = next(chat for chat in chats.context["page"].items if chat.visitor_name)
    found = supervisor_client.get("/chats/", {**demo_range, "visitor": visitor.visitor_name})
    assert visitor.id in [chat.id for chat in found.context["page"].items]
