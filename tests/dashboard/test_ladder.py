"""The SIP ladder layout: columns, arrows, colours and deltas from a trace."""

from datetime import UTC, datetime, timedelta

from dashboard.ladder import COLUMN_WIDTH, ladder_layout
from history.api.records import TraceMessage

T0 = datetime(2026, 11, 28, 9, 0, 0, tzinfo=UTC)


def sip(first_line: str, call_id: str) -> str:
    return f"{first_line}\r\nCall-ID: {call_id}\r\nCSeq: 1 INVITE\r\n\r\n"


def message(seconds: float, src: str, dst: str, first_line: str, call_id: str = "a@x"):
    return TraceMessage(
        timestamp=T0 + timedelta(seconds=seconds),
        src_ip=src,
        src_port=5060,
        dst_ip=dst,
        dst_port=5060,
        transport="UDP",
        message=sip(first_line, call_id),
    )


def test_it_puts_hosts_in_order_of_first_appearance():
    ladder = ladder_layout(
        [
            message(0, "10.0.0.1", "10.0.0.2", "INVITE sip:bob@x SIP/2.0"),
            message(0.1, "10.0.0.2", "10.0.0.3", "INVITE sip:bob@y SIP/2.0"),
            message(0.2, "10.0.0.3", "10.0.0.2", "SIP/2.0 180 Ringing"),
        ]
    )
    assert [host.label for host in ladder.hosts] == [
        "10.0.0.1:5060",
        "10.0.0.2:5060",
        "10.0.0.3:5060",
    ]
    assert [host.x for host in ladder.hosts] == [
        COLUMN_WIDTH // 2,
        COLUMN_WIDTH + COLUMN_WIDTH // 2,
        2 * COLUMN_WIDTH + COLUMN_WIDTH // 2,
    ]


def test_it_draws_one_labelled_arrow_per_message_with_its_delta():
    ladder = ladder_layout(
        [
            message(0, "10.0.0.1", "10.0.0.2", "INVITE sip:bob@x SIP/2.0"),
            message(0.25, "10.0.0.2", "10.0.0.1", "SIP/2.0 200 OK"),
        ]
    )
    invite, ok = ladder.rows
    assert (invite.label, ok.label) == ("INVITE", "200 OK")
    assert invite.x1 < invite.x2 and ok.x1 > ok.x2
    assert invite.delta == 0 and ok.delta == 0.25


def test_it_sorts_rows_by_time():
    ladder = ladder_layout(
        [
            message(1, "10.0.0.2", "10.0.0.1", "SIP/2.0 200 OK"),
            message(0, "10.0.0.1", "10.0.0.2", "INVITE sip:bob@x SIP/2.0"),
        ]
    )
    assert [row.label for row in ladder.rows] == ["INVITE", "200 OK"]


def test_it_colours_arrows_by_call_id():
    ladder = ladder_layout(
        [
            message(0, "10.0.0.1", "10.0.0.2", "INVITE sip:a SIP/2.0", call_id="one"),
            message(1, "10.0.0.2", "10.0.0.3", "INVITE sip:b SIP/2.0", call_id="two"),
            message(2, "10.0.0.2", "10.0.0.1", "SIP/2.0 200 OK", call_id="one"),
        ]
    )
    colours = [row.colour for row in ladder.rows]
    assert colours[0] == colours[2] != colours[1]
    assert [call_id for call_id, _ in ladder.call_ids] == ["one", "two"]


def test_it_draws_a_loop_when_a_host_talks_to_itself():
    ladder = ladder_layout([message(0, "10.0.0.1", "10.0.0.1", "OPTIONS sip:x SIP/2.0")])
    (row,) = ladder.rows
    assert row.is_self
    assert len(ladder.hosts) == 1
    assert row.label_x > row.x1


def test_it_handles_an_empty_trace():
    ladder = ladder_layout([])
    assert ladder.rows == () and ladder.hosts == ()
