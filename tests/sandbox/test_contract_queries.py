"""The collection query language: page, limit, filter, sort, dir, and a 400 for each mistake."""

import json
from datetime import timedelta

import pytest

from sandbox.models import Cdr
from tests.sandbox_fixtures import WORLD_START


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["data"]]


def filtered(sandbox_api, *conditions, who="supervisor", path="/cdrs", **params):
    entries = [{"property": p, "operator": o, "value": v} for p, o, v in conditions]
    return sandbox_api.get(path, who=who, params={"filter": json.dumps(entries), **params})


def test_it_pages_and_counts_every_match(sandbox_api):
    everything = sandbox_api.get("/cdrs").json()
    assert everything["total"] == 8
    first = sandbox_api.get("/cdrs", params={"limit": 3, "page": 1}).json()
    third = sandbox_api.get("/cdrs", params={"limit": 3, "page": 3}).json()
    assert first["total"] == third["total"] == 8
    assert len(first["data"]) == 3 and len(third["data"]) == 2
    beyond = sandbox_api.get("/cdrs", params={"limit": 3, "page": 9}).json()
    assert beyond == {"data": [], "total": 8}


def test_it_sorts_by_id_descending_by_default(sandbox_api):
    got = ids(sandbox_api.get("/cdrs"))
    assert got == sorted(got, reverse=True)


def test_it_sorts_by_a_sortable_property_in_either_direction(sandbox_api):
    ascending = sandbox_api.get("/cdrs", params={"sort": "calldate", "dir": "ASC"}).json()["data"]
    dates = [row["calldate"] for row in ascending]
    assert dates == sorted(dates)
    descending = sandbox_api.get("/cdrs", params={"sort": "calldate", "dir": "desc"}).json()
    assert [row["calldate"] for row in descending["data"]] == sorted(dates, reverse=True)


def test_it_filters_with_eq_and_ands_conditions(sandbox_api, sandbox_world):
    agent = sandbox_world.accounts["agent"]
    got = ids(filtered(sandbox_api, ("user_id", "eq", agent), ("type", "eq", "M")))
    assert got == [sandbox_world.ids["agent_missed"]]


def test_it_filters_with_like_as_a_substring(sandbox_api, sandbox_world):
    got = ids(filtered(sandbox_api, ("dst_name", "like", "zo")))
    assert got == [sandbox_world.ids["agent_missed"]]


@pytest.mark.parametrize(
    "operator, value, expected",
    [
        ("gt", "2026-03-02 10:00:00", {"agent_missed", "agent_tracked"}),
        ("gte", "2026-03-02 10:00:00", {"agent_call", "agent_missed", "agent_tracked"}),
        ("lt", "2026-03-02 10:00:00", {"supervisor_call"}),
        ("lte", "2026-03-02 10:00:00", {"supervisor_call", "agent_call"}),
        ("eq", "2026-03-02 10:00:00", {"agent_call"}),
    ],
)
def test_it_compares_dates(sandbox_api, sandbox_world, operator, value, expected):
    # Calls of the morning only: 09:00, 10:00, 11:00 and 12:00.
    morning = ("calldate", "lt", "2026-03-02 13:00")
    got = set(ids(filtered(sandbox_api, ("calldate", operator, value), morning)))
    assert got == {sandbox_world.ids[key] for key in expected}


def test_a_bare_date_stands_for_the_whole_day(sandbox_api, sandbox_world):
    day_one = set(ids(filtered(sandbox_api, ("calldate", "eq", "2026-03-02"))))
    assert sandbox_world.ids["supervisor_call_2"] not in day_one
    assert sandbox_world.ids["two_factor_call"] in day_one
    through_day_one = set(ids(filtered(sandbox_api, ("calldate", "lte", "2026-03-02"))))
    assert through_day_one == day_one
    after_day_one = ids(filtered(sandbox_api, ("calldate", "gt", "2026-03-02")))
    assert after_day_one == [sandbox_world.ids["supervisor_call_2"]]


def test_it_compares_numbers(sandbox_api, sandbox_world):
    got = ids(filtered(sandbox_api, ("billsec", "lt", 1)))
    assert got == [sandbox_world.ids["agent_missed"]]


def test_it_filters_by_label_and_by_empty_parent(sandbox_api, sandbox_world):
    assert ids(filtered(sandbox_api, ("labels", "eq", "vip"))) == [sandbox_world.ids["agent_call"]]
    assert ids(filtered(sandbox_api, ("labels", "eq", "vi"))) == []
    roots = ids(filtered(sandbox_api, ("parent_live_id", "eq", None)))
    assert sandbox_world.ids["agent_transfer_leg"] not in roots
    assert len(roots) == 7


def test_it_filters_voicemessages_by_folder(sandbox_api, sandbox_world):
    got = ids(filtered(sandbox_api, ("folder", "eq", 1), path="/voicemessages"))
    assert got == [sandbox_world.ids["agent_voicemail_old"]]


@pytest.mark.parametrize(
    "params, field, code",
    [
        ({"filter": "[{"}, "filter", "invalid_json"),
        ({"filter": '{"property": "type"}'}, "filter", "invalid"),
        ({"filter": "[1]"}, "filter[0]", "invalid"),
        ({"filter": '[{"property": "type", "operator": "eq"}]'}, "filter[0]", "required"),
        (
            {"filter": '[{"property": "type", "operator": "between", "value": ["O", "I"]}]'},
            "filter[0].operator",
            "invalid_operator",
        ),
        (
            {"filter": '[{"property": "type", "operator": "EQUALS", "value": "O"}]'},
            "filter[0].operator",
            "invalid_operator",
        ),
        (
            {"filter": '[{"property": "metadata", "operator": "eq", "value": "x"}]'},
            "filter[0].property",
            "invalid_property",
        ),
        (
            {"filter": '[{"property": "calldate", "operator": "gt", "value": "yesterday"}]'},
            "filter[0].value",
            "invalid_value",
        ),
        (
            {"filter": '[{"property": "duration", "operator": "eq", "value": "long"}]'},
            "filter[0].value",
            "invalid_value",
        ),
        (
            {"filter": '[{"property": "duration", "operator": "like", "value": 4}]'},
            "filter[0].value",
            "invalid_value",
        ),
        (
            {"filter": '[{"property": "type", "operator": "eq", "value": null}]'},
            "filter[0].value",
            "invalid_value",
        ),
        ({"sort": "password"}, "sort", "invalid"),
        ({"dir": "UP"}, "dir", "invalid"),
        ({"page": "0"}, "page", "min_value"),
        ({"page": "first"}, "page", "invalid"),
        ({"limit": "-5"}, "limit", "min_value"),
        ({"limit": "ten"}, "limit", "invalid"),
        ({"limit": "0"}, "limit", "min_value"),
        ({"limit": "10001"}, "limit", "max_value"),
    ],
)
def test_it_answers_a_bad_query_with_400_naming_the_field(sandbox_api, params, field, code):
    response = sandbox_api.get("/cdrs", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["message"]
    assert body["errors"] == [
        {"field": field, "message": body["errors"][0]["message"], "code": code}
    ]


@pytest.mark.parametrize("limit", ["5000", "10000"])
def test_it_accepts_the_limits_public_clients_page_with(sandbox_api, limit):
    response = sandbox_api.get("/cdrs", params={"limit": limit})
    assert response.status_code == 200
    assert response.json()["total"] == 8


@pytest.mark.parametrize(
    "path",
    [
        "/monitors",
        "/voicemessages",
        "/chats",
        "/chatmsgs",
        "/msdrs",
        "/cdrs/calltracking",
        "/calltracking/cdrs",
        "/apitokens",
    ],
)
def test_every_list_validates_its_query(sandbox_api, path):
    assert sandbox_api.get(path, params={"sort": "nope"}).status_code == 400
    assert sandbox_api.get(path, params={"limit": "10001"}).status_code == 400
    bad_filter = '[{"property": "nope", "operator": "eq", "value": 1}]'
    assert sandbox_api.get(path, params={"filter": bad_filter}).status_code == 400


def test_it_finds_a_label_outside_ascii(sandbox_api, sandbox_world):
    call = sandbox_world.ids["agent_missed"]
    patched = sandbox_api.patch("/cdrs", [{"id": call, "labels": ["Rückruf ☎", "vip-ish"]}])
    assert patched.status_code == 200
    assert ids(filtered(sandbox_api, ("labels", "eq", "Rückruf ☎"))) == [call]
    assert ids(filtered(sandbox_api, ("labels", "eq", "vip"))) == [sandbox_world.ids["agent_call"]]


@pytest.mark.parametrize("path", ["/cdrs/calltracking", "/calltracking/cdrs"])
def test_call_tracking_lists_take_the_cdr_filters_and_sorts(sandbox_api, sandbox_world, path):
    tracked = sandbox_world.ids["agent_tracked"]
    outbound = Cdr.objects.create(
        customer_id=Cdr.objects.get(pk=tracked).customer_id,
        user_id=sandbox_world.accounts["supervisor"],
        calldate=WORLD_START + timedelta(days=1),
        type="O",
        live_id=7000,
        src="1000",
        dst="448000000002",
        calltracking_number="448000000002",
    ).pk
    assert ids(filtered(sandbox_api, ("type", "eq", "I"), path=path)) == [tracked]
    assert ids(filtered(sandbox_api, ("dst", "like", "8000000002"), path=path)) == [outbound]
    assert ids(filtered(sandbox_api, ("calldate", "gte", "2026-03-03"), path=path)) == [outbound]
    by_date = filtered(sandbox_api, path=path, sort="calldate", dir="ASC")
    assert ids(by_date) == [tracked, outbound]
    assert by_date.json()["total"] == 2
    assert ids(filtered(sandbox_api, ("type", "eq", "O"), who="agent", path=path)) == []
    days = ["2026-03-01", "2026-03-04"]
    between = filtered(sandbox_api, ("calldate", "between", days), path=path)
    assert between.status_code == 400
    assert between.json()["errors"][0]["code"] == "invalid_operator"
