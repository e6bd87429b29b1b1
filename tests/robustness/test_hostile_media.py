"""Media from an upstream that labels it as something else (HTML, SVG, script).

Whatever type the upstream claims, the dashboard serves a file from its own origin only as an
allow-listed audio or capture type, and anything else as a download the browser will not
render; never with a type a browser would run, and never to be sniffed.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.robustness.test_other_upstream import (  # noqa: F401 (other_upstream is a fixture)
    LEAD,
    SCRIPT,
    _answer_world,
    other_upstream,
)
from tests.sign_in import sign_in

HOSTILE_BODY = f"<html><body>{SCRIPT}</body></html>".encode()
OCTETS = "application/octet-stream"


@pytest.mark.parametrize(
    ("path", "upstream_path", "claimed", "served", "attachment"),
    [
        ("/recordings/201.mp3", "/monitors/201.mp3", "application/xhtml+xml", OCTETS, True),
        ("/recordings/201.mp3", "/monitors/201.mp3", "Text/XML; charset=utf-8", OCTETS, True),
        ("/voicemail/301.mp3", "/voicemessages/301.mp3", "image/svg+xml", OCTETS, True),
        ("/voicemail/301.mp3", "/voicemessages/301.mp3", "application/javascript", OCTETS, True),
        ("/media-sessions/501.pcap", "/msdrs/501.pcap", "text/plain", OCTETS, True),
        ("/calls/101.pcap", "/cdrs/101.pcap", "text/xml", OCTETS, True),
        # Allowed types pass, and nothing may sniff an HTML body out of them.
        ("/recordings/201.mp3", "/monitors/201.mp3", "audio/mpeg", "audio/mpeg", False),
        ("/voicemail/301.mp3", "/voicemessages/301.mp3", "audio/wav", "audio/wav", False),
        (
            "/calls/101.pcap",
            "/cdrs/101.pcap",
            "application/vnd.tcpdump.pcap",
            "application/vnd.tcpdump.pcap",
            True,
        ),
    ],
)
def test_it_serves_media_only_as_an_allowed_type(
    other_upstream,  # noqa: F811 (the fixture imported above)
    path,
    upstream_path,
    claimed,
    served,
    attachment,
):
    _answer_world(other_upstream)
    other_upstream.answer("GET", upstream_path, HOSTILE_BODY, **{"Content-Type": claimed})
    client = sign_in(Client(), LEAD)

    response = client.get(path)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == HOSTILE_BODY
    assert response["Content-Type"] == served
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response.get("Content-Disposition", "")
    assert disposition.startswith("attachment") == attachment, disposition


@pytest.mark.parametrize(
    ("path", "upstream_path"),
    [("/recordings/201.mp3", "/monitors/201.mp3"), ("/media-sessions/501.pcap", "/msdrs/501.pcap")],
)
def test_it_never_serves_an_html_page_as_a_file(
    other_upstream,  # noqa: F811 (the fixture imported above)
    path,
    upstream_path,
):
    _answer_world(other_upstream)
    other_upstream.answer("GET", upstream_path, HOSTILE_BODY, **{"Content-Type": "text/html"})
    client = sign_in(Client(), LEAD)

    response = client.get(path)

    # Taken for a throttling front end's page (a notice), or else passed on as bytes to save.
    if response.streaming:
        assert response["Content-Type"] == OCTETS
        assert response["Content-Disposition"].startswith("attachment")
    else:
        assert response.status_code == 503
        assert SCRIPT.encode() not in response.content
    assert response["X-Content-Type-Options"] == "nosniff"
