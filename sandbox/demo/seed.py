"""`seed_demo`: fill the sandbox with a believable, deterministic call centre.

The same seed, length of history and `now` always give the same rows, so tests can name the
records they expect and a newcomer sees the same demo as the documentation.
"""

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sandbox.demo.bulk import flush_sandbox_tables, reset_sequences, sandbox_tables_empty
from sandbox.demo.calls import CallGenerator, Highlights, leg_shapes
from sandbox.demo.people import (
    AGENT,
    DEMO_LOGINS,
    OTHER_ADMIN,
    SUPERVISOR,
    TWO_FACTOR,
    People,
    create_people,
)
from sandbox.demo.sessions import write_chats, write_msdrs, write_statements
from sandbox.demo.traffic import call_start_times

DEFAULT_SEED = 1729
DEFAULT_DAYS = 30
DEFAULT_CDRS = 20_000
# Chats and media sessions are rarer than calls: one for this many CDRs (and a few at least).
CDRS_PER_CHAT = 40
CDRS_PER_MSDR = 20
ROLES = {
    SUPERVISOR: "supervisor",
    AGENT: "agent",
    TWO_FACTOR: "two_factor",
    OTHER_ADMIN: "other_admin",
}


class SandboxNotEmpty(Exception):
    """Seeding adds to nothing: the sandbox must be empty, or reset first."""


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    user_id: int
    is_admin: bool
    customer_id: int
    api_key: str
    first_name: str
    last_name: str
    two_factor: bool


@dataclass(frozen=True)
class DemoRecords:
    """Ids of records tests and demos point at; the demo agent's own when there is one."""

    cdr_with_recording: int
    monitor: int
    monitor_with_script: int
    multi_leg_root_cdr: int
    calltracking_cdr: int
    voicemail_in_inbox: int
    missed_cdr_with_voicemail: int
    chat_with_script: int
    msdr: int
    other_customer_cdr: int
    other_customer_monitor: int
    not_agents_cdr: int


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    days: int
    now: datetime
    main_customer_id: int
    other_customer_id: int
    accounts: dict[str, DemoAccount]
    two_factor_code: str
    records: DemoRecords
    counts: dict[str, int]

    @property
    def supervisor(self) -> DemoAccount:
        return self.accounts["supervisor"]

    @property
    def agent(self) -> DemoAccount:
        return self.accounts["agent"]

    @property
    def two_factor(self) -> DemoAccount:
        return self.accounts["two_factor"]

    @property
    def other_admin(self) -> DemoAccount:
        """The admin of the second customer, who must never see the first one's records."""
        return self.accounts["other_admin"]


def seed_demo(
    *,
    seed: int = DEFAULT_SEED,
    days: int = DEFAULT_DAYS,
    cdrs: int = DEFAULT_CDRS,
    now: datetime | None = None,
    reset: bool = False,
) -> DemoSummary:
    """Write the demo data set in one transaction and describe what was written."""
    now = (now or timezone.now()).replace(microsecond=0)
    with transaction.atomic():
        if reset:
            flush_sandbox_tables()
        elif not sandbox_tables_empty():
            raise SandboxNotEmpty("the sandbox already has data: reset it to seed again")
        people = create_people(seed=seed)
        accounts = _accounts(people)
        highlights = Highlights(
            agent_id=accounts["agent"].user_id, main_customer_id=people.main_customer_id
        )
        counts = {"accounts": len(people.staff)}
        counts |= _write_calls_and_sessions(
            seed=seed, days=days, cdrs=cdrs, now=now, people=people, highlights=highlights
        )
        reset_sequences()
    return DemoSummary(
        seed=seed,
        days=days,
        now=now,
        main_customer_id=people.main_customer_id,
        other_customer_id=people.other_customer_id,
        accounts=accounts,
        two_factor_code=people.two_factor_code,
        records=_records(highlights),
        counts=counts,
    )


def _write_calls_and_sessions(
    *, seed: int, days: int, cdrs: int, now: datetime, people: People, highlights: Highlights
) -> dict[str, int]:
    """Every record beside the people; returns how many of each kind were written."""

    def start_times(stream: str, count: int) -> list[float]:
        # Times come from their own random streams, so that everything else (ids, texts,
        # which call is recorded) is the same whatever `now` is.
        rng = random.Random(f"{seed}:{stream}:times")
        return call_start_times(rng=rng, now=now, days=days, count=count)

    rng = random.Random(f"{seed}:calls")
    shapes = leg_shapes(rng=rng, cdrs=cdrs)
    calls = CallGenerator(rng=rng, people=people, now=now, highlights=highlights)
    for start, (shape, legs) in zip(start_times("calls", len(shapes)), shapes, strict=True):
        calls.call(start=start, shape=shape, legs=legs)
    calls.flush()

    rng = random.Random(f"{seed}:sessions")
    sessions = {"rng": rng, "people": people, "highlights": highlights}
    chats, chat_messages = write_chats(
        starts=start_times("chats", max(cdrs // CDRS_PER_CHAT, 6)), **sessions
    )
    msdrs = write_msdrs(starts=start_times("msdrs", max(cdrs // CDRS_PER_MSDR, 5)), **sessions)
    return {
        "cdrs": calls.cdrs.rows_written,
        "notes": calls.notes.rows_written,
        "monitors": calls.monitors.rows_written,
        "voicemessages": calls.voicemails.rows_written,
        "chats": chats,
        "chatmsgs": chat_messages,
        "msdrs": msdrs,
        "statements": write_statements(people=people, charges=calls.charges),
    }


def _accounts(people: People) -> dict[str, DemoAccount]:
    by_email = {}
    # create_people adds the demo logins first, in DEMO_LOGINS order.
    for login, member in zip(DEMO_LOGINS, people.staff, strict=False):
        by_email[login.email] = DemoAccount(
            email=login.email,
            password=login.password,
            user_id=member.user_id,
            is_admin=login.is_admin,
            customer_id=member.customer_id,
            api_key=people.api_keys[login.email],
            first_name=login.first_name,
            last_name=login.last_name,
            two_factor=login.two_factor,
        )
    return {ROLES[login]: by_email[login.email] for login in DEMO_LOGINS}


def _records(highlights: Highlights) -> DemoRecords:
    missing = [name for name in DemoRecords.__dataclass_fields__ if name not in highlights.ids]
    if missing:
        # Only a data set too small to hold every kind of record gets here.
        raise ValueError(f"the demo data has no {', '.join(missing)}: seed more CDRs")
    return DemoRecords(**{name: highlights.ids[name] for name in DemoRecords.__dataclass_fields__})
