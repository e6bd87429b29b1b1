"""With JavaScript switched off, every link and form still does its job: filter, sort, page,
read a call's SIP ladder, move and delete voicemail with confirmation, play a recording with
the browser's own controls, sign out."""

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from tests.sign_in import sign_in_browser
from tests.voicemail_steps import (
    delete_one_then_cancel_another,
    folder_count,
    move_first_two_to_work,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def plain_page(browser) -> Iterator:
    """A page in a browser context that runs no script at all."""
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_it_filters_sorts_pages_and_reads_a_ladder(
    plain_page, live_server, sandbox_url, sandbox_demo, demo_range
):
    page = plain_page
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    assert page.url == f"{live_server.url}/"

    # Filter through the form: a date range and one direction.
    page.goto(f"{live_server.url}/calls/?per_page=25")
    page.fill("#id_from", demo_range["from"])
    page.fill("#id_to", demo_range["to"])
    page.check("input[name=type][value=I]")
    page.click("text=Show calls")
    assert query_of(page.url)["type"] == ["I"]
    directions = page.locator("#call-table tbody td:nth-child(3)").all_inner_texts()
    assert directions and set(directions) == {"Inbound"}

    # Sort by a column header: a plain link.
    page.click("#call-table th >> text=Duration")
    assert query_of(page.url)["sort"] == ["duration"]
    assert query_of(page.url)["type"] == ["I"]
    assert "Duration" in page.locator("th[aria-sort]").inner_text()
    durations = page.locator("#call-table tbody td:nth-child(8)").all_inner_texts()
    seconds = [
        sum(int(part) * 60**power for power, part in enumerate(reversed(text.split(":"))))
        for text in durations
    ]
    assert seconds == sorted(seconds, reverse=True)

    # Page 2 keeps filter and sort.
    page.click("#call-table >> text=Next →")
    assert query_of(page.url)["page"] == ["2"]
    assert "26–50 of" in page.locator("#call-table .table-footer").inner_text()
    assert query_of(page.url)["sort"] == ["duration"]

    # Filter by a number seen on this page: every row has it, and the page is back to the first.
    number = page.locator("#call-table tbody td:nth-child(4) .mono").first.inner_text()
    page.fill("#id_number", number)
    page.click("text=Show calls")
    assert query_of(page.url)["number"] == [number]
    assert "page" not in query_of(page.url)
    rows = page.locator("#call-table tbody tr").all_inner_texts()
    assert rows and all(number in row for row in rows)

    # Open a call from the list, then a call with a trace, and expand a ladder row.
    page.locator("#call-table tbody td:nth-child(2) a").first.click()
    assert urlparse(page.url).path.startswith("/calls/")
    assert page.locator("h1").inner_text().startswith("Call ")
    page.goto(f"{live_server.url}/calls/{sandbox_demo.records.cdr_with_recording}/")
    first = page.locator(".ladder-row").first
    assert not first.locator("pre").is_visible()
    first.locator("summary").click()
    assert first.locator("pre").is_visible()
    assert first.locator("pre").inner_text().startswith("INVITE ")


def test_it_moves_deletes_and_cancels_voicemail_then_plays_and_signs_out(
    plain_page, live_server, sandbox_url, sandbox_demo
):
    page = plain_page
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/voicemail/?folder=0")

    # "Select all" needs a script to do anything, so it is not offered; each row's box is.
    assert page.locator("input[data-select-all]").is_hidden()

    # Move two to Work: a plain form post, answered with the folder again.
    inbox, work, moving = move_first_two_to_work(page)
    assert query_of(page.url)["folder"] == ["0"]
    assert "Moved 2 messages to Work." in page.locator("#notices").inner_text()
    assert (folder_count(page, "INBOX"), folder_count(page, "Work")) == (inbox - 2, work + 2)
    for row_id in moving:
        assert page.locator(f"#{row_id}").count() == 0

    delete_one_then_cancel_another(page, inbox_after_delete=inbox - 3)

    # A recording plays with the browser's own controls; its source answers a range request.
    page.goto(f"{live_server.url}/recordings/{sandbox_demo.records.monitor}/")
    audio = page.locator("[data-player] audio[controls]")
    assert audio.count() == 1
    # The script's controls stay hidden, and the player's keys with them: no Tab stop for it.
    assert page.locator("[data-player-controls]").is_hidden()
    assert page.locator("[data-player]").get_attribute("tabindex") is None
    source = audio.get_attribute("src")
    ranged = page.request.get(live_server.url + source, headers={"Range": "bytes=100-199"})
    assert ranged.status == 206
    assert ranged.headers["content-range"].startswith("bytes 100-199/")
    assert len(ranged.body()) == 100

    # Sign out is a POST; afterwards the pages ask for sign-in again.
    page.click("text=Sign out")
    assert urlparse(page.url).path == "/accounts/login/"
    page.goto(f"{live_server.url}/calls/")
    assert urlparse(page.url).path == "/accounts/login/"
