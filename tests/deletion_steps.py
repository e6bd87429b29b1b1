"""Steps of the confirm-then-delete flow shared by the tests of the pages that delete: the calls
(every call record), the overview (every statement), recordings, voicemail and chats."""

import re

from dashboard.models import AuditEntry
from dashboard.services.deletions import CONFIRMATION_WORD


def last_audit(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


def cleanup_form(body: str, kind: str) -> dict[str, str] | None:
    """The fields the page's clean-up button posts, or None when the page has no such button."""
    match = re.search(
        rf'<form method="post" action="/delete/{kind}/"[^>]*>(.*?)</form>', body, re.S
    )
    if match is None:
        return None
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', match.group(1)))


def assert_cleanup_leads_to_typed_confirmation(client, path: str, kind: str, label: str) -> None:
    """The admins' "delete every record of a kind" entry on `path` opens the confirmation that
    asks for the typed word, and deletes nothing yet."""
    body = client.get(path).content.decode()
    assert label in body
    fields = cleanup_form(body, kind)
    assert fields is not None and fields["scope"] == "all"
    confirm = client.post(f"/delete/{kind}/", fields)
    assert confirm.status_code == 200
    assert "Type DELETE" in confirm.content.decode()
    assert not AuditEntry.objects.filter(action=f"{kind}.delete").exists()


def assert_no_cleanup_entry(client, path: str, kind: str, label: str) -> None:
    body = client.get(path).content.decode()
    assert label not in body
    assert cleanup_form(body, kind) is None


def delete_every(client, kind: str) -> None:
    """Confirm deleting every record of `kind`, type the word, and see it done and audited."""
    confirm = client.post(f"/delete/{kind}/", {"scope": "all"})
    assert confirm.status_code == 200
    assert "Type DELETE" in confirm.content.decode()
    # The number the page showed goes back with the answer (none for statements: no total).
    count = confirm.context["count"]
    done = client.post(
        f"/delete/{kind}/confirmed/",
        {"scope": "all", "confirmation": CONFIRMATION_WORD, "count": count or ""},
    )
    assert done.status_code == 302
    assert last_audit(f"{kind}.delete").outcome == "ok"
