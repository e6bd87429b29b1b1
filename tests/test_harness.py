import pytest


def test_healthz_answers_without_the_upstream(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.browser
def test_chromium_loads_a_page_from_the_live_server(live_server, page):
    page.goto(f"{live_server.url}/healthz")
    assert '"status": "ok"' in page.content()


def test_it_says_not_found_in_the_sites_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Not found</h1>" in body
    assert 'href="/"' in body
