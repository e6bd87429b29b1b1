"""Saved views, chosen columns and today's live list in Chromium: with and without JavaScript,
and at phone width."""

import time
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.test_without_javascript import plain_page  # noqa: F401 (a fixture)
from tests.dashboard.test_live_today import new_call_now, today
from tests.sign_in import sign_in_browser

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def save_view(page, name: str, *, default: bool = False) -> None:
    page.click("text=Save this view…")
    page.fill("#view_name", name)
    if default:
        page.check("#view_default")
    page.click("button:has-text('Save view')")
    page.wait_for_url("**view=**")


def test_a_sorted_view_is_saved_and_opened_from_the_navigation(
    page, live_server, sandbox_url, sandbox_demo, demo_range
):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}&type=M")
    # Sorting swaps only the table (htmx): the saved view must still carry the new sort.
    page.click("#call-table th >> text=Duration")
    page.wait_for_url("**sort=duration**")
    save_view(page, "Longest missed")
    saved = query_of(page.url)
    assert saved["sort"] == ["duration"] and saved["type"] == ["M"]
    expect(page.locator(".view-current")).to_contain_text("Longest missed")
    # Columns saved after another sort come back to that sort.
    page.click("#call-table th >> text=Duration")
    page.wait_for_url("**dir=asc**")
    page.click("text=Columns…")
    page.uncheck("#columns_columns_7")  # Cost
    expect(page.locator("#call-table th >> text=Cost")).to_be_hidden()  # at once
    page.click("button:has-text('Save columns')")
    page.wait_for_load_state()
    expect(page.locator(".notices")).to_contain_text("Columns saved")
    assert query_of(page.url)["dir"] == ["asc"] and "columns" not in query_of(page.url)
    expect(page.locator("#call-table th >> text=Cost")).to_be_hidden()

    page.goto(f"{live_server.url}/")
    page.click(".saved-views-nav summary")
    page.click(".saved-views-nav >> text=Longest missed")
    page.wait_for_url("**sort=duration**")
    expect(page.locator("th[aria-sort]")).to_contain_text("Duration")
    directions = page.locator("#call-table tbody td:nth-child(3)").all_inner_texts()
    assert directions and set(directions) == {"Missed"}


def test_columns_and_a_default_view_work_without_javascript(
    plain_page,  # noqa: F811
    live_server,
    sandbox_url,
    sandbox_demo,
    demo_range,
):
    page = plain_page
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}")
    expect(page.locator("#call-table th >> text=Cost")).to_be_visible()
    page.click("text=Columns…")
    page.uncheck("#columns_columns_7")  # Cost
    page.uncheck("#columns_columns_3")  # User
    page.click("button:has-text('Save columns')")
    page.wait_for_load_state()
    expect(page.locator("#call-table th >> text=Cost")).to_be_hidden()
    expect(page.locator("#call-table th >> text=User")).to_be_hidden()
    expect(page.locator("#call-table th >> text=Outcome")).to_be_visible()

    save_view(page, "Without costs", default=True)
    page.goto(f"{live_server.url}/calls/")
    assert query_of(page.url)["view"]
    expect(page.locator(".view-current")).to_contain_text("Without costs")
    page.click("text=Show calls without it")
    assert query_of(page.url) == {"default": ["0"]}
    expect(page.locator(".view-current")).to_have_count(0)


def test_views_and_columns_fit_a_phone(page, live_server, sandbox_url, sandbox_demo, demo_range):
    page.set_viewport_size(PHONE)
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}")
    page.click("text=Columns…")
    expect(page.locator("button:has-text('Save columns')")).to_be_in_viewport()
    save_view(page, "On the road")
    page.click(".saved-views-nav summary")
    link = page.locator(".saved-views-nav >> text=On the road")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The page itself does not scroll sideways; only the table does, inside its frame.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def settle(page) -> None:
    """Let a poll that read the upstream before the new call end, then age the cache again:
    the refresh shows what the cache gives, and it would keep that poll's answer a while."""
    page.wait_for_timeout(1500)
    cache.clear()


def _hide_tab(page, hidden: bool) -> None:
    state = "hidden" if hidden else "visible"
    page.evaluate(
        """state => {
            Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        state,
    )


def test_todays_calls_refresh_in_place_and_stop_when_hidden(
    page, live_server, sandbox_url, sandbox_demo, settings
):
    settings.DASHBOARD_LIVE_SECONDS = 1
    for _ in range(12):  # a list long enough to scroll, even just after midnight
        new_call_now(sandbox_demo)
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    polls: list[int] = []
    page.on(
        "response",
        lambda response: (
            polls.append(response.status)
            if response.request.headers.get("hx-target") == "call-table"
            else None
        ),
    )
    page.goto(f"{live_server.url}/calls/?{urlencode(today())}")
    expect(page.locator(".live-status")).to_be_visible()
    # The reader ticks a row further down and scrolls it to the top of the window.
    box = page.locator("#call-table tbody input[name=ids]").nth(8)
    box.check()  # and keeps the keyboard focus on it
    ticked = box.get_attribute("value")
    row = f"document.querySelector(\"input[name=ids][value='{ticked}']\")"
    row_top = f"{row}.getBoundingClientRect().top"
    page.evaluate(f"window.scrollBy(0, {row_top} - 5)")
    top_before = page.evaluate(row_top)
    page.evaluate("window.notReloaded = true")

    # Unchanged: the polls after the first cost a 304.
    deadline = time.monotonic() + 10
    while 304 not in polls and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert 304 in polls

    call = new_call_now(sandbox_demo, src="447700900777")
    settle(page)
    expect(page.locator(f"#call-table input[name=ids][value='{call.id}']")).to_be_attached()
    # The rows changed in place: same page, the ticked box still ticked.
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator(f"#call-table input[name=ids][value='{ticked}']")).to_be_checked()
    assert page.evaluate("document.activeElement.value") == ticked
    # A row arrived above it, and what the reader looks at stayed where it was.
    assert abs(page.evaluate(row_top) - top_before) < 2

    _hide_tab(page, hidden=True)
    page.wait_for_timeout(300)
    before = len(polls)
    page.wait_for_timeout(2500)
    assert len(polls) == before
    _hide_tab(page, hidden=False)
    deadline = time.monotonic() + 5
    while len(polls) == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert len(polls) > before


def test_todays_figures_refresh_on_their_own(
    page, live_server, sandbox_url, sandbox_demo, settings
):
    settings.DASHBOARD_LIVE_SECONDS = 1
    new_call_now(sandbox_demo)
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/?{urlencode(today())}")
    calls = page.locator(".totals li:first-child .figure")
    before = int(calls.inner_text().replace(",", ""))
    new_call_now(sandbox_demo, src="447700900778")
    settle(page)
    expect(calls).to_have_text(f"{before + 1:,}", timeout=10_000)
