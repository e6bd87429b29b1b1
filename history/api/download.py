"""Streamed media (MP3, PCAP, CSV): read in chunks, never held whole in memory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import requests

from .errors import BadResponse, Unavailable

CHUNK_SIZE = 64 * 1024


class Download:
    """An open upstream response whose body is read chunk by chunk; close it (or use `with`)."""

    def __init__(self, response: requests.Response) -> None:
        self._response = response
        headers = response.headers
        content_type = headers.get("Content-Type", "application/octet-stream")
        self.content_type = content_type.split(";", 1)[0].strip().lower()
        if self.content_type == "application/json":
            response.close()
            raise BadResponse("VoIPstudio sent data where a file was expected.")
        length = headers.get("Content-Length", "")
        # A compressed body's length says nothing about the bytes we receive after decoding.
        compressed = headers.get("Content-Encoding", "identity").lower() != "identity"
        # ASCII digits only: `isdigit()` alone also accepts "²", which `int()` refuses.
        readable = length.isascii() and length.isdigit()
        self.length: int | None = int(length) if readable and not compressed else None
        self.etag: str = headers.get("ETag", "")
        self.last_modified: datetime | None = _http_date(headers.get("Last-Modified", ""))

    def chunks(self, size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """The body in chunks; a connection that drops part-way raises Unavailable."""
        received = 0
        try:
            for chunk in self._response.iter_content(chunk_size=size):
                if chunk:
                    received += len(chunk)
                    yield chunk
        except requests.RequestException as exc:
            raise Unavailable("VoIPstudio stopped sending the file part-way.") from exc
        finally:
            self._response.close()
        if self.length is not None and received != self.length:
            raise Unavailable("VoIPstudio sent a shorter file than it announced.")

    def close(self) -> None:
        self._response.close()

    def __enter__(self) -> Download:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _http_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
