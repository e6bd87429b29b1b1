"""The overview (and deleting every statement from it), the audit log, the settings page.

Deleting every call record is tested with the calls (tests/dashboard/test_calls.py)."""

from datetime import timedelta

from dashboard.models import AuditEntry, Profile
from dashboard.services.audit import audit_record
from tests.deletion_steps import (
    assert_cleanup_leads_to_typed_confirmation,
    assert_no_cleanup_entry,
    delete_every,
)

DELETE_STATEMENTS_LABEL = "Delete all statements…"


def test_it_sums_up_a_range(supervisor_client, sandbox_demo):
    last = sandbox_demo.now.date()
    first = last - timedelta(days=sandbox_demo.days)
    response = supervisor_client.get("/", {"from": first.isoformat(), "to": last.isoformat()})
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.calls == overview.inbound + overview.outbound + overview.missed > 0
    assert 0 <= overview.answer_rate <= 1
    titles = [chart.title for chart in response.context["charts"]]
    assert titles == [
        "Calls per day",
        "Missed calls by hour of day",
        "Busiest users",
        "Busiest numbers",
    ]
    assert response.content.count(b"<svg") >= 4
    assert b"The figures as a table" in response.content


def test_it_charts_one_day_by_hour(supervisor_client, sandbox_demo):
    day = sandbox_demo.now.date().isoformat()
    response = supervisor_client.get("/", {"from": day, "to": day})
    assert response.context["charts"][0].title.startswith("Calls per hour")
    assert len(response.context["charts"][0].table_rows) == 24


def test_it_rejects_a_bad_overview_range(supervisor_client):
    response = supervisor_client.get("/", {"from": "2026-13-01"})
    assert response.status_code == 400


def test_it_shows_the_audit_log_to_admins(supervisor_client, sandbox_demo):
    supervisor = Profile.objects.get(upstream_user_id=sandbox_demo.supervisor.user_id).user
    audit_record(user=supervisor, action="voicemail.delete", records=[5, 6], outcome="ok")
    response = supervisor_client.get("/audit/", {"action": "voicemail.delete"})
    assert response.status_code == 200
    assert b"voicemail.delete" in response.content


def test_it_says_when_the_audit_log_has_nothing_to_show(supervisor_client):
    response = supervisor_client.get("/audit/", {"action": "nothing.like.this"})
    assert response.status_code == 200
    assert "Nothing recorded yet." in response.content.decode()


def test_it_keeps_the_audit_log_from_agents(agent_client):
    assert agent_client.get("/audit/").status_code == 403


def test_it_saves_the_users_time_zone(supervisor_client, sandbox_demo):
    response = supervisor_client.post("/settings/", {"time_zone": "America/New_York"})
    assert response.status_code == 302
    profile = Profile.objects.get(upstream_user_id=sandbox_demo.supervisor.user_id)
    assert profile.time_zone == "America/New_York"
    detail = supervisor_client.get(f"/calls/{sandbox_demo.records.cdr_with_recording}/")
    assert b"(EST)" in detail.content or b"(EDT)" in detail.content


def test_it_rejects_an_unknown_time_zone(supervisor_client):
    response = supervisor_client.post("/settings/", {"time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    assert not AuditEntry.objects.exists()


def test_it_leads_admins_from_the_overview_to_the_typed_confirmation(supervisor_client):
    assert_cleanup_leads_to_typed_confirmation(
        supervisor_client, "/", "statements", DELETE_STATEMENTS_LABEL
    )


def test_it_shows_agents_no_clean_up_entry(agent_client):
    assert_no_cleanup_entry(agent_client, "/", "statements", DELETE_STATEMENTS_LABEL)


def test_an_admin_deletes_every_statement(supervisor_client):
    delete_every(supervisor_client, "statements")
