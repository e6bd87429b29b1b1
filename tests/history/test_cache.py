"""The cache: one upstream call for concurrent misses, invalidation on writes, no leaks."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from history.api.query import Filter, Query
from history.services import (
    cdr_get,
    cdr_label,
    cdr_list,
    user_me,
    voicemessage_delete,
    voicemessage_list,
    voicemessage_move,
)

pytestmark = pytest.mark.django_db(transaction=True)

CDRS = r"^/cdrs$"


def test_it_makes_one_upstream_call_for_fifty_concurrent_identical_misses(supervisor, faults):
    faults.latency(0.3, path=CDRS)  # keeps the first call in flight while the others arrive

    with ThreadPoolExecutor(max_workers=50) as pool:
        pages = list(pool.map(lambda _: cdr_list(credentials=supervisor).value, range(50)))

    assert faults.count(CDRS) == 1
    assert all(page == pages[0] for page in pages)


def test_it_serves_a_repeated_page_from_the_cache(supervisor, faults):
    first = cdr_list(credentials=supervisor)
    second = cdr_list(credentials=supervisor)

    assert second.value == first.value and not second.stale
    assert faults.count(CDRS) == 1


def test_it_shares_one_entry_between_equivalent_queries(supervisor, faults):
    incoming = Filter("type", "eq", "I")
    cheap = Filter("charge", "lt", 5)
    cdr_list(credentials=supervisor, query=Query(filters=(incoming, cheap)))
    cdr_list(credentials=supervisor, query=Query(filters=(cheap, incoming), direction="desc"))

    assert faults.count(CDRS) == 1


def test_it_drops_a_deleted_voicemessage_from_the_next_list_inside_the_ttl(supervisor, faults):
    before = voicemessage_list(credentials=supervisor).value
    doomed = before.items[0]

    outcome = voicemessage_delete(credentials=supervisor, voicemessage_ids=[doomed.id])
    after = voicemessage_list(credentials=supervisor).value

    assert outcome.ok and outcome.succeeded == [doomed.id]
    assert doomed.id not in {message.id for message in after.items}
    assert after.total == before.total - 1


def test_it_shows_a_moved_voicemessage_in_its_new_folder_at_once(supervisor, faults):
    inbox = Query(filters=(Filter("folder", "eq", 0),))
    message = voicemessage_list(credentials=supervisor, query=inbox).value.items[0]

    assert voicemessage_move(
        credentials=supervisor, voicemessage_ids=[message.id], folder="work"
    ).ok

    work = Query(filters=(Filter("folder", "eq", 2),))
    assert message.id not in {
        m.id for m in voicemessage_list(credentials=supervisor, query=inbox).value
    }
    assert message.id in {m.id for m in voicemessage_list(credentials=supervisor, query=work).value}


def test_it_never_shows_one_users_cached_page_to_another(supervisor, agent, faults):
    everyone = cdr_list(credentials=supervisor).value
    own = cdr_list(credentials=agent).value
    agent_id = user_me(credentials=agent).id

    assert faults.count(CDRS) == 2
    assert own.total < everyone.total
    assert {cdr.user_id for cdr in own.items} == {agent_id}
    assert {cdr.user_id for cdr in everyone.items} != {agent_id}


def test_it_adds_and_removes_labels_keeping_the_others(supervisor, sandbox_demo, faults):
    cdr_id = sandbox_demo.records.cdr_with_recording
    assert cdr_label(credentials=supervisor, cdr_ids=[cdr_id], add=["vip", "refund"]).ok

    outcome = cdr_label(credentials=supervisor, cdr_ids=[cdr_id], add=["callback"], remove=["vip"])
    labels = cdr_get(credentials=supervisor, cdr_id=cdr_id).value.labels

    assert outcome.ok and outcome.succeeded == [cdr_id]
    assert "refund" in labels and "callback" in labels and "vip" not in labels
