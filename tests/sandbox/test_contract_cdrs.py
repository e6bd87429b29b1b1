"""CDRs: lists, one record, notes, trace, PCAP, call tracking, dictionary, labels, deletes, CSV."""

import csv
import io

import dpkt
import pytest

from sandbox.models import Cdr

CDR_KEYS = {
    "id", "billsec", "call_id", "calldate", "charge", "clid", "context", "destination",
    "disposition", "dst", "dst_codec", "dst_id", "dst_name", "dst_ua", "duration", "info",
    "live_id", "parent_live_id", "rate", "server_id", "sip_endpoint_id", "src", "src_codec",
    "src_id", "src_name", "src_ua", "t_cause", "type", "user_id", "root_live_id", "is_root",
    "nb_notes", "nb_children", "labels", "metadata",
}  # fmt: skip


def test_it_lists_cdrs_with_the_api_field_names_and_types(sandbox_api, sandbox_world):
    response = sandbox_api.get("/cdrs")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data", "total"}
    row = next(r for r in body["data"] if r["id"] == sandbox_world.ids["agent_call"])
    assert set(row) == CDR_KEYS
    assert row["type"] == "O"
    assert row["calldate"] == "2026-03-02 10:00:00"
    assert row["labels"] == ["vip"]
    assert row["metadata"] == {}
    assert isinstance(row["charge"], float) and isinstance(row["duration"], int)
    assert row["disposition"] == "CONNECTED" and row["destination"] == "out"


def test_an_admin_sees_the_whole_customer_and_an_agent_only_their_own(sandbox_api, sandbox_world):
    supervisor_rows = sandbox_api.get("/cdrs", who="supervisor").json()
    assert supervisor_rows["total"] == 8
    agent_rows = sandbox_api.get("/cdrs", who="agent").json()
    assert agent_rows["total"] == 5
    assert {r["user_id"] for r in agent_rows["data"]} == {sandbox_world.accounts["agent"]}


def test_one_customer_never_sees_the_other(sandbox_api, sandbox_world):
    globex = sandbox_api.get("/cdrs", who="other_admin").json()
    assert [r["id"] for r in globex["data"]] == [sandbox_world.ids["globex_call"]]
    assert sandbox_api.get(f"/cdrs/{sandbox_world.ids['globex_call']}").status_code == 404
    assert (
        sandbox_api.get(f"/cdrs/{sandbox_world.ids['agent_call']}", who="other_admin").status_code
        == 404
    )


def test_it_gets_one_cdr(sandbox_api, sandbox_world):
    response = sandbox_api.get(f"/cdrs/{sandbox_world.ids['agent_call']}", who="agent")
    assert response.status_code == 200
    body = response.json()
    assert body["links"] == {}
    assert body["data"]["id"] == sandbox_world.ids["agent_call"]


@pytest.mark.parametrize("suffix", ["", ".trace", ".pcap", "/notes"])
def test_an_agent_gets_403_on_a_colleagues_cdr(sandbox_api, sandbox_world, suffix):
    response = sandbox_api.get(f"/cdrs/{sandbox_world.ids['supervisor_call']}{suffix}", who="agent")
    assert response.status_code == 403
    assert response.json()["message"]


@pytest.mark.parametrize("suffix", ["", ".trace", ".pcap", "/notes"])
@pytest.mark.parametrize("ident", ["999999", "abc", "0", "-1", "1e3"])
def test_it_answers_404_for_an_unknown_cdr(sandbox_api, suffix, ident):
    response = sandbox_api.get(f"/cdrs/{ident}{suffix}")
    assert response.status_code == 404
    assert response.json()["message"]


@pytest.mark.parametrize("suffix", ["", ".trace", ".pcap", "/notes"])
def test_it_answers_401_without_a_token(sandbox_api, sandbox_world, suffix):
    response = sandbox_api.get(f"/cdrs/{sandbox_world.ids['agent_call']}{suffix}", who=None)
    assert response.status_code == 401


def test_it_lists_the_notes_of_a_cdr(sandbox_api, sandbox_world):
    response = sandbox_api.get(f"/cdrs/{sandbox_world.ids['agent_call']}/notes", who="agent")
    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {
                "id": sandbox_world.ids["agent_note"],
                "cdr_id": sandbox_world.ids["agent_call"],
                "user_id": sandbox_world.accounts["supervisor"],
                "created_at": "2026-03-02 09:00:00",
                "text": "Follow up <b>soon</b>",
            }
        ],
        "total": 1,
    }


def test_the_trace_is_the_sip_dialog_as_json(sandbox_api, sandbox_world):
    response = sandbox_api.get(f"/cdrs/{sandbox_world.ids['agent_call']}.trace")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == len(body["data"]) > 5
    first = body["data"][0]
    assert set(first) == {
        "timestamp", "src_ip", "src_port", "dst_ip", "dst_port", "transport", "message"
    }  # fmt: skip
    assert first["message"].startswith("INVITE sip:")
    assert first["timestamp"].startswith("2026-03-02 10:00:")
    assert any(m["message"].startswith("BYE ") for m in body["data"])


def test_a_transferred_call_shows_its_next_leg_in_the_trace(sandbox_api, sandbox_world):
    body = sandbox_api.get(f"/cdrs/{sandbox_world.ids['agent_transfer']}.trace").json()
    invites = [m for m in body["data"] if m["message"].startswith("INVITE sip:1002")]
    assert invites


def test_the_pcap_parses_into_the_same_sip_dialog(sandbox_api, sandbox_world):
    path = f"/cdrs/{sandbox_world.ids['agent_call']}"
    trace = sandbox_api.get(f"{path}.trace").json()["data"]
    response = sandbox_api.get(f"{path}.pcap")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.tcpdump.pcap"
    payloads = []
    for _timestamp, frame in dpkt.pcap.Reader(io.BytesIO(response.content)):
        ip = dpkt.ethernet.Ethernet(frame).data
        assert isinstance(ip.data, dpkt.udp.UDP)
        payloads.append(ip.data.data.decode())
    assert payloads == [m["message"] for m in trace]


@pytest.mark.parametrize("path", ["/cdrs/calltracking", "/calltracking/cdrs"])
def test_call_tracking_lists_only_calls_to_tracking_numbers(sandbox_api, sandbox_world, path):
    response = sandbox_api.get(path)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["data"]] == [sandbox_world.ids["agent_tracked"]]
    assert sandbox_api.get(path, who="two_factor").json() == {"data": [], "total": 0}
    assert sandbox_api.get(path, who=None).status_code == 401


def test_the_dictionary_labels_every_cdr_code(sandbox_api):
    response = sandbox_api.get("/cdrs/dictionaries")
    assert response.status_code == 200
    body = response.json()
    by_property = {entry["property"]: entry["values"] for entry in body["data"]}
    assert body["total"] == len(body["data"])
    assert {"id": "M", "label": "Missed"} in by_property["type"]
    assert {v["id"] for v in by_property["disposition"]} >= {"CONNECTED", "VM"}
    assert {v["id"] for v in by_property["destination"]} == {"in", "out", "webcall", "callmeback"}
    assert sandbox_api.get("/cdrs/dictionaries", who=None).status_code == 401


# --- Bulk PATCH --------------------------------------------------------------------------


def test_it_labels_cdrs_in_bulk(sandbox_api, sandbox_world):
    ids = sandbox_world.ids
    response = sandbox_api.patch(
        "/cdrs",
        [
            {"id": ids["agent_call"], "labels": ["vip", "callback"]},
            {"id": ids["agent_missed"], "labels": ["urgent"], "info": "rang out"},
        ],
        who="agent",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert [r["labels"] for r in body["data"]] == [["vip", "callback"], ["urgent"]]
    assert Cdr.objects.get(pk=ids["agent_missed"]).info == "rang out"


@pytest.mark.parametrize(
    "second_item, field",
    [
        ("not an object", "[1]"),
        ({"labels": ["x"]}, "[1].id"),
        ({"id": "seven", "labels": ["x"]}, "[1].id"),
        ({"id": True, "labels": ["x"]}, "[1].id"),
        ({"id": "{agent_missed}", "labels": "x"}, "[1].labels"),
        ({"id": "{agent_missed}", "labels": [1]}, "[1].labels"),
        ({"id": "{agent_missed}", "labels": ["x" * 41]}, "[1].labels"),
        ({"id": "{agent_missed}", "labels": [f"l{n}" for n in range(21)]}, "[1].labels"),
        ({"id": "{agent_missed}", "info": 5}, "[1].info"),
        ({"id": "{agent_missed}", "duration": 5}, "[1].duration"),
        ({"id": "{agent_missed}"}, "[1]"),
        ({"id": "{agent_call}", "labels": ["x"]}, "[1].id"),
    ],
)
def test_a_bad_item_is_a_400_naming_it_and_nothing_changes(
    sandbox_api, sandbox_world, second_item, field
):
    ids = sandbox_world.ids
    if isinstance(second_item, dict) and str(second_item.get("id")).startswith("{"):
        second_item = {**second_item, "id": int(second_item["id"].format(**ids))}
    response = sandbox_api.patch(
        "/cdrs", [{"id": ids["agent_call"], "labels": ["changed"]}, second_item], who="agent"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert Cdr.objects.get(pk=ids["agent_call"]).labels == ["vip"]


@pytest.mark.parametrize("body", [[], {}, "[", "null"])
def test_a_patch_body_that_is_not_a_list_of_items_is_a_400(sandbox_api, body):
    assert sandbox_api.patch("/cdrs", body).status_code == 400


@pytest.mark.parametrize("target", ["supervisor_call", "globex_call"])
def test_patching_a_cdr_the_caller_cannot_see_is_a_404_and_changes_nothing(
    sandbox_api, sandbox_world, target
):
    ids = sandbox_world.ids
    response = sandbox_api.patch(
        "/cdrs",
        [{"id": ids["agent_call"], "labels": []}, {"id": ids[target], "labels": ["x"]}],
        who="agent",
    )
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "[1].id"
    assert Cdr.objects.get(pk=ids["agent_call"]).labels == ["vip"]


def test_patch_needs_a_token(sandbox_api, sandbox_world):
    body = [{"id": sandbox_world.ids["agent_call"], "labels": []}]
    assert sandbox_api.patch("/cdrs", body, who=None).status_code == 401


# --- Delete ------------------------------------------------------------------------------


def test_delete_all_removes_only_what_the_caller_may_see(sandbox_api, sandbox_world):
    response = sandbox_api.delete("/cdrs", who="agent")
    assert response.status_code == 204
    assert response.content == b""
    assert not Cdr.objects.filter(user_id=sandbox_world.accounts["agent"]).exists()
    assert Cdr.objects.filter(user_id=sandbox_world.accounts["supervisor"]).count() == 2
    assert Cdr.objects.filter(pk=sandbox_world.ids["globex_call"]).exists()
    assert sandbox_api.delete("/cdrs", who=None).status_code == 401


def test_one_cdr_cannot_be_deleted_by_id(sandbox_api, sandbox_world):
    response = sandbox_api.delete(f"/cdrs/{sandbox_world.ids['agent_call']}")
    assert response.status_code == 405
    assert "GET" in response["Allow"]


# --- CSV export --------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_it_exports_a_users_cdrs_as_csv(sandbox_api, sandbox_world):
    agent = sandbox_world.accounts["agent"]
    response = sandbox_api.get(f"/users/{agent}/cdrs.csv", who="agent")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0][:4] == ["id", "billsec", "call_id", "calldate"]
    assert len(rows) == 1 + 5
    user_column = rows[0].index("user_id")
    assert {row[user_column] for row in rows[1:]} == {str(agent)}


def test_an_admin_exports_any_user_of_the_customer(sandbox_api, sandbox_world):
    response = sandbox_api.get(f"/users/{sandbox_world.accounts['agent']}/cdrs.csv")
    assert response.status_code == 200
    assert len(read_csv(response)) == 6


def test_csv_export_guards_other_users_and_customers(sandbox_api, sandbox_world):
    supervisor, other = sandbox_world.accounts["supervisor"], sandbox_world.accounts["other_admin"]
    assert sandbox_api.get(f"/users/{supervisor}/cdrs.csv", who="agent").status_code == 403
    assert sandbox_api.get(f"/users/{other}/cdrs.csv", who="supervisor").status_code == 404
    assert sandbox_api.get("/users/abc/cdrs.csv").status_code == 404
    assert sandbox_api.get(f"/users/{supervisor}/cdrs.csv", who=None).status_code == 401


@pytest.mark.parametrize(
    "who, user, status",
    [
        ("agent", "two_factor", 403),
        ("agent", "supervisor", 403),
        ("agent", None, 404),
        ("supervisor", None, 404),
        ("agent", "other_admin", 404),
    ],
)
def test_a_refused_csv_export_says_why_in_json(sandbox_api, sandbox_world, who, user, status):
    # None: an id no account has.
    user_id = sandbox_world.accounts[user] if user else 999999
    response = sandbox_api.get(f"/users/{user_id}/cdrs.csv", who=who)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]
