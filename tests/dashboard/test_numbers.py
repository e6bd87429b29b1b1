"""Numbers for people: shown as the reader's region writes them, searched in any form, and
each one a link to everything with that number (caller history)."""

import re

import pytest
from django.test import Client

from dashboard.phone_numbers import number_display, number_stored_form
from sandbox.models import Cdr, Monitor
from tests.sign_in import sign_in

CALL_LINK = re.compile(r'href="/calls/(\d+)/"')


def test_it_writes_numbers_of_the_region_in_national_form():
    assert number_display("442038467190", "GB") == "020 3846 7190"
    assert number_display("442038467190", "FR") == "+44 20 3846 7190"
    assert number_display("33123456789", "GB") == "+33 1 23 45 67 89"


def test_it_leaves_extensions_and_non_numbers_as_they_are():
    for value in ("201", "700", "*97", "anonymous", "", "4420384671901234", "Queue12"):
        assert number_display(value, "GB") == value


def test_it_reads_a_number_typed_in_any_form_as_the_upstream_stores_it():
    for typed in ("+44 20 3846 719", "0203846719", "44203846719", "0044 (20) 3846-719"):
        assert number_stored_form(typed, "GB") == "44203846719"
    assert number_stored_form("201", "GB") == "201"
    assert number_stored_form("2038", "GB") == "2038"


def _call_ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    return {int(found) for found in CALL_LINK.findall(response.content.decode())}


def test_the_calls_search_finds_the_same_calls_for_every_form_of_a_number(
    supervisor_client, sandbox_demo, demo_range
):
    cdr = Cdr.objects.filter(
        customer_id=sandbox_demo.main_customer_id, src__regex=r"^4420[0-9]{8}$"
    ).first()
    assert cdr is not None
    national = cdr.src[2:-1]  # "20xxxxxxx": the example leaves off the last digit too
    forms = (
        f"+44 {national[:2]} {national[2:6]} {national[6:]}",
        f"0{national}",
        f"44{national}",
    )
    found = [
        _call_ids(supervisor_client.get("/calls/", {**demo_range, "number": typed}))
        for typed in forms
    ]
    assert cdr.id in found[0]
    assert found[0] == found[1] == found[2]


def test_the_calls_list_shows_numbers_for_the_reader_and_links_them(
    supervisor_client, sandbox_demo, demo_range
):
    cdr = Cdr.objects.get(id=sandbox_demo.records.cdr_with_recording)
    body = supervisor_client.get(f"/calls/{cdr.id}/").content.decode()
    shown = number_display(cdr.src, "GB")
    assert f'href="/numbers/{cdr.src}/">{shown}</a>' in body


def _history(client, number: str) -> str:
    response = client.get(f"/numbers/{number}/")
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def test_caller_history_shows_calls_and_recordings_of_the_number_newest_first(
    supervisor_client, sandbox_demo
):
    monitor = Monitor.objects.get(id=sandbox_demo.records.monitor)
    number = monitor.caller
    body = _history(supervisor_client, number)
    assert f'id="recording-{monitor.id}"' in body
    expected = set(
        Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id, src=number).values_list(
            "id", flat=True
        )
    ) | set(
        Cdr.objects.filter(customer_id=sandbox_demo.main_customer_id, dst=number).values_list(
            "id", flat=True
        )
    )
    assert expected and {f"call-{i}" for i in expected} <= set(re.findall(r'id="(call-\d+)"', body))
    times = re.findall(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)</a></td>", body)
    assert times == sorted(times, reverse=True)


def test_caller_history_shows_an_agent_only_their_own_records(client, sandbox_url, sandbox_demo):
    other = Cdr.objects.get(id=sandbox_demo.records.not_agents_cdr)
    number = other.src if len(other.src) > 6 else other.dst
    supervisor = Client()
    sign_in(supervisor, sandbox_demo.supervisor)
    assert f'id="call-{other.id}"' in _history(supervisor, number)
    sign_in(client, sandbox_demo.agent)
    agent_view = _history(client, number)
    assert f'id="call-{other.id}"' not in agent_view
    owners = set(
        Cdr.objects.filter(
            id__in=[int(i) for i in re.findall(r'id="call-(\d+)"', agent_view)]
        ).values_list("user_id", flat=True)
    )
    assert owners <= {sandbox_demo.agent.user_id}


def test_caller_history_shows_another_customer_nothing(client, sandbox_url, sandbox_demo):
    cdr = Cdr.objects.get(id=sandbox_demo.records.cdr_with_recording)
    sign_in(client, sandbox_demo.other_admin)
    body = _history(client, cdr.src)
    assert f'id="call-{cdr.id}"' not in body
    assert not re.search(r'id="(call|recording|voicemail)-\d+"', body)


@pytest.mark.parametrize(
    "path",
    [
        "/numbers/abc/",
        "/numbers/%00/",
        "/numbers/1/",
        "/numbers/" + "9" * 41 + "/",
        "/numbers/%27%20OR%201=1/",
        "/numbers/..%2F..%2Fetc/",
    ],
)
def test_caller_history_answers_hostile_numbers_with_404(supervisor_client, path):
    assert supervisor_client.get(path).status_code == 404


def test_caller_history_has_one_address_per_number(supervisor_client):
    response = supervisor_client.get("/numbers/+442038467190/")
    assert response.status_code == 301
    assert response["Location"] == "/numbers/442038467190/"


@pytest.mark.django_db(transaction=True)
def test_caller_history_reads_each_kind_once_side_by_side(sandbox_url, sandbox_demo):
    from dashboard.services.numbers import number_history
    from history.api.meter import metered
    from history.services import user_login

    account = sandbox_demo.supervisor
    credentials = user_login(email=account.email, password=account.password).credentials
    monitor = Monitor.objects.get(id=sandbox_demo.records.monitor)
    with metered(budget=None) as meter:
        history = number_history(credentials=credentials, number=monitor.caller).value
    # Calls by caller and callee, recordings by caller and called, voicemail by caller.
    assert meter.calls == 5
    assert {event.kind for event in history.events} >= {"call", "recording"}
    assert history.totals["call"] >= 1


def test_a_user_in_another_countrys_time_zone_reads_and_types_numbers_as_it_does(
    supervisor_client, sandbox_demo, demo_range
):
    from dashboard.models import Profile

    cdr = Cdr.objects.filter(
        customer_id=sandbox_demo.main_customer_id, src__regex=r"^4420[0-9]{8}$"
    ).first()
    at_home = supervisor_client.get(f"/calls/{cdr.id}/").content.decode()
    assert number_display(cdr.src, "GB") in at_home
    Profile.objects.filter(upstream_user_id=sandbox_demo.supervisor.user_id).update(
        time_zone="Europe/Paris"
    )
    abroad = supervisor_client.get(f"/calls/{cdr.id}/").content.decode()
    assert f">{number_display(cdr.src, 'FR')}</a>" in abroad
    assert number_display(cdr.src, "FR").startswith("+44 20 ")
    # In France "0" is France's trunk prefix: a London number is typed with +44 or 0044.
    national = cdr.src[2:]
    typed = {
        form: _call_ids(supervisor_client.get("/calls/", {**demo_range, "number": form}))
        for form in (f"+44 {national}", f"0044{national}", f"0{national}")
    }
    assert cdr.id in typed[f"+44 {national}"] and cdr.id in typed[f"0044{national}"]
    assert cdr.id not in typed[f"0{national}"]
