"""The page's one docked player: rows carry a play button, the dock plays, seeks by range,
changes speed, walks the list, draws the waveform; "Play all new" walks the voicemail inbox
marking each message heard. Without JavaScript each row keeps the browser's own player."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from dashboard.models import AuditEntry, Profile
from tests.browser.test_without_javascript import plain_page  # noqa: F401 (a fixture)
from tests.conftest import _finish_served_requests
from tests.sign_in import sign_in_browser
from tests.voicemail_steps import folder_count

pytestmark = pytest.mark.browser

DOCK_AUDIO = "document.querySelector('[data-dock-audio]')"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(browser, transactional_db) -> Iterator:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    _finish_served_requests()


def dock_plays(page, src_part: str) -> None:
    page.wait_for_function(f"() => {DOCK_AUDIO}.src.includes('{src_part}') && !{DOCK_AUDIO}.paused")


def test_rows_have_a_play_button_and_the_page_one_player(
    page, live_server, sandbox_url, sandbox_demo
):
    audio_statuses: list[int] = []
    page.on(
        "response",
        lambda response: audio_statuses.append(response.status) if ".mp3" in response.url else None,
    )
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/recordings/")
    rows = page.locator("#record-table tbody tr")
    assert rows.count() >= 3
    # No row player any more: one button a row, and no <audio> in the list.
    assert page.locator("#record-table audio").count() == 0
    buttons = page.locator("#record-table button[data-play]")
    assert buttons.count() == rows.count()
    dock = page.get_by_role("region", name="Player")
    expect(dock).to_be_visible()
    # What a row gives to listening is one line, not a player's 130 px.
    assert buttons.first.bounding_box()["height"] < 48

    # The button's name starts with what it shows ("Play"), then says what it plays.
    first = buttons.nth(0)
    label = first.get_attribute("data-label")
    expect(first).to_have_accessible_name(f"Play {label}")
    first.click()
    dock_plays(page, first.get_attribute("data-play"))
    expect(first).to_have_accessible_name(f"Pause {label}")
    expect(first).to_have_attribute("aria-pressed", "true")
    expect(dock.locator("[data-dock-title]")).to_have_text(label)
    # The system's media controls (and a headset's keys) know what plays.
    assert page.evaluate("navigator.mediaSession.metadata.title") == label
    expect(dock.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    expect(dock.locator("[data-dock-pause-icon]")).to_be_visible()
    expect(dock.locator("[data-dock-play-icon]")).to_be_hidden()

    # Seek by the bar: the browser asks for a range and gets a 206.
    page.wait_for_function(f"() => {DOCK_AUDIO}.duration > 0")
    duration = page.evaluate(f"{DOCK_AUDIO}.duration")
    middle = round(duration / 2, 1)
    dock.get_by_role("slider", name="Position").fill(str(middle))
    page.wait_for_function(f"() => Math.abs({DOCK_AUDIO}.currentTime - {middle}) < 1.0")
    assert 206 in audio_statuses

    # ±10 s and speed.
    dock.get_by_role("button", name="Pause", exact=True).click()
    page.wait_for_function(f"() => {DOCK_AUDIO}.paused")
    before = page.evaluate(f"{DOCK_AUDIO}.currentTime")
    dock.get_by_role("button", name="Back 10 s", exact=True).click()
    page.wait_for_function(f"() => {DOCK_AUDIO}.currentTime <= Math.max(0, {before} - 9.5)")
    dock.get_by_role("combobox", name="Speed").select_option("1.5")
    assert page.evaluate(f"{DOCK_AUDIO}.playbackRate") == 1.5

    # Next and previous walk the rows of the list; the speed stays.
    dock.get_by_role("button", name="Next", exact=True).click()
    dock_plays(page, buttons.nth(1).get_attribute("data-play"))
    expect(rows.nth(1)).to_have_class("is-playing")
    assert page.evaluate(f"{DOCK_AUDIO}.playbackRate") == 1.5
    dock.get_by_role("button", name="Previous", exact=True).click()
    dock_plays(page, buttons.nth(0).get_attribute("data-play"))

    # Paging swaps the list in place: the dock keeps playing, and its buttons find the new rows.
    playing = page.evaluate(f"{DOCK_AUDIO}.src")
    page.get_by_role("link", name="Duration", exact=True).click()
    expect(page.locator("th[aria-sort]")).to_contain_text("Duration")
    assert page.evaluate(f"{DOCK_AUDIO}.src") == playing
    assert not page.evaluate(f"{DOCK_AUDIO}.paused")
    page.locator("#record-table button[data-play]").nth(2).click()
    dock_plays(
        page, page.locator("#record-table button[data-play]").nth(2).get_attribute("data-play")
    )

    # The speed stays from page to page.
    page.goto(f"{live_server.url}/voicemail/?folder=0")
    expect(dock.get_by_role("combobox", name="Speed")).to_have_value("1.5")
    page.locator("#record-table button[data-play]").first.click()
    page.wait_for_function(f"() => !{DOCK_AUDIO}.paused && {DOCK_AUDIO}.playbackRate == 1.5")


def test_the_dock_draws_the_waveform_and_a_click_on_it_seeks(
    page, live_server, sandbox_url, sandbox_demo
):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/recordings/")
    page.locator("#record-table button[data-play]").first.click()
    wave = page.locator("[data-dock-wave]")
    expect(wave).to_be_visible()
    page.wait_for_function(f"() => {DOCK_AUDIO}.duration > 0")
    # Something is drawn: the canvas has opaque pixels.
    drawn = page.evaluate(
        """() => {
          const canvas = document.querySelector('[data-dock-wave]');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let opaque = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) opaque++;
          return opaque;
        }"""
    )
    assert drawn > 50
    # A click three quarters along seeks to three quarters of the recording.
    page.evaluate(f"{DOCK_AUDIO}.pause()")
    box = wave.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
    duration = page.evaluate(f"{DOCK_AUDIO}.duration")
    near = max(1.0, duration * 0.05)
    page.wait_for_function(f"() => Math.abs({DOCK_AUDIO}.currentTime - {duration * 0.75}) < {near}")


def finish_current(page) -> None:
    """Jump the docked audio to its last moment, so that it ends now."""
    page.wait_for_function(f"() => {DOCK_AUDIO}.duration > 0 && !{DOCK_AUDIO}.paused")
    page.evaluate(f"{DOCK_AUDIO}.currentTime = {DOCK_AUDIO}.duration - 0.05")


def test_play_all_new_walks_the_inbox_marking_each_heard(
    page, live_server, sandbox_url, sandbox_demo
):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/voicemail/?folder=0")
    inbox, old = folder_count(page, "INBOX"), folder_count(page, "Old")
    new_ids = page.eval_on_selector_all(
        "#record-table button[data-play][data-new='1']", "buttons => buttons.map(b => b.dataset.id)"
    )
    assert len(new_ids) >= 2
    page.get_by_role("button", name=f"Play all new ({len(new_ids)})").click()
    for voicemail_id in new_ids:
        dock_plays(page, f"/voicemail/{voicemail_id}.mp3")
        finish_current(page)
    # Once the walk ends, the folder is read again: the heard messages have left INBOX.
    page.wait_for_function(
        f"() => document.querySelector('a[data-folder=INBOX] [data-count=total]')"
        f".textContent == '{inbox - len(new_ids)}'"
    )
    assert folder_count(page, "Old") == old + len(new_ids)
    heard = AuditEntry.objects.filter(action="voicemail.move")
    assert sorted(str(r["id"]) for e in heard for r in e.records) == sorted(new_ids)
    # Nobody pressed anything: no pile of "Moved 1 message to Old." notices.
    expect(page.locator("#notices")).not_to_contain_text("Moved")


def test_a_message_the_upstream_would_not_move_stays_new(
    page, live_server, sandbox_url, sandbox_demo, sandbox_faults, settings
):
    settings.HISTORY_RETRIES = 0
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/voicemail/?folder=0")
    first = page.locator("#record-table button[data-play][data-new='1']").first
    voicemail_id = first.get_attribute("data-id")
    row = page.locator(f"#voicemail-{voicemail_id}")
    first.click()
    dock_plays(page, f"/voicemail/{voicemail_id}.mp3")
    # The move (PATCH /voicemessages) is refused once.
    sandbox_faults.status(503, path=r"voicemessages$", times=1)
    with page.expect_response(lambda response: "/heard/" in response.url) as answer:
        finish_current(page)
    assert answer.value.status == 502
    expect(page.locator("#notices [role=alert]")).to_contain_text("stays new")
    expect(row.locator(".badge-new")).to_have_text("New")
    expect(row.locator("button[data-play]")).to_have_attribute("data-new", "1")


def test_with_the_setting_off_new_voicemail_stays_new(page, live_server, sandbox_url, sandbox_demo):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/settings/")
    page.get_by_label("Mark a new voicemail as heard once it has played to the end").uncheck()
    page.locator("form", has=page.locator("input[name=playback]")).get_by_role(
        "button", name="Save"
    ).click()
    expect(page.locator("#notices")).to_contain_text("stays new")
    assert Profile.objects.get().mark_heard_after_play is False

    page.goto(f"{live_server.url}/voicemail/?folder=0")
    inbox = folder_count(page, "INBOX")
    first = page.locator("#record-table button[data-play][data-new='1']").first
    voicemail_id = first.get_attribute("data-id")
    first.click()
    dock_plays(page, f"/voicemail/{voicemail_id}.mp3")
    finish_current(page)
    page.wait_for_function(f"() => {DOCK_AUDIO}.ended")
    page.reload()
    assert folder_count(page, "INBOX") == inbox
    assert not AuditEntry.objects.filter(action="voicemail.move").exists()


def test_the_dock_works_at_phone_width(phone_page, live_server, sandbox_url, sandbox_demo):
    page = phone_page
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor, "/voicemail/?folder=0")
    dock = page.get_by_role("region", name="Player")
    expect(dock).to_be_visible()
    box = dock.bounding_box()
    # Docked at the bottom, the screen's width, not taller than a fifth of it.
    assert box["x"] == 0 and box["width"] == PHONE["width"]
    assert abs(box["y"] + box["height"] - PHONE["height"]) < 1
    assert box["height"] < PHONE["height"] / 4
    # Every control is inside the screen and big enough for a finger.
    for name in ("Previous", "Back 10 s", "Play", "Forward 10 s", "Next"):
        control = dock.get_by_role("button", name=name, exact=True).bounding_box()
        assert control["x"] >= 0 and control["x"] + control["width"] <= PHONE["width"]
        assert control["height"] >= 36
    # Nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The last row scrolls clear of the dock.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = page.locator("#record-table tbody tr").last.bounding_box()
    assert last["y"] + last["height"] <= box["y"] + 1
    page.locator("#record-table button[data-play]").first.tap()
    page.wait_for_function(f"() => !{DOCK_AUDIO}.paused")


def test_without_javascript_each_row_keeps_its_own_player(
    plain_page,  # noqa: F811
    live_server,
    sandbox_url,
    sandbox_demo,
):
    page = plain_page
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    for path in ("/recordings/", "/voicemail/?folder=0"):
        page.goto(live_server.url + path)
        rows = page.locator("#record-table tbody tr")
        audios = page.locator("#record-table audio[controls]")
        assert audios.count() == rows.count() >= 3
        expect(audios.first).to_be_visible()
        # The buttons need the script: hidden, as is the dock.
        expect(page.locator("#record-table button[data-play]").first).to_be_hidden()
        expect(page.locator("[data-dock]")).to_be_hidden()
        source = audios.first.get_attribute("src")
        ranged = page.request.get(live_server.url + source, headers={"Range": "bytes=0-99"})
        assert ranged.status == 206
