"""Every upstream failure reaches the caller as the mapped error, or as stale data.

Faults come from the sandbox's switches over real HTTP; nothing of ours is patched.
"""

import time

import pytest
import requests

from history.api.errors import (
    AccessDenied,
    BadResponse,
    NotFound,
    RateLimited,
    SessionExpired,
    Unavailable,
    ValidationFailed,
)
from history.api.query import Filter, Query
from history.services import (
    cdr_get,
    cdr_list,
    user_me,
    voicemessage_delete,
    voicemessage_get,
    voicemessage_list,
)

pytestmark = pytest.mark.django_db(transaction=True)

CDRS = r"^/cdrs$"


def test_it_maps_a_slow_upstream_to_unavailable(supervisor, faults, settings):
    settings.HISTORY_READ_TIMEOUT = 0.2
    faults.latency(1.0, path=CDRS)

    with pytest.raises(Unavailable, match="did not answer in time"):
        cdr_list(credentials=supervisor)


def test_it_maps_server_errors_to_unavailable_after_retrying(supervisor, faults):
    faults.status(500, path=CDRS)

    with pytest.raises(Unavailable, match="error 500"):
        cdr_list(credentials=supervisor)

    assert faults.count(CDRS) == 1  # a 500 is not worth repeating


def test_it_retries_a_get_through_a_passing_503(supervisor, faults):
    faults.status(503, path=CDRS, times=1)

    page = cdr_list(credentials=supervisor).value

    assert page.total > 0
    assert faults.count(CDRS) == 2


def test_it_maps_an_html_page_to_rate_limited(supervisor, faults):
    faults.html(path=CDRS)

    with pytest.raises(RateLimited):
        cdr_list(credentials=supervisor)

    assert faults.count(CDRS) == 3  # throttled: worth the retries


def test_it_maps_an_html_gateway_error_to_unavailable(supervisor, faults):
    faults.html(status=502, path=CDRS)

    with pytest.raises(Unavailable, match="error 502"):
        cdr_list(credentials=supervisor)


def test_it_maps_truncated_json_to_bad_response(supervisor, faults):
    faults.truncate(path=CDRS)

    with pytest.raises(BadResponse, match="not valid JSON"):
        cdr_list(credentials=supervisor)


def test_it_waits_as_asked_by_retry_after_then_succeeds(supervisor, faults):
    faults.status(429, retry_after=1, path=CDRS, times=1)

    page = cdr_list(credentials=supervisor).value

    assert page.total > 0
    assert faults.count(CDRS) == 2


def test_it_reports_a_retry_after_too_long_to_wait_for(supervisor, faults, settings):
    settings.HISTORY_MAX_RETRY_AFTER = 2
    faults.status(429, retry_after=30, path=CDRS)

    with pytest.raises(RateLimited) as raised:
        cdr_list(credentials=supervisor)

    assert raised.value.retry_after == 30
    assert "30 seconds" in str(raised.value)
    assert faults.count(CDRS) == 1


def test_it_retries_a_get_after_a_dropped_connection(supervisor, faults):
    faults.drop(path=CDRS, times=1)

    assert cdr_list(credentials=supervisor).value.total > 0
    assert faults.count(CDRS) == 2


def test_it_maps_a_connection_that_keeps_dropping_to_unavailable(supervisor, faults):
    faults.drop(path=CDRS)

    with pytest.raises(Unavailable, match="could not be reached"):
        cdr_list(credentials=supervisor)


def test_it_never_repeats_a_delete_whose_connection_dropped(supervisor, faults):
    (message, *_) = voicemessage_list(credentials=supervisor).value.items
    faults.drop(path=r"^/voicemessages/\d", times=1)

    outcome = voicemessage_delete(credentials=supervisor, voicemessage_ids=[message.id])

    assert not outcome.ok
    assert outcome.succeeded == [] and message.id in outcome.failed
    assert faults.count(r"^/voicemessages/\d", method="DELETE") == 1


def test_it_reports_a_token_that_expires_mid_session(supervisor, faults, settings):
    settings.SANDBOX_TOKEN_IDLE_SECONDS = 1
    user_me(credentials=supervisor)

    time.sleep(1.5)

    with pytest.raises(SessionExpired, match="sign in again"):
        cdr_list(credentials=supervisor)


def test_it_reports_a_record_deleted_by_someone_else_between_list_and_detail(
    supervisor, sandbox_demo, sandbox_url, faults
):
    listed = voicemessage_list(credentials=supervisor).value.items[0]
    # Another VoIPstudio client (the web app, a colleague) deletes it behind our back.
    requests.delete(
        f"{sandbox_url}/voicemessages/{listed.id}",
        headers={"X-Auth-Token": sandbox_demo.supervisor.api_key},
        timeout=5,
    ).raise_for_status()

    with pytest.raises(NotFound):
        voicemessage_get(credentials=supervisor, voicemessage_id=listed.id)


@pytest.mark.parametrize(
    "switch_on",
    [
        lambda faults: faults.status(503, path=CDRS),
        lambda faults: faults.status(429, retry_after=60, path=CDRS),
        lambda faults: faults.html(path=CDRS),
        lambda faults: faults.drop(path=CDRS),
        lambda faults: faults.latency(1.0, path=CDRS),
    ],
    ids=["503", "429", "throttle page", "dropped connection", "timeout"],
)
def test_it_serves_the_last_good_page_marked_stale_while_the_upstream_fails(
    supervisor, faults, settings, switch_on
):
    settings.HISTORY_TTL_LIST = 0  # every value is already past its lifetime when read again
    settings.HISTORY_READ_TIMEOUT = 0.3
    fresh = cdr_list(credentials=supervisor)
    switch_on(faults)

    served = cdr_list(credentials=supervisor)

    assert not fresh.stale
    assert served.stale and served.age > 0
    assert served.value == fresh.value


def test_it_never_serves_stale_data_past_the_stale_window(supervisor, faults, settings):
    settings.HISTORY_TTL_LIST = 0
    settings.HISTORY_STALE_WINDOW = 0
    cdr_list(credentials=supervisor)
    faults.status(503, path=CDRS)

    with pytest.raises(Unavailable):
        cdr_list(credentials=supervisor)


def test_it_raises_when_there_is_nothing_stale_to_fall_back_on(supervisor, faults):
    faults.status(503, path=CDRS)

    with pytest.raises(Unavailable):
        cdr_list(credentials=supervisor)


def test_it_maps_an_upstream_400_to_validation_failed_with_field_errors(supervisor, faults):
    with pytest.raises(ValidationFailed) as raised:
        cdr_list(credentials=supervisor, query=Query(filters=(Filter("password", "eq", "x"),)))

    assert raised.value.errors and raised.value.errors[0].field
    assert "password" in str(raised.value)


def test_it_maps_another_users_record_to_access_denied(supervisor, agent, faults):
    others = cdr_list(credentials=supervisor, query=Query(limit=200)).value.items
    agent_id = user_me(credentials=agent).id
    foreign = next(cdr for cdr in others if cdr.user_id != agent_id)

    with pytest.raises(AccessDenied):
        cdr_get(credentials=agent, cdr_id=foreign.id)
