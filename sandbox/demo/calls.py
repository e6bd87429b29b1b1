"""Call records: CDRs with their legs, notes, recordings and voicemails, generated in time order.

A call is one or more legs (CDRs) sharing `root_live_id`: most calls have one; a transfer
chains legs (each leg's `parent_live_id` is the previous leg); a queue rings several agents
(every ring is a child of the root leg). Recordings and voicemails carry the `live_id` of the
leg they belong to, as in the real service.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sandbox.demo.bulk import TableWriter, next_id
from sandbox.demo.numbers import (
    CALL_TRACKING_NUMBERS,
    CARRIER_USER_AGENT,
    CODECS,
    PHONE_USER_AGENTS,
    SERVER_IDS,
    external_number,
)
from sandbox.demo.people import People, StaffMember
from sandbox.demo.text import (
    CONTACT_NAMES,
    LABELS,
    LONG_TEXT,
    NOTE_TEXTS,
    SENTIMENTS,
    TOPICS,
    VOICEMAIL_LINES,
    summary_for,
    transcript_for,
)
from sandbox.files.mp3 import MAX_RECORDING_SECONDS, recording_size
from sandbox.models import Cdr, CdrNote, Monitor, Voicemessage

CDR_COLUMNS = (
    "id", "customer_id", "user_id", "calldate", "type", "duration", "billsec", "live_id",
    "parent_live_id", "root_live_id", "is_root", "nb_notes", "nb_children", "sip_endpoint_id",
    "server_id", "clid", "src_id", "src_name", "src", "src_ua", "src_codec", "dst_id", "dst_name",
    "dst", "dst_ua", "dst_codec", "disposition", "destination", "context", "rate", "charge",
    "t_cause", "info", "call_id", "labels", "metadata", "calltracking_number",
)  # fmt: skip
NOTE_COLUMNS = ("id", "customer_id", "cdr_id", "user_id", "created_at", "text")
MONITOR_COLUMNS = (
    "id", "customer_id", "user_id", "timestamp", "live_id", "caller", "called", "context",
    "src_id", "dst_id", "dst_name", "duration", "sip_endpoint_id", "size", "type", "transcript",
    "summary", "sentiment",
)  # fmt: skip
VOICEMAIL_COLUMNS = (
    "id", "customer_id", "user_id", "origtime", "caller", "callerid", "dialled", "duration",
    "extension_id", "folder", "is_new", "live_id", "parent_live_id", "transcript", "size",
)  # fmt: skip

# Shares of the traffic; the rest of the calls are inbound and answered.
OTHER_CUSTOMER_SHARE = 0.12
OUTBOUND_SHARE = 0.34
MISSED_SHARE = 0.15
INTERNAL_SHARE = 0.04
TEST_CALL_SHARE = 0.004
VOICEMAIL_SHARE_OF_MISSED = 0.45
RECORDED_SHARE = {"main": 0.2, "other": 0.08}
CALL_TRACKING_SHARE = 0.08
NOTE_SHARE = 0.04
LABEL_SHARE = 0.08
# Voicemail folders (Asterisk numbers) and how messages spread over them.
FOLDER_WEIGHTS = {0: 45, 1: 30, 2: 8, 3: 4, 4: 5, 11: 8}
LIVE_ID_BASE = 70_000_000


def leg_shapes(*, rng: random.Random, cdrs: int) -> list[tuple[str, int]]:
    """(shape, number of legs) per call, adding up to exactly `cdrs` legs."""
    shapes: list[tuple[str, int]] = []
    remaining = cdrs
    while remaining > 0:
        roll = rng.random()
        if not shapes:
            # Even the smallest demo has a queue call whose root has several children.
            shape = ("queue", 3)
        elif roll < 0.06:
            shape = ("transfer", 2)
        elif roll < 0.09:
            shape = ("transfer", 3)
        elif roll < 0.14:
            shape = ("queue", rng.randint(3, 4))
        else:
            shape = ("single", 1)
        legs = min(shape[1], remaining)
        shapes.append((shape[0] if legs > 1 else "single", legs))
        remaining -= legs
    return shapes


@dataclass
class Highlights:
    """Ids of records worth pointing at: the latest of each kind, the demo agent's first."""

    agent_id: int
    main_customer_id: int
    ids: dict[str, int] = field(default_factory=dict)
    _agent_owned: set[str] = field(default_factory=set)

    def offer(self, kind: str, record_id: int, *, user_id: int, customer_id: int) -> None:
        if customer_id != self.main_customer_id:
            return
        owned = user_id == self.agent_id
        if owned or kind not in self._agent_owned:
            self.ids[kind] = record_id
            if owned:
                self._agent_owned.add(kind)

    def set(self, kind: str, record_id: int) -> None:
        self.ids[kind] = record_id


@dataclass
class _Leg:
    """What later legs and the leg's recording or voicemail need to know about it."""

    id: int
    live_id: int
    calldate: datetime
    ring: int
    talk: int


@dataclass
class _Party:
    """One end of a leg as a CDR describes it."""

    id: str
    name: str
    number: str
    ua: str
    codec: str


class CallGenerator:
    """Writes the records of each call it is given, keeping ids and cross-links consistent."""

    def __init__(
        self, *, rng: random.Random, people: People, now: datetime, highlights: Highlights
    ):
        self.rng = rng
        self.people = people
        self.now = now
        self.highlights = highlights
        self.cdrs = TableWriter(Cdr, CDR_COLUMNS)
        self.notes = TableWriter(CdrNote, NOTE_COLUMNS)
        self.monitors = TableWriter(Monitor, MONITOR_COLUMNS)
        self.voicemails = TableWriter(Voicemessage, VOICEMAIL_COLUMNS)
        self._next = {
            "cdr": next_id(Cdr),
            "note": next_id(CdrNote),
            "monitor": next_id(Monitor),
            "voicemail": next_id(Voicemessage),
            "live": LIVE_ID_BASE + next_id(Cdr),
        }
        self._staff = {
            customer: (members, [m.weight for m in members])
            for customer in (people.main_customer_id, people.other_customer_id)
            for members in [people.of_customer(customer)]
        }
        self.charges: dict[tuple[int, object], float] = {}
        self._hostile_transcript_written = False
        self._seen: set[tuple[str, object]] = set()

    def _take(self, counter: str) -> int:
        value = self._next[counter]
        self._next[counter] += 1
        return value

    def _first(self, kind: str, customer: int, owner: StaffMember) -> bool:
        """Whether this is the first chance for a kind of record for the customer or the demo
        agent: that one is always written, so even a small demo has one of each."""
        keys = {(kind, customer)}
        if owner.user_id == self.highlights.agent_id:
            keys.add((kind, "agent"))
        fresh = not keys <= self._seen
        self._seen |= keys
        return fresh

    def flush(self) -> None:
        for writer in (self.cdrs, self.notes, self.monitors, self.voicemails):
            writer.flush()

    def call(self, *, start: float, shape: str, legs: int) -> None:
        rng = self.rng
        customer = self.people.main_customer_id
        if rng.random() < OTHER_CUSTOMER_SHARE:
            customer = self.people.other_customer_id
        started = datetime.fromtimestamp(start, UTC).replace(microsecond=0)
        if shape == "single":
            self._single(customer, started)
        else:
            self._multi_leg(customer, started, shape, legs)

    def _agent(self, customer: int, *, besides: StaffMember | None = None) -> StaffMember:
        members, weights = self._staff[customer]
        while True:
            member = self.rng.choices(members, weights=weights)[0]
            if member != besides:
                return member

    def _contact(self) -> tuple[_Party, float]:
        rng = self.rng
        number, rate = external_number(rng)
        known = rng.random() < 0.6
        name = rng.choice(CONTACT_NAMES) if known else ""
        contact_id = f"contact:{rng.randint(100, 99999)}" if known else ""
        return _Party(contact_id, name, number, CARRIER_USER_AGENT, rng.choice(CODECS)), rate

    def _staff_party(self, member: StaffMember) -> _Party:
        ua = PHONE_USER_AGENTS[member.user_id % len(PHONE_USER_AGENTS)]
        return _Party(
            str(member.user_id), member.name, member.extension, ua, self.rng.choice(CODECS)
        )

    def _single(self, customer: int, started: datetime) -> None:
        rng = self.rng
        agent = self._agent(customer)
        roll = rng.random()
        contact, rate = self._contact()
        if roll < TEST_CALL_SHARE:
            echo = _Party("", "Echo test", "*43", "", "PCMU")
            self._leg(
                customer, agent, started, "O", self._staff_party(agent), echo, context="TEST_CALL"
            )
        elif roll < TEST_CALL_SHARE + INTERNAL_SHARE:
            colleague = self._staff_party(self._agent(customer, besides=agent))
            self._leg(
                customer,
                agent,
                started,
                "O",
                self._staff_party(agent),
                colleague,
                context="USER_LOCAL",
            )
        elif roll < TEST_CALL_SHARE + INTERNAL_SHARE + OUTBOUND_SHARE:
            self._leg(customer, agent, started, "O", self._staff_party(agent), contact, rate=rate)
        elif roll < TEST_CALL_SHARE + INTERNAL_SHARE + OUTBOUND_SHARE + MISSED_SHARE:
            self._leg(customer, agent, started, "M", contact, self._staff_party(agent))
        else:
            self._leg(customer, agent, started, "I", contact, self._staff_party(agent))

    def _multi_leg(self, customer: int, started: datetime, shape: str, legs: int) -> None:
        """A transferred call (a chain of legs) or a queue call (the root rings several agents)."""
        contact, _ = self._contact()
        agents = [self._agent(customer)]
        for _ in range(legs - 1):
            agents.append(self._agent(customer, besides=agents[-1]))
        if shape == "transfer":
            root = self._leg(
                customer, agents[0], started, "I", contact, self._staff_party(agents[0]), children=1
            )
            parent = root
            for number, agent in enumerate(agents[1:], start=2):
                at = parent.calldate + timedelta(seconds=parent.ring + parent.talk)
                parent = self._leg(
                    customer, agent, at, "I", contact, self._staff_party(agent),
                    parent=parent, root=root, children=int(number < legs), context="USER_LOCAL",
                )  # fmt: skip
            return
        queue = _Party("Queue12", "Support queue ☎", "700", "", "PCMU")
        root = self._leg(
            customer, agents[-1], started, "I", contact, queue, children=legs - 1, context="IVR"
        )
        at = started + timedelta(seconds=root.ring)
        for number, agent in enumerate(agents[1:], start=2):
            answered = number == legs
            self._leg(
                customer, agent, at, "I" if answered else "M", contact, self._staff_party(agent),
                parent=root, root=root, voicemail_allowed=False,
                context="FOLLOW_ME" if self.rng.random() < 0.3 else "USER_LOCAL",
            )  # fmt: skip
            at += timedelta(seconds=self.rng.randint(10, 25))

    def _leg(
        self,
        customer: int,
        owner: StaffMember,
        calldate: datetime,
        kind: str,
        src: _Party,
        dst: _Party,
        *,
        parent: _Leg | None = None,
        root: _Leg | None = None,
        children: int = 0,
        context: str = "PSTN_CALL",
        rate: float = 0.0,
        voicemail_allowed: bool = True,
    ) -> _Leg:
        rng = self.rng
        leg = _Leg(
            id=self._take("cdr"),
            live_id=self._take("live"),
            calldate=min(calldate, self.now),
            ring=rng.randint(3, 25),
            talk=0 if kind == "M" else min(max(int(rng.lognormvariate(4.6, 0.9)), 5), 3600),
        )
        disposition, t_cause, voicemail_seconds, inbox = self._outcome(
            kind, customer, owner, voicemail_allowed=voicemail_allowed
        )
        extras = self._annotations(kind, customer, owner, parent=parent, context=context, dst=dst)
        charge = round(rate * math.ceil(leg.talk / 60), 4) if kind == "O" else 0.0
        note_count = rng.randint(1, 3) if rng.random() < NOTE_SHARE else 0
        row = {
            "id": leg.id,
            "customer_id": customer,
            "user_id": owner.user_id,
            "calldate": leg.calldate,
            "type": kind,
            "duration": leg.ring + leg.talk + voicemail_seconds,
            "billsec": leg.talk,
            "live_id": leg.live_id,
            "parent_live_id": parent.live_id if parent else None,
            "root_live_id": root.live_id if root else leg.live_id,
            "is_root": root is None,
            "nb_notes": note_count,
            "nb_children": children,
            "sip_endpoint_id": owner.sip_endpoint_id,
            "server_id": rng.choice(SERVER_IDS),
            "clid": f'"{src.name}" <{src.number}>' if src.name else src.number,
            "src_id": src.id,
            "src_name": src.name,
            "src": src.number,
            "src_ua": src.ua,
            "src_codec": src.codec,
            "dst_id": dst.id,
            "dst_name": dst.name,
            "dst": dst.number,
            "dst_ua": dst.ua,
            "dst_codec": dst.codec if kind != "M" else "",
            "disposition": disposition,
            "context": context,
            "rate": rate,
            "charge": charge,
            "t_cause": t_cause,
            "call_id": leg.id,
            **extras,
        }
        self.cdrs.add(tuple(row[name] for name in CDR_COLUMNS))
        day = (customer, leg.calldate.date())
        self.charges[day] = self.charges.get(day, 0.0) + charge
        self._offer_cdr(row, parent=parent, children=children)
        if note_count:
            self._notes(row, note_count, owner)
        if kind != "M":
            share = RECORDED_SHARE["main" if customer == self.people.main_customer_id else "other"]
            recorded = rng.random() < share
            if self._first("recording", customer, owner) or recorded:
                self._monitor(row, leg, owner, src, dst)
        if voicemail_seconds:
            self._voicemail(row, leg, owner, src, dst, voicemail_seconds, inbox=inbox)
        return leg

    def _outcome(
        self, kind: str, customer: int, owner: StaffMember, *, voicemail_allowed: bool
    ) -> tuple[str, str, int, bool]:
        """Disposition, termination cause, seconds of voicemail left (0: none), and whether
        that voicemail is the one always filed as new in INBOX."""
        rng = self.rng
        if kind != "M":
            return ("ON_HOLD" if rng.random() < 0.02 else "CONNECTED"), "Normal Clearing", 0, False
        voicemail = inbox = False
        if voicemail_allowed:
            voicemail = rng.random() < VOICEMAIL_SHARE_OF_MISSED
            inbox = self._first("voicemail", customer, owner)
            voicemail |= inbox
        seconds = rng.randint(4, 60) if voicemail else 0
        disposition = "VM" if voicemail else rng.choice(("RINGING", "RINGING", "INITIAL"))
        t_cause = rng.choice(("No user responding", "User busy", "Originator cancel"))
        return disposition, t_cause, seconds, inbox

    def _annotations(
        self,
        kind: str,
        customer: int,
        owner: StaffMember,
        *,
        parent: _Leg | None,
        context: str,
        dst: _Party,
    ) -> dict:
        """The CDR fields people and campaigns add: direction flavour, tracking, info, labels."""
        rng = self.rng
        destination = "out" if kind == "O" else "in"
        if kind == "I" and parent is None and rng.random() < 0.05:
            destination = rng.choice(("webcall", "callmeback"))
        tracking, metadata, info = None, {}, ""
        tracked = False
        if kind != "O" and parent is None:
            tracked = rng.random() < CALL_TRACKING_SHARE
            tracked = self._first("calltracking", customer, owner) or tracked
        if tracked:
            key = "main" if customer == self.people.main_customer_id else "other"
            tracking, campaign = rng.choice(CALL_TRACKING_NUMBERS[key])
            metadata = {"campaign": campaign, "tracking_number": tracking}
            info = f"Call tracking: {campaign}"
        elif context == "IVR":
            metadata = {"queue": dst.name, "ivr_path": rng.choice(("1", "1>2", "2>1>3"))}
        roll = rng.random()
        if roll < 0.01:
            info = LONG_TEXT
        elif roll < 0.04 and not info:
            info = rng.choice(("Callback requested", "On hold for 2 min", "Über-wichtig ✔"))
        labels = rng.sample(LABELS, rng.randint(1, 2)) if rng.random() < LABEL_SHARE else []
        return {
            "destination": destination,
            "info": info,
            "labels": labels,
            "metadata": metadata,
            "calltracking_number": tracking,
        }

    def _offer_cdr(self, row: dict, *, parent: _Leg | None, children: int) -> None:
        where = {"user_id": row["user_id"], "customer_id": row["customer_id"]}
        self.highlights.offer("cdr", row["id"], **where)
        if parent is None and children:
            self.highlights.offer("multi_leg_root_cdr", row["id"], **where)
        if row["customer_id"] != self.people.main_customer_id:
            self.highlights.set("other_customer_cdr", row["id"])
        elif row["user_id"] != self.highlights.agent_id:
            self.highlights.set("not_agents_cdr", row["id"])
        if row["calltracking_number"]:
            self.highlights.offer("calltracking_cdr", row["id"], **where)

    def _notes(self, row: dict, count: int, owner: StaffMember) -> None:
        supervisors = [m for m in self._staff[row["customer_id"]][0] if m.is_admin]
        for _ in range(count):
            author = self.rng.choice([owner, *supervisors])
            written = min(row["calldate"] + timedelta(minutes=self.rng.randint(1, 600)), self.now)
            note = (
                self._take("note"),
                row["customer_id"],
                row["id"],
                author.user_id,
                written,
                self.rng.choice(NOTE_TEXTS),
            )
            self.notes.add(note)

    def _monitor(self, row: dict, leg: _Leg, owner: StaffMember, src: _Party, dst: _Party) -> None:
        rng = self.rng
        topic = rng.randrange(len(TOPICS))
        caller_name = (src if row["type"] == "I" else dst).name or "Caller"
        hostile = (
            row["customer_id"] == self.people.main_customer_id
            and not self._hostile_transcript_written
        )
        self._hostile_transcript_written |= hostile
        seconds = max(1, min(leg.talk, MAX_RECORDING_SECONDS))
        monitor_id = self._take("monitor")
        transcript = transcript_for(
            rng, agent=owner.name, caller=caller_name, topic=topic, hostile=hostile
        )
        self.monitors.add(
            (
                monitor_id, row["customer_id"], owner.user_id,
                leg.calldate + timedelta(seconds=leg.ring), leg.live_id, row["src"], row["dst"],
                row["context"], row["src_id"], row["dst_id"], row["dst_name"], seconds,
                owner.sip_endpoint_id, recording_size(seconds), rng.choice(("auto", "on-demand")),
                transcript, summary_for(caller=caller_name, topic=topic), rng.choice(SENTIMENTS),
            )
        )  # fmt: skip
        where = {"user_id": owner.user_id, "customer_id": row["customer_id"]}
        self.highlights.offer("cdr_with_recording", row["id"], **where)
        self.highlights.offer("monitor", monitor_id, **where)
        if hostile:
            self.highlights.set("monitor_with_script", monitor_id)
        if row["customer_id"] != self.people.main_customer_id:
            self.highlights.set("other_customer_monitor", monitor_id)

    def _voicemail(
        self,
        row: dict,
        leg: _Leg,
        owner: StaffMember,
        src: _Party,
        dst: _Party,
        seconds: int,
        *,
        inbox: bool,
    ) -> None:
        """A voicemail left on a missed call; `inbox` files it as a new message in INBOX."""
        rng = self.rng
        folder = rng.choices(list(FOLDER_WEIGHTS), weights=list(FOLDER_WEIGHTS.values()))[0]
        is_new = folder in (0, 11) and rng.random() < 0.7
        if inbox:
            folder, is_new = 0, True
        voicemail_id = self._take("voicemail")
        self.voicemails.add(
            (
                voicemail_id, row["customer_id"], owner.user_id,
                leg.calldate + timedelta(seconds=leg.ring), src.number, row["clid"], dst.number,
                seconds, owner.sip_endpoint_id, folder, is_new, leg.live_id, row["parent_live_id"],
                rng.choice(VOICEMAIL_LINES), recording_size(seconds),
            )
        )  # fmt: skip
        where = {"user_id": owner.user_id, "customer_id": row["customer_id"]}
        self.highlights.offer("voicemail", voicemail_id, **where)
        if folder == 0:
            self.highlights.offer("voicemail_in_inbox", voicemail_id, **where)
            self.highlights.offer("missed_cdr_with_voicemail", row["id"], **where)
