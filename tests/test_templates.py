"""Template hygiene that no page test would notice until a person does."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(ROOT.glob("templates/**/*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))


def unclosed_comment(line: str) -> bool:
    """A `{#` with no `#}` after it on its line: Django shows such a comment on the page."""
    start = line.find("{#")
    return start != -1 and "#}" not in line[start:]


def test_it_has_no_comment_that_would_show_on_the_page():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if unclosed_comment(line)
    ]
    assert TEMPLATES
    assert offenders == []


# What the Content-Security-Policy (script-src and style-src 'self') would block in a browser.
INLINE_CODE = {
    "an inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "a <style> block": re.compile(r"<style\b", re.I),
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "an htmx inline handler": re.compile(r"\shx-on[:-]", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


def test_it_has_no_inline_script_or_style():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {what}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text().splitlines(), 1)
        for what, pattern in INLINE_CODE.items()
        if pattern.search(line)
    ]
    assert TEMPLATES
    assert offenders == []


def test_htmx_injects_no_indicator_styles():
    """htmx adds a <style> for its request indicators unless told not to; CSP would block it."""
    base = (ROOT / "templates" / "base.html").read_text()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", base)
    assert config and json.loads(config.group(1))["includeIndicatorStyles"] is False
    css = "".join(path.read_text() for path in sorted(ROOT.glob("static/css/*.css")))
    assert ".htmx-indicator" in css


def test_no_page_is_filed_under_includes():
    """A whole page (one that extends the layout) lives in its own folder, found in one hop."""
    pages = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.glob("templates/includes/*.html"))
        if "{% extends" in path.read_text()
    ]
    assert pages == []


def test_htmx_swaps_are_written_by_one_tag():
    """hx-get/hx-post, hx-target, hx-swap and hx-push-url come from `{% htmx_swap %}` alone."""
    written = re.compile(r"\shx-(get|post|target|swap|push-url)\s*=", re.I)
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if written.search(line)
    ]
    assert TEMPLATES
    assert offenders == []


def test_htmx_response_headers_come_from_django_htmx():
    """HX-Retarget, HX-Push-Url and the like are set by django_htmx.http's helpers."""
    by_hand = re.compile(r"""response\[\s*["']HX-""")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.glob("dashboard/**/*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if by_hand.search(line)
    ]
    assert offenders == []
