"""The recordings, voicemail, chats and media-session pages over the live sandbox."""

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
