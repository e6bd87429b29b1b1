"""Overviews at scale: days that are over are summed once, kept, and checked with one count."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from dashboard.models import OverviewDay
from tests.deletion_steps import delete_every
from tests.sign_in import sign_in, sign_in_http


@pytest.fixture
def past_range(sandbox_demo) -> dict[str, str]:
    """Every day of the demo data that is over, as the supervisor's time zone sees it."""
    last = sandbox_demo.now.date() - timedelta(days=1)
    first = last - timedelta(days=sandbox_demo.days + 1)
    return {"from": first.isoformat(), "to": last.isoformat()}


def _figures(response) -> tuple:
    overview = response.context["overview"]
    return overview.calls, overview.inbound, overview.missed, overview.cost, overview.top_users()


def test_it_keeps_days_that_are_over_and_checks_them_with_one_count(
    supervisor_client, sandbox_demo, sandbox_faults, past_range
):
    first = supervisor_client.get("/", past_range)
    assert first.status_code == 200
    assert first.context["overview"].complete
    assert first.context["overview"].calls > 0
    days = OverviewDay.objects.filter(scope="admin")
    assert days.count() == 5
    assert sum(day.calls for day in days) == first.context["overview"].calls

    cache.clear()  # a later visit: nothing left in the cache
    sandbox_faults.clear_counters()
    again = supervisor_client.get("/", past_range)
    assert _figures(again) == _figures(first)
    # One count of the whole range, not a walk through its calls.
    assert sandbox_faults.counters() == {"GET /cdrs": 1}


def test_it_reads_only_today_and_unseen_days(
    supervisor_client, sandbox_demo, sandbox_faults, past_range
):
    supervisor_client.get("/", past_range)
    today = sandbox_demo.now.date()
    sandbox_faults.clear_counters()
    cache.clear()
    wider = supervisor_client.get("/", {"from": past_range["from"], "to": today.isoformat()})
    assert wider.context["overview"].complete
    # Today, and the count of the stored days.
    assert sandbox_faults.counters() == {"GET /cdrs": 2}
    assert not OverviewDay.objects.filter(day=today).exists()


def test_it_reads_the_days_again_when_calls_changed_elsewhere(
    supervisor_client, sandbox_demo, past_range
):
    from sandbox.models import Cdr

    before = supervisor_client.get("/", past_range).context["overview"].calls
    Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id).order_by("id").first().delete()
    cache.clear()
    noticed = supervisor_client.get("/", {**past_range, "step": "1"})
    # The mismatch drops the stored days; the page reads them again and says so.
    while not noticed.context["overview"].complete:
        noticed = supervisor_client.get("/", {**past_range, "step": "1"})
    cache.clear()
    after = supervisor_client.get("/", past_range).context["overview"]
    assert after.calls == before - 1


def test_deleting_every_call_record_drops_the_stored_days(supervisor_client, past_range):
    supervisor_client.get("/", past_range)
    assert OverviewDay.objects.exists()
    # Through the confirmation, which names the number of records that go.
    delete_every(supervisor_client, "cdrs")
    assert not OverviewDay.objects.exists()
    assert supervisor_client.get("/", past_range).context["overview"].calls == 0


def test_an_agent_never_sees_the_days_summed_for_admins(
    client, supervisor_client, sandbox_demo, past_range
):
    everyone = supervisor_client.get("/", past_range).context["overview"].calls
    supervisor_client.logout()
    sign_in(client, sandbox_demo.agent)
    own = client.get("/", past_range).context["overview"]
    assert 0 < own.calls < everyone
    assert OverviewDay.objects.filter(scope="own").exists()


def test_a_year_renders_step_by_step_with_progress(
    supervisor_client, sandbox_demo, settings, past_range
):
    settings.DASHBOARD_OVERVIEW_DAYS_PER_REQUEST = 50
    last = sandbox_demo.now.date()
    year = {"from": (last - timedelta(days=365)).isoformat(), "to": last.isoformat()}
    shell = supervisor_client.get("/", year)
    assert shell.status_code == 200
    overview = shell.context["overview"]
    assert not overview.complete
    body = shell.content.decode()
    assert f"of {overview.days} days summed" in body
    assert 'hx-trigger="load"' in body
    steps = 0
    while not overview.complete:
        step = supervisor_client.get(
            "/", {**year, "step": "1"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="overview-results"
        )
        assert step.status_code == 200
        assert b"<html" not in step.content
        overview = step.context["overview"]
        steps += 1
    assert steps == 8
    assert 'hx-trigger="load"' not in step.content.decode()
    past = supervisor_client.get("/", past_range).context["overview"].calls
    today = supervisor_client.get("/", {"from": last, "to": last}).context["overview"].calls
    assert overview.calls == past + today
    assert b"Calls per week" in step.content


def test_two_supervisors_opening_the_same_range_at_once_read_each_day_once(
    live_server, sandbox_demo, sandbox_faults, sandbox_url, past_range
):
    from concurrent.futures import ThreadPoolExecutor

    import requests

    signed_in = sign_in_http(live_server.url, sandbox_demo.supervisor).session
    # Two windows: the summing of a customer's days is shared by its admins, not per login.
    sessions = [requests.Session(), requests.Session()]
    for session in sessions:
        session.cookies.update(signed_in.cookies)
    sandbox_faults.latency(0.3, path=r"^/cdrs$")
    sandbox_faults.clear_counters()
    url = f"{live_server.url}/?from={past_range['from']}&to={past_range['to']}"
    with ThreadPoolExecutor(2) as pool:
        pages = list(pool.map(lambda s: s.get(url), sessions))
    assert [page.status_code for page in pages] == [200, 200]
    assert all(page.url == url and "days summed" not in page.text for page in pages)
    # Five days, each read once for both.
    assert sandbox_faults.count(r"^/cdrs$") == 5
