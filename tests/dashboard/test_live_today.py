"""Today's overview and calls refresh on their own: each poll sends the ETag of the fragment it
holds, and an unchanged fragment costs a 304 with no body."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from sandbox.models import Cdr

pytestmark = pytest.mark.django_db(transaction=True)

TABLE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "call-table"}
FIGURES = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "overview-results"}


def new_call_now(sandbox_demo, **fields) -> Cdr:
    """A call that has just ended, in the sandbox, and the dashboard's cache past its age."""
    call = Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id, is_root=True).first()
    live_id = Cdr.objects.order_by("-live_id").values_list("live_id", flat=True).first() + 1
    call.pk = None
    call.id = None
    # A minute ago, unless that was yesterday: the call must be one of today's.
    now = timezone.localtime(timezone=ZoneInfo(settings.DASHBOARD_DEFAULT_TIME_ZONE))
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    call.calldate = max(now - timedelta(minutes=1), midnight + timedelta(seconds=1))
    call.live_id = call.root_live_id = live_id
    call.parent_live_id = None
    call.nb_children = 0
    call.labels = []
    for name, value in fields.items():
        setattr(call, name, value)
    call.save()
    cache.clear()
    return call


def today() -> dict[str, str]:
    day = timezone.localdate(timezone=ZoneInfo(settings.DASHBOARD_DEFAULT_TIME_ZONE)).isoformat()
    return {"from": day, "to": day}


def test_a_second_poll_of_an_unchanged_list_answers_304(supervisor_client, sandbox_demo):
    new_call_now(sandbox_demo)
    first = supervisor_client.get("/calls/", today(), **TABLE)
    assert first.status_code == 200 and first["ETag"]
    second = supervisor_client.get("/calls/", today(), HTTP_IF_NONE_MATCH=first["ETag"], **TABLE)
    assert second.status_code == 304
    assert second.content == b""
    # The fragment holds a CSRF token masked anew on each render: the ETag does not see it.
    assert b"csrfmiddlewaretoken" in first.content
    # A new call changes the fragment, so the next poll brings it.
    call = new_call_now(sandbox_demo, src="447700900123")
    third = supervisor_client.get("/calls/", today(), HTTP_IF_NONE_MATCH=first["ETag"], **TABLE)
    assert third.status_code == 200 and third["ETag"] != first["ETag"]
    assert f'value="{call.id}"' in third.content.decode()


def test_a_second_poll_of_unchanged_figures_answers_304(supervisor_client, sandbox_demo):
    new_call_now(sandbox_demo)
    first = supervisor_client.get("/", today(), **FIGURES)
    body = first.content.decode()
    assert first.status_code == 200 and body.lstrip().startswith('<div id="overview-results"')
    assert "<html" not in body
    second = supervisor_client.get("/", today(), HTTP_IF_NONE_MATCH=first["ETag"], **FIGURES)
    assert second.status_code == 304


def test_only_ranges_reaching_today_refresh(supervisor_client, sandbox_demo):
    new_call_now(sandbox_demo)
    assert (
        'data-live-target="call-table"'
        in supervisor_client.get("/calls/", today()).content.decode()
    )
    assert (
        'data-live-target="overview-results"'
        in supervisor_client.get("/", today()).content.decode()
    )
    day = timezone.localdate() - timedelta(days=1)
    yesterday = {"from": day.isoformat(), "to": day.isoformat()}
    assert "data-live-target" not in supervisor_client.get("/calls/", yesterday).content.decode()
    assert "data-live-target" not in supervisor_client.get("/", yesterday).content.decode()


def test_whole_pages_and_refused_filters_carry_no_etag(supervisor_client, sandbox_demo):
    page = supervisor_client.get("/calls/", today())
    assert page.status_code == 200 and "ETag" not in page
    refused = supervisor_client.get("/calls/", {"from": "nonsense"}, **TABLE)
    assert refused.status_code == 400 and "ETag" not in refused


def test_a_new_call_changes_the_figures(supervisor_client, sandbox_demo):
    new_call_now(sandbox_demo)
    first = supervisor_client.get("/", today(), **FIGURES)
    new_call_now(sandbox_demo, src="447700900124")
    second = supervisor_client.get("/", today(), HTTP_IF_NONE_MATCH=first["ETag"], **FIGURES)
    assert second.status_code == 200
    assert second.context["overview"].calls == first.context["overview"].calls + 1
