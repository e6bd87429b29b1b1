"""Arbitrary values in every list page's query string and every form: the answer is a page (with
errors where the input was wrong) or a 4xx, never a 500. Over Django's test client, signed in,
against the live sandbox; the field names come from the forms themselves, so a new field is
fuzzed as soon as it exists."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.forms.accounts import LoginForm, TwoFactorForm
from dashboard.forms.audit import AuditFilterForm
from dashboard.forms.calls import CallFilterForm, LabelForm
from dashboard.forms.deletions import ConfirmedDeletionForm
from dashboard.forms.lists import DateRangeForm
from dashboard.forms.record_lists import (
    ChatFilterForm,
    MediaSessionFilterForm,
    RecordingFilterForm,
    VoicemailFilterForm,
    VoicemailMoveForm,
)
from dashboard.forms.settings import TimeZoneForm
from dashboard.services.deletions import DELETABLES
from tests.sign_in import sign_in

LIST_PAGES = {
    "/": DateRangeForm,
    "/calls/": CallFilterForm,
    "/calls/tracking/": CallFilterForm,
    "/calls/export.csv": CallFilterForm,
    "/recordings/": RecordingFilterForm,
    "/voicemail/": VoicemailFilterForm,
    "/chats/": ChatFilterForm,
    "/media-sessions/": MediaSessionFilterForm,
    "/audit/": AuditFilterForm,
}
FORMS = {
    "/calls/labels/": LabelForm,
    "/voicemail/move/": VoicemailMoveForm,
    "/settings/": TimeZoneForm,
    **{f"/delete/{slug}/": ConfirmedDeletionForm for slug in DELETABLES},
    **{f"/delete/{slug}/confirmed/": ConfirmedDeletionForm for slug in DELETABLES},
}
# The date range's fields (added in the form's __init__, as `from` is a keyword), and names no
# form has that other layers (the upstream's query language) know.
STRAY_NAMES = ["from", "to", "filter", "limit", "sort", "dir", "page", "ids", "next", "q"]
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What people and scripts type: edges of numbers and dates, markup, SQL, paths, long text.
EDGES = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e308",
        "NaN",
        "9" * 40,
        "9223372036854775808",
        "1,2,,3",
        ",".join(str(n) for n in range(1, 700)),
        "9999-12-31",
        "0001-01-01",
        "2026-02-30",
        "31/12/9999",
        "today",
        "ASC",
        "desc",
        "all",
        "selected",
        "DELETE",
        "Europe/London",
        "Etc/GMT+14",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        '[{"property":"id","operator":"gt","value":0}]',
        "//evil.example/",
        "javascript:alert(1)",
        "../../etc/passwd",
        "x" * 5000,
        "\x00",
        "☎ Rückruf",
    ]
)
# Anything a browser can send: every character but lone surrogates, which UTF-8 cannot carry.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
VALUES = EDGES | TEXT | st.integers().map(str) | st.dates().map(str)


@st.composite
def form_data(draw, form_class) -> dict[str, list[str]]:
    names = st.sampled_from(sorted({*form_class.base_fields, *STRAY_NAMES}))
    keys = draw(st.lists(names, max_size=6, unique=True))
    return {key: draw(st.lists(VALUES, min_size=1, max_size=3)) for key in keys}


def assert_not_a_server_error(response) -> None:
    # Reading a streamed body to its end: a CSV that fails half-way is a 500 too.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code < 500, (response.status_code, body[:500])
    if response.status_code == 200:
        assert body


@FUZZ
@given(page=st.sampled_from(sorted(LIST_PAGES)), data=st.data())
def test_no_query_string_breaks_a_list_page(supervisor_client, page, data):
    query = data.draw(form_data(LIST_PAGES[page]), label="query")
    htmx = data.draw(st.booleans(), label="htmx")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    assert_not_a_server_error(supervisor_client.get(page, query, **headers))


@FUZZ
@given(path=st.sampled_from(sorted(FORMS)), data=st.data())
def test_no_form_input_breaks_a_form(supervisor_client, path, data):
    fields = data.draw(form_data(FORMS[path]), label="fields")
    assert_not_a_server_error(supervisor_client.post(path, fields))


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(["/accounts/login/", "/accounts/login/2fa/"]),
    data=st.data(),
)
def test_no_sign_in_input_breaks_the_sign_in_pages(sandbox_url, sandbox_demo, path, data):
    form_class = LoginForm if path == "/accounts/login/" else TwoFactorForm
    fields = data.draw(form_data(form_class), label="fields")
    # Each example signs in afresh, with the two-factor step started where it is the target,
    # and with no failures counted from earlier examples (sign-in throttling would refuse it).
    cache.clear()
    client = Client()
    if path.endswith("2fa/"):
        sign_in(client, sandbox_demo.two_factor)  # on to the second step
    assert_not_a_server_error(client.post(path, fields))


# Found by the fuzzing above: `redirect()` takes a bare word for the name of a view.
@pytest.mark.parametrize("next_value", ["0", "calls", "overview", "voicemail.mp3"])
def test_a_next_that_is_not_a_path_goes_to_the_overview(
    supervisor_client, sandbox_demo, next_value
):
    call = sandbox_demo.records.multi_leg_root_cdr
    fields = {"ids": str(call), "label": "Reviewed", "action": "add", "next": next_value}
    labelled = supervisor_client.post("/calls/labels/", fields)
    assert labelled.status_code == 302
    assert labelled["Location"] == "/"
    moved = supervisor_client.post("/voicemail/move/", {"ids": "1", "next": next_value})
    assert moved.status_code < 500
