"""The local media cache: recordings and captures fetched once, kept on disk, LRU-bounded.

The upstream ignores `Range`, so the dashboard serves byte ranges from these files. Each file
is fetched by one caller at a time (an exclusive `flock`, which holds across threads and
processes on this machine), written to a temporary name and renamed into place, so a reader
never sees half a file. Files are kept per upstream user: one user's access never serves
another. After each download the oldest-used files go until the cache fits MEDIA_CACHE_MAX_BYTES.
A file is handed over open, so that an eviction by another request at any moment after never
takes it from the one serving it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings

from history.api.credentials import Credentials
from history.api.download import Download

from .cache import namespace
from .results import MediaFile

_META = ".json"
_LOCK = ".lock"
# A small value computed from a cached file (a recording's waveform), kept beside it and
# dropped with it.
_DERIVED = ".derived.json"


def _directory(credentials: Credentials) -> Path:
    # The cache namespace already names the upstream and the user; it makes a safe folder name.
    folder = namespace(credentials).replace(":", "-")
    directory = Path(settings.MEDIA_CACHE_DIR) / folder
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _stored(path: Path) -> MediaFile | None:
    """The file as held in the cache, opened; None when it is not (or no longer) held.

    The file is opened first: what is served is then this copy, whatever an eviction or a
    newer download does to the name afterwards.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 (handed to the caller, who closes it)
    except OSError:
        return None  # never fetched, or evicted, maybe by another request just now
    try:
        facts = json.loads(path.with_name(path.name + _META).read_text())
        size = os.fstat(handle.fileno()).st_size
        if size != facts["size"]:
            raise ValueError("a copy being replaced")
        os.utime(handle.fileno())  # the mtime is the last use, for least-recently-used eviction
        return MediaFile(
            path=path,
            size=size,
            content_type=facts["content_type"],
            etag=facts["etag"],
            last_modified=datetime.fromisoformat(facts["last_modified"]),
            file=handle,
        )
    except (OSError, ValueError, KeyError, TypeError):
        handle.close()
        return None


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    with open(path.with_name(path.name + _LOCK), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def media_file(
    *,
    credentials: Credentials,
    name: str,
    open_download: Callable[[], Download],
) -> MediaFile:
    """The cached file `name` (e.g. `monitors-12.mp3`), downloaded first if not yet held,
    handed back open (`MediaFile.file`): the cache may evict it at once, the open copy stays."""
    path = _directory(credentials) / name
    found = _stored(path)
    if found is not None:
        return found
    with _exclusive(path):
        found = _stored(path)  # another caller may have fetched it while we waited
        if found is not None:
            return found
        with open_download() as download:
            media = _write(path, download)
    evict(keep=path)
    return media


def _write(path: Path, download: Download) -> MediaFile:
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".part-", delete=False) as handle:
        try:
            for chunk in download.chunks():
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
        except BaseException:
            handle.close()
            os.unlink(handle.name)
            raise
    # Opened before it is in place, where another request's eviction could remove it.
    opened = open(handle.name, "rb")  # noqa: SIM115 (handed to the caller, who closes it)
    try:
        os.replace(handle.name, path)
        media = MediaFile(
            path=path,
            size=size,
            content_type=download.content_type,
            etag=download.etag or f'"{digest.hexdigest()[:32]}"',
            last_modified=download.last_modified or datetime.now(UTC),
            file=opened,
        )
        facts = {
            "size": size,
            "content_type": media.content_type,
            "etag": media.etag,
            "last_modified": media.last_modified.isoformat(),
        }
        meta = path.with_name(path.name + _META)
        partial = meta.with_name(f".part-{meta.name}")
        partial.write_text(json.dumps(facts))
        os.replace(partial, meta)  # written last: a file counts as cached only once this exists
    except BaseException:
        opened.close()
        raise
    return media


def media_derived(*, media: MediaFile, compute: Callable[[BinaryIO], Any]) -> Any:
    """What `compute` makes of a cached file (JSON-serialisable), computed once per copy of the
    file and kept beside it: a newer copy (another ETag) is computed again, and evicting or
    forgetting the file drops it too. `compute` reads `media.file`, the open copy."""
    path = media.path.with_name(media.path.name + _DERIVED)
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        kept = json.loads(path.read_text())
        if kept["etag"] == media.etag:
            return kept["value"]
    if media.file is not None:
        value = compute(media.file)
    else:
        with open(media.path, "rb") as handle:
            value = compute(handle)
    partial = path.with_name(f".part-{path.name}")
    partial.write_text(json.dumps({"etag": media.etag, "value": value}))
    os.replace(partial, path)
    if not media.path.exists():
        # Evicted meanwhile: nothing would ever drop a value kept for a file no longer held.
        with contextlib.suppress(OSError):
            path.unlink()
    return value


def forget(*, credentials: Credentials, names: list[str]) -> None:
    """Drop every user's copy of files whose record was deleted, so none can be played again."""
    upstream_prefix = _directory(credentials).name.rsplit("-", 1)[0]
    for folder in Path(settings.MEDIA_CACHE_DIR).glob(f"{upstream_prefix}-*"):
        for name in names:
            for suffix in ("", _META, _LOCK, _DERIVED):
                with contextlib.suppress(OSError):
                    (folder / f"{name}{suffix}").unlink()


def evict(*, keep: Path | None = None) -> None:
    """Remove least-recently-used files until the cache fits MEDIA_CACHE_MAX_BYTES."""
    root = Path(settings.MEDIA_CACHE_DIR)
    files = []
    for path in root.glob("*/*"):
        if path.name.startswith(".") or path.suffix in (_META, _LOCK):
            continue
        with contextlib.suppress(OSError):
            stat = path.stat()
            files.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in files)
    limit = int(settings.MEDIA_CACHE_MAX_BYTES)
    for _, size, path in sorted(files, key=lambda item: item[0]):
        if total <= limit:
            break
        if path == keep:
            continue
        for suffix in ("", _META, _DERIVED):
            with contextlib.suppress(OSError):
                path.with_name(path.name + suffix).unlink()
        total -= size
