"""Keyboard shortcuts for reviewing lists: j/k rows, x selects, Enter opens, Space plays or
pauses, n/p next/previous recording, / searches, ? lists the keys; none while typing."""

import re
from urllib.parse import urlencode, urlparse

import pytest
from playwright.sync_api import expect

from tests.sign_in import sign_in_browser

pytestmark = pytest.mark.browser

DOCK_AUDIO = "document.querySelector('[data-dock-audio]')"


def test_it_reviews_voicemail_from_the_keyboard(page, live_server, sandbox_url, sandbox_demo):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/voicemail/?folder=0")
    rows = page.locator("#record-table tbody tr")
    buttons = page.locator("#record-table button[data-play]")
    assert rows.count() >= 3

    # j and k move a cursor that is keyboard focus, on the row's link.
    page.keyboard.press("j")
    expect(rows.nth(0)).to_have_class(re.compile("is-cursor"))
    expect(page.locator(":focus")).to_have_attribute(
        "href", rows.nth(0).locator("td a[href]").first.get_attribute("href")
    )
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(rows.nth(1)).to_have_class(re.compile("is-cursor"))
    expect(rows.nth(0)).not_to_have_class(re.compile("is-cursor"))

    # x selects the row; again unselects it.
    box = rows.nth(1).locator("input[name=ids]")
    page.keyboard.press("x")
    expect(box).to_be_checked()
    page.keyboard.press("x")
    expect(box).not_to_be_checked()
    page.keyboard.press("x")

    # Space plays the row's recording in the dock, and pauses it; the page does not scroll.
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.press(" ")
    second = buttons.nth(1).get_attribute("data-play")
    page.wait_for_function(f"() => {DOCK_AUDIO}.src.endsWith('{second}') && !{DOCK_AUDIO}.paused")
    page.keyboard.press(" ")
    page.wait_for_function(f"() => {DOCK_AUDIO}.paused")
    assert page.evaluate("window.scrollY") == scrolled

    # n and p play the next and the previous recording.
    page.keyboard.press("n")
    third = buttons.nth(2).get_attribute("data-play")
    page.wait_for_function(f"() => {DOCK_AUDIO}.src.endsWith('{third}') && !{DOCK_AUDIO}.paused")
    page.keyboard.press("p")
    page.wait_for_function(f"() => {DOCK_AUDIO}.src.endsWith('{second}')")

    # / goes to the filters (here the first is a date); nothing fires while typing there.
    page.keyboard.press("/")
    field = page.locator(":focus")
    assert field.evaluate("field => !!field.closest('form.filters')")
    page.keyboard.type("jkxnp")
    expect(field).to_be_focused()
    expect(rows.nth(1)).to_have_class(re.compile("is-cursor"))
    expect(box).to_be_checked()
    assert page.evaluate(f"{DOCK_AUDIO}.src").endswith(second)

    # Enter opens the row under the cursor.
    detail = rows.nth(1).locator("td a[href]").first.get_attribute("href")
    page.locator("#main").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{detail}")
    assert urlparse(page.url).path == detail
    # The record's player asks for its audio (an audited playback): let it finish first.
    page.wait_for_load_state("networkidle")


def test_question_mark_shows_the_keys_in_a_dialog(page, live_server, sandbox_url, sandbox_demo):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/recordings/")
    page.keyboard.press("j")
    row_link = page.locator(":focus")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Select the row")
    # The dialog holds focus; the keys do not act behind it; Escape closes it and focus
    # goes back where it was.
    expect(page.locator(":focus")).to_have_accessible_name("Close")
    page.keyboard.press("j")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(row_link).to_be_focused()

    # / goes to the first search box; what is typed there stays there.
    page.keyboard.press("/")
    caller = page.get_by_role("searchbox", name="Caller")
    expect(caller).to_be_focused()
    page.keyboard.type("jkx?")
    expect(caller).to_have_value("jkx?")
    expect(dialog).to_be_hidden()

    # The same list from a button reached with Tab, for whoever does not know about `?`.
    opener = page.get_by_role("button", name="Keyboard shortcuts ?")
    opener.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def test_the_keys_work_on_the_calls_list(page, live_server, sandbox_url, sandbox_demo, demo_range):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}&per_page=25")
    page.keyboard.press("/")
    expect(page.locator(":focus")).to_have_accessible_name(re.compile("Number|Search"))
    page.keyboard.press("Escape")
    page.locator("#main").focus()
    page.keyboard.press("j")
    page.keyboard.press("j")
    rows = page.locator("#call-table tbody tr")
    expect(rows.nth(1)).to_have_class(re.compile("is-cursor"))
    page.keyboard.press("x")
    expect(rows.nth(1).locator("input[name=ids]")).to_be_checked()
    # No player on this page: Space keeps scrolling it, as it always did.
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/calls/\d+/$"))
    page.wait_for_load_state("networkidle")
