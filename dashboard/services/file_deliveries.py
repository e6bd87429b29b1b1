"""The files behind records (a recording's or a voicemail's audio, a call's or a media
session's PCAP), fetched into the media cache for the browser.

Every delivery is audited: each download, and a playback once per record per session (a
player makes many range requests for one listen).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.utils import timezone

from dashboard.services.audit import audit_record
from dashboard.waveform import mp3_peaks
from history import services
from history.services import Credentials, MediaFile, cdr_pcap, media_derived, msdr_pcap


@dataclass(frozen=True)
class MediaAnswer:
    """A cached file for the browser, open, and the name to save it under (None: play in the
    page). Whoever sends it closes `file`."""

    media: MediaFile
    # Open on the cached file, so that the cache may evict the file while it is being sent.
    file: BinaryIO
    filename: str | None = None


def _answer(media: MediaFile, filename: str | None = None) -> MediaAnswer:
    # The media cache hands its files over open, so that eviction cannot take them between
    # lookup and sending; a file without one is opened here.
    file = media.file or open(media.path, "rb")  # noqa: SIM115 (the answer closes it)
    return MediaAnswer(media=media, file=file, filename=filename)


def download_filename(
    *, kind: str, when: datetime | None, parties: tuple[str, ...], suffix: str
) -> str:
    """A file name saying what the download is: `recording 2026-11-28 0915 441234 to 449876.mp3`.

    The time is in the user's zone; numbers keep only characters safe in any file system.
    """
    parts = [kind]
    if when is not None:
        parts.append(timezone.localtime(when).strftime("%Y-%m-%d %H%M"))
    numbers = [re.sub(r"[^0-9A-Za-z+*#]", "", party) for party in parties]
    numbers = [number for number in numbers if number]
    if numbers:
        parts.append(" to ".join(numbers))
    return " ".join(parts) + suffix


def _downloaded(
    *, user: AbstractBaseUser, action: str, record_id: int, media: MediaFile, filename: str
) -> MediaAnswer:
    audit_record(user=user, action=action, records=[record_id], outcome="ok")
    return _answer(media, filename)


@dataclass(frozen=True)
class AudioKind:
    """Records with audio (recordings, voicemail): what a download is called and audited as,
    and the `history.services` that read them, each called as `(credentials, record_id)`."""

    name: str  # first word of the file name; audited as `<name>.download`, `<name>.play`
    audio: Callable[[Credentials, int], MediaFile]
    get: Callable[[Credentials, int], Any]
    when: Callable[[Any], datetime | None]
    parties: Callable[[Any], tuple[str, ...]]


RECORDING_AUDIO = AudioKind(
    name="recording",
    audio=lambda credentials, record_id: services.monitor_audio(
        credentials=credentials, monitor_id=record_id
    ),
    get=lambda credentials, record_id: services.monitor_get(
        credentials=credentials, monitor_id=record_id
    ),
    when=lambda monitor: monitor.timestamp,
    parties=lambda monitor: (monitor.caller, monitor.called),
)
VOICEMAIL_AUDIO = AudioKind(
    name="voicemail",
    audio=lambda credentials, record_id: services.voicemessage_audio(
        credentials=credentials, voicemessage_id=record_id
    ),
    get=lambda credentials, record_id: services.voicemessage_get(
        credentials=credentials, voicemessage_id=record_id
    ),
    when=lambda message: message.origtime,
    parties=lambda message: (message.callerid or message.caller, message.dialled),
)


def record_audio_answer(
    *,
    credentials: Credentials,
    user: AbstractBaseUser,
    kind: AudioKind,
    record_id: int,
    download: bool,
    session_key: str | None = None,
) -> MediaAnswer:
    """A recording's or a voicemail's audio; a download is named after the call and audited.

    A playback is audited once per record for the session `session_key` (None: no playback to
    audit, such as a HEAD request, which sends nothing).
    """
    if not download:
        answer = _answer(kind.audio(credentials, record_id))
        if session_key is not None and _first_play(session_key, kind, record_id):
            audit_record(user=user, action=f"{kind.name}.play", records=[record_id], outcome="ok")
        return answer
    # The record first: the audio comes open, and nothing may fail between opening and sending.
    record = kind.get(credentials, record_id).value
    filename = download_filename(
        kind=kind.name, when=kind.when(record), parties=kind.parties(record), suffix=".mp3"
    )
    return _downloaded(
        user=user,
        action=f"{kind.name}.download",
        record_id=record_id,
        media=kind.audio(credentials, record_id),
        filename=filename,
    )


def record_audio_peaks(*, credentials: Credentials, kind: AudioKind, record_id: int) -> list[float]:
    """The waveform of a recording's or a voicemail's audio (peaks 0..1), computed once per
    cached file. The same access check as playing it; not audited: drawing is not listening."""
    media = kind.audio(credentials, record_id)
    try:
        return media_derived(media=media, compute=mp3_peaks)
    finally:
        if media.file is not None:
            media.file.close()


def _first_play(session_key: str, kind: AudioKind, record_id: int) -> bool:
    """Whether this is the session's first play of the record, the first to ask.

    A player makes many range requests for one listen, several at once: the shared cache's
    atomic `add` lets exactly one of them say yes, without a write to the session (which
    concurrent requests would overwrite). Should the cache forget, a play is audited again:
    never less than once.
    """
    # The session key lets its holder in: the cache sees only a digest of it.
    session = hashlib.sha256(session_key.encode()).hexdigest()[:32]
    marker = f"audited-play:{session}:{kind.name}:{record_id}"
    return cache.add(marker, True, timeout=settings.SESSION_COOKIE_AGE)


@dataclass(frozen=True)
class PcapKind:
    """Records with a PCAP (calls, media sessions): the service that reads it, and what a
    download is called and audited as."""

    name: str  # the audit action is `<name>.pcap_download`; the file `<name, hyphened>-<id>.pcap`
    pcap: Callable[[Credentials, int], MediaFile]


CALL_PCAP = PcapKind(
    name="call",
    pcap=lambda credentials, record_id: cdr_pcap(credentials=credentials, cdr_id=record_id),
)
MEDIA_SESSION_PCAP = PcapKind(
    name="media_session",
    pcap=lambda credentials, record_id: msdr_pcap(credentials=credentials, msdr_id=record_id),
)


def record_pcap_download(
    *, credentials: Credentials, user: AbstractBaseUser, kind: PcapKind, record_id: int
) -> MediaAnswer:
    """A record's PCAP, audited: a file no browser plays, so always a download."""
    media = kind.pcap(credentials, record_id)
    return _downloaded(
        user=user,
        action=f"{kind.name}.pcap_download",
        record_id=record_id,
        media=media,
        filename=f"{kind.name.replace('_', '-')}-{record_id}.pcap",
    )
