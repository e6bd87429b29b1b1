"""Sandbox fixtures: the fault switches, and a small two-customer world for contract tests.

`sandbox_faults` switches the live sandbox's faults on for one test and hands out the
`sandbox.faults.FaultBoard`:

    def test_it_retries(sandbox_url, sandbox_faults):
        sandbox_faults.status(503, path=r"^/cdrs$", times=1)
        sandbox_faults.status(429, retry_after=2)           # every path, until reset
        sandbox_faults.latency(0.5, path=r"\\.mp3$")
        sandbox_faults.html(status=502)                       # an HTML page, not JSON
        sandbox_faults.truncate(path=r"^/cdrs/\\d+$")          # JSON cut in half
        sandbox_faults.drop(times=1)                          # connection closed, no answer
        ...
        assert sandbox_faults.count(r"^/cdrs$", method="GET") == 2
        sandbox_faults.counters()  # {"GET /cdrs": 2, ...}

Everything is reset after the test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest


@pytest.fixture
def sandbox_faults(settings) -> Iterator:
    from sandbox.faults import board

    settings.SANDBOX_FAULTS_ENABLED = True
    board.reset()
    yield board
    board.reset()


# --- A small world for contract tests -------------------------------------------------------

PASSWORD = "correct horse"
TWO_FACTOR_CODE = "424242"
WORLD_START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Key prefix and owner of each per-owner record: the agent's own, a colleague's (the
# supervisor's, same customer) and another customer's.
RECORD_OWNERS = (("agent", "agent"), ("supervisor", "supervisor"), ("globex", "other_admin"))


@dataclass
class SandboxWorld:
    """Two customers; ids of accounts, their tokens and records, by a readable name."""

    accounts: dict[str, int] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    api_keys: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    password: str = PASSWORD
    two_factor_code: str = TWO_FACTOR_CODE

    def auth(self, who: str) -> dict[str, str]:
        """Headers for `requests` as `who`."""
        return {"X-Auth-Token": self.tokens[who]}

    def meta(self, who: str) -> dict[str, str]:
        """Headers for Django's test client as `who`."""
        return {"HTTP_X_AUTH_TOKEN": self.tokens[who]}


def _build_world() -> SandboxWorld:
    from sandbox.files import recording_size
    from sandbox.models import (
        Account,
        Cdr,
        CdrNote,
        Chat,
        ChatMsg,
        Customer,
        Monitor,
        Msdr,
        Statement,
        Token,
        Voicemessage,
        hash_password,
    )

    world = SandboxWorld()
    acme = Customer.objects.create(name="Acme")
    globex = Customer.objects.create(name="Globex")
    people = {
        "supervisor": (acme, True, None),
        "agent": (acme, False, None),
        "two_factor": (acme, False, TWO_FACTOR_CODE),
        "other_admin": (globex, True, None),
    }
    for name, (customer, is_admin, code) in people.items():
        email = f"{name.replace('_', '-')}@example.test"
        account = Account.objects.create(
            customer=customer,
            email=email,
            password=hash_password(PASSWORD),
            first_name=name.title(),
            last_name="Tester",
            is_admin=is_admin,
            two_factor_code=code,
        )
        world.accounts[name] = account.pk
        world.emails[name] = email
        world.tokens[name] = Token.objects.create(account=account).key
        world.api_keys[name] = Token.objects.create(account=account, kind="apikey").key

    def owner(name: str, field: str = "user_id") -> dict:
        customer = people[name][0]
        return {"customer": customer, field: world.accounts[name]}

    def one_each(kind: str) -> tuple[tuple[str, str], ...]:
        """Keys and owners of one record of `kind` for the agent, the supervisor and Globex."""
        return tuple((f"{prefix}_{kind}", who) for prefix, who in RECORD_OWNERS)

    def cdr(key: str, who: str, minutes: int, **extra) -> Cdr:
        values = {
            "calldate": WORLD_START + timedelta(minutes=minutes),
            "type": "O",
            "live_id": 1000 + len(world.ids),
            "src": "1001",
            "dst": "442038467190",
            "duration": 40,
            "billsec": 30,
            "disposition": "CONNECTED",
            "destination": "out",
            "context": "PSTN_CALL",
            "rate": 0.02,
            "charge": 0.01,
            **extra,
        }
        record = Cdr.objects.create(**owner(who), **values)
        world.ids[key] = record.pk
        return record

    cdr("supervisor_call", "supervisor", 0, src_name="Ada Admin")
    cdr("supervisor_call_2", "supervisor", 1440, type="I", src="442071234567", dst="1000")
    agent_call = cdr("agent_call", "agent", 60, labels=["vip"], info="called back", nb_notes=1)
    cdr("agent_missed", "agent", 120, type="M", billsec=0, disposition="RINGING", dst_name="Zoë")
    cdr("agent_tracked", "agent", 180, type="I", calltracking_number="448000000001")
    cdr(
        "agent_transfer",
        "agent",
        240,
        type="I",
        live_id=5000,
        nb_children=1,
        src="442079460000",
        dst="1001",
    )
    cdr(
        "agent_transfer_leg",
        "agent",
        241,
        type="I",
        live_id=5001,
        parent_live_id=5000,
        root_live_id=5000,
        is_root=False,
        dst="1002",
    )
    cdr("two_factor_call", "two_factor", 300)
    cdr("globex_call", "other_admin", 30)
    world.ids["agent_note"] = CdrNote.objects.create(
        **owner("supervisor"), cdr=agent_call, created_at=WORLD_START, text="Follow up <b>soon</b>"
    ).pk

    for key, who, seconds in (
        ("agent_recording", "agent", 3),
        ("supervisor_recording", "supervisor", 2),
    ):
        world.ids[key] = Monitor.objects.create(
            **owner(who),
            timestamp=WORLD_START,
            live_id=world.ids.get("agent_call", 1),
            duration=seconds,
            size=recording_size(seconds),
            caller="442038467190",
            called="1001",
            transcript="Hello, how can I help?",
            sentiment="positive",
        ).pk
    world.ids["globex_recording"] = Monitor.objects.create(
        **owner("other_admin"), timestamp=WORLD_START, live_id=9, duration=2, size=recording_size(2)
    ).pk

    for key, who, folder in (
        ("agent_voicemail", "agent", 0),
        ("agent_voicemail_old", "agent", 1),
        ("supervisor_voicemail", "supervisor", 0),
        ("globex_voicemail", "other_admin", 0),
    ):
        world.ids[key] = Voicemessage.objects.create(
            **owner(who),
            origtime=WORLD_START,
            caller="Caller <442038467190>",
            callerid="442038467190",
            dialled="1001",
            duration=2,
            size=recording_size(2),
            folder=folder,
            transcript="Please call me back",
        ).pk

    for key, who in one_each("chat"):
        chat = Chat.objects.create(
            **owner(who, "operator_id"),
            created_at=WORLD_START,
            visitor_name="<script>alert(1)</script>",
            duration=60,
        )
        world.ids[key] = chat.pk
        for number in range(2):
            world.ids[f"{key}_message_{number}"] = ChatMsg.objects.create(
                **owner(who),
                chat=chat,
                created_at=WORLD_START + timedelta(seconds=number),
                sender="visitor" if number == 0 else "operator",
                message=f"message {number}",
            ).pk

    for key, who in one_each("msdr"):
        world.ids[key] = Msdr.objects.create(
            **owner(who),
            created_at=WORLD_START,
            call_id=f"{key}@example.test",
            type="audio",
            src="1001",
            dst="1002",
            duration=20,
            t_cause="Normal Clearing",
        ).pk

    for key, who in one_each("statement"):
        world.ids[key] = Statement.objects.create(
            **owner(who), created_at=WORLD_START, amount=10.5, description="March"
        ).pk
    return world


@pytest.fixture
def sandbox_world(db) -> SandboxWorld:
    """Two customers (Acme: supervisor, an admin; agent; two_factor, who signs in with a code.
    Globex: other_admin), a few records of each kind per owner, session tokens and API keys."""
    return _build_world()


@pytest.fixture
def live_sandbox_world(transactional_db) -> SandboxWorld:
    """The same world, committed, for tests that talk to the live server."""
    return _build_world()


class SandboxApi:
    """Django's test client aimed at the sandbox, signed in as one of the world's people."""

    def __init__(self, client, world: SandboxWorld) -> None:
        self.client = client
        self.world = world

    def request(
        self,
        method: str,
        path: str,
        *,
        who: str | None = "supervisor",
        params: dict | None = None,
        body=None,
        **headers,
    ):
        from tests.conftest import SANDBOX_PATH

        extra = dict(headers)
        if who is not None:
            extra.update(self.world.meta(who))
        data = json.dumps(body) if body is not None and not isinstance(body, str | bytes) else body
        if method == "GET":
            return self.client.get(f"{SANDBOX_PATH}{path}", params or {}, **extra)
        return self.client.generic(
            method, f"{SANDBOX_PATH}{path}", data or "", content_type="application/json", **extra
        )

    def get(self, path: str, **options):
        return self.request("GET", path, **options)

    def post(self, path: str, body=None, **options):
        return self.request("POST", path, body=body, **options)

    def patch(self, path: str, body=None, **options):
        return self.request("PATCH", path, body=body, **options)

    def delete(self, path: str, **options):
        return self.request("DELETE", path, **options)


@pytest.fixture
def sandbox_api(client, sandbox_world) -> SandboxApi:
    return SandboxApi(client, sandbox_world)
