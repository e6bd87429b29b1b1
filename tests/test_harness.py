import pytest


def test_healthz_answers_without_the_upstream(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.browser
def test_chromium_loads_a_page_from_the_live_server(live_server, page):
    page.goto(f"{live_server.url}/healthz")
    assert '"status": "ok"' in page.content()
