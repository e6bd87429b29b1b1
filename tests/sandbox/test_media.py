"""The sandbox's media are real files: decoders and packet parsers that are not ours read them."""

import io
from datetime import UTC, datetime, timedelta

import dpkt
import pytest
from mutagen.mp3 import MP3

from sandbox.files import (
    MAX_RECORDING_SECONDS,
    dialog_for_call,
    pcap_for_messages,
    recording_mp3,
    recording_size,
)

STARTED = datetime(2026, 3, 2, 9, 30, 5, 250000, tzinfo=UTC)
CALL = {
    "call_seed": 7,
    "started_at": STARTED,
    "duration": 95,
    "caller": "442038467190",
    "callee": "1001",
}
PROXY = "198.51.100.10"
CARRIER = "203.0.113.40"


def _kind(message) -> str:
    """`INVITE`, `ACK`, ... for a request; the status code for a response."""
    first = message.message.split("\r\n", 1)[0]
    return first.split(" ")[1] if first.startswith("SIP/2.0 ") else first.split(" ")[0]


def _headers(message) -> dict[str, list[str]]:
    head = message.message.split("\r\n\r\n", 1)[0]
    headers: dict[str, list[str]] = {}
    for line in head.split("\r\n")[1:]:
        name, value = line.split(": ", 1)
        headers.setdefault(name, []).append(value)
    return headers


@pytest.mark.parametrize("seconds", [1, 9, 61, MAX_RECORDING_SECONDS])
def test_it_encodes_an_mp3_as_long_as_asked(seconds):
    audio = recording_mp3(seed=seconds, seconds=seconds)

    info = MP3(io.BytesIO(audio)).info
    assert round(info.length) == seconds
    assert info.channels == 1
    assert len(audio) == recording_size(seconds)


def test_it_gives_the_same_bytes_for_the_same_seed_and_the_same_size_for_any_seed():
    assert recording_mp3(seed=3, seconds=12) == recording_mp3(seed=3, seconds=12)
    assert recording_mp3(seed=3, seconds=12) != recording_mp3(seed=4, seconds=12)
    assert len(recording_mp3(seed=4, seconds=12)) == recording_size(12)


def test_it_knows_the_size_of_recordings_of_any_length_ahead_of_encoding_them():
    for seconds in [*range(1, MAX_RECORDING_SECONDS, 7), MAX_RECORDING_SECONDS]:
        assert len(recording_mp3(seed=1000 + seconds, seconds=seconds)) == recording_size(seconds)


@pytest.mark.parametrize("seconds", [0, -1, MAX_RECORDING_SECONDS + 1])
def test_it_refuses_recordings_outside_the_supported_length(seconds):
    with pytest.raises(ValueError, match="recordings last"):
        recording_mp3(seed=1, seconds=seconds)


def test_it_plays_out_an_answered_call_through_the_proxy():
    messages = dialog_for_call(**CALL, answered=True, billsec=80)

    kinds = [_kind(m) for m in messages]
    assert kinds[:10] == [
        "INVITE",
        "100",
        "INVITE",
        "100",
        "180",
        "180",
        "200",
        "200",
        "ACK",
        "ACK",
    ]
    assert kinds[10:] == ["BYE", "BYE", "200", "200"]
    agent = messages[2].dst_ip
    assert agent.startswith("192.0.2.")
    assert {m.src_ip for m in messages} == {CARRIER, PROXY, agent}
    assert messages[0].src_ip == CARRIER and messages[0].dst_ip == PROXY
    assert len({_headers(m)["Call-ID"][0] for m in messages}) == 1
    # Ringing lasts duration - billsec: the 200 OK comes 15 s after the INVITE.
    assert messages[6].timestamp - messages[0].timestamp == pytest.approx(
        timedelta(seconds=15), abs=timedelta(seconds=0.2)
    )
    assert messages[-1].timestamp - messages[0].timestamp == pytest.approx(
        timedelta(seconds=95), abs=timedelta(seconds=0.5)
    )


def test_it_writes_well_formed_sip_messages():
    for message in dialog_for_call(**CALL, answered=True, legs=2):
        head, body = message.message.split("\r\n\r\n", 1)
        headers = _headers(message)
        for name in ("Via", "From", "To", "Call-ID", "CSeq", "Content-Length"):
            assert name in headers, (name, head)
        assert int(headers["Content-Length"][0]) == len(body.encode())
        assert headers["CSeq"][0].split(" ")[1] in {"INVITE", "ACK", "BYE", "CANCEL"}
        if _kind(message) == "INVITE" or (
            _kind(message) == "200" and "INVITE" in headers["CSeq"][0]
        ):
            assert headers["Content-Type"] == ["application/sdp"]
            assert body.startswith("v=0\r\n") and "m=audio " in body
            assert "Contact" in headers


def test_it_gives_the_proxy_forwarded_invite_two_vias_and_the_relayed_response_one():
    messages = dialog_for_call(**CALL, answered=True)

    assert len(_headers(messages[2])["Via"]) == 2  # proxy -> agent
    assert len(_headers(messages[6])["Via"]) == 2  # agent's 200 OK -> proxy
    assert len(_headers(messages[7])["Via"]) == 1  # proxy's 200 OK -> carrier
    assert _headers(messages[6])["To"][0].endswith(_headers(messages[7])["To"][0].split("tag=")[1])


def test_it_adds_a_leg_with_its_own_call_id_for_each_transfer():
    messages = dialog_for_call(**CALL, answered=True, legs=3, leg_callees=["1002", "1003"])

    call_ids = {_headers(m)["Call-ID"][0] for m in messages}
    assert len(call_ids) == 3
    invites = [m for m in messages if _kind(m) == "INVITE"]
    assert [m.message.split(" ")[1].split("@")[0] for m in invites[2:]] == ["sip:1002", "sip:1003"]
    assert len({m.dst_ip for m in messages}) >= 4


def test_it_ends_missed_calls_with_a_failure_or_a_cancel():
    endings = set()
    for seed in range(12):
        messages = dialog_for_call(**{**CALL, "call_seed": seed}, answered=False)
        kinds = [_kind(m) for m in messages]
        assert "200" not in kinds[:6] and "BYE" not in kinds
        assert kinds[-1] == "ACK"
        endings.add(kinds[-2])
        if "CANCEL" in kinds:
            assert "487" in kinds
    assert endings == {"486", "487", "480"}


def test_it_gives_the_same_dialog_for_the_same_call():
    assert dialog_for_call(**CALL, answered=True) == dialog_for_call(**CALL, answered=True)
    assert dialog_for_call(**CALL, answered=True) != dialog_for_call(
        **{**CALL, "call_seed": 8}, answered=True
    )


def test_it_writes_a_pcap_that_parses_back_into_the_dialog():
    messages = dialog_for_call(**CALL, answered=True, legs=2)

    packets = list(dpkt.pcap.Reader(io.BytesIO(pcap_for_messages(messages))))

    assert len(packets) == len(messages)
    for (timestamp, frame), message in zip(packets, messages, strict=True):
        ethernet = dpkt.ethernet.Ethernet(frame)
        ip = ethernet.data
        udp = ip.data
        assert isinstance(ip, dpkt.ip.IP) and isinstance(udp, dpkt.udp.UDP)
        assert timestamp == pytest.approx(message.timestamp.timestamp(), abs=1e-6)
        assert (dpkt.utils.inet_to_str(ip.src), udp.sport) == (message.src_ip, message.src_port)
        assert (dpkt.utils.inet_to_str(ip.dst), udp.dport) == (message.dst_ip, message.dst_port)
        assert udp.data.decode() == message.message
        assert ip.len == len(ip) and udp.ulen == len(udp)
        # Checksums: recomputing them on the parsed packet gives the same values.
        sent_ip_sum, sent_udp_sum = ip.sum, udp.sum
        ip.sum = 0
        udp.sum = 0
        rebuilt = dpkt.ip.IP(bytes(ip))
        assert (rebuilt.sum, rebuilt.data.sum) == (sent_ip_sum, sent_udp_sum)


def test_it_writes_sip_that_dpkt_reads_as_requests_and_responses():
    messages = dialog_for_call(**CALL, answered=True)

    invite = dpkt.sip.Request(messages[0].message.encode())
    ringing = dpkt.sip.Response(messages[5].message.encode())

    assert invite.method == "INVITE" and invite.headers["cseq"] == "1 INVITE"
    assert ringing.status == "180" and ringing.headers["call-id"] == invite.headers["call-id"]
