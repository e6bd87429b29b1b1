"""An accessibility audit with axe-core (tests/browser/axe, from the npm registry) injected into
the pages: no serious or critical violation, in light and dark mode, with the player docked."""

import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.conftest import _finish_served_requests, on_ci
from tests.sign_in import sign_in_browser

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests/browser/axe/node_modules/axe-core/axe.min.js"

# Every rule axe runs by default, and the one it leaves out as experimental that WCAG 2.5.3
# (label in name) needs: a button showing "−10 s" must be called something containing it.
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    rules: {"label-content-name-mismatch": {enabled: true}},
    resultTypes: ["violations"],
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id, impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary),
    }));
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        # The same step `make test` runs: `npm ci` from the committed lock file.
        subprocess.run(["bash", str(ROOT / "scripts/ensure-axe")], check=on_ci())
    if not AXE.exists():
        pytest.skip("axe-core is not installed (needs npm): run `bash scripts/ensure-axe`")
    return AXE.read_text()


@pytest.fixture
def audited_page(browser, transactional_db) -> Iterator:
    """A page that lets the test inject axe: the Content-Security-Policy (tested on its own in
    test_content_security_policy.py) would refuse that script like any other inline one."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    _finish_served_requests()


def audit(page, axe_source: str) -> list[dict]:
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE)


def play_first_row(page) -> None:
    """With a row playing: its pressed button and highlighted row are checked too."""
    play = page.locator("button[data-play]")
    if play.count():
        play.first.click()
        page.wait_for_function("() => !document.querySelector('[data-dock-audio]').paused")
        page.evaluate("document.querySelector('[data-dock-audio]').pause()")


def audit_in_both_schemes(
    page,
    base_url: str,
    axe_source: str,
    paths: Sequence[str],
    *,
    prepare: Callable[[Any], None] | None = None,
    keys_dialog: bool = False,
) -> dict[str, list]:
    """The serious violations of each page, in light and dark mode, keyed by scheme and page."""
    found: dict[str, list] = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for path in paths:
            page.goto(base_url + path)
            if prepare is not None:
                prepare(page)
            violations = audit(page, axe_source)
            if violations:
                found[f"{scheme} {path}"] = violations
        if keys_dialog:
            page.goto(f"{base_url}/recordings/")
            page.keyboard.press("?")
            violations = audit(page, axe_source)
            if violations:
                found[f"{scheme} keys dialog"] = violations
    return found


def test_the_pages_with_the_player_have_no_serious_violation(
    audited_page, live_server, sandbox_url, sandbox_demo, demo_range, axe_source
):
    page = audited_page
    records = sandbox_demo.records
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    paths = (
        f"/recordings/?{urlencode(demo_range)}",
        "/voicemail/?folder=0",
        f"/calls/{records.cdr_with_recording}/",
        f"/calls/?{urlencode(demo_range)}&per_page=25",
        f"/recordings/{records.monitor}/",
        f"/voicemail/{records.voicemail_in_inbox}/",
        "/settings/",
    )
    found = audit_in_both_schemes(
        page, live_server.url, axe_source, paths, prepare=play_first_row, keys_dialog=True
    )
    assert found == {}, "\n".join(f"{where}: {v}" for where, v in found.items())


def test_every_other_page_has_no_serious_violation(
    audited_page, live_server, sandbox_url, sandbox_demo, demo_range, axe_source
):
    page = audited_page
    records = sandbox_demo.records
    sign_in_browser(page, live_server.url, sandbox_demo.supervisor)
    paths = (
        f"/?{urlencode(demo_range)}",
        f"/calls/tracking/?{urlencode(demo_range)}",
        f"/calls/?{urlencode(demo_range)}&group=1",
        f"/calls/{records.multi_leg_root_cdr}/",
        "/chats/",
        f"/chats/{records.chat_with_script}/",
        "/media-sessions/",
        f"/media-sessions/{records.msdr}/",
        "/audit/",
        "/numbers/1001/",
        "/no-such-page/",
    )
    found = audit_in_both_schemes(page, live_server.url, axe_source, paths)
    assert found == {}, "\n".join(f"{where}: {v}" for where, v in found.items())
