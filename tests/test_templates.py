"""Template hygiene that no page test would notice until a person does."""

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
