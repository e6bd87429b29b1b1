"""Hostile input on every dashboard page: never a 500, and every refusal says why in words.

Each test signs in once over the live sandbox and walks a table of cases, collecting every
case that breaks the rule, so one run names all of them (and stays fast: one demo seed and one
sign-in per test, not per case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from dashboard.models import AuditEntry
from tests.sign_in import sign_in

LONG = "x" * 10_000
EMOJI = "☎️📞 Zoë 北京"
SCRIPT = "<script>alert(1)</script>"
SQL = "1' OR '1'='1'; DROP TABLE cdrs; --"
NUL = "2024-01-01\x00"
# An id no record has; and one beyond what a 64-bit integer column holds.
MISSING = 987654321
HUGE = 10**30

# What a 4xx page carries when it explains itself: a notice, a field error, or the words of
# the site's not-found page, or Django's own pages for a bad request or a missing CSRF token.
HUMAN_MESSAGE = re.compile(
    r'role="alert"|class="field-error"|class="notice notice-error"'
    r"|<h1>Not found</h1>|<h1>Bad Request \(400\)</h1>|CSRF verification failed"
    r"|<h1>Export not possible</h1>"
)


@dataclass(frozen=True)
class Case:
    """One request: `path` may name demo records as `{records.<name>}` or `{missing}`."""

    method: str
    path: str
    data: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def _list_cases(path: str) -> list[Case]:
    """The filters every list page takes, each broken in the ways a URL can be."""
    bad = [
        {"from": "2024-13-45", "to": "yesterday"},
        {"from": "2024-06-10", "to": "2024-06-01"},
        {"from": "1900-01-01", "to": "2100-12-31"},
        {"from": "0001-01-01", "to": "0001-01-01"},
        {"from": "9999-12-31", "to": "9999-12-31"},
        {"from": NUL, "to": NUL},
        {"from": LONG, "to": EMOJI},
        {"page": "0"},
        {"page": "-1"},
        {"page": "99999999"},
        {"page": "1000000", "per_page": "250"},
        {"page": "1e3"},
        {"per_page": "7"},
        {"per_page": "-50"},
        {"sort": "__class__", "dir": "sideways"},
        {"sort": SQL, "dir": SCRIPT},
        {"type": ["X", "O", "O", "I\x00"]},
        {"disposition": SCRIPT, "number": SQL, "user": "-3", "min_duration": "ten"},
        {"number": EMOJI, "user": str(HUGE), "min_duration": str(HUGE)},
        {"caller": LONG, "called": SCRIPT, "sentiment": "furious", "transcript": NUL},
        {"visitor": LONG, "email": EMOJI, "operator": SQL},
        {"src": SCRIPT, "dst": NUL, "call_id": LONG},
        {"folder": ["99", "0"]},
        {"folder": "-1"},
        {"folder": "INBOX"},
        {"page": ["1", "2", "abc"], "per_page": ["25", "50"]},
    ]
    return [Case("GET", path, params) for params in bad]


DETAILS = [
    "/calls/{id}/",
    "/calls/{id}.pcap",
    "/recordings/{id}/",
    "/recordings/{id}.mp3",
    "/voicemail/{id}/",
    "/voicemail/{id}.mp3",
    "/chats/{id}/",
    "/media-sessions/{id}/",
    "/media-sessions/{id}.pcap",
    "/calls/users/{id}.csv",
]
LISTS = [
    "/",
    "/calls/",
    "/calls/tracking/",
    "/calls/export.csv",
    "/recordings/",
    "/voicemail/",
    "/chats/",
    "/media-sessions/",
    "/audit/",
]
KINDS = ["recordings", "voicemail", "chat-messages", "cdrs", "statements"]

SUPERVISOR_CASES: list[Case] = [
    *(case for path in LISTS for case in _list_cases(path)),
    Case("GET", "/audit/", {"page": "-1", "action": LONG, "user": SCRIPT}),
    # Ids that do not exist, that are too large for any column, or that belong to another
    # customer; and non-numeric ids where a URL could be mistyped.
    *(
        Case("GET", detail.format(id=record_id))
        for detail in DETAILS
        for record_id in ("{missing}", str(HUGE), "0")
    ),
    Case("GET", "/calls/{records.other_customer_cdr}/"),
    Case("GET", "/recordings/{records.other_customer_monitor}/"),
    Case("GET", "/recordings/{records.other_customer_monitor}.mp3"),
    Case("GET", "/calls/abc/"),
    Case("GET", "/calls/-1/"),
    Case("GET", "/voicemail/1%00/"),
    Case("GET", "/recordings/" + "9" * 400 + "/"),
    # Actions: wrong methods, empty selections, unknown kinds and folders, wrong typed word.
    Case("GET", "/voicemail/move/"),
    Case("GET", "/calls/labels/"),
    Case("GET", "/accounts/logout/"),
    Case("GET", "/delete/recordings/confirmed/"),
    Case("DELETE", "/calls/"),
    Case("PUT", "/settings/", {"time_zone": "UTC"}),
    Case("POST", "/voicemail/move/", {}),
    Case("POST", "/voicemail/move/", {"ids": ["{records.voicemail_in_inbox}"], "to_folder": "99"}),
    Case("POST", "/voicemail/move/", {"ids": ["{missing}"], "to_folder": "2"}),
    Case("POST", "/voicemail/move/", {"ids": ["abc", "-1", LONG], "to_folder": SCRIPT}),
    Case("POST", "/voicemail/move/", {"ids": [str(HUGE)], "to_folder": "2"}),
    Case("POST", "/voicemail/move/", {"ids": ["²", "١٢٣"], "to_folder": "2"}),
    Case("POST", "/delete/recordings/", {"ids": ["³"]}),
    Case("POST", "/voicemail/move/", {"ids": ["1"], "action": "explode", "next": "//evil.com"}),
    Case("POST", "/voicemail/move/", {"ids": ["1"], "to_folder": "2", "next": "/\x00\r\nX: y"}),
    Case("POST", "/calls/labels/", {}),
    Case("POST", "/calls/labels/", {"ids": ["{missing}"], "label": LONG, "action": "add"}),
    Case("POST", "/calls/labels/", {"ids": ["{missing}"], "label": "   ", "action": "burn"}),
    Case("POST", "/calls/labels/", {"ids": ["{records.other_customer_cdr}"], "label": EMOJI}),
    Case("POST", "/calls/labels/", {"ids": [str(HUGE)], "label": "Reviewed", "action": "add"}),
    Case("POST", "/settings/", {"time_zone": "Mars/Olympus_Mons"}),
    Case("POST", "/settings/", {"time_zone": NUL}),
    Case("POST", "/accounts/login/", {"email": LONG, "password": NUL}),
    Case("POST", "/accounts/login/", {"api_key": SCRIPT}),
    # Keys that cannot travel in an HTTP header as they are.
    Case("POST", "/accounts/login/", {"api_key": "abc\r\nX-Injected: 1"}),
    Case("POST", "/accounts/login/", {"api_key": "ключ-☎"}),
    Case("POST", "/accounts/login/", {"email": "ключ@example.com", "password": "☎\x7f"}),
    Case("POST", "/accounts/login/2fa/", {"code": SQL}),
    *(Case(method, f"/delete/{kind}/", {}) for kind in KINDS for method in ("GET", "POST")),
    *(
        Case("POST", f"/delete/{kind}/", {"ids": ["{missing}", "abc"], "scope": "some"})
        for kind in KINDS
    ),
    *(
        Case("POST", f"/delete/{kind}/confirmed/", {"scope": "all", "confirmation": "delete"})
        for kind in KINDS
    ),
    Case("GET", "/delete/users/"),
    Case("POST", "/delete/__class__/", {"scope": "all"}),
    Case("POST", "/delete/voicemail/", {"ids": ["{missing}"], "next": "javascript:alert(1)"}),
    Case("POST", "/delete/voicemail/confirmed/", {"ids": ["{missing}"]}),
    Case("POST", "/delete/chat-messages/", {"ids": ["{missing}"], "parent": "{missing}"}),
    Case("POST", "/delete/chat-messages/", {"ids": ["1"], "parent": "abc"}),
    Case("POST", "/delete/recordings/", {"ids": [str(n) for n in range(1, 600)]}),
    Case("POST", "/delete/recordings/confirmed/", {"ids": ["{records.other_customer_monitor}"]}),
    Case("POST", "/calls/labels/", {"ids": ["{records.cdr_with_recording}"], "label": SCRIPT}),
    # More fields, or a bigger body, than a request may carry; an id no integer can hold.
    Case("GET", "/calls/", {f"f{n}": "1" for n in range(1100)}),
    Case("POST", "/calls/labels/", {"ids": ["1"], "label": "x" * 3_000_000}),
    Case("GET", "/recordings/" + "9" * 5000 + "/"),
    # htmx swaps of one part of a list page, asked with broken filters.
    *(
        Case(
            "GET",
            path,
            {"page": "0", "from": "2024-02-30"},
            {"HX-Request": "true", "HX-Target": target},
        )
        for path, target in (
            ("/calls/", "call-table"),
            ("/calls/", "call-search"),
            ("/recordings/", "record-table"),
            ("/chats/", "record-search"),
            ("/voicemail/", "voicemail-area"),
            ("/voicemail/", "record-table"),
        )
    ),
    # htmx headers that no browser would send.
    Case("GET", "/calls/", {"page": "0"}, {"HX-Request": "true", "HX-Target": SCRIPT}),
    Case(
        "GET",
        "/calls/{missing}/",
        headers={"HX-Request": "true", "HX-Current-URL": "javascript:alert(1)"},
    ),
    Case("POST", "/voicemail/move/", {}, {"HX-Request": "true", "HX-Current-URL": "%%%"}),
]

# The agent sees only their own records: someone else's, and the admin-only pages and actions.
AGENT_CASES: list[Case] = [
    Case("GET", "/calls/{records.not_agents_cdr}/"),
    Case("GET", "/calls/{records.not_agents_cdr}.pcap"),
    Case("GET", "/calls/{records.other_customer_cdr}/"),
    Case("GET", "/recordings/{records.other_customer_monitor}.mp3"),
    Case("GET", "/audit/"),
    Case("GET", "/calls/users/1.csv"),
    Case("POST", "/calls/labels/", {"ids": ["{records.not_agents_cdr}"], "label": "Reviewed"}),
    Case("POST", "/delete/cdrs/", {"scope": "all"}),
    Case("POST", "/delete/statements/confirmed/", {"scope": "all", "confirmation": "DELETE"}),
]

# `Range` headers no browser sends; the audio URLs must shrug them off.
GARBAGE_RANGES = [
    "bytes=",
    "bytes=-",
    "bytes=abc-def",
    "bytes=5-2",
    "bytes=-0",
    "bytes=0-0,1-1,2-2",
    "bytes=99999999999999999999999999-",
    "bytes=-99999999999999999999999999",
    "bytes=١٢٣-",
    "items=0-10",
    "bytes=0-10\x00",
    "=" * 1000,
    "bytes=" + "1" * 5000 + "-",
]
# Conditions beside the range that no browser sends either.
GARBAGE_CONDITIONS = [
    {"HTTP_IF_RANGE": "yesterday"},
    {"HTTP_IF_RANGE": 'W/"weak"'},
    {"HTTP_IF_NONE_MATCH": '"' + "x" * 5000},
    {"HTTP_IF_MODIFIED_SINCE": "Sun, 99 Foo 20260 99:99:99 GMT"},
    {"HTTP_IF_UNMODIFIED_SINCE": "\x00"},
]


def _fill(value: Any, names: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_fill(item, names) for item in value]
    if isinstance(value, str) and "{" in value and "}" in value and len(value) < 200:
        return value.format(**names)
    return value


def _request(client: Client, case: Case, names: dict[str, Any]):
    path = _fill(case.path, names)
    data = {key: _fill(value, names) for key, value in case.data.items()}
    headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in case.headers.items()}
    method = case.method.lower()
    if method in ("get", "post"):
        return getattr(client, method)(path, data, **headers)
    return getattr(client, method)(path, **headers)


def _trouble(response) -> str:
    """Why an answer breaks the rule, or "" when it keeps it."""
    status = response.status_code
    if status >= 500:
        # Against the sandbox even a 502/503 notice means something broke on the way.
        return f"{status}"
    if status >= 400 and status != 416:
        body = b"" if response.streaming else response.content
        if not HUMAN_MESSAGE.search(body.decode(errors="replace")):
            return f"{status} without a message: {body[:200]!r}"
    return ""


def _walk(client: Client, cases: list[Case], names: dict[str, Any]) -> list[str]:
    """Every case's request; the ones that break the rule, each with what it got."""
    broken = []
    for case in cases:
        try:
            trouble = _trouble(_request(client, case, names))
        except Exception as error:  # the test client re-raises what the view raised
            trouble = f"raised {type(error).__name__}: {str(error)[:200]}"
        if trouble:
            broken.append(f"{case.method} {case.path} {str(case.data)[:120]}: {trouble}")
    return broken


@pytest.fixture
def names(sandbox_demo) -> dict[str, Any]:
    return {"records": sandbox_demo.records, "missing": MISSING}


def test_it_never_answers_hostile_input_with_a_500(sandbox_url, sandbox_demo, names):
    client = Client(raise_request_exception=True)
    sign_in(client, sandbox_demo.supervisor)

    broken = _walk(client, SUPERVISOR_CASES, names)

    assert not broken, "\n".join(broken)


def test_it_refuses_an_agent_other_peoples_records_in_words(sandbox_url, sandbox_demo, names):
    client = Client(raise_request_exception=True)
    sign_in(client, sandbox_demo.agent)

    broken = _walk(client, AGENT_CASES, names)

    assert not broken, "\n".join(broken)
    refused = _request(client, Case("GET", "/calls/{records.not_agents_cdr}/"), names)
    assert refused.status_code in (403, 404)


def test_it_says_why_an_empty_selection_did_nothing(sandbox_url, sandbox_demo):
    client = Client()
    sign_in(client, sandbox_demo.supervisor)

    moved = client.post("/voicemail/move/", {"to_folder": "2"}, follow=True)
    labelled = client.post("/calls/labels/", {"label": "Reviewed", "action": "add"}, follow=True)
    deleted = client.post("/delete/voicemail/", {"scope": "selected"})

    assert "Select at least one message." in moved.content.decode()
    assert "Select at least one call." in labelled.content.decode()
    assert deleted.status_code == 400
    assert "Select at least one record first." in deleted.content.decode()


def test_it_keeps_everything_when_the_typed_word_is_wrong(sandbox_url, sandbox_demo, demo_range):
    client = Client()
    sign_in(client, sandbox_demo.supervisor)
    before = client.get("/voicemail/", {"from": demo_range["from"]}).context["summary"].total

    for word in ("delete", "DELET", "DELETE DELETE", "", EMOJI, LONG, "DELETE\x00"):
        refused = client.post(
            "/delete/voicemail/confirmed/", {"scope": "all", "confirmation": word}
        )
        assert refused.status_code == 400, word
        assert "Type DELETE in capitals" in refused.content.decode()

    after = client.get("/voicemail/", {"from": demo_range["from"]}).context["summary"].total
    assert before and after == before


def test_it_shrugs_off_garbage_range_headers_on_files(sandbox_url, sandbox_demo):
    client = Client(raise_request_exception=True)
    sign_in(client, sandbox_demo.supervisor)
    records = sandbox_demo.records
    size = len(b"".join(client.get(f"/recordings/{records.monitor}.mp3").streaming_content))

    files = (
        f"/recordings/{records.monitor}.mp3",
        f"/voicemail/{records.voicemail_in_inbox}.mp3",
        f"/media-sessions/{records.msdr}.pcap",
        f"/calls/{records.cdr_with_recording}.pcap",
    )
    for path in files:
        for header in GARBAGE_RANGES:
            response = client.get(path, HTTP_RANGE=header)
            assert response.status_code in (200, 206, 416), (path, header, response.status_code)
            if response.status_code == 416:
                assert response["Content-Range"].startswith("bytes */"), header
        for conditions in GARBAGE_CONDITIONS:
            response = client.get(path, HTTP_RANGE="bytes=0-99", **conditions)
            assert response.status_code in (200, 206, 304, 412), (path, conditions)

    whole = client.get(f"/recordings/{records.monitor}.mp3", HTTP_RANGE="bytes=abc-def")
    assert whole.status_code == 200 and whole["Content-Length"] == str(size)


def test_it_refuses_a_post_without_its_csrf_token(sandbox_url, sandbox_demo):
    client = sign_in(Client(enforce_csrf_checks=True), sandbox_demo.supervisor)
    token = client.cookies["csrftoken"].value
    voicemail = sandbox_demo.records.voicemail_in_inbox

    forged = client.post("/voicemail/move/", {"ids": [voicemail], "to_folder": "2"})
    forged_delete = client.post(
        "/delete/voicemail/confirmed/", {"scope": "all", "confirmation": "DELETE"}
    )
    forged_selected = client.post(
        "/delete/recordings/confirmed/", {"ids": [sandbox_demo.records.monitor]}
    )
    honest = client.post(
        "/voicemail/move/",
        {"ids": [voicemail], "to_folder": "2", "csrfmiddlewaretoken": token},
    )

    assert forged.status_code == 403 and forged_delete.status_code == 403
    assert forged_selected.status_code == 403
    assert not AuditEntry.objects.filter(action__endswith=".delete").exists()
    assert not _trouble(forged)
    assert honest.status_code == 302


def test_it_puts_a_refused_filter_next_to_the_form_when_only_the_table_was_asked(
    sandbox_url, sandbox_demo
):
    client = Client()
    sign_in(client, sandbox_demo.supervisor)

    response = client.get(
        "/recordings/",
        {"page": "0", "to": "2024-02-30"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="record-table",
    )

    assert response.status_code == 400
    assert response["HX-Retarget"] == "#record-search"
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="record-search">')
    assert 'class="field-error"' in body and "Enter a valid date." in body


STRANGER_CASES = [
    Case("GET", "/accounts/logout/"),
    Case("GET", "/voicemail/move/"),
    Case("POST", "/delete/voicemail/confirmed/", {"scope": "all", "confirmation": "DELETE"}),
    Case("GET", "/calls/", {"page": "0", "from": NUL}),
    Case("GET", "/calls/1.pcap"),
    Case("GET", "/accounts/login/", {"next": "//evil.example/" + LONG}),
    Case("GET", "/accounts/login/2fa/"),
    Case("POST", "/accounts/login/2fa/", {"code": "123456"}),
    Case("POST", "/accounts/login/", {"email": EMOJI, "password": ""}),
]


def test_it_answers_someone_not_signed_in_without_a_500(db):
    broken = _walk(Client(raise_request_exception=True), STRANGER_CASES, {})

    assert not broken, "\n".join(broken)
