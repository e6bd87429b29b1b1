"""What the services hand back to views, beyond the records themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar

from history.api.credentials import Credentials

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Fetched(Generic[T]):
    """A value read through the cache; `stale` means the upstream failed and this is older data.

    `age` is the number of seconds since the value was fetched from the upstream, so a page can
    say "shown as of 5 minutes ago" when `stale` is true.
    """

    value: T
    stale: bool = False
    age: float = 0.0


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    """Either `credentials` (signed in) or `nonce` (a two-factor code is needed next)."""

    credentials: Credentials | None = None
    nonce: str | None = None

    @property
    def needs_2fa(self) -> bool:
        return self.credentials is None and self.nonce is not None


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A recording or capture held in the local media cache, ready for byte-range serving.

    `file` is open on the cached copy: serve from it, not from `path`, which the cache may
    evict at any moment (the open file outlives that). Whoever receives it closes it.
    """

    path: Path
    size: int
    content_type: str
    etag: str
    last_modified: datetime
    file: BinaryIO | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class BulkOutcome:
    """Per-item result of a bulk write; a partial failure is never reported as success."""

    succeeded: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


class DeleteOutcome(BulkOutcome):
    """Which records a bulk delete removed, and why the others were not."""


class UpdateOutcome(BulkOutcome):
    """Which records a bulk update (move, label) changed, and why the others were not."""
