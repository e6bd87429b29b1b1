"""The player's "heard" write: one message to Old, audited, answered without a page."""

from dashboard.models import AuditEntry
from sandbox.models import Voicemessage


def test_it_marks_one_message_heard(supervisor_client, sandbox_demo):
    voicemail_id = sandbox_demo.records.voicemail_in_inbox
    response = supervisor_client.post(f"/voicemail/{voicemail_id}/heard/")
    assert response.status_code == 204
    entry = AuditEntry.objects.get(action="voicemail.move")
    assert entry.records == [{"id": voicemail_id, "result": "moved"}]
    assert entry.detail == "to Old"
    detail = supervisor_client.get(f"/voicemail/{voicemail_id}/").content.decode()
    assert "<dt>Folder</dt><dd>Old</dd>" in detail


def test_it_refuses_what_is_not_a_post_or_not_there(supervisor_client, sandbox_demo):
    voicemail_id = sandbox_demo.records.voicemail_in_inbox
    assert supervisor_client.get(f"/voicemail/{voicemail_id}/heard/").status_code == 405
    # The upstream does not move it: the player hears why, and nothing was audited as moved.
    missing = supervisor_client.post("/voicemail/987654321/heard/")
    assert missing.status_code == 502
    assert "no such record" in missing.content.decode()
    entry = AuditEntry.objects.get(action="voicemail.move")
    assert entry.outcome.startswith("failed")


def test_another_customers_message_is_not_marked_heard(supervisor_client, sandbox_demo):
    other = Voicemessage.objects.filter(customer_id=sandbox_demo.other_customer_id).first()
    folder = other.folder
    assert supervisor_client.post(f"/voicemail/{other.id}/heard/").status_code == 502
    other.refresh_from_db()
    assert other.folder == folder
