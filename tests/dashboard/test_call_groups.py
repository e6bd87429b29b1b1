"""One row per call: legs grouped under the call's first leg, paged and counted by call."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from django.conf import settings

from dashboard.search import CallSearch
from dashboard.services.call_groups import call_group_list
from history.api.meter import metered
from sandbox.models import Cdr
from tests.demo_fixtures import DEMO_FIXTURE_DAYS
from tests.sign_in import sign_in_upstream

pytestmark = pytest.mark.django_db(transaction=True)


def _search(sandbox_demo, **changes) -> CallSearch:
    from zoneinfo import ZoneInfo

    last = sandbox_demo.now.date() + timedelta(days=1)
    first = last - timedelta(days=DEMO_FIXTURE_DAYS + 2)
    return CallSearch(first_day=first, last_day=last, zone=ZoneInfo("UTC"), **changes)


def _every_group(credentials, search: CallSearch, **options):
    groups, page_number, totals = [], 1, set()
    while True:
        fetched = call_group_list(
            credentials=credentials, search=replace(search, page=page_number), **options
        )
        page = fetched.value.page
        totals.add(page.total)
        groups.extend(page.items)
        if not page.has_next:
            return groups, totals
        page_number += 1


def _legs_by_call(**filters) -> dict[int, set[int]]:
    calls: dict[int, set[int]] = {}
    for cdr_id, root in Cdr.objects.filter(**filters).values_list("id", "root_live_id"):
        calls.setdefault(root, set()).add(cdr_id)
    return calls


def test_it_pages_and_counts_calls_not_legs(sandbox_url, sandbox_demo):
    credentials = sign_in_upstream(sandbox_demo.supervisor)
    groups, totals = _every_group(credentials, _search(sandbox_demo, per_page=25))
    expected = _legs_by_call(customer_id=sandbox_demo.main_customer_id)
    assert totals == {len(expected)} and len(groups) == len(expected)
    assert len(expected) < Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id).count()
    got = {group.root.root_live_id: {leg.id for leg in group.all_legs} for group in groups}
    assert got == expected
    assert all(group.root.is_root and group.complete for group in groups)
    queue = next(g for g in groups if g.root.id == sandbox_demo.records.multi_leg_root_cdr)
    assert queue.leg_count >= 2
    assert queue.billsec == sum(leg.billsec for leg in queue.all_legs)
    assert queue.duration >= max(leg.duration for leg in queue.all_legs)


def test_both_ways_of_reading_legs_give_the_same_calls(sandbox_url, sandbox_demo):
    credentials = sign_in_upstream(sandbox_demo.supervisor)
    search = _search(sandbox_demo, per_page=50, sort="duration")
    in_range = call_group_list(credentials=credentials, search=search).value.page.items
    with metered(budget=None) as meter:
        per_call = call_group_list(credentials=credentials, search=search, range_limit=1)
    per_call = per_call.value.page.items
    assert [g.root.id for g in in_range] == [g.root.id for g in per_call]
    assert [[leg.id for leg in g.legs] for g in in_range] == [
        [leg.id for leg in g.legs] for g in per_call
    ]
    assert any(g.legs for g in per_call)
    # The roots came from the cache: one range read that was too big, then one read per call.
    multi = sum(1 for g in per_call if g.root.nb_children)
    assert meter.calls == 1 + multi <= settings.HISTORY_REQUEST_BUDGET


def test_a_page_of_calls_costs_a_few_upstream_calls(sandbox_url, sandbox_demo):
    credentials = sign_in_upstream(sandbox_demo.supervisor)
    with metered(budget=None) as meter:
        page = call_group_list(credentials=credentials, search=_search(sandbox_demo)).value.page
    assert any(group.legs for group in page.items)
    # The calls with the labels of their codes, their later legs in one range, and the
    # recordings of each.
    assert meter.calls <= 5


def test_an_agent_sees_only_their_own_legs(sandbox_url, sandbox_demo):
    credentials = sign_in_upstream(sandbox_demo.agent)
    groups, _ = _every_group(credentials, _search(sandbox_demo, per_page=100))
    assert groups
    legs = [leg for group in groups for leg in group.all_legs]
    assert {leg.user_id for leg in legs} == {sandbox_demo.agent.user_id}
    roots = Cdr.objects.filter(user_id=sandbox_demo.agent.user_id, is_root=True)
    assert {g.root.id for g in groups} == set(roots.values_list("id", flat=True))


def test_another_customer_sees_none_of_these_calls(sandbox_url, sandbox_demo):
    credentials = sign_in_upstream(sandbox_demo.other_admin)
    groups, _ = _every_group(credentials, _search(sandbox_demo, per_page=250))
    main = set(
        Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id).values_list("id", flat=True)
    )
    assert groups
    assert not {leg.id for group in groups for leg in group.all_legs} & main


def test_filters_match_the_first_leg_of_a_call(sandbox_url, sandbox_demo):
    credentials = sign_in_upstream(sandbox_demo.supervisor)
    search = _search(sandbox_demo, types=("M",), per_page=250)
    groups, _ = _every_group(credentials, search)
    assert all(group.root.type == "M" for group in groups)


def test_the_calls_list_shows_one_row_per_call_with_its_legs_inside(
    supervisor_client, sandbox_demo, demo_range
):
    response = supervisor_client.get("/calls/", {**demo_range, "group": "1", "per_page": 250})
    assert response.status_code == 200
    calls = _legs_by_call(customer_id=sandbox_demo.main_customer_id)
    assert response.context["summary"].total == len(calls)
    body = response.content.decode()
    root = Cdr.objects.get(id=sandbox_demo.records.multi_leg_root_cdr)
    legs = calls[root.root_live_id]
    assert f"<summary>{len(legs)} legs</summary>" in body
    for leg_id in legs:
        assert f'href="/calls/{leg_id}/"' in body
    # Only first legs are rows to select.
    selectable = {int(i) for i in re.findall(r'name="ids" value="(\d+)"', body)}
    assert selectable == set(
        Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id, is_root=True).values_list(
            "id", flat=True
        )
    )
    assert f"every leg of the {len(calls):,} calls" in body


def test_the_calls_list_still_shows_every_leg_by_default(
    supervisor_client, sandbox_demo, demo_range
):
    response = supervisor_client.get("/calls/", {**demo_range, "per_page": 250})
    legs = Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id).count()
    assert response.context["summary"].total == legs
    assert "<summary>" not in response.content.decode().split("<tbody>")[1]
