"""The demo seeder: deterministic, the promised mix of records, and the awkward strings."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from sandbox.demo import SandboxNotEmpty, seed_demo
from sandbox.demo.bulk import sandbox_models
from sandbox.files import recording_size
from sandbox.models import (
    Account,
    Cdr,
    Chat,
    ChatMsg,
    Monitor,
    Msdr,
    Statement,
    Token,
    Voicemessage,
)

NOW = datetime(2026, 3, 6, 15, 30, tzinfo=UTC)
SCRIPT = "<script>alert(1)</script>"


def _snapshot() -> dict[str, list[tuple]]:
    """Every seeded row of every sandbox table, minus the columns the database fills in at
    insert time; tokens by key, since their row ids are not part of what the seed promises."""
    volatile = {"created_at", "last_used_at"}
    snapshot = {}
    for model in sandbox_models():
        if model is Token:
            continue
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in volatile]
        snapshot[model.__name__] = list(model.objects.order_by("pk").values_list(*names))
    snapshot["Token"] = list(Token.objects.order_by("key").values_list("key", "account_id", "kind"))
    return snapshot


@pytest.fixture
def demo(db):
    return seed_demo(seed=5, days=4, cdrs=600, now=NOW)


def test_it_seeds_the_same_rows_for_the_same_seed(db):
    seed_demo(seed=5, days=4, cdrs=600, now=NOW)
    first = _snapshot()

    seed_demo(seed=5, days=4, cdrs=600, now=NOW, reset=True)

    assert _snapshot() == first
    assert len(first["Cdr"]) == 600


def test_it_seeds_different_data_for_another_seed(db):
    seed_demo(seed=5, days=4, cdrs=600, now=NOW)
    first = _snapshot()["Cdr"]

    seed_demo(seed=6, days=4, cdrs=600, now=NOW, reset=True)

    assert _snapshot()["Cdr"] != first


def test_it_refuses_to_seed_over_existing_data_unless_reset(demo):
    with pytest.raises(SandboxNotEmpty):
        seed_demo(seed=5, days=4, cdrs=600, now=NOW)


def test_it_creates_the_demo_accounts_with_their_roles_and_keys(demo):
    supervisor = Account.objects.get(email="supervisor@example.com")
    agent = Account.objects.get(email="agent@example.com")
    two_factor = Account.objects.get(email="2fa@example.com")

    assert supervisor.is_admin and supervisor.check_password("demo-supervisor")
    assert not agent.is_admin and agent.check_password("demo-agent")
    assert two_factor.check_password("demo-2fa")
    assert two_factor.two_factor_code == demo.two_factor_code and len(demo.two_factor_code) == 6
    assert agent.two_factor_code is None
    assert demo.agent.user_id == agent.pk and demo.supervisor.customer_id == supervisor.customer_id
    for account in demo.accounts.values():
        assert Token.objects.get(key=account.api_key, kind="apikey").account_id == account.user_id
    assert demo.other_admin.customer_id == demo.other_customer_id != demo.main_customer_id
    assert Account.objects.filter(customer_id=demo.main_customer_id).count() >= 20


def test_it_spreads_calls_over_the_days_with_a_business_hours_peak(demo):
    calldates = list(Cdr.objects.values_list("calldate", flat=True))

    assert min(calldates) >= NOW - timedelta(days=4) and max(calldates) <= NOW
    office = sum(9 <= d.hour < 17 for d in calldates)
    night = sum(d.hour < 6 for d in calldates)
    assert office > 0.6 * len(calldates) and night < 0.05 * len(calldates)


def test_it_mixes_directions_dispositions_and_contexts(demo):
    by_type = dict(Cdr.objects.values_list("type").annotate(n=Count("id")))
    assert set(by_type) == {"I", "O", "M"}
    assert by_type["I"] > by_type["O"] > by_type["M"] > 0.05 * 600

    dispositions = set(Cdr.objects.values_list("disposition", flat=True))
    assert {"CONNECTED", "RINGING", "VM"} <= dispositions
    assert {"PSTN_CALL", "USER_LOCAL", "IVR"} <= set(Cdr.objects.values_list("context", flat=True))
    assert set(Cdr.objects.values_list("destination", flat=True)) >= {"in", "out"}
    assert Cdr.objects.filter(type="M", billsec__gt=0).count() == 0
    assert Cdr.objects.filter(type="O", charge__gt=0).exists()
    assert Cdr.objects.exclude(labels=[]).exists()
    assert Cdr.objects.exclude(calltracking_number=None).exists()
    assert Cdr.objects.filter(customer_id=demo.other_customer_id).exists()


def test_it_links_the_legs_of_multi_leg_calls(demo):
    roots = Cdr.objects.filter(is_root=True, nb_children__gt=0)
    assert roots.exists()
    for root in roots:
        children = Cdr.objects.filter(parent_live_id=root.live_id)
        assert children.count() == root.nb_children
        assert root.root_live_id == root.live_id and root.parent_live_id is None
        assert set(children.values_list("root_live_id", flat=True)) == {root.live_id}
        assert set(children.values_list("is_root", flat=True)) == {False}
        assert set(children.values_list("customer_id", flat=True)) == {root.customer_id}
    assert Cdr.objects.filter(pk=demo.records.multi_leg_root_cdr, nb_children__gt=0).exists()
    # Every leg's parent exists, and each CDR counts its notes.
    live_ids = set(Cdr.objects.values_list("live_id", flat=True))
    assert (
        set(Cdr.objects.exclude(parent_live_id=None).values_list("parent_live_id", flat=True))
        <= live_ids
    )
    noted = Cdr.objects.annotate(n=Count("notes")).exclude(n=0)
    assert noted.exists() and all(cdr.n == cdr.nb_notes for cdr in noted)


def test_it_records_a_share_of_connected_calls_with_transcripts(demo):
    monitors = Monitor.objects.all()
    connected = Cdr.objects.exclude(type="M").count()
    assert 0.05 * connected < monitors.count() < 0.4 * connected
    for monitor in monitors:
        cdr = Cdr.objects.get(live_id=monitor.live_id)
        assert cdr.type != "M" and cdr.user_id == monitor.user_id
        # Recordings are kept short: the first two minutes of the call at most.
        assert monitor.duration == min(cdr.billsec, 120)
        assert monitor.size == recording_size(monitor.duration)
        assert monitor.transcript and monitor.summary
    assert {"positive", "negative"} <= set(monitors.values_list("sentiment", flat=True))
    assert Monitor.objects.filter(pk=demo.records.monitor).exists()
    cdr_with_recording = Cdr.objects.get(pk=demo.records.cdr_with_recording)
    assert Monitor.objects.filter(live_id=cdr_with_recording.live_id).exists()


def test_it_files_voicemails_of_missed_calls_in_several_folders(demo):
    voicemails = Voicemessage.objects.all()
    assert set(voicemails.values_list("folder", flat=True)) >= {0, 1}
    assert set(voicemails.values_list("folder", flat=True)) <= {0, 1, 2, 3, 4, 11}
    assert voicemails.filter(is_new=True).exists() and voicemails.filter(is_new=False).exists()
    for voicemail in voicemails:
        cdr = Cdr.objects.get(live_id=voicemail.live_id)
        assert (cdr.type, cdr.disposition) == ("M", "VM")
        assert voicemail.size == recording_size(voicemail.duration)
    assert voicemails.get(pk=demo.records.voicemail_in_inbox).folder == 0


def test_it_writes_chats_media_sessions_and_statements(demo):
    assert Chat.objects.count() >= 6
    assert not Chat.objects.annotate(n=Count("messages")).filter(n__lt=2).exists()
    assert ChatMsg.objects.filter(sender="visitor").exists()
    assert ChatMsg.objects.filter(sender="operator").exists()
    assert Msdr.objects.filter(pk=demo.records.msdr).exists()
    assert Statement.objects.filter(customer_id=demo.other_customer_id).exists()
    for model in (Cdr, Monitor, Voicemessage, Msdr):
        owners = set(model.objects.values_list("customer_id", "user_id"))
        accounts = set(Account.objects.values_list("customer_id", "pk"))
        assert owners <= accounts, model


def test_it_includes_text_a_careless_page_would_break_on(demo):
    chat = Chat.objects.get(pk=demo.records.chat_with_script)
    assert chat.visitor_name == SCRIPT
    assert SCRIPT in Monitor.objects.get(pk=demo.records.monitor_with_script).transcript
    names = " ".join(Account.objects.values_list("first_name", flat=True))
    assert "健太" in names and "Ελένη" in names and "ليلى" in names
    contacts = set(Cdr.objects.values_list("src_name", flat=True))
    assert any("日本語" in name for name in contacts) and any("🎧" in name for name in contacts)
    assert Cdr.objects.filter(Q(info__regex=r"^.{500,}$")).exists()


def test_it_points_at_records_the_demo_agent_owns(demo):
    agent = demo.agent.user_id
    assert Cdr.objects.get(pk=demo.records.cdr_with_recording).user_id == agent
    assert Voicemessage.objects.get(pk=demo.records.voicemail_in_inbox).user_id == agent
    assert Chat.objects.get(pk=demo.records.chat_with_script).operator_id == agent
    assert Cdr.objects.get(pk=demo.records.not_agents_cdr).user_id != agent
    other = Cdr.objects.get(pk=demo.records.other_customer_cdr)
    assert other.customer_id == demo.other_customer_id
    assert (
        Monitor.objects.get(pk=demo.records.other_customer_monitor).customer_id
        == demo.other_customer_id
    )


def test_the_command_seeds_and_prints_the_logins(db, capsys):
    call_command("sandbox_seed", "--cdrs", "200", "--days", "2", "--seed", "3")

    out = capsys.readouterr().out
    assert Cdr.objects.count() == 200
    code = Account.objects.get(email="2fa@example.com").two_factor_code
    assert f"2fa@example.com: {code}" in out
    for email, password in [
        ("supervisor@example.com", "demo-supervisor"),
        ("agent@example.com", "demo-agent"),
    ]:
        key = Token.objects.get(account__email=email, kind="apikey").key
        assert f"{email} / {password} / {key}" in out


def test_the_command_refuses_to_seed_twice_without_reset(db):
    call_command("sandbox_seed", "--cdrs", "100", "--days", "1")

    with pytest.raises(CommandError, match="--reset"):
        call_command("sandbox_seed", "--cdrs", "100", "--days", "1")
    call_command("sandbox_seed", "--cdrs", "150", "--days", "1", "--reset")
    assert Cdr.objects.count() == 150


def test_the_fixture_gives_a_small_demo_with_every_highlight(sandbox_demo):
    assert 250 <= sandbox_demo.counts["cdrs"] == Cdr.objects.count() <= 400
    assert Cdr.objects.filter(calldate__lt=sandbox_demo.now - timedelta(days=3)).count() == 0
    for name, record_id in vars(sandbox_demo.records).items():
        assert isinstance(record_id, int), name
