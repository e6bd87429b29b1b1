"""Upstream trouble shows as a notice on the page, never as a 500."""

import pytest


@pytest.fixture
def impatient(settings):
    """No retries: each fault is seen at once."""
    settings.HISTORY_RETRIES = 0
    settings.HISTORY_BACKOFF = 0


def test_it_shows_stale_data_with_its_age(
    supervisor_client, sandbox_demo, sandbox_faults, settings, impatient, demo_range
):
    settings.HISTORY_TTL_LIST = 0
    settings.HISTORY_TTL_RECORD = 0
    fresh = supervisor_client.get("/calls/", demo_range)
    assert b"showing data saved" not in fresh.content
    sandbox_faults.status(503)
    stale = supervisor_client.get("/calls/", demo_range)
    assert stale.status_code == 200
    assert b"VoIPstudio is not answering; showing data saved" in stale.content
    assert [c.id for c in stale.context["page"].items] == [
        c.id for c in fresh.context["page"].items
    ]


@pytest.mark.parametrize("fault", ["status", "html", "drop"])
def test_it_says_when_voipstudio_is_not_answering(
    supervisor_client, sandbox_demo, sandbox_faults, impatient, fault
):
    if fault == "status":
        sandbox_faults.status(503)
    elif fault == "html":
        sandbox_faults.html(status=502)
    else:
        sandbox_faults.drop()
    path = f"/calls/{sandbox_demo.records.cdr_with_recording}/"
    response = supervisor_client.get(path)
    assert response.status_code in (502, 503)
    body = response.content.decode()
    assert "VoIPstudio" in body
    assert f'href="{path}">Try again</a>' in body


def test_it_says_when_voipstudio_is_busy(
    supervisor_client, sandbox_demo, sandbox_faults, impatient, demo_range
):
    sandbox_faults.status(429, retry_after=1)
    response = supervisor_client.get("/calls/", demo_range)
    assert response.status_code == 503
    assert b"Try again" in response.content


def test_it_puts_trouble_into_the_notice_area_for_htmx(
    supervisor_client, sandbox_demo, sandbox_faults, impatient, demo_range
):
    sandbox_faults.status(503)
    response = supervisor_client.get(
        "/calls/", demo_range, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="call-table"
    )
    assert response["HX-Retarget"] == "#notices"
    assert b"<html" not in response.content
