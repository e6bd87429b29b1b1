"""One row per call beyond the list: the overview counts calls as the grouped list does, and
says so; the list opens grouped for a user who asked for it."""

import re
from datetime import date, datetime

import pytest
from django.test import Client

from dashboard.models import ListPreference
from dashboard.services.overview import Overview
from history.api.records import Cdr as CdrRecord
from sandbox.models import Cdr
from tests.sign_in import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_later_leg_adds_its_cost_to_the_call_and_nothing_else():
    overview = Overview(first_day=date(2026, 7, 1), last_day=date(2026, 7, 1))
    when = datetime(2026, 7, 1, 9).astimezone()
    overview.add(CdrRecord(id=1, type="I", calldate=when, is_root=True, charge=0.1), when.tzinfo)
    overview.add(CdrRecord(id=2, type="O", calldate=when, is_root=False, charge=0.2), when.tzinfo)
    assert (overview.calls, overview.legs, overview.inbound, overview.outbound) == (1, 2, 1, 0)
    assert round(overview.cost, 4) == 0.3


def test_the_overview_counts_calls_like_the_grouped_list_and_says_so(
    supervisor_client, sandbox_demo, demo_range
):
    response = supervisor_client.get("/", demo_range)
    figures = response.context["overview"]
    mine = Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id)
    assert figures.legs == mine.count()
    assert figures.calls == mine.filter(is_root=True).count() < figures.legs
    body = response.content.decode()
    assert f"{figures.calls:,} calls made of {figures.legs:,} call records" in body
    grouped = supervisor_client.get("/calls/", {**demo_range, "group": "on"})
    assert grouped.context["summary"].total == figures.calls
    assert '&amp;group=on">See these calls</a>' in body


def test_the_call_list_opens_grouped_for_a_user_who_asked(supervisor_client, sandbox_demo):
    assert supervisor_client.get("/calls/").status_code == 200
    supervisor_client.post(
        "/calls/columns/", {"list_name": "calls", "group_calls": "on", "next": "/calls/"}
    )
    assert ListPreference.objects.get().group_calls
    opened = supervisor_client.get("/calls/")
    assert opened.status_code == 302 and opened["Location"] == "/calls/?group=on"
    page = supervisor_client.get(opened["Location"]).content.decode()
    assert re.search(r'name="group_calls"[^>]*checked', page)
    assert re.search(r'name="group"[^>]*checked', page)
    # Only theirs: another user's list still opens with every leg.
    other = Client()
    sign_in(other, sandbox_demo.other_admin)
    assert other.get("/calls/").status_code == 200
    # And only the bare list: a query says what to show.
    assert supervisor_client.get("/calls/", {"type": "I"}).status_code == 200
