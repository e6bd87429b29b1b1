"""Chats, chat messages (including the GET /chatmsgs extension) and media-session records."""

import io
import json

import dpkt
import pytest

from sandbox.models import ChatMsg


@pytest.mark.parametrize(
    "path, own, colleagues, foreign",
    [
        ("/chats/{}", "agent_chat", "supervisor_chat", "globex_chat"),
        ("/msdrs/{}", "agent_msdr", "supervisor_msdr", "globex_msdr"),
        ("/msdrs/{}.trace", "agent_msdr", "supervisor_msdr", "globex_msdr"),
        ("/msdrs/{}.pcap", "agent_msdr", "supervisor_msdr", "globex_msdr"),
    ],
)
def test_one_record_by_role(sandbox_api, sandbox_world, path, own, colleagues, foreign):
    ids = sandbox_world.ids
    assert sandbox_api.get(path.format(ids[own]), who="agent").status_code == 200
    assert sandbox_api.get(path.format(ids[colleagues]), who="agent").status_code == 403
    assert sandbox_api.get(path.format(ids[foreign]), who="supervisor").status_code == 404
    assert sandbox_api.get(path.format("123456")).status_code == 404
    assert sandbox_api.get(path.format("x1")).status_code == 404
    assert sandbox_api.get(path.format(ids[own]), who=None).status_code == 401


def test_a_chat_keeps_the_visitors_text_as_data(sandbox_api, sandbox_world):
    body = sandbox_api.get(f"/chats/{sandbox_world.ids['agent_chat']}").json()
    assert body["links"] == {}
    assert body["data"]["visitor_name"] == "<script>alert(1)</script>"
    assert body["data"]["operator_id"] == sandbox_world.accounts["agent"]


def test_chat_messages_are_listed_by_chat(sandbox_api, sandbox_world):
    chat_filter = json.dumps(
        [{"property": "chat_id", "operator": "eq", "value": sandbox_world.ids["agent_chat"]}]
    )
    response = sandbox_api.get(
        "/chatmsgs", who="agent", params={"filter": chat_filter, "sort": "created_at", "dir": "ASC"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert [m["message"] for m in body["data"]] == ["message 0", "message 1"]
    assert set(body["data"][0]) == {
        "id", "chat_id", "created_at", "sender", "author", "message", "user_id"
    }  # fmt: skip
    assert sandbox_api.get("/chatmsgs", who="agent").json()["total"] == 2
    assert sandbox_api.get("/chatmsgs", who="supervisor").json()["total"] == 4


def test_listing_chat_messages_is_marked_as_an_extension(sandbox_api):
    listed = sandbox_api.get("/chatmsgs")
    assert "not part of the documented History API" in listed["X-Sandbox-Extension"]
    # What the seed documents carries no such mark.
    assert "X-Sandbox-Extension" not in sandbox_api.get("/chats")
    assert "X-Sandbox-Extension" not in sandbox_api.delete("/chatmsgs")


def test_chat_message_deletes_are_all_or_nothing(sandbox_api, sandbox_world):
    ids = sandbox_world.ids
    own, colleagues = ids["agent_chat_message_0"], ids["supervisor_chat_message_0"]
    assert sandbox_api.delete(f"/chatmsgs/{own},{colleagues}", who="agent").status_code == 404
    assert ChatMsg.objects.filter(pk=own).exists()
    foreign = ids["globex_chat_message_0"]
    assert sandbox_api.delete(f"/chatmsgs/{foreign}", who="supervisor").status_code == 404
    response = sandbox_api.delete(f"/chatmsgs/{own},{ids['agent_chat_message_1']}", who="agent")
    assert response.status_code == 204
    assert not ChatMsg.objects.filter(chat_id=ids["agent_chat"]).exists()
    assert sandbox_api.delete(f"/chatmsgs/{colleagues}", who=None).status_code == 401


def test_deleting_all_chat_messages_keeps_other_peoples(sandbox_api, sandbox_world):
    response = sandbox_api.delete("/chatmsgs", who="agent")
    assert response.status_code == 204
    assert ChatMsg.objects.filter(user_id=sandbox_world.accounts["agent"]).count() == 0
    assert ChatMsg.objects.count() == 4
    assert sandbox_api.delete("/chatmsgs", who=None).status_code == 401


def test_an_msdr_trace_and_pcap_carry_the_same_dialog(sandbox_api, sandbox_world):
    path = f"/msdrs/{sandbox_world.ids['agent_msdr']}"
    trace = sandbox_api.get(f"{path}.trace").json()
    assert trace["total"] == len(trace["data"]) > 3
    pcap = sandbox_api.get(f"{path}.pcap")
    assert pcap["Content-Type"] == "application/vnd.tcpdump.pcap"
    frames = list(dpkt.pcap.Reader(io.BytesIO(pcap.content)))
    payloads = [dpkt.ethernet.Ethernet(frame).data.data.data.decode() for _, frame in frames]
    assert payloads == [m["message"] for m in trace["data"]]


@pytest.mark.parametrize(
    "path, properties",
    [
        ("/msdrs/dictionaries", {"type"}),
        ("/sms/dictionaries", {"type", "result"}),
        ("/mediasessions/dictionaries", {"type", "status"}),
    ],
)
def test_dictionaries_label_each_coded_property(sandbox_api, path, properties):
    response = sandbox_api.get(path)
    assert response.status_code == 200
    body = response.json()
    assert {entry["property"] for entry in body["data"]} == properties
    assert all(value["label"] for entry in body["data"] for value in entry["values"])
    assert sandbox_api.get(path, who=None).status_code == 401
