"""A libpcap file of SIP messages over Ethernet/IPv4/UDP, as Wireshark or tshark read it.

Lengths and checksums are real (IPv4 header checksum, UDP checksum over the pseudo-header),
so analysers show no "bad checksum" warnings. MAC addresses are derived from the IP so each
host keeps one address across the capture.
"""

import struct
import zlib
from collections.abc import Iterable
from ipaddress import IPv4Address

from sandbox.files.sip import SipMessage

PCAP_MAGIC = 0xA1B2C3D4  # microsecond timestamps
PCAP_VERSION = (2, 4)
SNAPLEN = 65535
LINKTYPE_ETHERNET = 1
ETHERTYPE_IPV4 = 0x0800
IP_PROTO_UDP = 17
IP_TTL = 64
IP_DONT_FRAGMENT = 0x4000


def _checksum(data: bytes) -> int:
    """The Internet checksum (RFC 1071): one's complement of the one's complement sum."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _mac(ip: str) -> bytes:
    # Locally administered unicast (0x02 prefix), stable for a given IP.
    return b"\x02\x00" + IPv4Address(ip).packed


def _udp(src: bytes, dst: bytes, src_port: int, dst_port: int, payload: bytes) -> bytes:
    length = 8 + len(payload)
    pseudo = src + dst + struct.pack("!BBH", 0, IP_PROTO_UDP, length)
    header = struct.pack("!HHHH", src_port, dst_port, length, 0)
    checksum = _checksum(pseudo + header + payload) or 0xFFFF  # 0 would mean "no checksum"
    return struct.pack("!HHHH", src_port, dst_port, length, checksum) + payload


def _ipv4(src: bytes, dst: bytes, identification: int, payload: bytes) -> bytes:
    fields = [0x45, 0, 20 + len(payload), identification & 0xFFFF, IP_DONT_FRAGMENT, IP_TTL]
    header = struct.pack("!BBHHHBBH4s4s", *fields, IP_PROTO_UDP, 0, src, dst)
    checksum = _checksum(header)
    return header[:10] + struct.pack("!H", checksum) + header[12:] + payload


def _frame(message: SipMessage, identification: int) -> bytes:
    src, dst = IPv4Address(message.src_ip).packed, IPv4Address(message.dst_ip).packed
    udp = _udp(src, dst, message.src_port, message.dst_port, message.message.encode())
    ethernet = _mac(message.dst_ip) + _mac(message.src_ip) + struct.pack("!H", ETHERTYPE_IPV4)
    return ethernet + _ipv4(src, dst, identification, udp)


def pcap_for_messages(messages: Iterable[SipMessage]) -> bytes:
    """The capture file of these messages, one UDP datagram each, in the order given."""
    parts = [struct.pack("<IHHiIII", PCAP_MAGIC, *PCAP_VERSION, 0, 0, SNAPLEN, LINKTYPE_ETHERNET)]
    for number, message in enumerate(messages):
        # IP identification differs per datagram, as a real stack's counter would.
        frame = _frame(message, zlib.crc32(message.message.encode()) + number)
        seconds = int(message.timestamp.timestamp())
        micros = message.timestamp.microsecond
        parts.append(struct.pack("<IIII", seconds, micros, len(frame), len(frame)))
        parts.append(frame)
    return b"".join(parts)
