"""Recordings and voicemail in Chromium: seeking audio, speed, moving, deleting, cancelling."""

import pytest

from tests.sign_in import sign_in_browser
from tests.voicemail_steps import (
    delete_one_then_cancel_another,
    folder_count,
    move_first_two_to_work,
)

pytestmark = pytest.mark.browser


def test_it_plays_seeks_and_changes_speed(page, live_server, sandbox_url, sandbox_demo):
    monitor_id = sandbox_demo.records.monitor
    audio_statuses: list[int] = []
    page.on(
        "response",
        lambda response: (
            audio_statuses.append(response.status)
            if f"/recordings/{monitor_id}.mp3" in response.url
            else None
        ),
    )
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, f"/recordings/{monitor_id}/")
    player = page.locator("[data-player]").first
    audio = "document.querySelector('[data-player-audio]')"

    # The enhanced controls replace the native ones once the script runs.
    assert player.locator("[data-player-controls]").is_visible()
    page.wait_for_function(f"() => {audio}.readyState >= 1 && {audio}.duration > 0")
    duration = page.evaluate(f"{audio}.duration")

    player.locator("[data-player-action=toggle]").click()
    page.wait_for_function(f"() => !{audio}.paused")
    assert player.locator("[data-player-action=toggle]").get_attribute("aria-label") == "Pause"

    # Seek to the middle with the seek bar: the browser asks for a range and gets a 206.
    middle = round(duration / 2, 1)
    player.locator("[data-player-seek]").fill(str(middle))
    page.wait_for_function(f"() => Math.abs({audio}.currentTime - {middle}) < 1.0")
    assert 206 in audio_statuses
    assert page.evaluate(f"{audio}.seekable.end(0)") >= middle

    player.locator("[data-player-speed]").select_option("1.5")
    assert page.evaluate(f"{audio}.playbackRate") == 1.5

    # With the player focused: space pauses, the right arrow skips 10 seconds ahead.
    player.focus()
    page.keyboard.press(" ")
    page.wait_for_function(f"() => {audio}.paused")
    before = page.evaluate(f"{audio}.currentTime")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => Math.abs({audio}.currentTime - {before + 10}) < 0.5")


def test_it_moves_deletes_and_cancels_voicemail(page, live_server, sandbox_url, sandbox_demo):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/voicemail/?folder=0")

    # Move two to Work: the folder counts and the list change in place (no page load).
    inbox, work, moving = move_first_two_to_work(page)
    inbox_count = "document.querySelector('a[data-folder=INBOX] [data-count=total]')"
    page.wait_for_function(f"() => {inbox_count}.textContent == '{inbox - 2}'")
    assert folder_count(page, "Work") == work + 2
    for row_id in moving:
        assert page.locator(f"#{row_id}").count() == 0
    assert "Moved 2 messages to Work." in page.locator("#notices").inner_text()

    delete_one_then_cancel_another(page, inbox_after_delete=inbox - 3)


def test_it_plays_one_recording_at_a_time(page, live_server, sandbox_url, sandbox_demo):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/recordings/")
    buttons = page.locator("#record-table button[data-play]")
    assert buttons.count() >= 2
    playing = "[...document.querySelectorAll('audio')].filter((a) => !a.paused)"

    # Each click waits for its audio's answer: the server audits the playback before it
    # answers, and must be done with that before the test's database is emptied.
    first, second = (buttons.nth(i).get_attribute("data-play") for i in (0, 1))
    with page.expect_response(lambda response: response.url.endswith(first)):
        buttons.nth(0).click()
    page.wait_for_function(f"() => {playing}.length == 1")
    with page.expect_response(lambda response: response.url.endswith(second)):
        buttons.nth(1).click()
    page.wait_for_function(f"() => {playing}.length == 1 && {playing}[0].src.endsWith('{second}')")
    assert buttons.nth(0).get_attribute("aria-pressed") == "false"
