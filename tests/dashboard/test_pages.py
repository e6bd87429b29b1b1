"""The overview, the audit log, the settings page, and the admins' clean-up entries."""

import re
from datetime import timedelta

import pytest

from dashboard.models import AuditEntry, Profile
from dashboard.services.audit import audit_record


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


# The admins' "delete every record of a kind" entries: which page offers which kind.
CLEANUP_ENTRIES = [
    ("/calls/", "cdrs", "Delete all call records…"),
    ("/", "statements", "Delete all statements…"),
]


def cleanup_form(body: str, kind: str) -> dict[str, str] | None:
    """The fields the page's clean-up button posts, or None when the page has no such button."""
    match = re.search(
        rf'<form method="post" action="/delete/{kind}/"[^>]*>(.*?)</form>', body, re.S
    )
    if match is None:
        return None
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', match.group(1)))


@pytest.mark.parametrize("path, kind, label", CLEANUP_ENTRIES)
def test_it_leads_admins_from_the_page_to_the_typed_confirmation(
    supervisor_client, path, kind, label
):
    body = supervisor_client.get(path).content.decode()
    assert label in body
    fields = cleanup_form(body, kind)
    assert fields is not None and fields["scope"] == "all"
    confirm = supervisor_client.post(f"/delete/{kind}/", fields)
    assert confirm.status_code == 200
    assert "Type DELETE" in confirm.content.decode()
    assert not AuditEntry.objects.filter(action=f"{kind}.delete").exists()


@pytest.mark.parametrize("path, kind, label", CLEANUP_ENTRIES)
def test_it_shows_agents_no_clean_up_entry(agent_client, path, kind, label):
    body = agent_client.get(path).content.decode()
    assert label not in body
    assert cleanup_form(body, kind) is None
