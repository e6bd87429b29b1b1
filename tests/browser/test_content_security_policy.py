"""The Content-Security-Policy in a real browser: the main pages, their htmx swaps and the
player run without one refused script or style (an inline one would be reported)."""

import pytest

from tests.sign_in import sign_in_browser

pytestmark = pytest.mark.browser

# Runs before any of the page's own scripts, so it hears every violation of the page's life.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  const what = `${event.violatedDirective} ${event.blockedURI || "inline"}`;
  window.__cspViolations.push(`${what} ${where}`);
});
"""


@pytest.fixture
def watched_page(browser):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.console_messages = console
    yield page
    context.close()


def violations(page) -> list[str]:
    reported = page.evaluate("window.__cspViolations")
    logged = [text for text in page.console_messages if "Content Security Policy" in text]
    return reported + logged


def test_the_main_pages_break_no_rule_of_the_policy(
    watched_page, live_server, sandbox_url, sandbox_demo, demo_range
):
    page, base = watched_page, live_server.url
    sign_in_browser(page, base, sandbox_demo.supervisor)
    assert violations(page) == []
    records = sandbox_demo.records
    seen: dict[str, list[str]] = {}
    for path in (
        "/",
        f"/calls/?from={demo_range['from']}&to={demo_range['to']}",
        f"/calls/{records.multi_leg_root_cdr}/",
        "/calls/tracking/",
        "/recordings/",
        f"/recordings/{records.monitor_with_script}/",
        "/voicemail/",
        f"/voicemail/{records.voicemail_in_inbox}/",
        "/chats/",
        f"/chats/{records.chat_with_script}/",
        "/media-sessions/",
        f"/media-sessions/{records.msdr}/",
        "/audit/",
        "/settings/",
        "/no-such-page/",
    ):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        seen[path] = violations(page)
    assert {path: found for path, found in seen.items() if found} == {}


def test_an_htmx_swap_and_the_player_break_no_rule(
    watched_page, live_server, sandbox_url, sandbox_demo, demo_range
):
    page, base = watched_page, live_server.url
    sign_in_browser(page, base, sandbox_demo.supervisor)
    page.goto(f"{base}/calls/?from={demo_range['from']}&to={demo_range['to']}")
    page.check("input[name=type][value=I]")
    page.click("text=Show calls")
    page.wait_for_url("**type=I**")
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/recordings/{sandbox_demo.records.monitor_with_script}/")
    page.locator("audio").first.evaluate("audio => audio.play().catch(() => null)")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
