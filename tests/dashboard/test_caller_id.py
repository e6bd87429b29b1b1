"""Caller ids as phones present them, split into the name and the number shown."""

import pytest

from dashboard.templatetags.dashboard import caller_id_name, caller_id_number


@pytest.mark.parametrize(
    "caller_id, name, number",
    [
        ('"Fatima Zahra" <44200517473>', "Fatima Zahra", "44200517473"),
        ("Bob <123>", "Bob", "123"),
        ('"Quote "Marks" O\'Brien" <49>', 'Quote "Marks" O\'Brien', "49"),
        ("<1006>", "", "1006"),
        ("12345", "", "12345"),
        ("", "", ""),
        (None, "", ""),
    ],
)
def test_it_splits_a_caller_id(caller_id, name, number):
    assert caller_id_name(caller_id) == name
    assert caller_id_number(caller_id) == number


def test_it_says_when_a_search_matches_nothing(supervisor_client, demo_range):
    response = supervisor_client.get("/calls/", {**demo_range, "number": "999999999999"})
    assert response.status_code == 200
    assert response.context["summary"].total == 0
    assert "Nothing matches." in response.content.decode()


def test_it_shows_the_caller_id_only_when_it_presents_another_number(supervisor_client, demo_range):
    response = supervisor_client.get("/calls/", {**demo_range, "per_page": 250})
    items = response.context["page"].items
    presenting = [cdr for cdr in items if cdr.clid]
    other = [cdr for cdr in presenting if caller_id_number(cdr.clid) != cdr.src]
    assert len(other) < len(presenting)
    assert response.content.decode().count("Presented as") == len(other)
