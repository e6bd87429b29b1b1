"""Local copies of records (and their audio) saved before they are deleted upstream.

Deleting a recording or a voicemail upstream cannot be undone, so with
`settings.ARCHIVE_BEFORE_DELETE` on, the record's JSON and its MP3 are copied to
`settings.ARCHIVE_DIR` first. A copy that cannot be completed raises `ArchiveFailed`, and the
caller must then not delete: losing the only copy is worse than not cleaning up.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.utils import timezone


class ArchiveFailed(Exception):
    """The archive copy could not be written; the delete it guards must not happen."""


def archive_save(
    *,
    kind: str,
    record_id: int,
    record: Any,
    media: BinaryIO | None = None,
    media_suffix: str = ".mp3",
) -> Path:
    """Save `record` as JSON (and the open file `media`, if any); return the folder.

    The audio comes as an open file, not a path: the media cache may evict its copy at any
    moment, and the open file outlives that.

    The copy is written to a hidden folder and renamed into place at the end, so an archive
    folder that exists is always complete, and a failure leaves nothing half-written behind.
    """
    base = Path(settings.ARCHIVE_DIR) / kind
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    target = base / f"{record_id}-{stamp}"
    partial = base / f".{record_id}-{stamp}.partial"
    try:
        partial.mkdir(parents=True)
        document = json.dumps(_jsonable(record), indent=2, sort_keys=True, default=_json_default)
        (partial / "record.json").write_text(document, encoding="utf-8")
        if media is not None:
            media.seek(0)
            with (partial / f"{kind}-{record_id}{media_suffix}").open("wb") as copy:
                shutil.copyfileobj(media, copy)
        partial.rename(target)
    except (OSError, ValueError) as exc:  # ValueError: the audio's file was already closed
        shutil.rmtree(partial, ignore_errors=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ArchiveFailed(f"Could not archive {kind} {record_id} in {base}: {reason}") from exc
    return target


def _jsonable(record: Any) -> Any:
    """Typed records are frozen dataclasses; tolerate plain mappings too."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record)
    if isinstance(record, Mapping):
        return dict(record)
    return vars(record)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    return str(value)
