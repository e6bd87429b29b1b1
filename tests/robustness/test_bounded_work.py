"""One request cannot make hundreds of upstream calls, nor one person hold every worker.

Over real HTTP against the sandbox: selections are capped at the largest page size, a delete
preview, a labelling and the per-item fallback after a refused bulk write read a selection
with a few list calls instead of one call per id, a confirmation is never triggered by a GET,
a spent request budget is a clear notice, and heavy work (bulk actions, exports, per-user
CSV) runs one at a time per user, the others answered 429.
"""

from __future__ import annotations

import threading
import time

import requests
from django.test import Client

from dashboard.forms.lists import PAGE_SIZES
from dashboard.models import AuditEntry
from tests.sign_in import sign_in

LARGEST_PAGE = max(PAGE_SIZES)


def _listed_ids(client, path: str, params: dict) -> list[int]:
    response = client.get(path, {**params, "per_page": LARGEST_PAGE})
    assert response.status_code == 200
    return [record.id for record in response.context["page"].items]


def test_it_refuses_a_selection_larger_than_the_largest_page(supervisor_client, sandbox_faults):
    too_many = list(range(1, LARGEST_PAGE + 2))

    response = supervisor_client.post("/delete/recordings/", {"ids": too_many})

    assert response.status_code == 400
    assert f"Select at most {LARGEST_PAGE} records at a time." in response.content.decode()
    assert sandbox_faults.count(method="GET") == 0


def test_a_confirmation_is_never_triggered_by_a_link(
    supervisor_client, sandbox_demo, sandbox_faults
):
    before = sandbox_faults.count()

    response = supervisor_client.get("/delete/voicemail/", {"scope": "all"})

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "does not take a GET request" in response.content.decode()
    assert sandbox_faults.count() == before


def test_a_full_page_delete_preview_reads_the_selection_in_one_call(
    supervisor_client, demo_range, sandbox_faults
):
    recordings = _listed_ids(supervisor_client, "/recordings/", demo_range)
    # A full page: the recordings listed, and ids of nothing up to the largest page size.
    missing = range(max(recordings) + 1, max(recordings) + 1 + LARGEST_PAGE - len(recordings))
    sandbox_faults.clear_counters()

    confirm = supervisor_client.post("/delete/recordings/", {"ids": [*recordings, *missing]})

    assert confirm.status_code == 200
    assert len(confirm.context["named"]) == LARGEST_PAGE
    assert confirm.context["ids"] == recordings
    assert sandbox_faults.count(r"^/monitors/\d+$") == 0
    assert sandbox_faults.count(r"^/monitors$", method="GET") == 1


def test_labelling_a_full_page_reads_the_calls_in_one_call(
    supervisor_client, demo_range, sandbox_faults
):
    chosen = _listed_ids(supervisor_client, "/calls/", demo_range)[:LARGEST_PAGE]
    assert len(chosen) == LARGEST_PAGE
    sandbox_faults.clear_counters()

    response = supervisor_client.post(
        "/calls/labels/", {"ids": chosen, "label": "Reviewed", "action": "add"}, follow=True
    )

    assert f"“Reviewed” applied to {LARGEST_PAGE} call(s)." in response.content.decode()
    assert sandbox_faults.count(r"^/cdrs/\d+$") == 0
    assert sandbox_faults.count(r"^/cdrs$", method="PATCH") == 1


def test_a_refused_bulk_move_is_sorted_out_with_one_list_call(
    supervisor_client, sandbox_demo, sandbox_faults
):
    from sandbox.models import Voicemessage

    supervisor = sandbox_demo.supervisor
    own = list(
        Voicemessage.objects.filter(customer_id=supervisor.customer_id, folder=0).values_list(
            "pk", flat=True
        )[:20]
    )
    foreign = Voicemessage.objects.exclude(customer_id=supervisor.customer_id).first().pk
    assert len(own) >= 5
    sandbox_faults.clear_counters()

    response = supervisor_client.post(
        "/voicemail/move/", {"ids": [*own, foreign], "to_folder": 2, "action": "move"}
    )

    # The refused batch, one list call naming who is who, the batch again without the stranger.
    assert sandbox_faults.count(r"^/voicemessages$", method="PATCH") == 2
    assert sandbox_faults.count(r"^/voicemessages", method="GET") == 1
    body = supervisor_client.get(response["Location"]).content.decode()
    assert f"Voicemail {foreign} was not moved: not found, or not yours" in body
    assert set(Voicemessage.objects.filter(pk__in=own).values_list("folder", flat=True)) == {2}


def test_a_spent_budget_is_a_clear_notice_not_an_error(supervisor_client, demo_range, settings):
    settings.HISTORY_REQUEST_BUDGET = 1

    response = supervisor_client.get("/calls/", demo_range)

    assert response.status_code == 503
    body = response.content.decode()
    assert "This request stopped after 1 calls to VoIPstudio" in body


def test_a_user_runs_one_heavy_task_at_a_time(
    supervisor_client, sandbox_demo, sandbox_faults, demo_range, live_server
):
    sandbox_faults.latency(2.0, path=r"^/cdrs$")
    session = supervisor_client.cookies["sessionid"].value
    export = f"{live_server.url}/calls/export.csv"
    first: dict = {}

    def slow_export() -> None:
        answer = requests.get(export, params=demo_range, cookies={"sessionid": session}, timeout=30)
        first["status"], first["body"] = answer.status_code, answer.text

    running = threading.Thread(target=slow_export)
    running.start()
    time.sleep(0.5)
    try:
        again = supervisor_client.get("/calls/export.csv", demo_range)
        bulk = supervisor_client.post("/calls/labels/", {"ids": [1], "label": "x", "action": "add"})
        other = Client()
        sign_in(other, sandbox_demo.agent)
        not_me = other.get("/calls/users/1.csv")  # an agent: refused as such, not as busy
    finally:
        running.join()

    assert again.status_code == 429
    assert "already running" in again.content.decode()
    assert int(again["Retry-After"]) > 0
    assert bulk.status_code == 429
    assert not_me.status_code == 403
    assert first["status"] == 200, first["body"][:500]
    # The slot is given back when the first export ends.
    later = supervisor_client.get("/calls/export.csv", demo_range)
    assert later.status_code == 200
    b"".join(later.streaming_content)
    assert AuditEntry.objects.filter(action="call.export").count() == 2


def test_it_reads_each_record_when_the_upstream_will_not_filter_by_id(
    supervisor_client, demo_range, sandbox_faults
):
    recordings = _listed_ids(supervisor_client, "/recordings/", demo_range)[:3]
    missing = max(recordings) + 10_000
    # A "Filtration error" for every list of recordings, as an upstream that cannot filter `id`.
    sandbox_faults.status(400, path=r"^/monitors$")
    sandbox_faults.clear_counters()

    confirm = supervisor_client.post("/delete/recordings/", {"ids": [*recordings, missing]})

    assert confirm.status_code == 200
    assert confirm.context["ids"] == recordings
    assert sandbox_faults.count(r"^/monitors/\d+$", method="GET") == 4
    done = supervisor_client.post("/delete/recordings/confirmed/", {"ids": recordings}, follow=True)
    assert "Deleted 3 recordings." in done.content.decode()
