"""Template helpers for the dashboard's pages: navigation and readable call values."""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from django import template
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from dashboard.navigation import nav_for
from dashboard.phone_numbers import number_display, number_history_key, reader_region
from dashboard.services.profiles import user_is_admin

register = template.Library()

# Reversed in place of a record id, then cut out: no real path holds this number.
_ID_MARKER = 987_654_321_987

# A caller id as phones present it: `"Name" <number>`, `Name <number>`, or a bare number.
_CALLER_ID = re.compile(r'^\s*(?:"(?P<quoted>.*)"|(?P<bare>[^<]*?))\s*<(?P<number>[^<>]*)>\s*$')


@register.inclusion_tag("includes/nav.html", takes_context=True)
def main_nav(context) -> dict:
    request = context["request"]
    return {"items": nav_for(path=request.path, is_admin=user_is_admin(user=request.user))}


@register.filter
def duration(seconds) -> str:
    """Seconds as m:ss (or h:mm:ss past an hour); blank for a missing value."""
    if seconds in (None, ""):
        return ""
    try:
        total = int(seconds)
    except (TypeError, ValueError):
        return str(seconds)
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    sign = "-" if total < 0 else ""
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


@register.simple_tag(takes_context=True)
def money(context, amount) -> str:
    """An amount in the account's currency (settings.DASHBOARD_CURRENCY), written as the
    reader's locale writes it (their browser's language, else the site's)."""
    if amount in (None, ""):
        return ""
    try:
        # Sums of float charges carry binary noise (0.49000000001): four places is the precision.
        value = Decimal(str(amount)).quantize(Decimal("0.0001")).normalize()
    except (InvalidOperation, ValueError):
        return str(amount)
    request = context.get("request")
    languages = request.headers.get("Accept-Language", "") if request is not None else ""
    # The currency's own digits at least (US$0.02, ¥1,500); per-second charges keep the
    # fractions of a cent they have (US$0.024), never padded to a fixed four places.
    return format_currency(
        value,
        settings.DASHBOARD_CURRENCY,
        locale=_reader_locale(languages[:MAX_ACCEPT_LANGUAGE]),
        decimal_quantization=False,
    )


MAX_ACCEPT_LANGUAGE = 200


@functools.lru_cache(maxsize=256)
def _reader_locale(accept_language: str) -> Locale:
    """The first language of an Accept-Language header that Babel knows, by preference."""
    wanted: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _, quality = item.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        wanted.append((-weight, position, tag.strip()))
    for _, _, tag in sorted(wanted):
        try:
            return Locale.parse(tag, sep="-")
        except (ValueError, TypeError, UnknownLocaleError):
            continue
    return Locale.parse(settings.LANGUAGE_CODE, sep="-")


@register.filter
def age(seconds) -> str:
    """How old a stale value is, in words a person reads at a glance."""
    seconds = int(seconds or 0)
    if seconds < 90:
        return f"{seconds} seconds"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} minutes"
    return f"{round(seconds / 3600)} hours"


@register.filter(expects_localtime=True)
def date_time(value) -> str:
    """A moment in the user's time zone as "2026-11-29 14:05:09", as `date:"Y-m-d H:i:s"` writes
    it, at a fraction of the cost: a list writes one per row."""
    if not isinstance(value, datetime.datetime):
        return date_filter(value, "Y-m-d H:i:s")
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one).

    Repeated parameters such as `type=O&type=I` are kept.
    """
    # A plain dict of lists: copying the QueryDict deep-copies it, and a list page asks for
    # a dozen of these (sort headers, pager, date presets).
    params = dict(context["request"].GET.lists())
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None and value != "":
            params[key] = [value]
    encoded = urlencode(sorted(params.items()), doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def htmx_swap(
    url: str, target: str, *, post: bool = False, push: bool = True, trigger: str = ""
) -> str:
    """The htmx attributes of an element that swaps `target` (an element id, with or without
    "#", or "this") for the answer from `url`; "" without a target, leaving a plain link.

    A GET pushes `url` to the address bar (unless `push` is false), so that every filtered view
    is a bookmarkable URL; a POST (an action, answered by a redirect) does not. `trigger` names
    the event that sends the request when it is not the element's own (a click, a submit).
    """
    if not target:
        return ""
    target = target if target == "this" else f"#{target.lstrip('#')}"
    return format_html(
        ' hx-{}="{}"{} hx-target="{}" hx-swap="outerHTML"{}',
        "post" if post else "get",
        url,
        format_html(' hx-trigger="{}"', trigger) if trigger else "",
        target,
        SafeString(' hx-push-url="true"') if push and not post else "",
    )


@register.inclusion_tag("includes/sort_header.html", takes_context=True)
def sort_header(
    context, column: str, label: str, target: str = "", numeric: bool = False, default: str = ""
) -> dict:
    """A column header that sorts by `column`; a second click reverses the direction.

    `default` is the column the list sorts by when the URL names none; it defaults to the
    page form's `default_sort`. The link is a plain `href` (works without JavaScript) and,
    with `target` (by default the page's `table_target`), also an htmx swap of that element
    that pushes the URL.
    """
    params = context["request"].GET
    default = default or getattr(context.get("form"), "default_sort", "")
    current = params.get("sort") or default
    direction = (params.get("dir") or "desc").lower()
    active = current == column
    next_direction = "asc" if active and direction == "desc" else "desc"
    if not target and context.get("table_target"):
        target = f"#{context['table_target']}"
    return {
        "label": label,
        "href": query_with(context, sort=column, dir=next_direction, page=None),
        "target": target,
        "numeric": numeric,
        "aria_sort": ("descending" if direction == "desc" else "ascending") if active else "",
    }


@register.filter
def caller_id_name(value) -> str:
    """The name part of a caller id (`"Fatima Zahra" <4420…>` gives "Fatima Zahra")."""
    match = _CALLER_ID.match(str(value or ""))
    return (match["quoted"] or match["bare"] or "").strip() if match else ""


@register.filter
def caller_id_number(value) -> str:
    """The number part of a caller id; a bare number is its own number."""
    text = str(value or "").strip()
    match = _CALLER_ID.match(text)
    return match["number"].strip() if match else text


@register.simple_tag
def user_label(names, user_id) -> str:
    """A user's name with their id ("Aroha Ngata · 15"), or the bare id when no call named them."""
    if user_id is None:
        return ""
    name = (names or {}).get(user_id)
    return f"{name} · {user_id}" if name else str(user_id)


@register.simple_tag
def code_label(dictionary, property_name: str, code) -> str:
    """The upstream's label for a coded value (`type` "O" is "Outbound"), else the code."""
    if code in (None, ""):
        return ""
    if dictionary is None:
        return str(code)
    return dictionary.label(property_name, code) or str(code)


@register.filter
def intcomma_plain(value) -> str:
    """1234 as "1,234" (django.contrib.humanize is not installed, and this is all we need)."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


class RecordUrl:
    """A record's URL name reversed once for a whole list, its id filled in per row.

    `{% url %}` resolves the pattern again for every row; a 50-row list paid for that more
    than for the rest of the row.
    """

    def __init__(self, url_name: str) -> None:
        self.head, _, self.tail = reverse(url_name, args=[_ID_MARKER]).rpartition(str(_ID_MARKER))

    def of(self, record_id) -> str:
        # int() keeps the pattern's promise: only a number goes into the path.
        return f"{self.head}{int(record_id)}{self.tail}"


@register.simple_tag
def record_url(url_name: str) -> RecordUrl:
    """`{% record_url 'call_detail' as detail_url %}`, then `{{ detail_url|of_id:cdr.id }}`."""
    return RecordUrl(url_name)


@register.filter
def of_id(url: RecordUrl, record_id) -> str:
    return url.of(record_id)


@register.simple_tag
def select_row(record_id, noun: str) -> SafeString:
    """The cell whose box selects one row of a list for a bulk action (posted as `ids`)."""
    # A tag, not an include: it is drawn on every row, and an include costs a template render.
    return format_html(
        '<td><input type="checkbox" name="ids" value="{}" aria-label="Select {} {}"></td>',
        record_id,
        noun,
        record_id,
    )


@register.filter
def phone(value, region: str = "") -> str:
    """A stored number as the reader writes it (`442038467190` is "020 3846 7190" in the UK);
    extensions, short codes and anything not a number unchanged."""
    return number_display(str(value or ""), (region or reader_region()).upper())


@register.simple_tag
def phone_link(value, region: str = "") -> SafeString | str:
    """A number written for the reader, linked to everything with that number; a value that is
    no number (empty, "anonymous") as plain text."""
    text = str(value or "").strip()
    key = number_history_key(text)
    if not key:
        return text
    head, tail = _number_url_parts()
    return format_html('<a class="mono" href="{}{}{}">{}</a>', head, key, tail, phone(text, region))


@functools.lru_cache(maxsize=1)
def _number_url_parts() -> tuple[str, str]:
    # Reversed once, not per number: a list shows two on every row.
    head, _, tail = reverse("number_history", args=["0"]).rpartition("0")
    return head, tail


# How long the drawn rows of a list page are kept; their key changes with what they show.
ROWS_TTL = 300


class CachedRowsNode(template.Node):
    def __init__(self, nodelist: template.NodeList, key: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context) -> str:
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        from django.core.cache import cache

        cache_key = f"list-rows:{key}"
        rows = cache.get(cache_key)
        if rows is None:
            rows = self.nodelist.render(context)
            cache.set(cache_key, rows, ROWS_TTL)
        return SafeString(rows)


@register.tag
def cached_rows(parser, token) -> CachedRowsNode:
    """`{% cached_rows rows_key %}...{% endcached_rows %}`: the rows of a list, drawn once.

    Drawing 50 rows is most of the cost of a list page on the second look; `rows_key` is a
    digest of everything they show (records, zone, labels; see `dashboard.views.listing`), so
    the same rows are never drawn twice. Without a key they are drawn every time.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("cached_rows takes one argument: the rows' key")
    nodelist = parser.parse(("endcached_rows",))
    parser.delete_first_token()
    return CachedRowsNode(nodelist, parser.compile_filter(bits[1]))
