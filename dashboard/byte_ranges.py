"""Serve a local file with HTTP byte ranges, so that browsers can seek in audio.

The upstream History API always answers `.mp3` with the whole file and ignores `Range`; the
service layer keeps a local copy in the media cache, and this module answers from that copy
the way a browser's media element expects (RFC 9110 sections 13-14):

- `Accept-Ranges: bytes` on every answer;
- one satisfiable range -> 206 with exact `Content-Range` and `Content-Length`;
- an unsatisfiable range -> 416 with `Content-Range: bytes */<size>`;
- a malformed `Range`, or one asking for several ranges, is ignored and the whole file is sent
  (200). The RFC allows ignoring `Range`, and answering several ranges would need a
  `multipart/byteranges` body that no media element asks for;
- `ETag` and `Last-Modified`, with `If-None-Match`/`If-Modified-Since` -> 304 and `If-Range`
  (a range is honoured only while the client's copy is still current).

The body is streamed from an open file in fixed-size chunks, so memory does not grow with the
file, and the file may be removed from the cache while it is sent.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, Protocol

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import (
    content_disposition_header,
    http_date,
    parse_etags,
    parse_http_date_safe,
    quote_etag,
)

from dashboard.file_headers import NO_STORE, private_file, served_as

CHUNK_SIZE = 64 * 1024

# `bytes=<first>-<last>`, `bytes=<first>-` or `bytes=-<suffix length>`; whitespace is tolerated
# around the separators because some clients send it. ASCII digits only, and at most 18 of
# them: far beyond any file, and a number `int()` converts without refusing its length.
_RANGE_SPEC = re.compile(r"^\s*([0-9]{0,18})\s*-\s*([0-9]{0,18})\s*$")


class ServableFile(Protocol):
    """What the service layer's `MediaFile` offers; declared here so this module stays generic."""

    content_type: str


@dataclass(frozen=True)
class ByteRange:
    """An inclusive byte range `[start, end]` already clipped to the file."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1


class Unsatisfiable(Exception):
    """A well-formed range that lies wholly outside the file."""


def parse_range(header: str, size: int) -> ByteRange | None:
    """The one range a `Range` header asks for, or None when it should be ignored.

    None means "send the whole file": no header, another unit, a malformed value, or several
    ranges. Raises `Unsatisfiable` for a well-formed range that starts beyond the file.
    """
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec:
        return None
    specs = spec.split(",")
    if len(specs) != 1:
        return None
    match = _RANGE_SPEC.match(specs[0])
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    if last and int(last) < start:
        # The RFC calls this syntactically invalid: ignore the header.
        return None
    if start >= size:
        raise Unsatisfiable
    end = min(int(last), size - 1) if last else size - 1
    return ByteRange(start, end)


class FileChunks:
    """`length` bytes of an open file from `start`, a chunk at a time; closes the file at the
    end, or when Django closes the answer: cut short (a browser cancelling a request while
    seeking) or never read (HEAD)."""

    def __init__(self, file: BinaryIO, start: int, length: int) -> None:
        self.file = file
        self.start = start
        self.length = length

    def __iter__(self) -> Iterator[bytes]:
        with self.file:
            self.file.seek(self.start)
            remaining = self.length
            while remaining > 0:
                chunk = self.file.read(min(CHUNK_SIZE, remaining))
                if not chunk:
                    # The file shrank under us; stop rather than loop forever.
                    return
                remaining -= len(chunk)
                yield chunk

    def close(self) -> None:
        self.file.close()


def file_validators(stat: os.stat_result, *, etag: str | None = None) -> tuple[str, float]:
    """The quoted ETag and the modification time (a POSIX timestamp) of a local file.

    A given ETag (the upstream's, from the media cache) wins; otherwise one is derived from the
    size and modification time, which change whenever the cached copy is replaced.
    """
    if not etag:
        fingerprint = f"{stat.st_size}-{stat.st_mtime_ns}".encode()
        etag = hashlib.sha256(fingerprint).hexdigest()[:32]
    return quote_etag(etag), stat.st_mtime


def _if_range_allows(request: HttpRequest, etag: str, last_modified: int) -> bool:
    """Whether a `Range` may be honoured given `If-Range` (absent -> yes).

    An entity tag must match strongly; a date must equal Last-Modified exactly. Anything else
    means the client's partial copy is outdated, so it gets the whole file.
    """
    if_range = request.headers.get("If-Range", "").strip()
    if not if_range:
        return True
    if if_range.startswith(("W/", '"')):
        return not if_range.startswith("W/") and parse_etags(if_range) == [etag]
    return parse_http_date_safe(if_range) == last_modified


def ranged_file_response(
    request: HttpRequest,
    *,
    file: BinaryIO,
    content_type: str,
    etag: str | None = None,
    last_modified: datetime | None = None,
    filename: str | None = None,
    attachment: bool = False,
    cache_control: str = NO_STORE,
) -> HttpResponse:
    """Answer a GET/HEAD from a file open for reading, with range and conditional-request
    support. The answer owns the file and closes it.

    Serving from an open file rather than a path means that the file can be removed (the
    media cache evicting it) while it is being sent: on POSIX the open file lives on.
    `filename` or `attachment` make the answer a download (`Content-Disposition: attachment`).
    """
    try:
        response = _ranged_answer(
            request,
            file=file,
            content_type=content_type,
            etag=etag,
            last_modified=last_modified,
            cache_control=cache_control,
        )
    except BaseException:
        file.close()
        raise
    if not response.streaming:
        file.close()  # 304 and 416 send nothing from the file
    elif filename or attachment:
        response["Content-Disposition"] = content_disposition_header(True, filename or "")
    return response


def _ranged_answer(
    request: HttpRequest,
    *,
    file: BinaryIO,
    content_type: str,
    etag: str | None,
    last_modified: datetime | None,
    cache_control: str,
) -> HttpResponse:
    stat = os.fstat(file.fileno())
    size = stat.st_size
    quoted_etag, mtime = file_validators(stat, etag=etag)
    modified = int(last_modified.timestamp() if last_modified else mtime)

    headers = HttpResponse()
    headers["Accept-Ranges"] = "bytes"
    headers["ETag"] = quoted_etag
    headers["Last-Modified"] = http_date(modified)
    # Recordings belong to one signed-in user: shared caches must not keep them.
    private_file(headers, cache_control=cache_control)
    conditional = get_conditional_response(
        request, etag=quoted_etag, last_modified=modified, response=headers
    )
    if conditional is not headers:
        return conditional

    byte_range = None
    range_header = request.headers.get("Range", "")
    if range_header and _if_range_allows(request, quoted_etag, modified):
        try:
            byte_range = parse_range(range_header, size)
        except Unsatisfiable:
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            _copy_headers(headers, refused)
            return refused

    if byte_range is None:
        response = StreamingHttpResponse(FileChunks(file, 0, size), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        response = StreamingHttpResponse(
            FileChunks(file, byte_range.start, byte_range.length),
            status=206,
            content_type=content_type,
        )
        response["Content-Length"] = str(byte_range.length)
        response["Content-Range"] = f"bytes {byte_range.start}-{byte_range.end}/{size}"
    _copy_headers(headers, response)
    return response


def media_file_response(
    request: HttpRequest, media: ServableFile, *, file: BinaryIO, filename: str | None = None
) -> HttpResponse:
    """`ranged_file_response` for a service-layer `MediaFile` (validators; its type, if the
    dashboard serves that type) and the file opened on it."""
    served = served_as(media.content_type)
    return ranged_file_response(
        request,
        file=file,
        content_type=served.content_type,
        etag=getattr(media, "etag", None),
        last_modified=getattr(media, "last_modified", None),
        filename=filename,
        attachment=served.attachment,
        cache_control=served.cache_control,
    )


def _copy_headers(source: HttpResponse, target: HttpResponse) -> None:
    for name in (
        "Accept-Ranges",
        "ETag",
        "Last-Modified",
        "Cache-Control",
        "X-Content-Type-Options",
    ):
        target[name] = source[name]
