"""Amounts as each currency writes them, in the reader's locale (their browser's language)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory


def shown(amount, accept_language: str | None = None, currency: str = "USD", settings=None) -> str:
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    request = RequestFactory().get("/", **headers)
    template = Template("{% load dashboard %}{% money amount %}")
    return template.render(Context({"request": request, "amount": amount}))


@pytest.mark.parametrize(
    "amount, expected",
    [
        (14.362, "US$14.362"),
        (0.024, "US$0.024"),
        (0.02, "US$0.02"),
        (0.49000000001, "US$0.49"),
        (1234.5, "US$1,234.50"),
        (0, "US$0.00"),
        (None, ""),
        ("", ""),
        ("n/a", "n/a"),
    ],
)
def test_it_writes_an_amount_with_the_currencys_digits_and_no_padding(amount, expected):
    # No Accept-Language: the site's language (LANGUAGE_CODE en-gb).
    assert shown(amount) == expected


@pytest.mark.parametrize(
    "accept_language, expected",
    [
        ("en-US,en;q=0.8", "$1,234.50"),
        ("de-DE,de;q=0.9", "1.234,50\xa0$"),
        ("fr;q=0.5, xx-YY", "1\u202f234,50\xa0$US"),
        ("not a language!!", "US$1,234.50"),
        ("x" * 5000, "US$1,234.50"),
    ],
)
def test_it_uses_the_readers_locale_where_known(accept_language, expected):
    assert shown(1234.5, accept_language) == expected


def test_it_writes_the_configured_currency(settings):
    settings.DASHBOARD_CURRENCY = "EUR"
    assert shown(0.024, "de-DE") == "0,024\xa0€"
    settings.DASHBOARD_CURRENCY = "JPY"
    assert shown(1500, "ja") == "￥1,500"
