"""Saved views: a list's query under a name, in the navigation, shared by its address (opened
with the opener's own rights), the default of a list; and the call table's columns."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from dashboard.models import AuditEntry, SavedView
from dashboard.services.saved_views import CALL_COLUMNS
from sandbox.models import Cdr
from tests.sign_in import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _save(client, *, name: str, query: str, list_name: str = "calls", default: bool = False):
    data = {"name": name, "list_name": list_name, "query": query}
    if default:
        data["default"] = "on"
    return client.post("/views/save/", data)


def _listed_ids(response) -> set[int]:
    return {int(i) for i in re.findall(r'name="ids" value="(\d+)"', response.content.decode())}


def _ticked_columns(body: str) -> set[str]:
    """The columns whose boxes are ticked in the columns form (the stylesheet hides the rest)."""
    boxes = re.findall(r'<input type="checkbox" name="columns" value="(\w+)"([^>]*)>', body)
    assert boxes, "no columns form"
    return {value for value, rest in boxes if "checked" in rest}


def _query(demo_range, **more) -> str:
    return "&".join(f"{key}={value}" for key, value in {**demo_range, **more}.items())


def test_it_saves_the_list_as_a_view_and_lists_it_in_the_navigation(supervisor_client, demo_range):
    response = _save(supervisor_client, name="Missed this week", query=_query(demo_range, type="M"))
    view = SavedView.objects.get(name="Missed this week")
    assert response.status_code == 302
    # The view opens the list with its query, and the columns shown when it was saved.
    target = urlsplit(response["Location"])
    params = parse_qs(target.query)
    assert target.path == "/calls/"
    assert params["type"] == ["M"] and params["from"] == [demo_range["from"]]
    assert params["view"] == [view.token]
    assert params["columns"] == [",".join(CALL_COLUMNS)]
    page = supervisor_client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Saved view: <strong>Missed this week</strong>" in body
    # On the views page, with what it shows.
    assert "type M" in supervisor_client.get("/views/").content.decode()
    # In the navigation of every page, with its address.
    overview = supervisor_client.get("/").content.decode()
    assert f'href="/calls/?{view.query.replace("&", "&amp;")}&amp;view={view.token}"' in overview
    assert ">Missed this week</a>" in overview
    # Saving the same name again updates the view rather than adding one.
    _save(supervisor_client, name="Missed this week", query=_query(demo_range, type="I"))
    assert SavedView.objects.get(name="Missed this week").query.count("type=I") == 1
    assert SavedView.objects.count() == 1


def test_a_shared_view_opens_with_the_openers_own_rights(
    supervisor_client, sandbox_demo, demo_range
):
    _save(supervisor_client, name="Everything", query=_query(demo_range, per_page=250))
    view = SavedView.objects.get()
    mine = _listed_ids(supervisor_client.get(f"/views/{view.token}/", follow=True))
    assert mine and sandbox_demo.records.other_customer_cdr not in mine

    other_admin = Client()
    sign_in(other_admin, sandbox_demo.other_admin)
    opened = other_admin.get(f"/views/{view.token}/", follow=True)
    assert opened.status_code == 200
    theirs = _listed_ids(opened)
    assert theirs and not theirs & mine
    other_customer = set(
        Cdr.objects.filter(customer_id=sandbox_demo.other_admin.customer_id).values_list(
            "id", flat=True
        )
    )
    assert theirs <= other_customer
    # Shared, not handed over: the opener cannot change or delete it.
    assert other_admin.post(f"/views/{view.id}/delete/").status_code == 404
    assert other_admin.post(f"/views/{view.id}/default/", {"default": "on"}).status_code == 404
    assert SavedView.objects.filter(id=view.id, is_default=False).exists()

    agent = Client()
    sign_in(agent, sandbox_demo.agent)
    own = _listed_ids(agent.get(f"/views/{view.token}/", follow=True))
    assert own and own < mine


def test_a_default_view_opens_the_bare_list_and_a_link_leaves_it(supervisor_client, demo_range):
    _save(supervisor_client, name="Inbound", query=_query(demo_range, type="I"), default=True)
    view = SavedView.objects.get()
    bare = supervisor_client.get("/calls/")
    assert bare.status_code == 302
    assert parse_qs(urlsplit(bare["Location"]).query)["view"] == [view.token]
    shown = supervisor_client.get(bare["Location"]).content.decode()
    assert 'href="/calls/?default=0">Show calls without it</a>' in shown
    # The way out: the list as it is without a default.
    reset = supervisor_client.get("/calls/?default=0")
    assert reset.status_code == 200 and "Saved view:" not in reset.content.decode()
    # Other lists are not touched; a list with a query keeps its query.
    assert supervisor_client.get("/recordings/").status_code == 200
    assert supervisor_client.get("/calls/", {"type": "O"}).status_code == 200
    # A second default of the same list takes over from the first.
    _save(supervisor_client, name="Outbound", query=_query(demo_range, type="O"), default=True)
    assert list(SavedView.objects.filter(is_default=True).values_list("name", flat=True)) == [
        "Outbound"
    ]
    # And a default can be given up from the views page.
    outbound = SavedView.objects.get(name="Outbound")
    supervisor_client.post(f"/views/{outbound.id}/default/", {})
    assert supervisor_client.get("/calls/").status_code == 200


def test_columns_are_remembered_per_user_and_hidden(supervisor_client, sandbox_demo, demo_range):
    response = supervisor_client.post(
        "/calls/columns/",
        {
            "list_name": "calls",
            "columns": ["from", "to", "outcome"],
            "next": f"/calls/?{_query(demo_range)}&columns=cost",
        },
    )
    assert response.status_code == 302
    # Back to the list, without the address's own columns, which would hide the choice.
    assert "columns" not in parse_qs(urlsplit(response["Location"]).query)
    body = supervisor_client.get(response["Location"]).content.decode()
    assert _ticked_columns(body) == {"from", "to", "outcome"}
    assert re.search(r'value="cost"[^>]*>', body) and not re.search(
        r'value="cost"[^>]*checked', body
    )
    # Another user keeps every column.
    other = Client()
    sign_in(other, sandbox_demo.agent)
    assert _ticked_columns(other.get("/calls/", demo_range).content.decode()) == set(CALL_COLUMNS)
    # A view saved now carries the columns, and its address shows them to whoever opens it.
    _save(supervisor_client, name="Short", query=_query(demo_range))
    view = SavedView.objects.get()
    assert "columns=from%2Cto%2Coutcome" in view.query
    shared = other.get(f"/views/{view.token}/", follow=True).content.decode()
    assert _ticked_columns(shared) == {"from", "to", "outcome"}


def test_the_hidden_places_are_the_columns_of_the_table(supervisor_client, demo_range):
    body = supervisor_client.get("/calls/", demo_range).content.decode()
    head = body.split("<thead>")[1].split("</thead>")[0]
    cells = re.findall(r"<th\b.*?</th>", head, flags=re.S)
    for label, place in CALL_COLUMNS.values():
        assert label in cells[place - 1], (label, place)
    # And the stylesheet hides each column by that same place.
    css = (settings.BASE_DIR / "static/css/saved_views.css").read_text()
    rules = dict(
        re.findall(
            r'input\[value="(\w+)"\]:not\(:checked\)\) #call-table tr > :nth-child\((\d+)\)', css
        )
    )
    assert {key: int(place) for key, place in rules.items()} == {
        key: place for key, (_, place) in CALL_COLUMNS.items()
    }


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "query": "type=M"},
        {"name": "   \u200b\x07 ", "query": "type=M"},
        {"name": "x" * 81, "query": "type=M"},
        {"name": "Bad key", "query": "%3Cscript%3E=1"},
        {"name": "Long", "query": "number=" + "1" * 201},
        {"name": "Too long", "query": "a=" + "b" * 2001},
        {"name": "Many", "query": "&".join(f"k{'x' * n}=1" for n in range(41))},
        {"name": "No list", "query": "type=M", "list_name": "audit"},
        {"name": "No list", "query": "type=M", "list_name": ""},
    ],
)
def test_it_refuses_bad_views_with_a_message(supervisor_client, data):
    response = supervisor_client.post("/views/save/", {"list_name": "calls", **data})
    assert response.status_code == 400
    assert "Not saved" in response.content.decode()
    assert not SavedView.objects.exists()


def test_hostile_names_and_queries_stay_text(supervisor_client, demo_range):
    name = '<script>alert(1)</script>" onmouseover="x'
    query = _query(demo_range) + "&number=%22%3E%3Csvg%20onload%3Dalert(1)%3E&page=9&view=x"
    assert _save(supervisor_client, name=name, query=query).status_code == 302
    view = SavedView.objects.get()
    # The page and the markers of how a list was reached are no part of a view.
    assert "page=" not in view.query and "view=" not in view.query
    for path in ("/", "/views/"):
        body = supervisor_client.get(path).content.decode()
        assert "<script>alert(1)" not in body and "<svg onload" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    # The list's own form judges the values, as for any typed-in address.
    opened = supervisor_client.get(f"/views/{view.token}/", follow=True)
    assert opened.status_code in (200, 400)
    assert "<svg onload" not in opened.content.decode()


def test_views_are_changed_by_post_with_csrf_only(sandbox_demo, supervisor_client, demo_range):
    _save(supervisor_client, name="Mine", query=_query(demo_range))
    view = SavedView.objects.get()
    assert supervisor_client.get("/views/save/").status_code == 405
    assert supervisor_client.get(f"/views/{view.id}/default/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    sign_in_strict = strict.get("/accounts/login/")
    token = sign_in_strict.cookies["csrftoken"].value
    strict.post(
        "/accounts/login/",
        {
            "email": sandbox_demo.supervisor.email,
            "password": sandbox_demo.supervisor.password,
            "csrfmiddlewaretoken": token,
        },
    )
    assert strict.post(f"/views/{view.id}/delete/").status_code == 403
    assert strict.post("/views/save/", {"name": "x", "list_name": "calls"}).status_code == 403
    assert SavedView.objects.count() == 1
    assert supervisor_client.get("/views/no-such-view/").status_code == 404
    assert supervisor_client.get("/views/999999/delete/").status_code == 404


def test_deleting_a_view_asks_first_and_is_audited(supervisor_client, sandbox_demo, demo_range):
    _save(supervisor_client, name="Old view", query=_query(demo_range, type="M"))
    view = SavedView.objects.get()
    confirm = supervisor_client.get(f"/views/{view.id}/delete/")
    assert confirm.status_code == 200
    assert "Delete the view “Old view”?" in confirm.content.decode()
    assert SavedView.objects.exists()
    done = supervisor_client.post(f"/views/{view.id}/delete/")
    assert done.status_code == 302 and not SavedView.objects.exists()
    entry = AuditEntry.objects.get(action="saved_view_delete")
    assert entry.records[0]["name"] == "Old view" and entry.outcome == "ok"
    assert entry.customer_id == sandbox_demo.supervisor.customer_id
    # The shared address is gone with it.
    assert supervisor_client.get(f"/views/{view.token}/").status_code == 404


def test_a_quick_range_is_saved_by_name_and_means_the_openers_today(supervisor_client, settings):
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    day = timezone.localdate(timezone=ZoneInfo(settings.DASHBOARD_DEFAULT_TIME_ZONE))
    today = day.isoformat()
    _save(supervisor_client, name="Missed today", query=f"from={today}&to={today}&type=M")
    view = SavedView.objects.get()
    assert "range=today" in view.query and "from=" not in view.query
    # The name is read when the view is opened, as of that day (here: "yesterday").
    view.query = view.query.replace("range=today", "range=yesterday")
    view.save()
    opened = parse_qs(urlsplit(supervisor_client.get(f"/views/{view.token}/")["Location"]).query)
    yesterday = (day - timedelta(days=1)).isoformat()
    assert opened["from"] == [yesterday] and opened["to"] == [yesterday]
    assert "range" not in opened


def test_a_list_page_reads_the_users_preferences_once(supervisor_client, demo_range):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert supervisor_client.get("/calls/", demo_range).status_code == 200
    preference_reads = [q for q in queries if "dashboard_listpreference" in q["sql"]]
    assert len(preference_reads) == 1


@pytest.mark.parametrize("path", ["/recordings/", "/voicemail/", "/chats/", "/media-sessions/"])
def test_every_list_saves_views_and_opens_with_its_default(supervisor_client, demo_range, path):
    list_name = {"/media-sessions/": "media_sessions"}.get(path, path.strip("/"))
    page = supervisor_client.get(path, demo_range).content.decode()
    assert f'name="list_name" value="{list_name}"' in page and "Save this view…" in page
    # Only the call lists have the columns form and refresh on their own.
    assert "Columns…" not in page and "data-live-target" not in page
    _save(
        supervisor_client, name="Mine", query=_query(demo_range), list_name=list_name, default=True
    )
    opened = supervisor_client.get(path)
    assert opened.status_code == 302 and opened["Location"].startswith(f"{path}?")
    assert supervisor_client.get(opened["Location"]).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"list_name": "audit", "columns": ["cost"]},
        {"list_name": "calls", "columns": ["<script>"]},
        {"list_name": "calls", "columns": ["cost"] * 5000},
    ],
)
def test_the_columns_form_refuses_what_it_does_not_offer(supervisor_client, data):
    response = supervisor_client.post("/calls/columns/", data)
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_the_columns_form_goes_back_to_the_list_only(supervisor_client):
    for next_url in ("https://evil.example/calls/", "//evil.example/calls/", "/audit/"):
        response = supervisor_client.post(
            "/calls/columns/", {"list_name": "calls", "columns": ["cost"], "next": next_url}
        )
        assert response.status_code == 302 and response["Location"] == "/calls/"
