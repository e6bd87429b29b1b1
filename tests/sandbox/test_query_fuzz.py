"""The query parser answers anything a client sends with a 200 or a 400 that names the field.

Values at the edges of what Python's dates and SQLite's integers hold used to escape as a 500
(`9999-12-31` overflowed when the parser added the whole day); hypothesis throws the rest.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.query import OPERATORS
from sandbox.resources import CDRS, CHATMSGS, CHATS, MONITORS, MSDRS, VOICEMESSAGES

LISTS = {
    "/cdrs": CDRS,
    "/cdrs/calltracking": CDRS,
    "/monitors": MONITORS,
    "/voicemessages": VOICEMESSAGES,
    "/chats": CHATS,
    "/chatmsgs": CHATMSGS,
    "/msdrs": MSDRS,
}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_answered(response) -> None:
    """A 200 with a page, or a 400 in the API's error shape: never a 500."""
    assert response.status_code in (200, 400), (response.status_code, response.content[:300])
    body = response.json()
    if response.status_code == 200:
        assert isinstance(body["data"], list) and isinstance(body["total"], int)
    else:
        assert body["message"] and body["errors"][0]["field"]


def one_condition(value: dict) -> str:
    return json.dumps([value])


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",
        "9999-12-31 23:59:59",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01",
        "0001-01-01T00:00:00+14:00",
    ],
)
@pytest.mark.parametrize("operator", ["eq", "gt", "gte", "lt", "lte"])
def test_it_answers_dates_at_the_end_of_the_calendar(sandbox_api, operator, value):
    condition = {"property": "calldate", "operator": operator, "value": value}
    response = sandbox_api.get("/cdrs", params={"filter": one_condition(condition)})
    assert_answered(response)


def test_it_answers_the_last_day_with_a_400_naming_the_value(sandbox_api):
    condition = {"property": "calldate", "operator": "lte", "value": "9999-12-31"}
    response = sandbox_api.get("/cdrs", params={"filter": one_condition(condition)})
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "field": "filter[0].value",
        "message": response.json()["errors"][0]["message"],
        "code": "invalid_value",
    }


@pytest.mark.parametrize(
    "prop, value",
    [
        ("duration", 2**63),
        ("duration", -(2**63) - 1),
        ("duration", "1" + "0" * 30),
        ("charge", 10**400),
        ("src", "\ud800"),
        ("labels", "\udfff"),
    ],
)
def test_it_answers_numbers_and_text_the_database_cannot_hold(sandbox_api, prop, value):
    condition = {"property": prop, "operator": "eq", "value": value}
    response = sandbox_api.get("/cdrs", params={"filter": one_condition(condition)})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "filter[0].value"


def test_it_answers_a_deeply_nested_filter(sandbox_api):
    response = sandbox_api.get("/cdrs", params={"filter": "[" * 100_000})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "filter"


# --- Hypothesis ----------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.dates().map(str)
    | st.datetimes().map(str)
    | st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=5,
)


@st.composite
def conditions(draw, resource) -> object:
    entry = {
        "property": draw(st.sampled_from(resource.filterable) | st.text(max_size=8)),
        "operator": draw(st.sampled_from(OPERATORS + ("EQ", "between")) | st.text(max_size=4)),
        "value": draw(json_values),
    }
    # Sometimes a key goes missing, or the whole entry is something else.
    dropped = draw(st.sets(st.sampled_from(sorted(entry)), max_size=1))
    shaped = {key: value for key, value in entry.items() if key not in dropped}
    return draw(st.just(shaped) | json_values)


@st.composite
def list_queries(draw) -> tuple[str, dict[str, str]]:
    path = draw(st.sampled_from(sorted(LISTS)))
    resource = LISTS[path]
    params: dict[str, str] = {}
    numbers = st.integers().map(str) | st.text(max_size=12)
    if draw(st.booleans()):
        params["page"] = draw(numbers)
    if draw(st.booleans()):
        params["limit"] = draw(numbers)
    if draw(st.booleans()):
        params["sort"] = draw(st.sampled_from(resource.sortable) | st.text(max_size=10))
    if draw(st.booleans()):
        params["dir"] = draw(st.sampled_from(["ASC", "desc", "up"]) | st.text(max_size=5))
    if draw(st.booleans()):
        filters = st.lists(conditions(resource), max_size=3).map(json.dumps)
        params["filter"] = draw(filters | st.text(max_size=30))
    return path, params


@FUZZ
@given(query=list_queries())
def test_no_query_reaches_a_500(sandbox_api, query):
    path, params = query
    assert_answered(sandbox_api.get(path, params=params))
