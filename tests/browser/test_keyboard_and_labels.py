"""Keyboard and screen-reader use: every control is reached with Tab and shows where focus is;
controls, charts and notices carry the names and roles assistive technology reads out."""

import re
from urllib.parse import urlencode, urljoin

import pytest
from playwright.sync_api import expect

from tests.sign_in import sign_in_browser

pytestmark = pytest.mark.browser

# Marks every visible control a keyboard user must reach, remembers how each looks unfocused,
# and records, for every element Tab lands on, whether its focus style differs from that and
# whether an outline stands out from what is behind it (WCAG's 3:1 for non-text contrast).
RECORD_FOCUS = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
    "[tabindex]:not([tabindex='-1'])";
  const rgb = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const luminance = (colour) => {
    const [r, g, b] = rgb(colour).slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const behind = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const colour = getComputedStyle(up).backgroundColor;
      if (rgb(colour)[3] !== 0) return colour;
    }
    return getComputedStyle(document.documentElement).backgroundColor;
  };
  const contrast = (one, two) => {
    const [light, dark] = [luminance(one), luminance(two)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  };
  const ring = (el) => {
    const style = getComputedStyle(el);
    return {outline: style.outlineStyle + " " + style.outlineWidth + " " + style.outlineColor,
            outlineShown: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 &&
              contrast(style.outlineColor, behind(el)) >= 3,
            shadow: style.boxShadow};
  };
  const describe = (el) => el.outerHTML.slice(0, 160);
  const controls = [...document.querySelectorAll(selector)].filter(
    (el) => !el.disabled && el.checkVisibility({visibilityProperty: true}) &&
      !el.closest("details:not([open]) > :not(summary)"));
  window.focusStops = [];
  window.unfocused = controls.map((el, index) => {
    el.dataset.control = index;
    return ring(el);
  });
  document.addEventListener("focusin", (event) => {
    const el = event.target;
    const index = el.dataset.control === undefined ? null : Number(el.dataset.control);
    const before = index === null ? {outline: "", shadow: "none"} : window.unfocused[index];
    const now = ring(el);
    window.focusStops.push({
      index, html: describe(el),
      ring: el.matches(":focus-visible") && (
        (now.outlineShown && now.outline !== before.outline) ||
        (now.shadow !== "none" && now.shadow !== before.shadow)),
    });
  });
  return controls.map(describe);
}"""


def tab_through(page) -> None:
    """Tab from the top of the page past its last control; every control reached shows a ring."""
    controls = page.evaluate(RECORD_FOCUS)
    assert controls
    last = len(controls) - 1
    # Date fields take a Tab per part (day, month, year): press until the last control is left.
    for _ in range(3 * len(controls)):
        page.keyboard.press("Tab")
        if page.evaluate(f"window.focusStops.some((stop) => stop.index === {last})"):
            break
    stops = page.evaluate("window.focusStops")
    reached = {stop["index"] for stop in stops}
    unreached = [html for index, html in enumerate(controls) if index not in reached]
    strays = [stop["html"] for stop in stops if stop["index"] is None]
    assert unreached == [], f"not reachable with Tab; Tab also stopped on {strays}"
    ringless = [stop["html"] for stop in stops if not stop["ring"]]
    assert ringless == [], "no visible focus ring"


@pytest.fixture
def signed_in(page, live_server, sandbox_url, sandbox_demo):
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    return page


def test_it_reaches_every_control_with_tab_and_shows_focus(
    signed_in, live_server, sandbox_demo, demo_range
):
    page = signed_in
    for path in (
        f"/calls/?{urlencode(demo_range)}&per_page=25",
        "/voicemail/?folder=0",
        f"/calls/{sandbox_demo.records.cdr_with_recording}/",
        f"/?{urlencode(demo_range)}",
        f"/recordings/{sandbox_demo.records.monitor}/",
    ):
        page.goto(live_server.url + path)
        tab_through(page)
    # The ring stands out in dark mode too.
    page.emulate_media(color_scheme="dark")
    page.goto(f"{live_server.url}/voicemail/?folder=0")
    tab_through(page)


def test_it_names_fields_list_controls_and_the_player(
    signed_in, live_server, sandbox_demo, demo_range
):
    page = signed_in
    # A field in error is read with its help and its error.
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}&number=12ab")
    number = page.get_by_role("searchbox", name="Number")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_have_accessible_description(
        re.compile(r"Part of the caller.*Use digits only", re.S)
    )

    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}&per_page=25")
    page.get_by_role("checkbox", name="Select all calls on this page").check()
    expect(page.locator("#call-table input[name=ids]:not(:checked)")).to_have_count(0)
    for name in ("Date and time", "Direction", "From", "To", "Duration", "Cost"):
        header = page.get_by_role("columnheader", name=name, exact=True)
        expect(header.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("columnheader", name="Date and time")).to_have_attribute(
        "aria-sort", "descending"
    )
    pager = page.get_by_role("navigation", name="Pages")
    pager.get_by_role("link", name="Next page", exact=True).click()
    expect(pager.get_by_role("link", name="Previous page", exact=True)).to_be_visible()

    page.goto(f"{live_server.url}/voicemail/?folder=0")
    expect(page.get_by_role("checkbox", name="Select all messages on this page")).to_be_visible()
    folders = page.get_by_role("navigation", name="Voicemail folders")
    expect(folders.get_by_role("link", name="Work")).to_be_visible()

    page.goto(f"{live_server.url}/recordings/{sandbox_demo.records.monitor}/")
    player = page.get_by_role("group", name="Recording")
    for role, name in (
        ("button", "Play"),
        ("button", "Back 10 s"),
        ("button", "Forward 10 s"),
        ("slider", "Position"),
        ("combobox", "Speed"),
        ("link", "Download"),
    ):
        expect(player.get_by_role(role, name=name, exact=True)).to_be_visible()
    player.get_by_role("button", name="Play", exact=True).click()
    expect(player.get_by_role("button", name="Pause", exact=True)).to_be_visible()


def test_it_gives_each_chart_a_title_and_a_table(signed_in, live_server, demo_range):
    page = signed_in
    page.goto(f"{live_server.url}/?{urlencode(demo_range)}")
    figures = page.locator("figure.chart")
    assert figures.count() >= 3
    for index in range(figures.count()):
        title = figures.nth(index).locator("figcaption").inner_text()
        figure = page.get_by_role("figure", name=title, exact=True)
        expect(figure.get_by_role("img")).to_have_accessible_name(re.compile(re.escape(title)))
        figure.get_by_text("The figures as a table").click()
        table = figure.get_by_role("table", name=title, exact=True)
        expect(table).to_be_visible()
        assert table.get_by_role("row").count() > 1


# Screen readers announce changes inside a live region that was already on the page; one
# swapped in together with its text is often read out by none. Remember the page's region.
REMEMBER_NOTICE_AREA = "window.noticeArea = document.querySelector('#notices')"
SAME_NOTICE_AREA = "window.noticeArea === document.querySelector('#notices')"


def test_it_announces_upstream_trouble(
    signed_in, live_server, sandbox_faults, settings, demo_range
):
    page = signed_in
    settings.HISTORY_RETRIES = 0
    settings.HISTORY_BACKOFF = 0
    settings.HISTORY_TTL_LIST = 0
    settings.HISTORY_TTL_RECORD = 0
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}")
    by_duration = page.get_by_role("link", name="Duration", exact=True).get_attribute("href")
    page.goto(urljoin(page.url, by_duration))
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}")
    sandbox_faults.status(503)

    # The page seen before comes back stale, with a notice in the live region.
    page.reload()
    notices = page.locator("#notices[aria-live]")
    expect(notices.get_by_role("status")).to_contain_text("VoIPstudio is not answering")

    # Sorting (an htmx swap) by a column seen before: stale, said in the same live region.
    page.evaluate(REMEMBER_NOTICE_AREA)
    page.get_by_role("link", name="Duration", exact=True).click()
    expect(page.locator("th[aria-sort]")).to_contain_text("Duration")
    expect(notices.get_by_role("status")).to_contain_text("VoIPstudio is not answering")
    assert page.evaluate(SAME_NOTICE_AREA)

    # A sort nobody has fetched yet fails outright: an alert, in the same live region.
    page.get_by_role("link", name="Cost", exact=True).click()
    expect(notices.get_by_role("alert")).to_contain_text("VoIPstudio is not answering")
    assert page.evaluate(SAME_NOTICE_AREA)


def test_it_announces_a_voicemail_move(signed_in, live_server):
    page = signed_in
    page.goto(f"{live_server.url}/voicemail/?folder=0")
    page.evaluate(REMEMBER_NOTICE_AREA)
    boxes = page.locator("#record-table input[name=ids]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("Move the selected to").select_option(label="Work")
    page.get_by_role("button", name="Move", exact=True).press("Enter")
    expect(page.locator("#notices[aria-live]")).to_contain_text("Moved 2 messages to Work.")
    assert page.evaluate(SAME_NOTICE_AREA)
    # The keyboard user is still at the button they pressed.
    expect(page.locator(":focus")).to_have_accessible_name("Move")


def test_it_keeps_keyboard_focus_where_it_was_when_a_list_is_swapped(
    signed_in, live_server, demo_range
):
    page = signed_in
    page.goto(f"{live_server.url}/calls/?{urlencode(demo_range)}&per_page=25")
    focused = page.locator(":focus")

    page.get_by_role("link", name="Next page", exact=True).press("Enter")
    expect(page.locator("#call-table .table-footer")).to_contain_text("26–50 of")
    expect(focused).to_have_accessible_name("Next page")

    page.get_by_role("link", name="Duration", exact=True).press("Enter")
    expect(page.locator("th[aria-sort]")).to_contain_text("Duration")
    expect(focused).to_have_accessible_name("Duration")

    page.get_by_role("checkbox", name="Outbound").check()
    page.get_by_role("button", name="Show calls", exact=True).press("Enter")
    expect(page.locator("#call-table tbody td:nth-child(3)").first).to_have_text("Outbound")
    expect(focused).to_have_accessible_name("Show calls")

    page.goto(f"{live_server.url}/voicemail/?folder=0")
    folders = page.get_by_role("navigation", name="Voicemail folders")
    folders.get_by_role("link", name="Work").press("Enter")
    expect(page.get_by_role("heading", level=2)).to_have_text("Work")
    expect(focused).to_have_accessible_name(re.compile(r"^Work \d+ messages?$"))
