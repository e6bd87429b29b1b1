"""The media of a record: its MP3 audio and its SIP dialog, derived from the record alone.

The sandbox stores no media: `sandbox.files` builds it deterministically from a seed and the
record's facts, so a record always yields the same bytes (and a monitor's `size` is known
without building its audio).
"""

from __future__ import annotations

import zlib

from sandbox.files import MAX_RECORDING_SECONDS, SipMessage, dialog_for_call, recording_mp3
from sandbox.models import Cdr, Monitor, Msdr, Voicemessage

# A transferred call's trace shows at most this many hand-overs.
MAX_TRACE_LEGS = 5


def _seconds(duration: int) -> int:
    # The sandbox keeps recordings short; the seeder never exceeds this, so clamping only
    # protects against hand-made records.
    return min(max(duration, 1), MAX_RECORDING_SECONDS)


def monitor_audio(monitor: Monitor) -> bytes:
    return recording_mp3(seed=monitor.live_id or monitor.pk, seconds=_seconds(monitor.duration))


def voicemessage_audio(message: Voicemessage) -> bytes:
    return recording_mp3(seed=message.live_id or message.pk, seconds=_seconds(message.duration))


def cdr_dialog(cdr: Cdr) -> list[SipMessage]:
    """The call's SIP messages; a call handed on to other agents shows each further leg."""
    next_legs = list(
        Cdr.objects.filter(customer_id=cdr.customer_id, parent_live_id=cdr.live_id)
        .exclude(pk=cdr.pk)
        .order_by("calldate", "id")
        .values_list("dst", flat=True)[: MAX_TRACE_LEGS - 1]
    )
    answered = cdr.type != Cdr.Type.MISSED and cdr.billsec > 0
    duration = max(cdr.duration, 1)
    return dialog_for_call(
        call_seed=cdr.live_id,
        started_at=cdr.calldate,
        duration=duration,
        caller=cdr.src or "anonymous",
        callee=cdr.dst or "unknown",
        answered=answered,
        billsec=min(max(cdr.billsec, 1), duration) if answered else 0,
        legs=1 + len(next_legs) if answered else 1,
        leg_callees=next_legs,
    )


def msdr_dialog(msdr: Msdr) -> list[SipMessage]:
    return dialog_for_call(
        call_seed=zlib.crc32(f"msdr:{msdr.pk}:{msdr.call_id}".encode()),
        started_at=msdr.created_at,
        duration=max(msdr.duration, 1),
        caller=msdr.src or "anonymous",
        callee=msdr.dst or "unknown",
        answered=msdr.duration > 0,
    )
