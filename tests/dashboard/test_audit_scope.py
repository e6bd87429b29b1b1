"""The audit log is the customer's own: an admin reads their customer's entries on this
upstream only, an agent none, and entries of unknown ownership only an operator."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from dashboard.models import AuditEntry
from tests.sign_in import sign_in

SECRET_LABEL = "acme-only-label-7731"


def label_a_call(client: Client, cdr_id: int, label: str) -> None:
    response = client.post("/calls/labels/", {"ids": [cdr_id], "label": label, "action": "add"})
    assert response.status_code == 302


def test_it_keeps_one_customers_audit_entries_from_another_customers_admin(
    client, sandbox_url, sandbox_demo
):
    sign_in(client, sandbox_demo.supervisor)
    label_a_call(client, sandbox_demo.records.cdr_with_recording, SECRET_LABEL)
    assert SECRET_LABEL in client.get("/audit/").content.decode()

    other_admin = Client()
    sign_in(other_admin, sandbox_demo.other_admin)
    label_a_call(other_admin, sandbox_demo.records.other_customer_cdr, "globex-label")
    page = other_admin.get("/audit/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "globex-label" in text
    assert SECRET_LABEL not in text
    assert sandbox_demo.supervisor.email not in text
    assert "globex-label" not in client.get("/audit/").content.decode()
    # Nor does a filter reach past the customer.
    found = other_admin.get("/audit/", {"user": sandbox_demo.supervisor.email})
    assert SECRET_LABEL not in found.content.decode()


def test_it_records_the_customer_and_the_upstream_of_each_entry(
    supervisor_client, sandbox_url, sandbox_demo
):
    label_a_call(supervisor_client, sandbox_demo.records.cdr_with_recording, SECRET_LABEL)
    entry = AuditEntry.objects.get(action="call.label_add")
    assert entry.customer_id == sandbox_demo.supervisor.customer_id
    assert entry.upstream == sandbox_url
    assert not entry.operator_only


def test_it_hides_the_same_customer_id_on_another_upstream(
    supervisor_client, sandbox_url, sandbox_demo
):
    # Customer ids are the upstream's: customer 7 of one History API is not customer 7 of another.
    AuditEntry.objects.create(
        user_label="someone@elsewhere.example",
        action="call.label_add",
        outcome="ok",
        detail="label “from-another-upstream”",
        customer_id=sandbox_demo.supervisor.customer_id,
        upstream="https://history.elsewhere.example/v1.1/voipstudio",
    )
    assert "from-another-upstream" not in supervisor_client.get("/audit/").content.decode()


def test_it_shows_an_agent_no_audit_entries(client, sandbox_url, sandbox_demo):
    sign_in(client, sandbox_demo.agent)
    label_a_call(client, sandbox_demo.records.cdr_with_recording, SECRET_LABEL)
    client.get("/settings/")  # shows (and so clears) the label's notice
    response = client.get("/audit/")
    assert response.status_code == 403
    assert SECRET_LABEL not in response.content.decode()
    assert "Only VoIPstudio admins" in response.content.decode()
    assert 'href="/audit/"' not in client.get("/settings/").content.decode()


def test_it_keeps_entries_without_an_owner_for_operators(supervisor_client, sandbox_demo):
    # Written for nobody signed in (so for no customer): no admin may read it.
    from dashboard.services.audit import audit_record

    audit_record(user=None, action="voicemail.delete", records=[5, 6], outcome="ownerless")
    assert "ownerless" not in supervisor_client.get("/audit/").content.decode()
    out = StringIO()
    call_command("audit_log", "--operator-only", stdout=out)
    assert "voicemail.delete" in out.getvalue()
    assert "ownerless" in out.getvalue()


def test_the_operator_command_narrows_to_one_customer(supervisor_client, sandbox_url, sandbox_demo):
    label_a_call(supervisor_client, sandbox_demo.records.cdr_with_recording, SECRET_LABEL)
    mine, others = StringIO(), StringIO()
    customer = str(sandbox_demo.supervisor.customer_id)
    call_command("audit_log", "--customer", customer, "--upstream", sandbox_url, stdout=mine)
    other_customer = str(sandbox_demo.other_admin.customer_id)
    call_command("audit_log", "--customer", other_customer, stdout=others)
    assert SECRET_LABEL in mine.getvalue()
    assert SECRET_LABEL not in others.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_migration_leaves_existing_entries_to_operators_only():
    executor = MigrationExecutor(connection)
    before = [("dashboard", "0001_initial")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldEntry = old_apps.get_model("dashboard", "AuditEntry")
    OldEntry.objects.create(user_label="a@b.example", action="call.export", outcome="ok")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("dashboard"))
    entry = AuditEntry.objects.get(action="call.export")
    assert entry.operator_only
    assert entry.customer_id is None
    assert entry.upstream == ""
