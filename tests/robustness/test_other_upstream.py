"""The dashboard over an upstream shaped differently from our sandbox.

The real VoIPstudio service may send integer codes where the sandbox sends strings, leave out
optional fields or send `null`, add fields, write dates with a `T` or fractional seconds, send
`total` as text or not at all, have no dictionaries, and order a trace its own way. A real
local HTTP server (`tests.history.canned`) answers with those shapes; every page must still
render what it could read, and an answer it cannot read is a clear notice, never a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from dashboard.models import AuditEntry
from history.services.cdrs import EXPORT_PAGE_SIZE
from tests.history.canned import CannedUpstream
from tests.sign_in import Login, sign_in

TOKEN = "0123456789abcdef0123456789abcdef01234567"
LEAD = Login("lead@example.com", "pw")
# Text from the upstream is data, never markup: every page must show it escaped.
SCRIPT = "<script>alert('upstream')</script>"
ESCAPED = "&lt;script&gt;alert("
SIP_INVITE = (
    "INVITE sip:449876@voip.example SIP/2.0\r\ni: leg-a@host\r\nCSeq: 1 INVITE\r\n"
    f"Subject: {SCRIPT}\r\n\r\n"
)
SIP_RINGING = "SIP/2.0 180 Ringing\r\nCall-ID: leg-a@host\r\nCSeq: 1 INVITE\r\n\r\n"
SIP_OK = "SIP/2.0 200 OK\r\nCall-ID: leg-a@host\r\nCSeq: 1 INVITE\r\n\r\n"


def _when(minutes_ago: int, style: str) -> str:
    """A recent moment, written the ways another upstream might write it."""
    moment = timezone.now().replace(microsecond=250_000) - timedelta(minutes=minutes_ago)
    if style == "T":
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if style == "fraction":
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    if style == "epoch":
        return str(int(moment.timestamp()))
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _cdrs() -> list[dict[str, Any]]:
    integer_coded = {
        "id": 101,
        "calldate": _when(5, "T"),
        "type": 1,
        "disposition": 2,
        "destination": 0,
        "context": 3,
        "src": 441234567,  # a number as a JSON number
        "src_name": "Zoë Caller",
        "dst": "449876543",
        "dst_name": "Front desk",
        "info": SCRIPT,
        "t_cause": SCRIPT,
        "user_id": "7",
        "duration": "95",
        "billsec": 90.0,
        "charge": "0.42",
        "live_id": 5001,
        "parent_live_id": None,
        "metadata": "not an object",
        "brand_new_field": {"kept": True},
        # no `labels`, no `nb_notes`, no `is_root`
    }
    all_null = {
        "id": "102",
        "calldate": _when(20, "fraction"),
        "type": None,
        "disposition": None,
        "destination": None,
        "src": "440000111",
        "src_name": None,
        "dst": None,
        "user_id": None,
        "duration": 10**12,  # about 31,700 years: a broken record, still listed
        "billsec": None,
        "charge": None,
        "rate": None,
        "live_id": None,
        "labels": None,
        "metadata": None,
    }
    return [integer_coded, all_null]


def _trace() -> list[dict[str, Any]]:
    """Newest first, ports as text, an empty message and fields missing: not our order."""
    return [
        {"timestamp": _when(3, "T"), "src_ip": "10.0.0.2", "src_port": "5060", "message": SIP_OK},
        {"timestamp": _when(4, "fraction"), "dst_ip": "10.0.0.1", "message": SIP_RINGING},
        {"timestamp": _when(4, "plain"), "message": ""},
        {
            "timestamp": _when(5, "T"),
            "src_ip": "10.0.0.1",
            "src_port": 5060,
            "dst_ip": "10.0.0.2",
            "dst_port": "5060",
            "transport": None,
            "message": SIP_INVITE,
            "direction": "out",
        },
    ]


# The dictionaries endpoint: empty, missing, or in a shape no page can read.
DICTIONARIES = {
    "empty-dictionaries": (200, {"data": [], "total": 0}),
    "no-dictionaries": (404, {"message": "Resource not found"}),
    "unreadable-dictionaries": (200, {"data": "type: O=Outbound"}),
}


def _answer_world(upstream: CannedUpstream, *, dictionary: str = "empty-dictionaries") -> None:
    """Every path the pages read, each in a shape the sandbox never sends."""
    upstream.answer(
        "POST", "/login", {"message": "Login success", "user_id": "12", "user_token": TOKEN}
    )
    # No customer_id; roles instead of an admin flag; names left empty.
    upstream.answer(
        "GET",
        "/me",
        {"data": {"id": "12", "email": "lead@example.com", "first_name": None, "roles": ["admin"]}},
    )
    cdrs = _cdrs()
    upstream.answer("GET", "/cdrs", {"data": cdrs, "total": "2"})
    upstream.answer("GET", "/cdrs/calltracking", {"data": cdrs[:1]})  # no total at all
    upstream.answer("GET", "/cdrs/101", {"data": cdrs[0], "links": {}, "meta": {"v": 2}})
    upstream.answer("GET", "/cdrs/102", {"data": [cdrs[1]]})  # a one-element list
    upstream.answer(
        "GET",
        "/cdrs/101/notes",
        {
            "data": [
                {"id": "1", "cdr_id": "101", "created_at": _when(2, "T"), "text": "Call back Zoë"}
            ]
        },
    )
    upstream.answer("GET", "/cdrs/102/notes", {"data": None})
    upstream.answer("GET", "/cdrs/101.trace", {"data": _trace(), "total": 4})
    upstream.answer("GET", "/cdrs/102.trace", {"data": []})
    status, body = DICTIONARIES[dictionary]
    for resource in ("cdrs", "msdrs", "mediasessions"):
        upstream.answer("GET", f"/{resource}/dictionaries", body, status=status)
    monitor = {
        "id": 201,
        "timestamp": _when(5, "T"),
        "caller": 441234567,
        "called": "449876543",
        "duration": -5,
        "size": "1e400",  # beyond any float: shown as unknown
        "live_id": "5001",
        "sentiment": "NaN",  # a score that is no number: no colour on the scale
        "summary": SCRIPT,
        "transcript": None,
        "user_id": 7,
        "stereo": True,
    }
    upstream.answer("GET", "/monitors", {"data": [monitor], "total": None})
    upstream.answer("GET", "/monitors/201", {"data": monitor})
    voicemail = [
        {
            "id": 301,
            "origtime": _when(30, "fraction"),
            "caller": "441234567",
            "callerid": None,
            "dialled": 449876543,
            "duration": "12",
            "folder": "1",
            "is_new": "1",
            "live_id": 5001,
            "transcript": SCRIPT,
        },
        # Epoch seconds as text, the way Asterisk stores `origtime`; a folder no one knows.
        {"id": 302, "origtime": _when(40, "epoch"), "folder": 7, "callerid": "440000222"},
        # MySQL's zero date for "no date".
        {"id": 303, "origtime": "0000-00-00 00:00:00", "folder": None, "callerid": "440000333"},
    ]
    upstream.answer("GET", "/voicemessages", {"data": voicemail, "total": "3"})
    upstream.answer("GET", "/voicemessages/301", {"data": voicemail[0]})
    upstream.answer("GET", "/voicemessages/302", {"data": voicemail[1]})
    chat = {
        "id": 401,
        "created_at": _when(60, "T"),
        "state": 2,
        "duration": "61",
        "visitor_name": "Ada Visitor",
        "visitor_email": None,
        "visitor_country": None,
        "visitor_referer": SCRIPT,
        "operator_id": "7",
        "website_id": None,
    }
    upstream.answer("GET", "/chats", {"data": [chat]})
    upstream.answer("GET", "/chats/401", {"data": chat})
    upstream.answer(
        "GET",
        "/chatmsgs",
        {
            "data": [
                {
                    "id": 2,
                    "chat_id": "401",
                    "created_at": _when(58, "fraction"),
                    "message": "Thanks!",
                },
                {"id": 1, "chat_id": 401, "created_at": _when(59, "T"), "message": None},
            ],
            "total": "2",
        },
    )
    msdr = {
        "id": 501,
        "created_at": _when(10, "T"),
        "type": 1,
        "call_id": 98765,
        "src": "441234567",
        "dst": None,
        "t_cause": SCRIPT,
        "duration": "33",
        "user_id": "7",
        "media_session_id": None,
    }
    upstream.answer("GET", "/msdrs", {"data": [msdr], "total": 1})
    upstream.answer("GET", "/msdrs/501", {"data": msdr})
    upstream.answer("GET", "/msdrs/501.trace", {"data": []})


@pytest.fixture
def other_upstream(settings, db) -> Iterator[CannedUpstream]:
    with CannedUpstream() as upstream:
        settings.HISTORY_API_URL = upstream.url
        settings.HISTORY_BACKOFF = 0.01  # a busy upstream is asked again, quickly
        yield upstream


# Each page, and words it must show from what the upstream sent.
PAGES = [
    ("/", []),
    ("/calls/", ["Zoë Caller", "441234567", "440000111"]),
    ("/calls/?type=O&type=I&number=4412", ["Zoë Caller"]),
    ("/calls/tracking/", ["Zoë Caller"]),
    ("/calls/101/", ["Zoë Caller", "Call back Zoë", "INVITE", "180 Ringing", "200 OK", ESCAPED]),
    ("/calls/102/", ["440000111"]),
    ("/recordings/", ["441234567", "449876543", "sentiment--unknown"]),
    ("/recordings/201/", ["441234567", ESCAPED]),
    ("/voicemail/", ["441234567", "440000222", "440000333"]),
    ("/voicemail/?folder=1", ["441234567"]),
    ("/voicemail/301/", ["441234567", "449876543", ESCAPED]),
    ("/voicemail/302/", ["440000222"]),
    ("/chats/", ["Ada Visitor"]),
    ("/chats/401/", ["Ada Visitor", "Thanks!"]),
    ("/media-sessions/", ["441234567"]),
    ("/media-sessions/501/", ["441234567", "98765", ESCAPED]),
]


@pytest.mark.parametrize("dictionary", DICTIONARIES)
def test_it_renders_every_page_from_another_upstreams_shapes(other_upstream, dictionary):
    _answer_world(other_upstream, dictionary=dictionary)
    client = sign_in(Client(), LEAD)

    broken = []
    for path, words in PAGES:
        response = client.get(path)
        body = response.content.decode()
        missing = [word for word in words if word not in body]
        if response.status_code != 200 or missing or SCRIPT in body:
            broken.append(f"{path}: {response.status_code}, missing {missing}")

    assert not broken, "\n".join(broken)


def test_it_keeps_the_ladder_in_time_order_whatever_the_trace_order(other_upstream):
    _answer_world(other_upstream)
    client = sign_in(Client(), LEAD)

    ladder = client.get("/calls/101/").context["ladder"]

    # The empty message sorts by its time too, and says it could not be read.
    labels = [row.label for row in ladder.rows]
    assert labels == ["INVITE", "(unreadable)", "180 Ringing", "200 OK"]


@pytest.mark.parametrize(
    ("path", "resource", "record"),
    [
        ("/calls/", "/cdrs", {"id": 1, "calldate": "last Tuesday"}),
        ("/calls/101/", "/cdrs/101", {"id": 101, "calldate": "29/11/2026 10:00"}),
        ("/recordings/", "/monitors", {"id": "two hundred", "timestamp": _when(1, "T")}),
        ("/voicemail/", "/voicemessages", {"id": 301, "origtime": "soon"}),
        ("/chats/401/", "/chats/401", {"id": 401, "created_at": [2026, 11, 29]}),
        ("/media-sessions/", "/msdrs", {"id": None}),
        ("/chats/", "/chats", {"id": "²"}),
        # Dates Python can hold, but not shift into a time zone or by a day.
        ("/", "/cdrs", {"id": 1, "calldate": "0001-01-01 00:00:00"}),
        ("/calls/", "/cdrs", {"id": 1, "calldate": "9999-12-31 23:59:59"}),
        ("/voicemail/", "/voicemessages", {"id": 1, "origtime": 253402300799}),
        ("/calls/tracking/", "/cdrs/calltracking", {"id": 1, "user_id": "9" * 5000}),
    ],
)
def test_it_says_so_when_an_answer_cannot_be_read(other_upstream, path, resource, record):
    _answer_world(other_upstream)
    client = sign_in(Client(), LEAD)
    other_upstream.answer("GET", resource, {"data": [record], "total": 1})

    response = client.get(path)

    assert response.status_code == 502
    assert "VoIPstudio sent an answer the dashboard could not read" in response.content.decode()


def test_it_signs_in_without_a_customer_id(other_upstream):
    _answer_world(other_upstream)
    client = sign_in(Client(), LEAD)

    response = client.get("/settings/")

    assert response.status_code == 200
    assert "lead@example.com" in response.content.decode()


# Parts of a detail page the real service may lack: `GET /chatmsgs` is the sandbox's extension,
# and the seed's own example of `.trace` is the call record itself, not a list of messages.
MISSING_PARTS = [
    ("/chats/401/", "/chatmsgs", 404, {"message": "Resource not found"}, "Ada Visitor"),
    ("/calls/101/", "/cdrs/101.trace", 404, {"message": "Resource not found"}, "Zoë Caller"),
    ("/calls/101/", "/cdrs/101.trace", 200, {"data": _cdrs()[0], "links": {}}, "Zoë Caller"),
    ("/media-sessions/501/", "/msdrs/501.trace", 403, {"message": "Access denied"}, "441234567"),
    ("/media-sessions/501/", "/msdrs/501.trace", 200, {"data": "none"}, "441234567"),
]


@pytest.mark.parametrize(("path", "part", "status", "body", "word"), MISSING_PARTS)
def test_it_shows_a_record_whose_optional_part_is_missing(
    other_upstream, path, part, status, body, word
):
    _answer_world(other_upstream)
    client = sign_in(Client(), LEAD)
    other_upstream.answer("GET", part, body, status=status)

    response = client.get(path)

    assert response.status_code == 200, response.content[:300]
    page = response.content.decode()
    assert word in page
    assert "notice-warning" in page  # the gap is named, not hidden


def test_it_counts_calls_of_an_unknown_direction_without_guessing_one(other_upstream):
    _answer_world(other_upstream)  # one call coded `type: 1`, one with `type: null`
    client = sign_in(Client(), LEAD)

    response = client.get("/")

    overview = response.context["overview"]
    assert (overview.calls, overview.unknown_direction) == (2, 2)
    assert (overview.inbound, overview.outbound, overview.missed) == (0, 0, 0)
    assert "Direction unknown" in response.content.decode()
    assert overview.cost == pytest.approx(0.42)  # `charge` sent as text still adds up


def _paged_without_total(records: list[dict[str, Any]]):
    """An upstream that pages as asked but never says how many records match."""

    def respond(query: dict[str, list[str]]) -> dict[str, Any]:
        page, limit = int(query["page"][0]), int(query["limit"][0])
        return {"data": records[(page - 1) * limit : page * limit]}

    return respond


def test_it_pages_and_exports_everything_when_no_total_is_sent(other_upstream):
    _answer_world(other_upstream)
    calls = [dict(_cdrs()[0], id=1000 + n, src=f"44100{n:04d}") for n in range(620)]
    other_upstream.answer_by_query("GET", "/cdrs", _paged_without_total(calls))
    client = sign_in(Client(), LEAD)

    first = client.get("/calls/", {"per_page": 250})
    last = client.get("/calls/", {"per_page": 250, "page": 3})
    export = client.get("/calls/export.csv")
    overview = client.get("/")

    assert 'rel="next"' in first.content.decode()
    assert len(last.context["page"].items) == 120
    assert 'rel="next"' not in last.content.decode()
    assert "501–620 of 620" in last.content.decode()
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert len(rows) == 1 + len(calls)
    assert overview.context["overview"].calls == len(calls)


def test_it_stops_an_export_from_an_upstream_that_never_stops_paging(other_upstream, settings):
    """A streamed export runs after its request's budget has ended: it has its own."""
    settings.HISTORY_EXPORT_BUDGET = 3
    _answer_world(other_upstream)

    def endless(query: dict[str, list[str]]) -> dict[str, Any]:
        page, limit = int(query["page"][0]), int(query["limit"][0])
        first = page * limit
        return {"data": [dict(_cdrs()[0], id=first + n) for n in range(limit)]}

    other_upstream.answer_by_query("GET", "/cdrs", endless)
    client = sign_in(Client(), LEAD)
    asked_before = len(other_upstream.requests)

    export = client.get("/calls/export.csv")
    # A header, the first page, and a page for each call of the export's own budget.
    most = 1 + (1 + settings.HISTORY_EXPORT_BUDGET) * EXPORT_PAGE_SIZE
    rows = 0
    for chunk in export.streaming_content:
        rows += chunk.count(b"\n")
        assert rows <= most, "the export went on past its budget"
    export.close()

    pages = [
        r
        for r in other_upstream.requests[asked_before:]
        if r[1].startswith("/v1.1/voipstudio/cdrs?")
    ]
    # The first page inside the request's budget, then at most HISTORY_EXPORT_BUDGET more.
    assert 1 < len(pages) <= 1 + settings.HISTORY_EXPORT_BUDGET
    entry = AuditEntry.objects.filter(action="call.export").latest("id")
    assert entry.outcome.startswith("interrupted: This request stopped after 3 calls")


def test_it_counts_voicemail_folders_when_no_total_is_sent(other_upstream):
    _answer_world(other_upstream)
    messages = [{"id": 600 + n, "origtime": _when(n, "T"), "folder": 0} for n in range(3)]
    other_upstream.answer_by_query("GET", "/voicemessages", _paged_without_total(messages))
    client = sign_in(Client(), LEAD)

    response = client.get("/voicemail/")

    inbox = response.context["folders"][0]
    assert (inbox.total, inbox.more) == (3, False)
    assert len(response.context["page"].items) == 3


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/me", {"data": {"email": "lead@example.com"}}),  # no id: whose data would this be?
        ("/me", {"data": {"id": 2**63, "email": "lead@example.com"}}),  # beyond 64 bits
        ("/me", b"<html>Welcome</html>"),
        ("/login", {"message": "Login success"}),  # no token
    ],
)
def test_it_says_a_sign_in_answer_could_not_be_read(other_upstream, path, body):
    _answer_world(other_upstream)
    other_upstream.answer("GET" if path == "/me" else "POST", path, body)

    response = Client().post("/accounts/login/", {"email": "lead@example.com", "password": "pw"})

    assert response.status_code == 502
    assert "VoIPstudio sent an answer the dashboard could not read" in response.content.decode()


def test_it_does_not_guess_how_many_delete_all_removes_without_a_total(other_upstream):
    _answer_world(other_upstream)
    messages = [{"id": 600 + n, "origtime": _when(n, "T"), "folder": 0} for n in range(3)]
    other_upstream.answer_by_query("GET", "/voicemessages", _paged_without_total(messages))
    client = sign_in(Client(), LEAD)

    response = client.post("/delete/voicemail/", {"scope": "all"})

    assert response.status_code == 200
    assert response.context["count"] is None
    assert "every voicemail" in response.content.decode()


def test_it_stops_merging_a_search_too_broad_to_merge_without_totals(other_upstream):
    _answer_world(other_upstream)
    calls = [{"id": n, "calldate": _when(1, "plain"), "src": "441000"} for n in range(1, 5602)]
    other_upstream.answer_by_query("GET", "/cdrs", _paged_without_total(calls))
    client = sign_in(Client(), LEAD)

    # A number is looked for in three fields: three upstream searches merged here.
    response = client.get("/calls/", {"number": "441000"})

    assert response.status_code == 200
    assert "narrow the date range or the filters" in response.content.decode()


@pytest.mark.parametrize("retry_after", ["1e400", "nan", "-5", "Thu, 01 Jan 1970 00:00:00", "soon"])
def test_it_says_voipstudio_is_busy_whatever_retry_after_says(other_upstream, retry_after):
    _answer_world(other_upstream)
    client = sign_in(Client(), LEAD)
    busy = {"message": "Too many requests"}
    other_upstream.answer("GET", "/monitors", busy, status=429, **{"Retry-After": retry_after})

    response = client.get("/recordings/")

    assert response.status_code == 503
    assert "too many requests" in response.content.decode()


# --- What a write's answer means ------------------------------------------------------------
# Many web stacks answer an empty 2xx with `Content-Type: text/html`; some echo a page. The
# upstream below does or does not apply each write, and answers it in one of these ways.
WRITE_ANSWERS = [
    (204, b"", "text/html; charset=utf-8"),
    (204, b"", "application/json"),
    (200, b"", "text/html"),
    (202, b"", "application/json"),
    (200, b'{"message": "Done"}', "application/json"),
    (202, b'{"data": []}', "application/json"),
    (200, b"<html><body>OK</body></html>", "text/html; charset=utf-8"),
    (202, b"<p>Accepted</p>", "text/html"),
]
THROTTLE_PAGE = b"<html><body><h1>Too many requests</h1><p>Slow down.</p></body></html>"


class WritableWorld:
    """One recording, one voicemail and one call, changed by the writes the upstream applies."""

    def __init__(self, upstream: CannedUpstream, *, applies: bool) -> None:
        self.upstream, self.applies = upstream, applies
        upstream.answer_by_query("GET", "/monitors", lambda query: self._monitors())
        upstream.answer_by_query("GET", "/voicemessages", lambda query: self._voicemail())
        upstream.answer_by_query("GET", "/cdrs", lambda query: self._cdrs())
        self.folder_after_move = 0

    def _done(self, method: str, path: str) -> bool:
        wanted = f"/v1.1/voipstudio{path}"
        return self.applies and any(
            (seen_method, seen_path.split("?")[0]) == (method, wanted)
            for seen_method, seen_path, _headers in self.upstream.requests
        )

    def _monitors(self) -> dict[str, Any]:
        monitor = {"id": 201, "timestamp": _when(5, "T"), "caller": "441234567", "user_id": 7}
        records = [] if self._done("DELETE", "/monitors/201") else [monitor]
        return {"data": records, "total": len(records)}

    def _voicemail(self) -> dict[str, Any]:
        folder = self.folder_after_move if self._done("PATCH", "/voicemessages") else 0
        message = {"id": 301, "origtime": _when(30, "T"), "folder": folder, "callerid": "4412"}
        records = [] if self._done("DELETE", "/voicemessages") else [message]
        return {"data": records, "total": len(records)}

    def _cdrs(self) -> dict[str, Any]:
        labels = ["Reviewed"] if self._done("PATCH", "/cdrs") else []
        return {"data": [dict(_cdrs()[0], id=101, labels=labels)], "total": 1}


# Each write: the upstream request it makes, the form that asks for it, what the page says
# when it was done, and when it was not.
WRITES = {
    "delete": (
        ("DELETE", "/monitors/201"),
        ("/delete/recordings/confirmed/", {"ids": [201]}),
        "Deleted 1 recording.",
        "No recordings were deleted.",
    ),
    "delete all": (
        ("DELETE", "/voicemessages"),
        ("/delete/voicemail/confirmed/", {"scope": "all", "confirmation": "DELETE", "count": 1}),
        "Deleted every voicemail.",
        "The deletion did not complete",
    ),
    "move": (
        ("PATCH", "/voicemessages"),
        ("/voicemail/move/", {"ids": [301], "action": "move", "to_folder": 2}),
        "Moved 1 message to Work.",
        "Voicemail 301 was not moved",
    ),
    "mark heard": (
        ("PATCH", "/voicemessages"),
        ("/voicemail/move/", {"ids": [301], "action": "heard"}),
        "Moved 1 message to Old.",
        "Voicemail 301 was not moved",
    ),
    "labels": (
        ("PATCH", "/cdrs"),
        ("/calls/labels/", {"ids": [101], "label": "Reviewed", "action": "add"}),
        "“Reviewed” applied to 1 call(s).",
        "Call 101:",
    ),
}


def _write(upstream: CannedUpstream, write: str, answer: tuple[int, bytes, str], applies: bool):
    (method, path), (page, form), _, _ = WRITES[write]
    _answer_world(upstream)
    world = WritableWorld(upstream, applies=applies)
    world.folder_after_move = {"move": 2, "mark heard": 1}.get(write, 0)
    status, body, content_type = answer
    upstream.answer(method, path, body, status=status, **{"Content-Type": content_type})
    client = sign_in(Client(), LEAD)
    response = client.post(page, form, follow=True)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("answer", WRITE_ANSWERS, ids=lambda a: f"{a[0]}-{a[2]}-{len(a[1])}b")
@pytest.mark.parametrize("write", WRITES)
def test_a_write_answered_with_any_success_reads_as_done(other_upstream, write, answer):
    body = _write(other_upstream, write, answer, applies=True)

    done, not_done = WRITES[write][2:]
    assert done in body
    assert not_done not in body
    assert "limiting requests" not in body


@pytest.mark.parametrize("write", WRITES)
def test_a_write_answered_with_a_page_is_read_back_before_it_is_reported(other_upstream, write):
    # A throttling front end's page with a 200, and the write never reached the service.
    body = _write(other_upstream, write, (200, THROTTLE_PAGE, "text/html"), applies=False)

    done, not_done = WRITES[write][2:]
    assert not_done in body
    assert done not in body
