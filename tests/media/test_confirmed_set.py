"""What a deletion executes is exactly what its confirmation page listed as to be deleted.

Every kind that can be deleted by id gets a selection mixing the agent's own records, an id that
does not exist, a colleague's record (same customer, another user), another customer's record
and, for chat messages, the agent's own message from another chat than the one on the page.
Over real HTTP against the sandbox, the test reads what was sent (the sandbox's request
counters) and what is gone (the sandbox's database).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from dashboard.models import AuditEntry

KINDS = ("recordings", "voicemail", "chat-messages")


@dataclass(frozen=True)
class Selection:
    kind: str
    model: type
    api_path: str
    own: list[int]
    others: list[int]  # missing, another user's, another customer's (and another chat's)
    parent: int | None = None

    @property
    def everything(self) -> list[int]:
        return [*self.own, *self.others]

    def form(self, ids: list[int]) -> dict:
        data: dict = {"ids": ids, "scope": "selected"}
        if self.parent:
            data["parent"] = self.parent
        return data

    def remaining(self) -> set[int]:
        return set(self.model.objects.filter(pk__in=self.everything).values_list("pk", flat=True))


def _selection(kind: str, demo) -> Selection:
    from sandbox.models import ChatMsg, Monitor, Voicemessage

    agent = demo.agent
    model, api_path = {
        "recordings": (Monitor, "monitors"),
        "voicemail": (Voicemessage, "voicemessages"),
        "chat-messages": (ChatMsg, "chatmsgs"),
    }[kind]
    rows = model.objects.all()
    if kind == "voicemail":
        # The demo's agent has no voicemail of their own: hand them two of their customer's.
        theirs = rows.filter(customer_id=agent.customer_id).exclude(user_id=agent.user_id)
        rows.filter(pk__in=list(theirs.values_list("pk", flat=True)[:2])).update(
            user_id=agent.user_id
        )
    mine = rows.filter(customer_id=agent.customer_id, user_id=agent.user_id).order_by("id")
    parent = None
    extra: list[int] = []
    if kind == "chat-messages":
        chats = list(mine.values_list("chat_id", flat=True).distinct())
        assert len(chats) >= 2, "the demo gives the agent messages in several chats"
        parent = chats[0]
        extra = [mine.exclude(chat_id=parent).first().pk]  # own, but not on this chat's page
        mine = mine.filter(chat_id=parent)
    colleague = rows.filter(customer_id=agent.customer_id).exclude(user_id=agent.user_id).first()
    other_customer = rows.exclude(customer_id=agent.customer_id).first()
    missing = max(rows.values_list("pk", flat=True)) + 1000
    own = list(mine.values_list("pk", flat=True)[:2])
    assert own and colleague and other_customer
    return Selection(
        kind=kind,
        model=model,
        api_path=api_path,
        own=own,
        others=[missing, colleague.pk, other_customer.pk, *extra],
        parent=parent,
    )


def _sent_ids(faults, api_path: str) -> set[int]:
    """Every id that went out in a DELETE of the collection."""
    sent: set[int] = set()
    for line in faults.counters():
        match = re.fullmatch(rf"DELETE /{api_path}/([0-9,]+)", line)
        if match:
            sent.update(int(part) for part in match.group(1).split(","))
    return sent


def _hidden_ids(body: str) -> list[int]:
    return [int(value) for value in re.findall(r'name="ids" value="([0-9]+)"', body)]


@pytest.mark.parametrize("kind", KINDS)
def test_the_confirmation_carries_only_what_it_lists_as_deleted(
    agent_client, sandbox_demo, sandbox_faults, kind
):
    selection = _selection(kind, sandbox_demo)

    confirm = agent_client.post(f"/delete/{kind}/", selection.form(selection.everything))

    assert confirm.status_code == 200
    named = {item.id: item for item in confirm.context["named"]}
    assert [i for i, item in named.items() if not item.problem] == selection.own
    assert all(named[i].problem for i in selection.others)
    body = confirm.content.decode()
    assert f">Delete {len(selection.own)} " in body
    # The form the "Delete" button posts names exactly the records listed as to be deleted.
    carried = _hidden_ids(body)
    assert carried == selection.own

    done = agent_client.post(f"/delete/{kind}/confirmed/", selection.form(carried), follow=True)

    assert done.status_code == 200
    assert _sent_ids(sandbox_faults, selection.api_path) == set(selection.own)
    assert selection.remaining() == set(selection.others) - {selection.others[0]}
    entry = AuditEntry.objects.filter(action=f"{kind}.delete").latest("id")
    assert entry.records == [{"id": i, "result": "deleted"} for i in selection.own]


@pytest.mark.parametrize("kind", KINDS)
def test_a_crafted_confirmation_never_sends_what_the_preview_would_not_delete(
    agent_client, sandbox_demo, sandbox_faults, kind
):
    selection = _selection(kind, sandbox_demo)

    # A post to the perform step that names every id, as a stale or forged page would.
    done = agent_client.post(
        f"/delete/{kind}/confirmed/", selection.form(selection.everything), follow=True
    )

    assert done.status_code == 200
    assert _sent_ids(sandbox_faults, selection.api_path) == set(selection.own)
    assert selection.remaining() == set(selection.others) - {selection.others[0]}
    body = done.content.decode()
    assert f"Deleted {len(selection.own)} of {len(selection.everything)}" in body
    entry = AuditEntry.objects.filter(action=f"{kind}.delete").latest("id")
    results = {record["id"]: record["result"] for record in entry.records}
    assert {i for i, result in results.items() if result == "deleted"} == set(selection.own)
    assert set(results) == set(selection.everything)


def _hidden(body: str, name: str) -> str | None:
    match = re.search(rf'name="{name}" value="([^"]*)"', body)
    return match.group(1) if match else None


@pytest.mark.parametrize("kind", ["cdrs", "voicemail"])
def test_delete_all_deletes_only_as_many_as_the_confirmation_said(
    supervisor_client, sandbox_demo, sandbox_faults, kind
):
    from sandbox.models import Cdr, Voicemessage

    model = {"cdrs": Cdr, "voicemail": Voicemessage}[kind]
    confirm = supervisor_client.post(f"/delete/{kind}/", {"scope": "all"})
    count = confirm.context["count"]
    assert _hidden(confirm.content.decode(), "count") == str(count)
    # A record arrives after the page was shown: the confirmed number is no longer "all".
    arrival = model.objects.filter(customer_id=sandbox_demo.supervisor.customer_id).first()
    arrival.pk = None
    arrival.save()
    answer = {"scope": "all", "confirmation": "DELETE", "count": count}

    stale = supervisor_client.post(f"/delete/{kind}/confirmed/", answer)

    assert stale.status_code == 409
    assert "Nothing was deleted: the number of" in stale.content.decode()
    assert stale.context["count"] == count + 1
    assert sandbox_faults.count(method="DELETE") == 0
    # Without the number, as a forged form would come: not deleted either.
    forged = supervisor_client.post(f"/delete/{kind}/confirmed/", {**answer, "count": ""})
    assert forged.status_code == 409
    assert sandbox_faults.count(method="DELETE") == 0

    again = supervisor_client.post(f"/delete/{kind}/confirmed/", {**answer, "count": count + 1})

    assert again.status_code == 302
    assert sandbox_faults.count(method="DELETE") == 1
    assert not model.objects.filter(customer_id=sandbox_demo.supervisor.customer_id).exists()
