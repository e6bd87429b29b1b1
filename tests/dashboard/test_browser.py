"""The dashboard in Chromium: the paths a supervisor takes every day."""

import csv
import io
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from tests.sign_in import sign_in_browser

pytestmark = pytest.mark.browser


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_it_signs_in_with_the_two_factor_step(page, live_server, sandbox_url, sandbox_demo):
    account = sandbox_demo.two_factor
    sign_in_browser(page, live_server.url, account, next_path="/calls/")
    assert page.url.endswith("/accounts/login/2fa/")
    page.fill("#id_code", sandbox_demo.two_factor_code)
    page.click("button[type=submit]")
    page.wait_for_url("**/calls/")
    assert page.locator("h1").inner_text() == "Calls"


def test_it_filters_sorts_pages_and_goes_back(
    page, live_server, sandbox_url, sandbox_demo, demo_range
):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}&per_page=25")

    # Filter: inbound only. htmx swaps the search and pushes the URL.
    page.check("input[name=type][value=I]")
    page.click("text=Show calls")
    page.wait_for_url("**type=I**")
    directions = page.locator("#call-table tbody td:nth-child(3)").all_inner_texts()
    assert directions and set(directions) == {"Inbound"}
    filtered_url = page.url

    # Sort by duration, then by duration the other way.
    page.click("#call-table th >> text=Duration")
    page.wait_for_url("**sort=duration**")
    assert query_of(page.url)["dir"] == ["desc"]
    assert query_of(page.url)["type"] == ["I"]

    # The next page keeps filter and sort.
    page.click("#call-table >> text=Next →")
    page.wait_for_url(re.compile(r"[?&]page=2(&|$)"))
    assert "26–50 of" in page.locator("#call-table .table-footer").inner_text()

    # Back, twice: the sorted first page, then the filtered view, each fetched whole again.
    page.go_back()
    expect(page.locator("#call-table .table-footer")).to_contain_text("1–25 of")
    expect(page.locator("th[aria-sort]")).to_contain_text("Duration")
    page.go_back()
    expect(page.locator("th[aria-sort]")).to_contain_text("Date and time")
    assert page.url == filtered_url
    expect(page.locator("input[name=type][value=I]")).to_be_checked()
    directions = page.locator("#call-table tbody td:nth-child(3)").all_inner_texts()
    assert set(directions) == {"Inbound"}


def test_it_opens_a_call_and_reads_its_ladder(page, live_server, sandbox_url, sandbox_demo):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/{sandbox_demo.records.cdr_with_recording}/")
    rows = page.locator(".ladder-row")
    assert rows.count() > 3
    first = rows.first
    assert not first.locator("pre").is_visible()
    first.locator("summary").click()
    assert first.locator("pre").inner_text().startswith("INVITE ")


def test_it_exports_the_filtered_set(page, live_server, sandbox_url, sandbox_demo, demo_range):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}&type=M&type=O")
    footer = page.locator("#call-table .table-footer").inner_text()
    total = int(footer.split(" of ")[1].split()[0].replace(",", ""))
    with page.expect_download() as download:
        page.click("text=as CSV")
    text = download.value.path().read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert len(rows) == total
    assert {row[2] for row in rows} == {"M", "O"}


def test_it_returns_to_the_page_after_the_session_expires(
    page, live_server, sandbox_url, sandbox_demo, demo_range
):
    from django.utils import timezone

    from sandbox.models import Token

    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    Token.objects.filter(kind=Token.Kind.SESSION).update(
        last_used_at=timezone.now() - timedelta(days=1)
    )
    target = f"/calls/?{urlencode(demo_range)}&type=O"
    page.goto(live_server.url + target)
    assert "/accounts/login/" in page.url
    assert "session has expired" in page.locator("#notices").inner_text()
    page.fill("#id_email", sandbox_demo.supervisor.email)
    page.fill("#id_password", sandbox_demo.supervisor.password)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + target)
    assert page.locator("input[name=type][value=O]").is_checked()


def test_it_shows_script_text_as_text(page, live_server, sandbox_url, sandbox_demo):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/{sandbox_demo.records.cdr_with_recording}/")
    page.fill("#add-label", "<script>alert(1)</script>")
    page.click("button[value=add]")
    page.wait_for_load_state()
    assert page.locator(".badge", has_text="<script>alert(1)</script>").count() == 1
    assert dialogs == []


@pytest.mark.parametrize("path", ["/calls/", "/recordings/", "/voicemail/"])
def test_it_scrolls_wide_tables_inside_their_frame_at_phone_width(
    page, live_server, sandbox_url, sandbox_demo, demo_range, path
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}{path}?{urlencode(demo_range)}")
    widths = page.evaluate(
        """() => {
            const frame = document.querySelector('.table-wrap');
            return {page: document.documentElement.scrollWidth, view: window.innerWidth,
                    frame: frame.clientWidth, table: frame.scrollWidth};
        }"""
    )
    # The page itself never scrolls sideways; the table does, within its frame.
    assert widths["page"] <= widths["view"]
    assert widths["table"] > widths["frame"]


def test_pages_load_without_a_missing_file(page, live_server, sandbox_url, sandbox_demo):
    """No 404 in the console: the favicon included, which browsers ask for on every page."""
    missing: list[str] = []
    page.on(
        "response",
        lambda response: missing.append(response.url) if response.status == 404 else None,
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.wait_for_load_state("networkidle")
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, next_path="/calls/")
    page.wait_for_load_state("networkidle")
    assert missing == []
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(f"{live_server.url}{icon}").status == 200
