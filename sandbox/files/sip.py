"""A believable SIP dialog for a call, as a packet capture at the provider would show it.

Every call goes through the provider's proxy, so a trace shows at least three hosts: the
caller's side, the proxy and the callee's side. The proxy forwards the first leg statefully
(same Call-ID, its own Via on top, Record-Route so that ACK and BYE pass through it); each
further leg of a transferred call is a new INVITE that the proxy originates with its own
Call-ID, as a B2BUA does when it hands a caller on to another agent.

Numbers of six digits or fewer are extensions, reached on a desk phone; longer ones are public
numbers, reached through the carrier's gateway. Addresses are from the documentation ranges of
RFC 5737: they are text in generated data and are never contacted.
"""

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

SIP_PORT = 5060
DOMAIN = "sip.example.com"
PROXY_IP = "198.51.100.10"
CARRIER_IP = "203.0.113.40"
PHONE_NETWORK = "192.0.2."
PROXY_AGENT = "VoIPstudio-SBC/4.2"
CARRIER_AGENT = "Carrier-GW/2.1"
PHONE_AGENTS = ("Yealink SIP-T46U 108.86.0.20", "Polycom-VVX450/6.4.3", "Zoiper rv2.10.19")
EXTENSION_MAX_DIGITS = 6

# How an unanswered call ends: final status, reason, and who gives up (caller or proxy timer).
MISSED_ENDINGS = (
    (486, "Busy Here", "callee"),
    (487, "Request Terminated", "caller"),
    (480, "Temporarily Unavailable", "proxy"),
)


@dataclass(frozen=True)
class SipMessage:
    """One SIP message on the wire: the shape of an item of the API's `.trace`."""

    timestamp: datetime
    src_ip: str
    src_port: int
    dst_ip: str
    dst_port: int
    transport: str
    message: str

    def as_trace(self) -> dict:
        """The `.trace` JSON item; milliseconds are kept because a dialog's steps are close."""
        return {
            "timestamp": self.timestamp.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3],
            "src_ip": self.src_ip,
            "src_port": self.src_port,
            "dst_ip": self.dst_ip,
            "dst_port": self.dst_port,
            "transport": self.transport,
            "message": self.message,
        }


@dataclass(frozen=True)
class _Endpoint:
    number: str
    ip: str
    agent: str

    @property
    def contact(self) -> str:
        return f"<sip:{self.number}@{self.ip}:{SIP_PORT}>"


PROXY = _Endpoint("proxy", PROXY_IP, PROXY_AGENT)


def _endpoint(number: str) -> _Endpoint:
    if len(number) > EXTENSION_MAX_DIGITS:
        return _Endpoint(number, CARRIER_IP, CARRIER_AGENT)
    # A stable address and phone model per extension, so one agent looks the same in every call.
    digest = zlib.crc32(number.encode())
    ip = f"{PHONE_NETWORK}{20 + digest % 200}"
    return _Endpoint(number, ip, PHONE_AGENTS[digest % len(PHONE_AGENTS)])


@dataclass(frozen=True)
class _Request:
    method: str
    uri: str
    headers: tuple[tuple[str, str], ...]
    body: str = ""

    def header(self, name: str) -> str:
        return next(value for key, value in self.headers if key == name)


def _render(start_line: str, headers: Sequence[tuple[str, str]], body: str) -> str:
    lines = [start_line, *(f"{name}: {value}" for name, value in headers)]
    lines.append(f"Content-Length: {len(body.encode())}")
    return "\r\n".join(lines) + "\r\n\r\n" + body


def _sdp(*, ip: str, session: int, rtp_port: int) -> str:
    lines = [
        "v=0",
        f"o=- {session} {session} IN IP4 {ip}",
        "s=-",
        f"c=IN IP4 {ip}",
        "t=0 0",
        f"m=audio {rtp_port} RTP/AVP 0 8 101",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=ptime:20",
        "a=sendrecv",
    ]
    return "\r\n".join(lines) + "\r\n"


class _Wire:
    """Plays a call out in time order, recording each message as it crosses the network."""

    def __init__(self, *, rng: random.Random, clock: datetime) -> None:
        self.rng = rng
        self.clock = clock
        self.messages: list[SipMessage] = []

    def token(self) -> str:
        return f"{self.rng.getrandbits(40):010x}"

    def wait(self, seconds: float) -> None:
        self.clock += timedelta(seconds=seconds)

    def _send(self, src: _Endpoint, dst: _Endpoint, text: str) -> None:
        # Network plus processing delay between one message and the next.
        self.wait(self.rng.uniform(0.004, 0.035))
        self.messages.append(
            SipMessage(self.clock, src.ip, SIP_PORT, dst.ip, SIP_PORT, "UDP", text)
        )

    def via(self, sender: _Endpoint, branch: str | None = None) -> str:
        return f"SIP/2.0/UDP {sender.ip}:{SIP_PORT};branch=z9hG4bK{branch or self.token()};rport"

    def request(self, src: _Endpoint, dst: _Endpoint, request: _Request) -> _Request:
        self._send(
            src,
            dst,
            _render(f"{request.method} {request.uri} SIP/2.0", request.headers, request.body),
        )
        return request

    def forward(self, dst: _Endpoint, request: _Request) -> _Request:
        """The proxy passes a request on: its Via on top, one hop fewer, routed to `dst`."""
        headers: list[tuple[str, str]] = [("Via", self.via(PROXY))]
        for name, value in request.headers:
            if name == "Max-Forwards":
                headers.append((name, str(int(value) - 1)))
                if request.method == "INVITE":
                    # Keeps the proxy on the path of the dialog's later requests (ACK, BYE).
                    headers.append(("Record-Route", f"<sip:{PROXY_IP};lr>"))
            else:
                headers.append((name, value))
        forwarded = _Request(
            request.method, f"sip:{dst.number}@{dst.ip}", tuple(headers), request.body
        )
        return self.request(PROXY, dst, forwarded)

    def respond(
        self,
        src: _Endpoint,
        dst: _Endpoint,
        request: _Request,
        status: int,
        reason: str,
        *,
        to_tag: str = "",
        body: str = "",
    ) -> None:
        """A response to `request` as `src` received it: Vias, From, Call-ID, CSeq copied."""
        headers = [(k, v) for k, v in request.headers if k in ("Via", "Record-Route", "From")]
        to = request.header("To")
        if to_tag and ";tag=" not in to:
            to += f";tag={to_tag}"
        headers += [
            ("To", to),
            ("Call-ID", request.header("Call-ID")),
            ("CSeq", request.header("CSeq")),
        ]
        if status == 200 and request.method == "INVITE":
            headers.append(("Contact", src.contact))
        headers.append(("Server", src.agent))
        if body:
            headers.append(("Content-Type", "application/sdp"))
        self._send(src, dst, _render(f"SIP/2.0 {status} {reason}", headers, body))

    def invite(self, src: _Endpoint, dst: _Endpoint, *, call_id: str, from_tag: str) -> _Request:
        body = _sdp(ip=src.ip, session=self.rng.randrange(10**9), rtp_port=self._rtp_port())
        headers = (
            ("Via", self.via(src)),
            ("Max-Forwards", "70"),
            ("From", f"<sip:{src.number}@{DOMAIN}>;tag={from_tag}"),
            ("To", f"<sip:{dst.number}@{DOMAIN}>"),
            ("Call-ID", call_id),
            ("CSeq", "1 INVITE"),
            ("Contact", src.contact),
            ("Allow", "INVITE, ACK, CANCEL, BYE, REFER, OPTIONS, NOTIFY"),
            ("User-Agent", src.agent),
            ("Content-Type", "application/sdp"),
        )
        return _Request("INVITE", f"sip:{dst.number}@{DOMAIN}", headers, body)

    def answer_sdp(self, endpoint: _Endpoint) -> str:
        return _sdp(ip=endpoint.ip, session=self.rng.randrange(10**9), rtp_port=self._rtp_port())

    def _rtp_port(self) -> int:
        return self.rng.randrange(10000, 20000, 2)

    def in_dialog(
        self,
        invite: _Request,
        method: str,
        *,
        sender: _Endpoint,
        target: _Endpoint,
        to_tag: str,
        from_callee: bool,
    ) -> _Request:
        """ACK or BYE inside the dialog `invite` created, sent by either end to the other."""
        from_, to = invite.header("From"), f"{invite.header('To')};tag={to_tag}"
        if from_callee:
            from_, to = to, from_
        cseq = 1 if method == "ACK" else 2
        headers = (
            ("Via", self.via(sender)),
            ("Max-Forwards", "70"),
            ("From", from_),
            ("To", to),
            ("Call-ID", invite.header("Call-ID")),
            ("CSeq", f"{cseq} {method}"),
        )
        # Addressed to the remote party's Contact, as learnt from the INVITE or its 200 OK.
        return _Request(method, f"sip:{target.number}@{target.ip}:{SIP_PORT}", headers)


def _in_invite_transaction(invite_received: _Request, method: str, to: str) -> _Request:
    """A request of the INVITE's own transaction: same top Via branch, same CSeq number."""
    top_via = next(v for k, v in invite_received.headers if k == "Via")
    headers = (
        ("Via", top_via),
        ("Max-Forwards", "70"),
        ("From", invite_received.header("From")),
        ("To", to),
        ("Call-ID", invite_received.header("Call-ID")),
        ("CSeq", f"1 {method}"),
    )
    return _Request(method, invite_received.uri, headers)


def _failure_ack(invite_received: _Request, to_tag: str) -> _Request:
    """The ACK to a final failure: same transaction as the INVITE (RFC 3261 17.1.1.3)."""
    to = f"{invite_received.header('To')};tag={to_tag}"
    return _in_invite_transaction(invite_received, "ACK", to)


def _cancel(invite_received: _Request) -> _Request:
    """A CANCEL matches the INVITE it cancels, To included (RFC 3261 9.1)."""
    return _in_invite_transaction(invite_received, "CANCEL", invite_received.header("To"))


def _call_id(wire: _Wire, host: _Endpoint) -> str:
    return f"{wire.token()}{wire.token()}@{host.ip}"


def dialog_for_call(
    *,
    call_seed: int,
    started_at: datetime,
    duration: int,
    caller: str,
    callee: str,
    answered: bool,
    billsec: int | None = None,
    legs: int = 1,
    leg_callees: Sequence[str] = (),
) -> list[SipMessage]:
    """Every SIP message of one call, in time order; the same inputs give the same dialog.

    `duration` is the whole call in seconds and `billsec` the connected part (by default a
    seeded share of it), so the time from INVITE to 200 OK is the ringing time. An answered
    call with `legs` > 1 is handed on to further agents (`leg_callees`, or made-up extensions)
    at even intervals, each over a new Call-ID.
    """
    rng = random.Random(call_seed)
    wire = _Wire(rng=rng, clock=started_at)
    a, b = _endpoint(caller), _endpoint(callee)
    if billsec is None:
        billsec = max(duration - rng.randint(3, 15), 1) if answered else 0
    ringing = max(duration - billsec, 1) if answered else max(duration, 1)

    invite = wire.invite(a, b, call_id=_call_id(wire, a), from_tag=wire.token())
    wire.request(a, PROXY, invite)
    wire.respond(PROXY, a, invite, 100, "Trying")
    at_b = wire.forward(b, invite)
    wire.respond(b, PROXY, at_b, 100, "Trying")
    b_tag = wire.token()
    wire.respond(b, PROXY, at_b, 180, "Ringing", to_tag=b_tag)
    wire.respond(PROXY, a, invite, 180, "Ringing", to_tag=b_tag)
    wire.wait(ringing)
    if not answered:
        _end_unanswered(wire, a, b, invite, at_b, b_tag)
        return wire.messages

    sdp = wire.answer_sdp(b)
    wire.respond(b, PROXY, at_b, 200, "OK", to_tag=b_tag, body=sdp)
    wire.respond(PROXY, a, invite, 200, "OK", to_tag=b_tag, body=sdp)
    ack = wire.in_dialog(invite, "ACK", sender=a, target=b, to_tag=b_tag, from_callee=False)
    wire.request(a, PROXY, ack)
    wire.forward(b, ack)

    caller_side = _Side(a, invite, b_tag, is_callee=False)
    agent_side = _Side(b, at_b, b_tag, is_callee=True)
    extra_numbers = list(leg_callees) + [str(1000 + rng.randrange(900)) for _ in range(legs)]
    for leg in range(1, legs):
        wire.wait(billsec / legs)
        agent_side = _hand_over(
            wire, caller=a, previous=agent_side, target=_endpoint(extra_numbers[leg - 1])
        )
    wire.wait(billsec / legs)
    if rng.random() < 0.5:
        _hang_up(wire, hanger=caller_side, other=agent_side)
    else:
        _hang_up(wire, hanger=agent_side, other=caller_side)
    return wire.messages


def _end_unanswered(
    wire: _Wire, a: _Endpoint, b: _Endpoint, invite: _Request, at_b: _Request, b_tag: str
) -> None:
    status, reason, who = wire.rng.choice(MISSED_ENDINGS)
    if who == "caller":
        cancel = _cancel(invite)
        wire.request(a, PROXY, cancel)
        wire.respond(PROXY, a, cancel, 200, "OK", to_tag=b_tag)
    if who in ("caller", "proxy"):
        cancel_b = _cancel(at_b)
        wire.request(PROXY, b, cancel_b)
        wire.respond(b, PROXY, cancel_b, 200, "OK", to_tag=b_tag)
        wire.respond(b, PROXY, at_b, 487, "Request Terminated", to_tag=b_tag)
    else:
        wire.respond(b, PROXY, at_b, status, reason, to_tag=b_tag)
    wire.request(PROXY, b, _failure_ack(at_b, b_tag))
    wire.respond(PROXY, a, invite, status, reason, to_tag=b_tag)
    wire.request(a, PROXY, _failure_ack(invite, b_tag))


@dataclass(frozen=True)
class _Side:
    """One end of a call as the proxy sees it: the dialog's INVITE and that end's role in it."""

    endpoint: _Endpoint
    invite: _Request
    to_tag: str
    is_callee: bool

    def shares_dialog_with(self, other: "_Side") -> bool:
        return self.invite.header("Call-ID") == other.invite.header("Call-ID")


def _hand_over(wire: _Wire, *, caller: _Endpoint, previous: _Side, target: _Endpoint) -> _Side:
    """The proxy calls the next agent on a new Call-ID, then releases the previous one."""
    as_caller = replace(PROXY, number=caller.number)
    invite = wire.invite(as_caller, target, call_id=_call_id(wire, PROXY), from_tag=wire.token())
    invite = replace(invite, uri=f"sip:{target.number}@{target.ip}")
    wire.request(PROXY, target, invite)
    wire.respond(target, PROXY, invite, 100, "Trying")
    tag = wire.token()
    wire.respond(target, PROXY, invite, 180, "Ringing", to_tag=tag)
    wire.wait(wire.rng.uniform(2, 6))
    wire.respond(target, PROXY, invite, 200, "OK", to_tag=tag, body=wire.answer_sdp(target))
    ack = wire.in_dialog(invite, "ACK", sender=PROXY, target=target, to_tag=tag, from_callee=False)
    wire.request(PROXY, target, ack)
    _release(wire, previous)
    return _Side(target, invite, tag, is_callee=True)


def _release(wire: _Wire, side: _Side) -> None:
    """The proxy ends its dialog with one side (a handed-over agent, or after a hang-up)."""
    bye = wire.in_dialog(
        side.invite,
        "BYE",
        sender=PROXY,
        target=side.endpoint,
        to_tag=side.to_tag,
        from_callee=not side.is_callee,
    )
    wire.request(PROXY, side.endpoint, bye)
    wire.respond(side.endpoint, PROXY, bye, 200, "OK")


def _hang_up(wire: _Wire, *, hanger: _Side, other: _Side) -> None:
    """`hanger` sends BYE; the proxy relays it within one dialog, or ends the other dialog."""
    same_dialog = hanger.shares_dialog_with(other)
    bye = wire.in_dialog(
        hanger.invite,
        "BYE",
        sender=hanger.endpoint,
        target=other.endpoint if same_dialog else PROXY,
        to_tag=hanger.to_tag,
        from_callee=hanger.is_callee,
    )
    wire.request(hanger.endpoint, PROXY, bye)
    if same_dialog:
        relayed = wire.forward(other.endpoint, bye)
        wire.respond(other.endpoint, PROXY, relayed, 200, "OK")
        wire.respond(PROXY, hanger.endpoint, bye, 200, "OK")
    else:
        wire.respond(PROXY, hanger.endpoint, bye, 200, "OK")
        _release(wire, other)
