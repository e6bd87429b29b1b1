"""Archive copies taken before a delete."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from dashboard.archive import ArchiveFailed, archive_save


@dataclass(frozen=True)
class Recording:
    id: int
    timestamp: datetime
    transcript: str


def test_it_saves_the_record_and_its_audio(settings, tmp_path):
    audio = tmp_path / "source.mp3"
    audio.write_bytes(b"ID3-audio-bytes")
    record = Recording(id=7, timestamp=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), transcript="hi")

    with audio.open("rb") as media:
        folder = archive_save(kind="recording", record_id=7, record=record, media=media)

    assert folder.parent == settings.ARCHIVE_DIR / "recording"
    saved = json.loads((folder / "record.json").read_text())
    assert saved == {"id": 7, "timestamp": "2026-01-02T03:04:05+00:00", "transcript": "hi"}
    assert (folder / "recording-7.mp3").read_bytes() == b"ID3-audio-bytes"


def test_it_saves_a_record_without_audio(settings):
    folder = archive_save(kind="chatmsg", record_id=3, record={"id": 3, "text": "hello"})
    assert sorted(path.name for path in folder.iterdir()) == ["record.json"]


def test_it_fails_loudly_and_leaves_nothing_when_it_cannot_write(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the archive folder should be")
    settings.ARCHIVE_DIR = blocker

    with pytest.raises(ArchiveFailed, match="Could not archive recording 7"):
        archive_save(kind="recording", record_id=7, record={"id": 7})
    assert blocker.read_text() == "a file where the archive folder should be"


def test_it_saves_audio_the_media_cache_evicted_after_handing_it_over(settings, tmp_path):
    cached = tmp_path / "cached.mp3"
    cached.write_bytes(b"ID3-evicted-while-archiving")
    with cached.open("rb") as media:
        cached.unlink()  # what another request's eviction does between fetch and copy
        folder = archive_save(kind="recording", record_id=9, record={"id": 9}, media=media)
    assert (folder / "recording-9.mp3").read_bytes() == b"ID3-evicted-while-archiving"


def test_it_fails_when_the_audio_cannot_be_read(settings, tmp_path):
    audio = tmp_path / "closed.mp3"
    audio.write_bytes(b"ID3")
    media = audio.open("rb")
    media.close()
    with pytest.raises(ArchiveFailed):
        archive_save(kind="recording", record_id=8, record={"id": 8}, media=media)
    assert list((settings.ARCHIVE_DIR / "recording").iterdir()) == []
