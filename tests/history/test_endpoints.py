"""Every endpoint of the seed (and login, /me, /ping, GET /chatmsgs) through the client."""

import pytest

from history.api import auth, cdrs, chats, misc, monitors, msdrs, voicemessages
from history.api.errors import NotFound
from history.api.query import Filter, Query
from history.api.records import Dictionary, Msdr, TraceMessage
from history.api.resource import fetch_dictionary

pytestmark = pytest.mark.django_db(transaction=True)


def read_all(download) -> bytes:
    with download:
        return b"".join(download.chunks())


def test_it_reads_every_cdr_endpoint(supervisor, sandbox_demo):
    cdr_id = sandbox_demo.records.cdr_with_recording
    page = cdrs.list_cdrs(supervisor, Query(limit=5))
    tracked = cdrs.list_calltracking(supervisor, Query())

    # The counts span both customers; the supervisor sees their own customer's share.
    assert len(page.items) == 5 and 5 < page.total < sandbox_demo.counts["cdrs"]
    assert sandbox_demo.records.calltracking_cdr in {cdr.id for cdr in tracked.items}
    assert cdrs.get_cdr(supervisor, cdr_id).id == cdr_id
    assert all(note.cdr_id == cdr_id for note in cdrs.get_notes(supervisor, cdr_id))
    assert all(isinstance(entry, TraceMessage) for entry in cdrs.get_trace(supervisor, cdr_id))
    assert read_all(cdrs.open_pcap(supervisor, cdr_id))[:4] == b"\xd4\xc3\xb2\xa1"
    assert fetch_dictionary(supervisor, "cdrs").label("type", "M") == "Missed"
    csv = read_all(misc.open_user_cdrs_csv(supervisor, sandbox_demo.agent.user_id))
    assert csv.startswith(b"id,")


def test_it_updates_cdrs_and_deletes_them_all(supervisor, sandbox_demo):
    cdr_id = sandbox_demo.records.cdr_with_recording

    (updated,) = cdrs.update_cdrs(supervisor, [{"id": cdr_id, "labels": ["checked"]}])
    cdrs.delete_all_cdrs(supervisor)
    misc.delete_all_statements(supervisor)

    assert updated.labels == ("checked",)
    assert cdrs.list_cdrs(supervisor, Query()).total == 0


def test_it_reads_and_deletes_recordings(supervisor, sandbox_demo):
    monitor_id = sandbox_demo.records.monitor
    monitor = monitors.get_monitor(supervisor, monitor_id)

    assert 0 < monitors.list_monitors(supervisor, Query()).total <= sandbox_demo.counts["monitors"]
    assert len(read_all(monitors.open_mp3(supervisor, monitor_id))) == monitor.size
    monitors.delete_monitors(supervisor, [monitor_id])
    with pytest.raises(NotFound):
        monitors.get_monitor(supervisor, monitor_id)
    monitors.delete_all_monitors(supervisor)
    assert monitors.list_monitors(supervisor, Query()).total == 0


def test_it_reads_moves_and_deletes_voicemail(supervisor, sandbox_demo):
    message_id = sandbox_demo.records.voicemail_in_inbox
    inbox = Query(filters=(Filter("folder", "eq", 0),))

    assert message_id in {m.id for m in voicemessages.list_voicemessages(supervisor, inbox)}
    assert read_all(voicemessages.open_mp3(supervisor, message_id))
    (moved,) = voicemessages.move_voicemessages(supervisor, [message_id], "urgent")
    assert moved.folder == 11
    assert voicemessages.get_voicemessage(supervisor, message_id).folder_name == "Urgent"
    voicemessages.delete_voicemessages(supervisor, [message_id])
    voicemessages.delete_all_voicemessages(supervisor)
    assert voicemessages.list_voicemessages(supervisor, Query()).total == 0


def test_it_reads_chats_and_deletes_their_messages(supervisor, sandbox_demo):
    chat_id = sandbox_demo.records.chat_with_script

    assert 0 < chats.list_chats(supervisor, Query()).total <= sandbox_demo.counts["chats"]
    assert chats.get_chat(supervisor, chat_id).id == chat_id
    messages = chats.list_chatmsgs(supervisor, chat_id, Query())
    assert messages.items and {m.chat_id for m in messages.items} == {chat_id}
    chats.delete_chatmsgs(supervisor, [messages.items[0].id])
    assert chats.list_chatmsgs(supervisor, chat_id, Query()).total == messages.total - 1
    chats.delete_all_chatmsgs(supervisor)
    assert chats.list_chatmsgs(supervisor, chat_id, Query()).total == 0


def test_it_reads_media_sessions_and_the_other_dictionaries(supervisor, sandbox_demo):
    msdr_id = sandbox_demo.records.msdr

    assert 0 < msdrs.list_msdrs(supervisor, Query()).total <= sandbox_demo.counts["msdrs"]
    assert isinstance(msdrs.get_msdr(supervisor, msdr_id), Msdr)
    assert all(isinstance(entry, TraceMessage) for entry in msdrs.get_trace(supervisor, msdr_id))
    assert read_all(msdrs.open_pcap(supervisor, msdr_id))[:4] == b"\xd4\xc3\xb2\xa1"
    for resource in ("msdrs", "sms", "mediasessions"):
        dictionary = fetch_dictionary(supervisor, resource)
        assert isinstance(dictionary, Dictionary) and dictionary.properties


def test_it_pings_and_knows_who_is_signed_in(supervisor, sandbox_demo):
    assert auth.ping() is True
    me = auth.me(supervisor)

    assert (me.id, me.email, me.is_admin) == (
        sandbox_demo.supervisor.user_id,
        sandbox_demo.supervisor.email,
        True,
    )
    assert me.customer_id == sandbox_demo.supervisor.customer_id
