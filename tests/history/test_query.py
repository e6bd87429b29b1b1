"""Queries are validated before anything is sent; credentials never show their token."""

import pickle
from datetime import UTC, datetime, timedelta, timezone

import pytest

from history.api.credentials import Credentials
from history.api.errors import ValidationFailed
from history.api.query import Filter, Query
from history.services import cdr_list


def test_it_rejects_an_unknown_operator_before_any_request(canned_upstream, canned_credentials):
    with pytest.raises(ValidationFailed) as raised:
        cdr_list(
            credentials=canned_credentials,
            query=Query(filters=(Filter("calldate", "between", "2024-01-01"),)),
        )

    assert [error.field for error in raised.value.errors] == ["filter.0.operator"]
    assert canned_upstream.requests == []


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"page": 0}, "page"),
        ({"limit": 5001}, "limit"),
        ({"direction": "sideways"}, "direction"),
        ({"sort": "calldate; drop"}, "sort"),
        ({"filters": (Filter("bad name", "eq", 1),)}, "filter.0.property"),
        ({"filters": (Filter("type", "eq", ["O"]),)}, "filter.0.value"),
    ],
)
def test_it_names_the_part_of_a_query_that_is_wrong(options, field):
    with pytest.raises(ValidationFailed) as raised:
        Query(**options)

    assert field in {error.field for error in raised.value.errors}
    assert field in str(raised.value)


def test_it_sends_dates_in_utc_in_the_documented_form():
    paris = timezone(timedelta(hours=1))
    query = Query(
        filters=(Filter("calldate", "gte", datetime(2024, 3, 1, 9, 30, tzinfo=paris)),),
        sort="calldate",
        direction="asc",
    )

    assert query.params == {
        "page": "1",
        "limit": "50",
        "sort": "calldate",
        "dir": "ASC",
        "filter": '[{"operator":"gte","property":"calldate","value":"2024-03-01 08:30:00"}]',
    }


def test_it_gives_the_same_cache_part_whatever_the_filter_order():
    first = Filter("type", "eq", "O")
    second = Filter("calldate", "gte", datetime(2024, 1, 1, tzinfo=UTC))

    assert Query(filters=(first, second)).cache_part == Query(filters=(second, first)).cache_part


def test_it_never_shows_the_token():
    credentials = Credentials(token="secret-token-value", user_id=3)

    assert "secret-token-value" not in repr(credentials)
    assert Credentials.from_session(credentials.to_session()) == credentials
    assert pickle.loads(pickle.dumps(credentials)) == credentials  # noqa: S301 - our own bytes
    assert Credentials.from_session({"token": ""}) is None
