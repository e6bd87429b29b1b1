"""Bulk writes report each item's outcome; a partial failure never claims success."""

import pytest

from history.api.errors import ValidationFailed
from history.services import (
    cdr_export_iter,
    cdr_list,
    chatmsg_delete,
    chatmsg_list,
    monitor_delete,
    monitor_list,
    voicemessage_delete,
    voicemessage_get,
    voicemessage_move,
)

from .demo import not_agents

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_reports_which_items_of_a_refused_batch_went_and_why_the_others_did_not(
    supervisor, agent, sandbox_demo, faults
):
    own = sandbox_demo.records.monitor
    not_theirs = not_agents(monitor_list(credentials=supervisor).value, sandbox_demo).id
    faults.clear_counters()

    outcome = monitor_delete(credentials=agent, monitor_ids=[own, not_theirs])

    assert not outcome.ok
    assert outcome.succeeded == [own]
    # The sandbox hides records of others (404), the real service may say 403: either is named.
    assert list(outcome.failed) == [not_theirs]
    assert outcome.failed[not_theirs] == "not found, or not yours to change"
    # One refused batch, one list call telling whose is whose, the batch again without theirs.
    assert faults.count(r"^/monitors/", method="DELETE") == 2
    assert faults.count(r"^/monitors$", method="GET") == 1


def test_it_reports_a_missing_record_per_item(supervisor, sandbox_demo, faults):
    recording = not_agents(monitor_list(credentials=supervisor).value, sandbox_demo).id
    missing = 987654

    outcome = monitor_delete(credentials=supervisor, monitor_ids=[recording, missing])

    assert outcome.succeeded == [recording]
    assert outcome.failed[missing] == "not found, or not yours to change"


def test_it_deletes_a_whole_batch_in_one_request(supervisor, sandbox_demo, faults):
    chat = sandbox_demo.records.chat_with_script
    messages = [m.id for m in chatmsg_list(credentials=supervisor, chat_id=chat).value]

    outcome = chatmsg_delete(credentials=supervisor, chatmsg_ids=messages)

    assert messages and outcome.ok and outcome.succeeded == messages
    assert faults.count(r"^/chatmsgs/", method="DELETE") == 1
    assert chatmsg_list(credentials=supervisor, chat_id=chat).value.total == 0


def test_it_moves_voicemail_by_folder_name_and_refuses_an_unknown_folder(
    supervisor, sandbox_demo, faults
):
    message = sandbox_demo.records.voicemail_in_inbox

    assert voicemessage_move(credentials=supervisor, voicemessage_ids=[message], folder="Old").ok
    with pytest.raises(ValidationFailed, match="folder"):
        voicemessage_move(credentials=supervisor, voicemessage_ids=[message], folder="Spam")
    assert faults.count(r"^/voicemessages$", method="PATCH") == 1
    assert voicemessage_get(credentials=supervisor, voicemessage_id=message).value.folder == 1


def test_it_refuses_ids_that_could_widen_a_delete(supervisor, faults):
    with pytest.raises(ValidationFailed):
        voicemessage_delete(credentials=supervisor, voicemessage_ids=[])
    with pytest.raises(ValidationFailed):
        voicemessage_delete(credentials=supervisor, voicemessage_ids=["1,2"])

    assert faults.count(method="DELETE") == 0


def test_it_exports_every_matching_call_fetching_pages_only_as_needed(supervisor, faults):
    total = cdr_list(credentials=supervisor).value.total
    faults.clear_counters()

    calls = cdr_export_iter(credentials=supervisor, page_size=100)
    first = next(calls)
    fetched_before_reading_on = faults.count(r"^/cdrs$")
    rest = list(calls)

    # The first page, and at most the next, read while the first is written out.
    assert fetched_before_reading_on <= 2
    assert len({first.id, *(cdr.id for cdr in rest)}) == 1 + len(rest) == total
    assert faults.count(r"^/cdrs$") == -(-total // 100)
