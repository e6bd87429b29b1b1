"""The call lists, one call, labels, export and deleting every call record, over the live
sandbox."""

import csv
import io

import pytest
from django.utils.html import escape

from dashboard.models import AuditEntry
from dashboard.services.deletions import CONFIRMATION_WORD
from tests.deletion_steps import (
    assert_cleanup_leads_to_typed_confirmation,
    assert_no_cleanup_entry,
    delete_every,
)

DELETE_ALL_LABEL = "Delete all call records…"


def test_it_lists_todays_calls_by_default(supervisor_client):
    response = supervisor_client.get("/calls/")
    assert response.status_code == 200
    assert response.context["form"].is_valid()


def test_it_shows_the_page_size_it_uses(supervisor_client):
    response = supervisor_client.get("/calls/")
    assert response.context["search"].per_page == 50
    assert '<option value="50" selected>' in response.content.decode()
    assert '<option value="25" selected>' not in response.content.decode()


def test_it_filters_sorts_and_pages(supervisor_client, sandbox_demo, demo_range):
    params = {**demo_range, "type": "I", "sort": "duration", "dir": "asc"}
    response = supervisor_client.get("/calls/", {**params, "per_page": 25, "page": 2})
    assert response.status_code == 200
    page = response.context["page"]
    assert {cdr.type for cdr in page.items} == {"I"}
    durations = [cdr.duration for cdr in page.items]
    assert durations == sorted(durations)
    summary = response.context["summary"]
    assert (summary.first, summary.last) == (26, 25 + len(page.items))
    assert f"26–{summary.last} of {summary.total:,}" in response.content.decode()


def test_it_takes_a_direction_typed_in_capitals(supervisor_client, demo_range):
    params = {**demo_range, "sort": "duration", "dir": "DESC"}
    response = supervisor_client.get("/calls/", params)
    assert response.status_code == 200
    durations = [cdr.duration for cdr in response.context["page"].items]
    assert len(durations) > 1
    assert durations == sorted(durations, reverse=True)


def test_it_names_the_users_the_calls_name(supervisor_client, demo_range):
    response = supervisor_client.get("/calls/", {**demo_range, "per_page": 250})
    page = response.context["page"]
    named = [
        (cdr.user_id, cdr.src_name if cdr.src_id == str(cdr.user_id) else cdr.dst_name)
        for cdr in page.items
        if str(cdr.user_id) in (cdr.src_id, cdr.dst_id)
    ]
    user_id, name = next((user, name) for user, name in named if name)
    assert escape(f"{name} · {user_id}") in response.content.decode()


def test_it_matches_a_number_in_caller_callee_or_caller_id(
    supervisor_client, sandbox_demo, demo_range
):
    everything = supervisor_client.get("/calls/", {**demo_range, "per_page": 250})
    number = next(cdr.dst for cdr in everything.context["page"].items if cdr.dst)
    response = supervisor_client.get("/calls/", {**demo_range, "number": number, "per_page": 250})
    items = response.context["page"].items
    assert items
    assert all(number in f"{cdr.src} {cdr.dst} {cdr.clid}" for cdr in items)
    assert any(cdr.dst == number for cdr in items)


def test_it_rejects_bad_filters_with_errors_next_to_the_fields(supervisor_client):
    response = supervisor_client.get(
        "/calls/",
        {"from": "not-a-date", "type": "X", "per_page": "7", "sort": "password", "dir": "up"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"from", "type", "per_page", "sort", "dir"} <= set(errors)
    assert b"Enter a valid date." in response.content


def test_it_rejects_a_range_that_ends_before_it_starts(supervisor_client):
    response = supervisor_client.get("/calls/", {"from": "2026-05-02", "to": "2026-05-01"})
    assert response.status_code == 400
    assert "to" in response.context["form"].errors


def test_it_answers_htmx_with_only_the_table(supervisor_client, sandbox_demo, demo_range):
    response = supervisor_client.get(
        "/calls/", demo_range, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="call-table"
    )
    body = response.content.decode()
    assert '<div id="call-table">' in body
    assert 'id="notices"' in body and 'hx-swap-oob="innerHTML"' in body
    assert "<html" not in body and 'id="call-search"' not in body
    assert "HX-Request" in response["Vary"]


def test_it_announces_the_new_page_of_an_htmx_swap(supervisor_client, demo_range):
    params = {**demo_range, "per_page": 25, "page": 2}
    response = supervisor_client.get(
        "/calls/", params, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="call-table"
    )
    notices = response.content.decode().split('id="notices"', 1)[1]
    summary = response.context["summary"]
    assert f'class="visually-hidden">Showing 26–{summary.last} of {summary.total:,}' in notices


def test_it_renders_script_text_as_text(supervisor_client, sandbox_demo):
    cdr_id = sandbox_demo.records.cdr_with_recording
    supervisor_client.post(
        "/calls/labels/", {"ids": [cdr_id], "label": "<script>alert(1)</script>", "action": "add"}
    )
    body = supervisor_client.get(f"/calls/{cdr_id}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body


def test_it_shows_one_call_with_its_ladder(supervisor_client, sandbox_demo):
    cdr_id = sandbox_demo.records.cdr_with_recording
    response = supervisor_client.get(f"/calls/{cdr_id}/")
    assert response.status_code == 200
    ladder = response.context["ladder"]
    assert ladder.rows and ladder.hosts
    assert ladder.rows[0].label == "INVITE"
    assert response.context["detail"].recordings
    assert b'<details class="ladder-row">' in response.content


def test_it_shows_the_other_legs_of_a_call(supervisor_client, sandbox_demo):
    response = supervisor_client.get(f"/calls/{sandbox_demo.records.multi_leg_root_cdr}/")
    assert response.context["detail"].legs


def test_it_says_when_a_call_is_not_the_users_to_see(agent_client, sandbox_demo):
    response = agent_client.get(f"/calls/{sandbox_demo.records.not_agents_cdr}/")
    assert response.status_code == 403
    assert b"You do not have access to this record." in response.content


def test_it_says_when_a_call_does_not_exist(supervisor_client):
    response = supervisor_client.get("/calls/987654321/")
    assert response.status_code == 404


def test_it_downloads_the_pcap_and_records_it(supervisor_client, sandbox_demo):
    cdr_id = sandbox_demo.records.cdr_with_recording
    response = supervisor_client.get(f"/calls/{cdr_id}.pcap")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4")
    assert AuditEntry.objects.filter(action="call.pcap_download", records=[cdr_id]).exists()


def test_it_applies_and_removes_a_label_with_an_audit_entry(supervisor_client, sandbox_demo):
    cdr_id = sandbox_demo.records.cdr_with_recording
    response = supervisor_client.post(
        "/calls/labels/",
        {"ids": [cdr_id], "label": "Follow up", "action": "add", "next": f"/calls/{cdr_id}/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/calls/{cdr_id}/"
    detail = supervisor_client.get(f"/calls/{cdr_id}/")
    assert "Follow up" in detail.context["cdr"].labels
    supervisor_client.post(
        "/calls/labels/", {"ids": [cdr_id], "label": "Follow up", "action": "remove"}
    )
    assert "Follow up" not in supervisor_client.get(f"/calls/{cdr_id}/").context["cdr"].labels
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert sorted(actions) == ["call.label_add", "call.label_remove"]


def test_it_refuses_a_label_change_without_a_selection(supervisor_client):
    response = supervisor_client.post("/calls/labels/", {"label": "Reviewed", "action": "add"})
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_it_exports_the_whole_filtered_set(supervisor_client, sandbox_demo, demo_range):
    params = {**demo_range, "type": ["I", "M"], "per_page": 25}
    listed = supervisor_client.get("/calls/", params)
    response = supervisor_client.get("/calls/export.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, body = rows[0], rows[1:]
    assert header[1].startswith("calldate (Europe/London, UTC")
    assert len(body) == listed.context["summary"].total > 25
    assert len({row[0] for row in body}) == len(body)
    assert AuditEntry.objects.get(action="call.export").outcome == f"ok ({len(body)} rows)"


def test_it_rejects_an_export_with_bad_filters(supervisor_client):
    response = supervisor_client.get("/calls/export.csv", {"from": "yesterday"})
    assert response.status_code == 400


def test_it_lets_only_admins_download_a_users_csv(supervisor_client, client, sandbox_demo):
    agent_id = sandbox_demo.agent.user_id
    response = supervisor_client.get(f"/calls/users/{agent_id}.csv")
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("id,")
    assert AuditEntry.objects.filter(action="call.user_csv").exists()


def test_it_refuses_the_users_csv_to_an_agent(agent_client, sandbox_demo):
    assert agent_client.get(f"/calls/users/{sandbox_demo.agent.user_id}.csv").status_code == 403


def test_it_lists_call_tracking_calls(supervisor_client, sandbox_demo, demo_range):
    response = supervisor_client.get("/calls/tracking/", demo_range)
    assert response.status_code == 200
    ids = [cdr.id for cdr in response.context["page"].items]
    assert sandbox_demo.records.calltracking_cdr in ids or response.context["summary"].total > 50


def test_it_offers_admins_the_upstream_csv_of_a_filtered_user(
    supervisor_client, sandbox_demo, demo_range
):
    agent_id = sandbox_demo.agent.user_id
    params = {**demo_range, "user": agent_id}
    link = f'href="/calls/users/{agent_id}.csv"'
    assert link in supervisor_client.get("/calls/", params).content.decode()


def test_it_leads_admins_from_the_list_to_the_typed_confirmation(supervisor_client):
    assert_cleanup_leads_to_typed_confirmation(
        supervisor_client, "/calls/", "cdrs", DELETE_ALL_LABEL
    )


def test_it_shows_agents_no_clean_up_entry(agent_client):
    assert_no_cleanup_entry(agent_client, "/calls/", "cdrs", DELETE_ALL_LABEL)


def test_it_lets_only_admins_delete_every_call_record(agent_client):
    refused = agent_client.post("/delete/cdrs/", {"scope": "all"})
    assert refused.status_code == 403
    refused = agent_client.post(
        "/delete/cdrs/confirmed/", {"scope": "all", "confirmation": CONFIRMATION_WORD}
    )
    assert refused.status_code == 403
    assert not AuditEntry.objects.filter(action="cdrs.delete").exists()


def test_an_admin_deletes_every_call_record(supervisor_client, demo_range):
    delete_every(supervisor_client, "cdrs")
    calls = supervisor_client.get("/calls/", demo_range)
    assert calls.context["page"].total == 0


def test_it_deletes_call_records_only_all_at_once(supervisor_client):
    response = supervisor_client.post("/delete/cdrs/", {"ids": ["1"]})
    assert response.status_code == 400
    assert "Call records can only be deleted all at once." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_rows_drawn_once_are_drawn_again_in_another_time_zone(supervisor_client, demo_range):
    """The rows of a list are kept once drawn; a zone change must not show the old times."""
    from django.utils import timezone

    before = supervisor_client.get("/calls/", demo_range)
    first = before.context["page"].items[0]
    london = timezone.localtime(first.calldate, timezone.get_fixed_timezone(0))
    assert supervisor_client.post("/settings/", {"time_zone": "Asia/Tokyo"}).status_code == 302
    after = supervisor_client.get("/calls/", demo_range).content.decode()
    tokyo = timezone.localtime(first.calldate, timezone.get_fixed_timezone(9 * 60))
    assert f"{tokyo:%Y-%m-%d %H:%M:%S}" in after
    assert f"{london:%Y-%m-%d %H:%M:%S}" not in after


def test_rows_drawn_once_show_a_label_added_since(supervisor_client, sandbox_demo, demo_range):
    page = supervisor_client.get("/calls/", demo_range).context["page"]
    cdr_id = page.items[0].id
    supervisor_client.post(
        "/calls/labels/",
        {"ids": [cdr_id], "label": "Escalated", "action": "add", "next": "/calls/"},
    )
    assert '<span class="badge">Escalated</span>' in (
        supervisor_client.get("/calls/", demo_range).content.decode()
    )


@pytest.mark.parametrize("sort", ["calldate", "duration"])
def test_two_directions_page_like_one_list_of_both(supervisor_client, demo_range, sort):
    everything = supervisor_client.get(
        "/calls/", {**demo_range, "per_page": 100, "sort": sort, "dir": "desc"}
    )
    every_call = []
    page = 1
    while True:
        listed = supervisor_client.get(
            "/calls/", {**demo_range, "per_page": 100, "page": page, "sort": sort, "dir": "desc"}
        ).context["page"]
        every_call.extend(listed.items)
        if not listed.has_next:
            break
        page += 1
    assert everything.status_code == 200
    both = [cdr for cdr in every_call if cdr.type in ("I", "M")]
    expected = sorted(both, key=lambda cdr: (getattr(cdr, sort), cdr.id), reverse=True)
    for number in (1, 2, 3):
        merged = supervisor_client.get(
            "/calls/",
            {**demo_range, "type": ["I", "M"], "per_page": 25, "page": number, "sort": sort},
        ).context["page"]
        assert merged.total == len(both)
        start = (number - 1) * 25
        assert [cdr.id for cdr in merged.items] == [cdr.id for cdr in expected[start : start + 25]]


def test_rows_drawn_by_earlier_templates_are_not_shown_after_a_deploy(
    supervisor_client, demo_range, settings, tmp_path
):
    """Drawn rows outlive a deploy in a shared cache; new templates must draw their own."""
    import shutil

    from dashboard.views.listing import _templates_version

    templates = tmp_path / "templates"
    shutil.copytree(settings.BASE_DIR / "templates", templates)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]
    _templates_version.cache_clear()
    assert "deployed-later" not in supervisor_client.get("/calls/", demo_range).content.decode()

    table = templates / "calls" / "table.html"
    table.write_text(table.read_text().replace("<tr>", '<tr class="deployed-later">', 1))
    # What a new process after the deploy starts with: templates read afresh.
    settings.TEMPLATES = [{**settings.TEMPLATES[0]}]
    _templates_version.cache_clear()
    try:
        assert "deployed-later" in supervisor_client.get("/calls/", demo_range).content.decode()
    finally:
        _templates_version.cache_clear()
