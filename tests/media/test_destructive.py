"""The one confirm-then-delete flow, over the live sandbox: confirm, cancel, perform, audit.

Deleting every call record is tested with the calls (tests/dashboard/test_calls.py), every
statement with the overview (tests/dashboard/test_pages.py).
"""

import pytest
import requests

from dashboard.models import AuditEntry
from dashboard.services.deletions import CONFIRMATION_WORD
from tests.deletion_steps import last_audit


def listed_ids(client, path, params) -> list[int]:
    response = client.get(path, {**params, "per_page": 250})
    assert response.status_code == 200, response.content[:1000]
    return [record.id for record in response.context["page"].items]


def test_it_confirms_then_deletes_selected_recordings(supervisor_client, demo_range):
    before = listed_ids(supervisor_client, "/recordings/", demo_range)
    chosen = before[:2]
    back = "/recordings/?per_page=250&from={from}&to={to}".format(**demo_range)

    confirm = supervisor_client.post(
        "/delete/recordings/", {"ids": chosen, "scope": "selected", "next": back}
    )
    assert confirm.status_code == 200
    named = [item.id for item in confirm.context["named"]]
    assert named == chosen
    body = confirm.content.decode()
    for record_id in chosen:
        assert f"Recording {record_id}:" in body
    assert 'href="' + back.replace("&", "&amp;") + '"' in body  # Cancel goes back, no POST
    # Confirming changed nothing yet.
    assert listed_ids(supervisor_client, "/recordings/", demo_range) == before
    assert not AuditEntry.objects.filter(action="recordings.delete").exists()

    done = supervisor_client.post(
        "/delete/recordings/confirmed/", {"ids": chosen, "scope": "selected", "next": back}
    )
    assert done.status_code == 302
    assert done["Location"] == back
    page = supervisor_client.get(back)
    assert "Deleted 2 recordings." in page.content.decode()
    # Gone at once, although the list was cached a moment ago.
    remaining = [record.id for record in page.context["page"].items]
    assert remaining == [record_id for record_id in before if record_id not in chosen]
    entry = last_audit("recordings.delete")
    assert entry.outcome == "ok"
    assert entry.records == [{"id": i, "result": "deleted"} for i in chosen]
    assert entry.user_label == "supervisor@example.com"
    assert supervisor_client.get(f"/recordings/{chosen[0]}/").status_code == 404


def test_it_changes_nothing_when_the_confirmation_is_cancelled(supervisor_client, demo_range):
    before = listed_ids(supervisor_client, "/recordings/", demo_range)
    confirm = supervisor_client.post("/delete/recordings/", {"ids": before[:1]})
    assert confirm.status_code == 200
    cancel_url = confirm.context["cancel_url"]
    assert cancel_url == "/recordings/"
    assert supervisor_client.get(cancel_url).status_code == 200
    assert listed_ids(supervisor_client, "/recordings/", demo_range) == before
    assert not AuditEntry.objects.filter(action="recordings.delete").exists()


def test_it_asks_for_the_typed_word_before_deleting_all_voicemail(supervisor_client, demo_range):
    folders = supervisor_client.get("/voicemail/").context["folders"]
    total = sum(folder.total for folder in folders)
    assert total > 0

    confirm = supervisor_client.post("/delete/voicemail/", {"scope": "all"})
    assert confirm.status_code == 200
    assert confirm.context["count"] == total
    assert f"all {total} voicemails" in confirm.content.decode()

    wrong = supervisor_client.post(
        "/delete/voicemail/confirmed/", {"scope": "all", "confirmation": "delete"}
    )
    assert wrong.status_code == 400
    assert "confirmation" in wrong.context["confirm_form"].errors
    assert sum(f.total for f in supervisor_client.get("/voicemail/").context["folders"]) == total

    done = supervisor_client.post(
        "/delete/voicemail/confirmed/",
        {"scope": "all", "confirmation": CONFIRMATION_WORD, "count": total},
    )
    assert done.status_code == 302
    after = supervisor_client.get("/voicemail/")
    assert sum(folder.total for folder in after.context["folders"]) == 0
    assert "Deleted every voicemail." in after.content.decode()
    entry = last_audit("voicemail.delete")
    assert (entry.records, entry.outcome) == (["all"], "ok")


def test_it_reports_each_item_it_could_not_delete(agent_client, sandbox_demo):
    own = sandbox_demo.records.monitor
    not_visible = sandbox_demo.records.other_customer_monitor

    confirm = agent_client.post("/delete/recordings/", {"ids": [own, not_visible]})
    named = {item.id: item for item in confirm.context["named"]}
    assert not named[own].problem
    assert named[not_visible].problem

    done = agent_client.post(
        "/delete/recordings/confirmed/", {"ids": [own, not_visible]}, follow=True
    )
    body = done.content.decode()
    assert "Deleted 1 of 2 recordings; the others were not deleted." in body
    assert f"Recording {not_visible}:" in body
    assert "Deleted 2" not in body
    entry = last_audit("recordings.delete")
    assert entry.outcome == "partial: 1 of 2 deleted"
    results = {record["id"]: record["result"] for record in entry.records}
    assert results[own] == "deleted"
    assert results[not_visible] != "deleted"


def test_it_archives_the_audio_and_record_before_deleting(
    supervisor_client, sandbox_demo, sandbox_url, settings
):
    settings.ARCHIVE_BEFORE_DELETE = True
    monitor_id = sandbox_demo.records.monitor
    upstream = requests.get(
        f"{sandbox_url}/monitors/{monitor_id}.mp3",
        headers={"X-Auth-Token": sandbox_demo.supervisor.api_key},
        timeout=10,
    )
    assert upstream.status_code == 200

    confirm = supervisor_client.post("/delete/recordings/", {"ids": [monitor_id]})
    assert confirm.context["archive"] is True
    supervisor_client.post("/delete/recordings/confirmed/", {"ids": [monitor_id]})

    entry = last_audit("recordings.delete")
    assert entry.outcome == "ok"
    folders = list((settings.ARCHIVE_DIR / "recording").iterdir())
    assert len(folders) == 1
    assert str(folders[0]) in entry.detail
    assert (folders[0] / f"recording-{monitor_id}.mp3").read_bytes() == upstream.content
    assert f'"id": {monitor_id}' in (folders[0] / "record.json").read_text()


def test_it_does_not_delete_when_the_archive_copy_fails(
    supervisor_client, sandbox_demo, settings, tmp_path
):
    settings.ARCHIVE_BEFORE_DELETE = True
    blocker = tmp_path / "archive-is-a-file"
    blocker.write_text("not a folder")
    settings.ARCHIVE_DIR = blocker
    monitor_id = sandbox_demo.records.monitor

    done = supervisor_client.post(
        "/delete/recordings/confirmed/", {"ids": [monitor_id]}, follow=True
    )
    assert "Nothing was deleted: the archive copy failed" in done.content.decode()
    assert supervisor_client.get(f"/recordings/{monitor_id}/").status_code == 200
    assert last_audit("recordings.delete").outcome.startswith("failed: the archive copy failed")


def test_it_deletes_selected_chat_messages(supervisor_client, sandbox_demo):
    chat_id = sandbox_demo.records.chat_with_script
    page = supervisor_client.get(f"/chats/{chat_id}/")
    messages = [message.id for message in page.context["chat_messages"].items]
    assert len(messages) >= 2

    confirm = supervisor_client.post(
        "/delete/chat-messages/", {"ids": messages[:1], "parent": chat_id}
    )
    assert [item.id for item in confirm.context["named"]] == messages[:1]
    assert "<script>alert(1)</script>" not in confirm.content.decode()
    assert confirm.context["cancel_url"] == f"/chats/{chat_id}/"

    done = supervisor_client.post(
        "/delete/chat-messages/confirmed/", {"ids": messages[:1], "parent": chat_id}
    )
    assert done["Location"] == f"/chats/{chat_id}/"
    after = supervisor_client.get(f"/chats/{chat_id}/")
    assert [message.id for message in after.context["chat_messages"].items] == messages[1:]
    assert last_audit("chat-messages.delete").records == [{"id": messages[0], "result": "deleted"}]


@pytest.mark.parametrize(
    ("path", "data", "status", "message"),
    [
        ("/delete/recordings/", {"ids": ["abc"]}, 400, "A selected record id is not a number."),
        ("/delete/recordings/", {}, 400, "Select at least one record first."),
        ("/delete/recordings/", {"ids": ["1"], "scope": "some"}, 400, "Select a valid choice."),
        ("/delete/nonsense/", {"ids": ["1"]}, 404, "Nothing of that kind can be deleted."),
        ("/delete/recordings/confirmed/", {"ids": ["-4"]}, 400, "not a number"),
    ],
)
def test_it_answers_bad_input_with_a_clear_4xx(supervisor_client, path, data, status, message):
    response = supervisor_client.post(path, data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_it_needs_a_post_to_delete(supervisor_client, sandbox_demo):
    response = supervisor_client.get(
        "/delete/recordings/confirmed/", {"ids": [sandbox_demo.records.monitor]}
    )
    assert response.status_code == 405


def test_it_claims_no_success_when_the_upstream_fails(
    supervisor_client, sandbox_faults, demo_range
):
    before = listed_ids(supervisor_client, "/recordings/", demo_range)
    chosen = before[:2]
    sandbox_faults.status(503, path=rf"^/monitors/{chosen[0]},{chosen[1]}$")

    done = supervisor_client.post("/delete/recordings/confirmed/", {"ids": chosen}, follow=True)
    body = done.content.decode()
    assert "No recordings were deleted." in body
    for record_id in chosen:
        assert f"Recording {record_id}:" in body
    assert "Deleted" not in body
    assert last_audit("recordings.delete").outcome == "failed: 0 of 2 deleted"
    sandbox_faults.reset()
    assert listed_ids(supervisor_client, "/recordings/", demo_range) == before
