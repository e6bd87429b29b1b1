"""Moving voicemail between folders, over the live sandbox."""

import re

from dashboard.models import AuditEntry


def folder_totals(client) -> dict[str, int]:
    return {folder.name: folder.total for folder in client.get("/voicemail/").context["folders"]}


def test_it_moves_selected_messages_and_updates_the_counts(supervisor_client):
    inbox = supervisor_client.get("/voicemail/", {"folder": 0})
    chosen = [message.id for message in inbox.context["page"].items[:2]]
    assert len(chosen) == 2
    before = folder_totals(supervisor_client)

    moved = supervisor_client.post(
        "/voicemail/move/",
        {"ids": chosen, "action": "move", "to_folder": 2, "next": "/voicemail/?folder=0"},
    )
    assert moved.status_code == 302
    assert moved["Location"] == "/voicemail/?folder=0"
    assert "Moved 2 messages to Work." in supervisor_client.get(moved["Location"]).content.decode()

    after = folder_totals(supervisor_client)
    assert after["INBOX"] == before["INBOX"] - 2
    assert after["Work"] == before["Work"] + 2
    inbox_ids = [m.id for m in supervisor_client.get("/voicemail/?folder=0").context["page"].items]
    assert not set(chosen) & set(inbox_ids)
    work = supervisor_client.get("/voicemail/", {"folder": 2, "per_page": 250})
    assert set(chosen) <= {message.id for message in work.context["page"].items}
    entry = AuditEntry.objects.get(action="voicemail.move")
    assert (entry.outcome, entry.detail) == ("ok", "to Work")
    assert [record["id"] for record in entry.records] == chosen


def test_it_marks_inbox_messages_as_heard_by_moving_them_to_old(supervisor_client):
    inbox = supervisor_client.get("/voicemail/")
    chosen = inbox.context["page"].items[0].id
    before = folder_totals(supervisor_client)
    supervisor_client.post("/voicemail/move/", {"ids": [chosen], "action": "heard"})
    after = folder_totals(supervisor_client)
    assert (after["INBOX"], after["Old"]) == (before["INBOX"] - 1, before["Old"] + 1)
    detail = supervisor_client.get(f"/voicemail/{chosen}/")
    assert detail.context["message"].folder_name == "Old"


def test_it_renders_only_the_folders_and_list_for_htmx(supervisor_client):
    response = supervisor_client.get(
        "/voicemail/?folder=2", headers={"HX-Request": "true", "HX-Target": "voicemail-area"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="voicemail-area"')
    assert "<html" not in body


def test_it_refuses_a_move_without_a_folder(supervisor_client):
    inbox = supervisor_client.get("/voicemail/")
    chosen = inbox.context["page"].items[0].id
    before = folder_totals(supervisor_client)
    response = supervisor_client.post(
        "/voicemail/move/", {"ids": [chosen], "action": "move"}, follow=True
    )
    assert "Choose the folder to move the messages to." in response.content.decode()
    assert folder_totals(supervisor_client) == before
    assert not AuditEntry.objects.exists()


def test_it_rejects_an_unknown_folder_in_the_list(supervisor_client):
    response = supervisor_client.get("/voicemail/", {"folder": "99"})
    assert response.status_code == 400
    assert "folder" in response.context["form"].errors


def test_it_reports_each_message_it_could_not_move(supervisor_client):
    inbox = supervisor_client.get("/voicemail/")
    real = inbox.context["page"].items[0].id
    missing = 987654321

    response = supervisor_client.post(
        "/voicemail/move/", {"ids": [real, missing], "to_folder": 3}, follow=True
    )
    body = response.content.decode()
    assert "Moved 1 message to Family." in body
    assert f"Voicemail {missing} was not moved:" in body
    entry = AuditEntry.objects.get(action="voicemail.move")
    assert entry.outcome == "partial: 1 of 2 moved"
    assert entry.records[0] == {"id": real, "result": "moved"}
    assert entry.records[1]["id"] == missing


def test_it_moves_one_message_from_its_own_page(supervisor_client):
    message_id = supervisor_client.get("/voicemail/", {"folder": 0}).context["page"].items[0].id
    page = supervisor_client.get(f"/voicemail/{message_id}/")
    body = page.content.decode()
    form = re.search(r'<form method="post" action="/voicemail/move/"[^>]*>(.*?)</form>', body, re.S)
    assert form is not None
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(1)))
    assert (fields["ids"], fields["next"]) == (str(message_id), f"/voicemail/{message_id}/")
    # An INBOX message can be marked heard; "Delete" goes back to its folder's list.
    assert 'value="heard"' in form.group(1)
    assert '<input type="hidden" name="next" value="/voicemail/?folder=0">' in body

    moved = supervisor_client.post("/voicemail/move/", {**fields, "action": "move", "to_folder": 2})
    assert moved["Location"] == f"/voicemail/{message_id}/"
    after = supervisor_client.get(moved["Location"])
    assert after.context["message"].folder_name == "Work"
    assert 'value="heard"' not in after.content.decode()
    assert (
        '<input type="hidden" name="next" value="/voicemail/?folder=2">' in after.content.decode()
    )


def test_it_counts_every_folders_messages_and_new_ones(supervisor_client, sandbox_demo):
    from sandbox.models import Voicemessage

    mine = Voicemessage.objects.filter(customer_id=sandbox_demo.main_customer_id)
    folders = supervisor_client.get("/voicemail/").context["folders"]
    assert sum(folder.new for folder in folders) > 0
    for folder in folders:
        in_folder = mine.filter(folder=folder.number)
        assert (folder.total, folder.new) == (
            in_folder.count(),
            in_folder.filter(is_new=True).count(),
        ), folder.name
