"""Byte-range and conditional answers for local files, byte for byte against the file."""

import os
from datetime import UTC, datetime

import pytest
from django.test import RequestFactory
from django.utils.http import http_date

from dashboard.byte_ranges import ranged_file_response

SIZE = 200_000  # more than three chunks, so chunking is exercised


@pytest.fixture
def audio(tmp_path):
    path = tmp_path / "recording.mp3"
    path.write_bytes(os.urandom(SIZE))
    return path


def fetch(path, filename=None, **headers):
    request = RequestFactory().get("/recordings/1.mp3", headers=headers)
    response = ranged_file_response(
        request, file=path.open("rb"), content_type="audio/mpeg", filename=filename
    )
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_it_sends_the_whole_file_without_a_range(audio):
    response, body = fetch(audio)
    assert response.status_code == 200
    assert body == audio.read_bytes()
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"
    assert response["ETag"].startswith('"')
    assert "Content-Disposition" not in response


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),  # first bytes
        ("bytes=70000-140000", 70_000, 140_000),  # middle, across chunk boundaries
        (f"bytes={SIZE - 10}-{SIZE - 1}", SIZE - 10, SIZE - 1),  # last bytes
        ("bytes=150000-", 150_000, SIZE - 1),  # open-ended
        ("bytes=-500", SIZE - 500, SIZE - 1),  # suffix
        (f"bytes=-{SIZE * 2}", 0, SIZE - 1),  # suffix longer than the file
        (f"bytes=100-{SIZE * 5}", 100, SIZE - 1),  # end clipped to the file
        ("bytes=5-5", 5, 5),  # a single byte
    ],
)
def test_it_answers_one_range_with_exactly_those_bytes(audio, header, start, end):
    response, body = fetch(audio, Range=header)
    assert response.status_code == 206
    assert body == audio.read_bytes()[start : end + 1]
    assert response["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize("header", [f"bytes={SIZE}-", f"bytes={SIZE + 7}-{SIZE + 9}", "bytes=-0"])
def test_it_refuses_an_unsatisfiable_range(audio, header):
    response, body = fetch(audio, Range=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert body == b""


@pytest.mark.parametrize(
    "header", ["bytes=abc", "items=0-9", "bytes=9-2", "bytes=-", "0-9", "bytes=", "bytes=1-2-3"]
)
def test_it_ignores_a_malformed_range(audio, header):
    response, body = fetch(audio, Range=header)
    assert response.status_code == 200
    assert body == audio.read_bytes()


def test_it_answers_several_ranges_with_the_whole_file(audio):
    response, body = fetch(audio, Range="bytes=0-9,20-29")
    assert response.status_code == 200
    assert body == audio.read_bytes()


def test_it_answers_304_to_a_matching_etag(audio):
    first, _ = fetch(audio)
    response, body = fetch(audio, If_None_Match=first["ETag"])
    assert response.status_code == 304
    assert body == b""
    assert response["ETag"] == first["ETag"]


def test_it_answers_304_when_not_modified_since(audio):
    first, _ = fetch(audio)
    response, _ = fetch(audio, If_Modified_Since=first["Last-Modified"])
    assert response.status_code == 304


def test_it_sends_the_file_when_modified_since(audio):
    response, body = fetch(audio, If_Modified_Since=http_date(0))
    assert response.status_code == 200
    assert body == audio.read_bytes()


def test_it_honours_if_range_with_the_current_etag(audio):
    first, _ = fetch(audio)
    response, body = fetch(audio, Range="bytes=10-19", If_Range=first["ETag"])
    assert response.status_code == 206
    assert body == audio.read_bytes()[10:20]


def test_it_honours_if_range_with_the_current_date(audio):
    first, _ = fetch(audio)
    response, _ = fetch(audio, Range="bytes=10-19", If_Range=first["Last-Modified"])
    assert response.status_code == 206


@pytest.mark.parametrize("if_range", ['"outdated"', 'W/"weak"', "Thu, 01 Jan 1970 00:00:00 GMT"])
def test_it_sends_the_whole_file_when_if_range_is_outdated(audio, if_range):
    response, body = fetch(audio, Range="bytes=10-19", If_Range=if_range)
    assert response.status_code == 200
    assert body == audio.read_bytes()


def test_it_uses_the_given_validators(audio):
    request = RequestFactory().get("/", headers={"Range": "bytes=0-0"})
    modified = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    response = ranged_file_response(
        request,
        file=audio.open("rb"),
        content_type="audio/mpeg",
        etag="abc123",
        last_modified=modified,
    )
    assert response["ETag"] == '"abc123"'
    assert response["Last-Modified"] == "Fri, 02 Jan 2026 03:04:05 GMT"


def test_it_names_a_download(audio):
    response, _ = fetch(audio, filename="2026-01-02 0930 from 441234 to 449876.mp3")
    assert response["Content-Disposition"] == (
        'attachment; filename="2026-01-02 0930 from 441234 to 449876.mp3"'
    )


def test_it_streams_in_chunks(audio):
    request = RequestFactory().get("/")
    response = ranged_file_response(request, file=audio.open("rb"), content_type="audio/mpeg")
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    assert max(len(chunk) for chunk in chunks) < SIZE
