"""What every file the dashboard sends (audio, captures, CSV) is served as: a type no browser
runs, and caching private to the one signed-in user.

The upstream names the type of its files, but the dashboard serves them from its own origin:
a type such as `text/html` would let a hostile upstream run script there. Only audio a page
can play and packet captures keep their type; anything else goes out as bytes to save.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponseBase

# Audio types a media element plays, as upstreams name them.
AUDIO_TYPES = frozenset(
    {
        "audio/aac",
        "audio/flac",
        "audio/mp3",
        "audio/mp4",
        "audio/mpeg",
        "audio/ogg",
        "audio/opus",
        "audio/wav",
        "audio/wave",
        "audio/webm",
        "audio/x-wav",
    }
)
CAPTURE_TYPES = frozenset({"application/vnd.tcpdump.pcap"})
OCTET_STREAM = "application/octet-stream"

# Audio may be kept briefly by the user's own browser, so that seeking back replays from it;
# captures and CSV files (customer data, saved by the user anyway) are not kept at all.
AUDIO_MAX_AGE = 60
AUDIO_CACHE_CONTROL = f"private, max-age={AUDIO_MAX_AGE}"
NO_STORE = "private, no-store"


@dataclass(frozen=True)
class ServedAs:
    content_type: str
    attachment: bool  # a download, whatever the user asked for
    cache_control: str


def served_as(claimed: str) -> ServedAs:
    """How to serve a file whose upstream says it is `claimed` (`audio/mpeg`, `text/html`...)."""
    kind = claimed.split(";", 1)[0].strip().lower()
    if kind in AUDIO_TYPES:
        return ServedAs(kind, attachment=False, cache_control=AUDIO_CACHE_CONTROL)
    if kind in CAPTURE_TYPES:
        return ServedAs(kind, attachment=True, cache_control=NO_STORE)
    return ServedAs(OCTET_STREAM, attachment=True, cache_control=NO_STORE)


def private_file(response: HttpResponseBase, *, cache_control: str = NO_STORE) -> None:
    """Mark a file answer as the user's own: not for shared caches, its type not to be sniffed."""
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
