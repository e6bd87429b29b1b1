"""`/recordings/<id>/peaks.json` and `/voicemail/<id>/peaks.json`: waveforms computed once on
the server from the cached audio, with the same access checks as playing it."""

import array
import io
import math

import lameenc
import pytest
from django.test import Client

from dashboard.models import AuditEntry
from dashboard.waveform import PEAK_COUNT, mp3_peaks
from sandbox.models import Monitor
from tests.sign_in import sign_in


def _mp3(pcm: array.array, rate: int = 8000) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(16)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    return bytes(encoder.encode(pcm.tobytes()) + encoder.flush())


def test_silence_and_tone_have_different_peaks():
    rate = 8000
    silence = [0] * (2 * rate)
    tone = [int(12000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(2 * rate)]
    peaks = mp3_peaks(io.BytesIO(_mp3(array.array("h", silence + tone))))
    assert len(peaks) == PEAK_COUNT
    # The encoder pads the end with a little silence: the last tenth is left out.
    quiet, loud = peaks[: PEAK_COUNT * 2 // 5], peaks[PEAK_COUNT * 3 // 5 : PEAK_COUNT * 9 // 10]
    assert max(quiet) < 0.05
    assert min(loud) > 0.8


def test_a_silent_recording_stays_flat():
    peaks = mp3_peaks(io.BytesIO(_mp3(array.array("h", [0] * 16000))))
    assert len(peaks) == PEAK_COUNT and max(peaks) == 0


def _cached(settings, suffix: str) -> list:
    return sorted(p.name for p in settings.MEDIA_CACHE_DIR.glob(f"*/*{suffix}"))


def test_a_recording_has_its_peaks(supervisor_client, sandbox_demo, settings):
    monitor_id = sandbox_demo.records.monitor
    response = supervisor_client.get(f"/recordings/{monitor_id}/peaks.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"].startswith("private")
    peaks = response.json()["peaks"]
    assert len(peaks) == PEAK_COUNT
    assert all(0 <= peak <= 1 for peak in peaks) and max(peaks) == 1
    # Speech with pauses: some windows are silent, most are not.
    assert 0 < sum(1 for peak in peaks if peak < 0.05) < PEAK_COUNT / 2
    assert _cached(settings, ".derived.json") == [f"monitors-{monitor_id}.mp3.derived.json"]
    # Drawing the waveform is not listening to the recording.
    assert not AuditEntry.objects.filter(action__startswith="recording.").exists()
    again = supervisor_client.get(f"/recordings/{monitor_id}/peaks.json")
    assert again.json()["peaks"] == peaks


def test_a_voicemail_has_its_peaks(supervisor_client, sandbox_demo):
    message_id = sandbox_demo.records.voicemail_in_inbox
    response = supervisor_client.get(f"/voicemail/{message_id}/peaks.json")
    assert response.status_code == 200
    assert len(response.json()["peaks"]) == PEAK_COUNT


def test_peaks_go_when_their_audio_is_evicted(supervisor_client, sandbox_demo, settings):
    first, second = Monitor.objects.filter(customer_id=sandbox_demo.main_customer_id).values_list(
        "id", flat=True
    )[:2]
    settings.MEDIA_CACHE_MAX_BYTES = 1
    assert supervisor_client.get(f"/recordings/{first}/peaks.json").status_code == 200
    assert supervisor_client.get(f"/recordings/{second}/peaks.json").status_code == 200
    assert _cached(settings, ".derived.json") == [f"monitors-{second}.mp3.derived.json"]


def test_another_users_recording_has_no_peaks_for_an_agent(agent_client, sandbox_demo):
    foreign = (
        Monitor.objects.filter(customer_id=sandbox_demo.main_customer_id)
        .exclude(user_id=sandbox_demo.agent.user_id)
        .first()
    )
    assert agent_client.get(f"/recordings/{foreign.id}/peaks.json").status_code in (403, 404)
    other = sandbox_demo.records.other_customer_monitor
    assert agent_client.get(f"/recordings/{other}/peaks.json").status_code in (403, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/recordings/abc/peaks.json",
        "/recordings/99999999/peaks.json",
        "/recordings/-1/peaks.json",
        "/voicemail/%00/peaks.json",
        "/voicemail/99999999999999999999999/peaks.json",
    ],
)
def test_garbage_ids_have_no_peaks(supervisor_client, path):
    assert supervisor_client.get(path).status_code == 404


def test_peaks_cached_for_one_user_stay_closed_to_another(
    supervisor_client, sandbox_url, sandbox_demo
):
    # The supervisor's fetch fills the server's shared cache; the agent must still be refused.
    monitor_id = (
        Monitor.objects.filter(customer_id=sandbox_demo.main_customer_id)
        .exclude(user_id=sandbox_demo.agent.user_id)
        .values_list("id", flat=True)
    )
    monitor_id = next(
        one
        for one in monitor_id
        if supervisor_client.get(f"/recordings/{one}/peaks.json").status_code == 200
    )
    agent = Client()
    sign_in(agent, sandbox_demo.agent)
    assert agent.get(f"/recordings/{monitor_id}/peaks.json").status_code in (403, 404)
