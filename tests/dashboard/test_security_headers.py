"""Every response says what the browser may do with it: CSP without inline code, no referrer
to other sites, no powerful features, no sniffing, and customer data never kept in a cache."""

import pytest
from django.test import Client

from tests.sign_in import sign_in

PAGES = [
    "/",
    "/calls/",
    "/calls/tracking/",
    "/recordings/",
    "/voicemail/",
    "/chats/",
    "/media-sessions/",
    "/audit/",
    "/settings/",
]


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in directives}


def assert_protective_headers(response) -> None:
    directives = csp_directives(response)
    for name in ("default-src", "script-src", "style-src"):
        assert directives[name] == ["'self'"], (name, directives)
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def assert_not_stored(response) -> None:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_forbids_inline_code_and_storage(supervisor_client, path):
    response = supervisor_client.get(path)
    assert response.status_code == 200
    assert_protective_headers(response)
    assert_not_stored(response)


def test_detail_pages_and_partials_are_not_stored(supervisor_client, sandbox_demo):
    records = sandbox_demo.records
    for path in (
        f"/calls/{records.multi_leg_root_cdr}/",
        f"/recordings/{records.monitor}/",
        f"/voicemail/{records.voicemail_in_inbox}/",
        f"/chats/{records.chat_with_script}/",
        f"/media-sessions/{records.msdr}/",
    ):
        response = supervisor_client.get(path)
        assert response.status_code == 200, path
        assert_protective_headers(response)
        assert_not_stored(response)
    partial = supervisor_client.get("/calls/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="call-table")
    assert partial.status_code == 200
    assert_not_stored(partial)


def test_the_csv_export_is_not_stored(supervisor_client, demo_range):
    response = supervisor_client.get("/calls/export.csv", demo_range)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert_not_stored(response)


def test_sign_in_errors_and_refusals_carry_the_headers(client, sandbox_url, sandbox_demo):
    login = client.get("/accounts/login/")
    assert_protective_headers(login)
    assert_not_stored(login)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert_protective_headers(missing)
    sign_in(client, sandbox_demo.agent)
    refused = client.get("/audit/")
    assert refused.status_code in (403, 200)
    assert_protective_headers(refused)
    assert_not_stored(refused)


def test_a_refused_form_has_a_page_the_policy_allows(sandbox_url, sandbox_demo):
    """Django's own CSRF failure page has an inline style; ours has none."""
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"email": "a@example.com", "password": "x"})
    assert response.status_code == 403
    assert_protective_headers(response)
    body = response.content.decode()
    assert "This form has expired" in body
    assert "<style" not in body and " style=" not in body
