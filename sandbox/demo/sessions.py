"""Records beside the calls: web chats with their messages, media sessions, statements."""

import random
from datetime import UTC, datetime, time, timedelta

from sandbox.demo.bulk import TableWriter, next_id
from sandbox.demo.calls import Highlights
from sandbox.demo.numbers import (
    BROWSER_USER_AGENTS,
    PHONE_USER_AGENTS,
    documentation_ip,
    external_number,
)
from sandbox.demo.people import People, StaffMember
from sandbox.demo.text import (
    COMPANY_SITES,
    CONTACT_NAMES,
    OPERATOR_LINES,
    SCRIPT_TAG,
    VISITOR_LINES,
)
from sandbox.models import Chat, ChatMsg, Msdr, Statement

CHAT_COLUMNS = (
    "id", "customer_id", "operator_id", "created_at", "duration", "operator_ua", "state",
    "visitor_city", "visitor_country", "visitor_email", "visitor_geo", "visitor_id", "visitor_ip",
    "visitor_name", "visitor_referer", "visitor_ua", "website_id",
)  # fmt: skip
CHATMSG_COLUMNS = (
    "id",
    "customer_id",
    "chat_id",
    "user_id",
    "created_at",
    "sender",
    "author",
    "message",
)
MSDR_COLUMNS = (
    "id", "customer_id", "user_id", "created_at", "call_id", "media_session_id", "type", "src",
    "src_id", "src_ua", "dst", "dst_id", "dst_ua", "duration", "t_cause",
)  # fmt: skip
STATEMENT_COLUMNS = ("id", "customer_id", "user_id", "created_at", "amount", "description")

VISITOR_PLACES = (
    ("London", "GB", "51.5074,-0.1278"),
    ("Paris", "FR", "48.8566,2.3522"),
    ("東京", "JP", "35.6762,139.6503"),
    ("Αθήνα", "GR", "37.9838,23.7275"),
    ("دبي", "AE", "25.2048,55.2708"),
    ("", "", ""),
)
# Chat states as the chat widget reports them; most chats in history are closed.
CHAT_STATES = (0, 1, 2, 3, 4)
CHAT_STATE_WEIGHTS = (1, 1, 2, 6, 20)
MEDIA_SESSION_TYPES = ("audio", "video", "conference", "screenshare")
WEBSITES = {"main": 501, "other": 601}


def _staff_picker(rng: random.Random, people: People):
    """A function choosing a customer (mostly the first) and one of its users."""
    groups = {
        customer: people.of_customer(customer)
        for customer in (people.main_customer_id, people.other_customer_id)
    }

    def pick() -> tuple[int, StaffMember]:
        customer = people.main_customer_id if rng.random() < 0.88 else people.other_customer_id
        members = groups[customer]
        return customer, rng.choices(members, weights=[m.weight for m in members])[0]

    return pick


def _in_order(rng: random.Random, lines: list[str], count: int) -> list[str]:
    """`count` of `lines`, keeping their order, so a chat reads from greeting to goodbye."""
    return [lines[i] for i in sorted(rng.sample(range(len(lines)), count))]


def write_chats(
    *, rng: random.Random, people: People, starts: list[float], highlights: Highlights
) -> tuple[int, int]:
    """One chat per start time, each with a short exchange; returns (chats, messages) written."""
    chats = TableWriter(Chat, CHAT_COLUMNS)
    messages = TableWriter(ChatMsg, CHATMSG_COLUMNS)
    pick = _staff_picker(rng, people)
    chat_id, message_id = next_id(Chat), next_id(ChatMsg)
    # The most recent chat goes to the demo agent, from the visitor whose name is markup.
    script_index = len(starts) - 1
    agent = next(m for m in people.staff if m.user_id == highlights.agent_id)
    for index, start in enumerate(starts):
        customer, operator = pick()
        if index == script_index:
            customer, operator = agent.customer_id, agent
        created = datetime.fromtimestamp(start, UTC).replace(microsecond=0)
        visitor = SCRIPT_TAG if index == script_index else rng.choice(CONTACT_NAMES)
        city, country, geo = rng.choice(VISITOR_PLACES)
        lines = rng.randint(2, 10)
        site = "main" if customer == people.main_customer_id else "other"
        email = f"visitor{rng.randint(1, 9999)}@example.net" if rng.random() < 0.6 else ""
        chats.add(
            (
                chat_id, customer, operator.user_id, created, 20 * lines + rng.randint(0, 300),
                rng.choice(BROWSER_USER_AGENTS), rng.choices(CHAT_STATES, CHAT_STATE_WEIGHTS)[0],
                city, country, email,
                geo, f"v-{rng.getrandbits(32):08x}", documentation_ip(rng), visitor,
                rng.choice(COMPANY_SITES), rng.choice(BROWSER_USER_AGENTS), WEBSITES[site],
            )
        )  # fmt: skip
        at = created
        said = {
            True: _in_order(rng, VISITOR_LINES, (lines + 1) // 2),
            False: _in_order(rng, OPERATOR_LINES, lines // 2),
        }
        for line in range(lines):
            from_visitor = line % 2 == 0
            at += timedelta(seconds=rng.randint(5, 90))
            text = said[from_visitor][line // 2]
            author = visitor if from_visitor else operator.name
            sender = "visitor" if from_visitor else "operator"
            messages.add(
                (message_id, customer, chat_id, operator.user_id, at, sender, author, text)
            )
            message_id += 1
        where = {"user_id": operator.user_id, "customer_id": customer}
        highlights.offer("chat", chat_id, **where)
        if index == script_index:
            highlights.set("chat_with_script", chat_id)
        chat_id += 1
    chats.flush()
    messages.flush()
    return chats.rows_written, messages.rows_written


def write_msdrs(
    *, rng: random.Random, people: People, starts: list[float], highlights: Highlights
) -> int:
    msdrs = TableWriter(Msdr, MSDR_COLUMNS)
    pick = _staff_picker(rng, people)
    msdr_id = next_id(Msdr)
    for start in starts:
        customer, user = pick()
        number, _ = external_number(rng)
        outgoing = rng.random() < 0.5
        ours = (user.extension, str(user.user_id), PHONE_USER_AGENTS[user.user_id % 3])
        theirs = (number, "", "Carrier-GW/2.1")
        src, dst = (ours, theirs) if outgoing else (theirs, ours)
        answered = rng.random() < 0.85
        msdrs.add(
            (
                msdr_id, customer, user.user_id,
                datetime.fromtimestamp(start, UTC).replace(microsecond=0),
                f"{rng.getrandbits(64):016x}@192.0.2.{rng.randint(20, 220)}",
                rng.randint(10_000, 99_999), rng.choice(MEDIA_SESSION_TYPES), *src, *dst,
                rng.randint(5, 1800) if answered else 0,
                "Normal Clearing" if answered else "No user responding",
            )
        )  # fmt: skip
        highlights.offer("msdr", msdr_id, user_id=user.user_id, customer_id=customer)
        msdr_id += 1
    msdrs.flush()
    return msdrs.rows_written


def write_statements(*, people: People, charges: dict[tuple[int, object], float]) -> int:
    """One statement a day per customer, for the call charges of that day, owned by its admin."""
    statements = TableWriter(Statement, STATEMENT_COLUMNS)
    admins = {m.customer_id: m.user_id for m in reversed(people.staff) if m.is_admin}
    statement_id = next_id(Statement)
    for (customer, day), amount in sorted(
        charges.items(), key=lambda item: (item[0][1], item[0][0])
    ):
        issued = datetime.combine(day, time(23, 59, 59), tzinfo=UTC)
        description = f"Call charges for {day.isoformat()}"
        statements.add(
            (statement_id, customer, admins[customer], issued, round(amount, 2), description)
        )
        statement_id += 1
    statements.flush()
    return statements.rows_written
