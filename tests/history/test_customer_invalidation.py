"""A write by one user of a customer is seen at once by the customer's other users.

Each user keeps their own cached pages; a supervisor's delete, move or relabel must still be
gone from an agent's next page inside the time-to-live, while another customer's users keep
their cached pages.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from history.api.credentials import Credentials
from history.api.query import Filter, Query
from history.services import (
    cdr_label,
    cdr_list,
    user_from_api_key,
    user_login,
    user_login_2fa,
    voicemessage_delete,
    voicemessage_list,
    voicemessage_move,
)

pytestmark = pytest.mark.django_db(transaction=True)

CDRS = r"^/cdrs$"
VOICEMAIL = r"^/voicemessages$"
INBOX = Query(filters=(Filter("folder", "eq", 0),))


@pytest.fixture
def agents_voicemail(sandbox_demo) -> list[int]:
    """Two new messages in the demo agent's INBOX: the small demo data leaves them none."""
    from sandbox.models import Voicemessage

    agent, now = sandbox_demo.agent, timezone.now()
    return [
        Voicemessage.objects.create(
            customer_id=agent.customer_id,
            user_id=agent.user_id,
            origtime=now - timedelta(minutes=minutes),
            caller=f"Caller {minutes}",
            folder=0,
        ).id
        for minutes in (5, 10)
    ]


def ids(page) -> set[int]:
    return {item.id for item in page.items}


def listed_twice(list_service, credentials: Credentials, faults, path: str, **arguments):
    """The page, after checking that asking again is served from the cache."""
    page = list_service(credentials=credentials, **arguments).value
    assert list_service(credentials=credentials, **arguments).value == page
    assert faults.count(path, method="GET") == 1
    return page


def test_it_drops_a_voicemessage_a_supervisor_deleted_from_the_agents_cached_list(
    supervisor, agent, agents_voicemail, faults
):
    before = listed_twice(voicemessage_list, agent, faults, VOICEMAIL)
    doomed = before.items[0].id

    assert voicemessage_delete(credentials=supervisor, voicemessage_ids=[doomed]).ok
    after = voicemessage_list(credentials=agent).value

    assert doomed not in ids(after) and after.total == before.total - 1
    assert faults.count(VOICEMAIL, method="GET") == 2


def test_it_drops_a_voicemessage_a_supervisor_moved_from_the_agents_cached_folder(
    supervisor, agent, agents_voicemail, faults
):
    before = listed_twice(voicemessage_list, agent, faults, VOICEMAIL, query=INBOX)
    moved = before.items[0].id

    assert voicemessage_move(credentials=supervisor, voicemessage_ids=[moved], folder="work").ok
    after = voicemessage_list(credentials=agent, query=INBOX).value

    assert moved not in ids(after) and after.total == before.total - 1
    assert faults.count(VOICEMAIL, method="GET") == 2


def test_it_shows_a_label_a_supervisor_added_on_the_agents_next_call_list(
    supervisor, agent, faults
):
    before = listed_twice(cdr_list, agent, faults, CDRS)
    call = before.items[0]
    assert "escalated" not in call.labels

    assert cdr_label(credentials=supervisor, cdr_ids=[call.id], add=["escalated"]).ok
    after = {cdr.id: cdr for cdr in cdr_list(credentials=agent).value.items}

    assert "escalated" in after[call.id].labels
    # The agent's list twice, and the supervisor's fresh read of the call's current labels.
    assert faults.count(CDRS, method="GET") == 3


def test_it_keeps_another_customers_cached_pages_when_a_supervisor_deletes(
    supervisor, agent, other_admin, agents_voicemail, faults
):
    theirs = voicemessage_list(credentials=other_admin).value
    doomed = voicemessage_list(credentials=agent).value.items[0].id
    assert faults.count(VOICEMAIL, method="GET") == 2

    assert voicemessage_delete(credentials=supervisor, voicemessage_ids=[doomed]).ok

    assert voicemessage_list(credentials=other_admin).value == theirs
    assert faults.count(VOICEMAIL, method="GET") == 2  # served from their cached page
    assert doomed not in ids(voicemessage_list(credentials=agent).value)
    assert faults.count(VOICEMAIL, method="GET") == 3


def test_it_keeps_the_customer_from_every_way_of_signing_in(sandbox_url, sandbox_demo):
    agent, two_factor = sandbox_demo.agent, sandbox_demo.two_factor
    by_password = user_login(email=agent.email, password=agent.password).credentials
    nonce = user_login(email=two_factor.email, password=two_factor.password).nonce
    by_code = user_login_2fa(nonce=nonce, code=sandbox_demo.two_factor_code)
    by_key = user_from_api_key(api_key=sandbox_demo.other_admin.api_key)

    assert by_password.customer_id == agent.customer_id
    assert by_code.customer_id == two_factor.customer_id
    assert by_key.customer_id == sandbox_demo.other_admin.customer_id
    assert Credentials.from_session(by_password.to_session()) == by_password


def test_it_signs_in_without_a_customer_when_the_upstream_names_none(canned_upstream):
    canned_upstream.answer("POST", "/login", {"user_id": "12", "user_token": "a" * 40})
    canned_upstream.answer("GET", "/me", {"data": {"id": "12", "email": "lead@example.com"}})

    credentials = user_login(email="lead@example.com", password="pw").credentials

    assert credentials is not None
    assert (credentials.user_id, credentials.customer_id) == (12, None)


def test_it_reads_and_writes_with_a_session_saved_without_the_customer(
    agent, agents_voicemail, faults
):
    old_session = {"token": agent.token, "user_id": agent.user_id}
    credentials = Credentials.from_session(old_session)
    assert credentials is not None and credentials.customer_id is None

    before = listed_twice(voicemessage_list, credentials, faults, VOICEMAIL)
    doomed = before.items[0].id
    assert voicemessage_delete(credentials=credentials, voicemessage_ids=[doomed]).ok

    assert doomed not in ids(voicemessage_list(credentials=credentials).value)
    assert faults.count(VOICEMAIL, method="GET") == 2
