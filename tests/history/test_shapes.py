"""The client reads the other shapes the real service may send, over real HTTP."""

from datetime import UTC, datetime

import pytest

from history.api import auth, cdrs, monitors, voicemessages
from history.api.errors import BadResponse, NotFound, Unavailable
from history.api.query import Query
from history.api.resource import fetch_dictionary
from history.services import cdr_list, voicemessage_list

INTEGER_CODED_CDR = {
    "id": "7982",  # a string id
    "calldate": "2016-07-28T12:50:40Z",  # ISO form instead of the documented one
    "type": 3,  # an integer code, as in the seed's examples
    "disposition": 0,
    "destination": 1,
    "charge": "2.33",
    "duration": None,
    "user_id": 4866,
    "labels": None,
    "root_live_id": None,
    "brand_new_field": {"kept": True},
}
SPARSE_CDR = {"id": 5, "calldate": "2024-05-28"}  # only the essentials, a bare date


def test_it_reads_integer_codes_nulls_missing_and_extra_fields(canned_upstream, canned_credentials):
    canned_upstream.answer("GET", "/cdrs", {"data": [INTEGER_CODED_CDR, SPARSE_CDR], "total": "2"})

    page = cdr_list(credentials=canned_credentials, query=Query()).value

    full, sparse = page.items
    assert page.total == 2
    assert full.id == 7982
    assert full.type == "3" and full.disposition == "0" and full.destination == "1"
    assert full.calldate == datetime(2016, 7, 28, 12, 50, 40, tzinfo=UTC)
    assert full.charge == pytest.approx(2.33)
    assert full.duration is None and full.labels == () and full.root_live_id is None
    assert full.extra == {"brand_new_field": {"kept": True}}
    assert sparse.calldate == datetime(2024, 5, 28, tzinfo=UTC)
    assert sparse.src == "" and sparse.user_id is None and sparse.metadata == {}


def test_it_reads_a_page_without_a_total(canned_upstream, canned_credentials):
    canned_upstream.answer("GET", "/monitors", {"data": [{"id": 1, "size": "2048"}]})

    page = monitors.list_monitors(canned_credentials, Query(page=3, limit=10))

    assert page.total == 21  # two full pages before this one, plus what it holds
    assert page.items[0].size == 2048


def test_it_reads_folder_names_and_textual_flags(canned_upstream, canned_credentials):
    canned_upstream.answer(
        "GET",
        "/voicemessages",
        {"data": [{"id": 9, "folder": "Old", "is_new": "0", "origtime": 1700000000}], "total": 1},
    )

    message = voicemessage_list(credentials=canned_credentials).value.items[0]

    assert message.folder == 1 and message.folder_name == "Old"
    assert message.is_new is False
    assert message.origtime == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_it_reads_a_dictionary_keyed_by_property(canned_upstream, canned_credentials):
    canned_upstream.answer("GET", "/cdrs/dictionaries", {"data": {"type": {"O": "Outbound"}}})

    dictionary = fetch_dictionary(canned_credentials, "cdrs")

    assert dictionary.label("type", "O") == "Outbound"
    assert dictionary.label("type", "X") == "X"  # an unknown code shows as itself


def test_it_reads_a_trace_with_ports_as_text(canned_upstream, canned_credentials):
    sip = "SIP/2.0 180 Ringing\r\ni: abc@host\r\nCSeq: 1 INVITE\r\n\r\n"
    entry = {"timestamp": "2024-01-02 03:04:05", "src_port": "5060", "message": sip}
    canned_upstream.answer("GET", "/cdrs/4.trace", {"data": [entry], "total": 1})

    (message,) = cdrs.get_trace(canned_credentials, 4)

    assert message.src_port == 5060 and message.dst_port is None
    assert message.method_or_status == "180 Ringing" and not message.is_request
    assert message.sip_call_id == "abc@host" and message.cseq == "1 INVITE"


def test_it_accepts_a_single_object_from_a_bulk_update(canned_upstream, canned_credentials):
    canned_upstream.answer("PATCH", "/voicemessages", {"data": {"id": 3, "folder": 2}})

    (moved,) = voicemessages.move_voicemessages(canned_credentials, [3], 2)

    assert moved.folder == 2


def test_it_reads_me_with_roles_instead_of_an_admin_flag(canned_upstream, canned_credentials):
    body = {"data": {"id": "12", "email": "a@example.com", "customer": 4, "roles": ["admin"]}}
    canned_upstream.answer("GET", "/me", body)

    me = auth.me(canned_credentials)

    assert (me.id, me.customer_id, me.is_admin) == (12, 4, True)


@pytest.mark.parametrize(
    ("record", "field"),
    [({"id": "seven"}, "'id'"), ({"id": 1, "calldate": "last Tuesday"}, "'calldate'")],
)
def test_it_refuses_an_unreadable_id_or_date_naming_the_field(
    canned_upstream, canned_credentials, record, field
):
    canned_upstream.answer("GET", "/cdrs/1", {"data": record, "links": {}})

    with pytest.raises(BadResponse) as raised:
        cdrs.get_cdr(canned_credentials, 1)

    assert field in str(raised.value)


def test_it_sends_the_token_and_names_the_product(canned_upstream, canned_credentials):
    canned_upstream.answer("GET", "/ping", {"data": {"response": "Pong"}})

    assert auth.ping(canned_credentials) is True

    _, _, headers = canned_upstream.requests[-1]
    assert headers["X-Auth-Token"] == canned_credentials.token
    assert headers["User-Agent"].startswith("VoIPstudio-History-Dashboard/")


def test_it_keeps_the_meaning_of_an_html_not_found_page(canned_upstream, canned_credentials):
    # What a wrong base URL gets from a web server: not to be mistaken for throttling.
    canned_upstream.answer(
        "GET", "/cdrs/1", b"<html>Not here</html>", status=404, **{"Content-Type": "text/html"}
    )

    with pytest.raises(NotFound):
        cdrs.get_cdr(canned_credentials, 1)

    assert len(canned_upstream.requests) == 1


def test_it_names_the_setting_when_the_address_is_not_a_url(settings, canned_credentials):
    settings.HISTORY_API_URL = "l7api.com/v1.1/voipstudio"

    with pytest.raises(Unavailable, match="HISTORY_API_URL"):
        cdrs.get_cdr(canned_credentials, 1)
