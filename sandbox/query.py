"""The collection query language of the History API: page, limit, filter, sort and dir.

- `page` counts from 1; `limit` defaults to DEFAULT_LIMIT and may not exceed MAX_LIMIT.
- `filter` is a JSON array of `{"property", "operator", "value"}` objects, ANDed together.
  Operators: `eq`, `like` (substring, case-insensitive: the server adds the wildcards; text
  properties only), `gt`, `gte`, `lt`, `lte`. Anything else (`between` included) is a 400, as is
  a property the resource does not allow-list ("Filtration error" in the real service).
- Dates are `YYYY-MM-DD HH:MM:SS` in UTC (ISO 8601 with `T` or an offset is tolerated). A bare
  date `YYYY-MM-DD` stands for that whole UTC day: `eq` matches the day, `lte` includes it,
  `gt` starts after it.
- `eq` with a `null` value matches records where a nullable property is empty.
- `sort` names a sortable property (default `id`), `dir` is `ASC` or `DESC` (default `DESC`);
  `id` breaks ties so pages never overlap.
Every mistake is a 400 with `{"message", "errors": [{"field", "message", "code"}]}`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict

from sandbox.errors import ApiError, FieldError, validation_error
from sandbox.resources import Resource

DEFAULT_LIMIT = 50
# A public sync client pages with limit=10000 on purpose (it raised it from 5,000).
MAX_LIMIT = 10_000
# Keeps page * limit inside a 64-bit OFFSET.
MAX_PAGE = 1_000_000_000
# What a database integer column holds; a larger number in a filter matches nothing storable.
SMALLEST_INTEGER, LARGEST_INTEGER = -(2**63), 2**63 - 1
OPERATORS = ("eq", "like", "gt", "gte", "lt", "lte")
COMPARISONS = {"gt": "gt", "gte": "gte", "lt": "lt", "lte": "lte"}


@dataclass(frozen=True)
class ListQuery:
    page: int
    limit: int
    condition: Q
    ordering: tuple[str, ...]

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit


def parse_list_query(params: QueryDict, resource: Resource) -> ListQuery:
    return ListQuery(
        page=_positive_int(params.get("page"), name="page", default=1, maximum=MAX_PAGE),
        limit=_positive_int(
            params.get("limit"), name="limit", default=DEFAULT_LIMIT, maximum=MAX_LIMIT
        ),
        condition=parse_filter(params.get("filter"), resource),
        ordering=_ordering(params.get("sort"), params.get("dir"), resource),
    )


def run_list_query(queryset: QuerySet, query: ListQuery) -> tuple[list, int]:
    """The requested page and the number of all matching records."""
    matching = queryset.filter(query.condition)
    total = matching.count()
    if query.offset >= total:
        return [], total
    return list(
        matching.order_by(*query.ordering)[query.offset : query.offset + query.limit]
    ), total


def _positive_int(raw: str | None, *, name: str, default: int, maximum: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise validation_error(
            name, f"{name} must be a whole number, not {raw!r}", "invalid"
        ) from None
    if value < 1:
        raise validation_error(name, f"{name} must be at least 1, not {value}", "min_value")
    if value > maximum:
        raise validation_error(name, f"{name} may not exceed {maximum}, not {value}", "max_value")
    return value


def _ordering(sort: str | None, direction: str | None, resource: Resource) -> tuple[str, ...]:
    sort = "id" if sort in (None, "") else sort.strip()
    if sort not in resource.sortable:
        allowed = ", ".join(resource.sortable)
        raise validation_error(
            "sort", f"cannot sort {resource.name}s by {sort!r}; sortable: {allowed}", "invalid"
        )
    direction = "DESC" if direction in (None, "") else direction.strip().upper()
    if direction not in ("ASC", "DESC"):
        raise validation_error("dir", f"dir must be ASC or DESC, not {direction!r}", "invalid")
    prefix = "-" if direction == "DESC" else ""
    ordering = (f"{prefix}{sort}",)
    return ordering if sort == "id" else (*ordering, f"{prefix}id")


def parse_filter(raw: str | None, resource: Resource) -> Q:
    if raw is None or raw.strip() == "":
        return Q()
    try:
        entries = json.loads(raw)
    except (ValueError, RecursionError):
        # RecursionError: nesting deeper than the JSON parser follows.
        raise _filter_error("filter", "filter is not valid JSON", "invalid_json") from None
    if not isinstance(entries, list):
        raise _filter_error("filter", "filter must be a JSON array of conditions", "invalid")
    condition = Q()
    for index, entry in enumerate(entries):
        condition &= _condition(entry, index, resource)
    return condition


def _filter_error(field_name: str, message: str, code: str) -> ApiError:
    return ApiError(400, f"Filtration error: {message}", [FieldError(field_name, message, code)])


def _condition(entry: Any, index: int, resource: Resource) -> Q:
    where = f"filter[{index}]"
    if not isinstance(entry, dict):
        raise _filter_error(where, f"{where} must be an object", "invalid")
    missing = [key for key in ("property", "operator", "value") if key not in entry]
    if missing:
        raise _filter_error(where, f"{where} lacks {', '.join(missing)}", "required")
    prop, operator, value = entry["property"], entry["operator"], entry["value"]
    if not isinstance(prop, str) or prop not in resource.filterable:
        allowed = ", ".join(resource.filterable)
        raise _filter_error(
            f"{where}.property",
            f"{resource.name}s cannot be filtered by {prop!r}; filterable: {allowed}",
            "invalid_property",
        )
    if not isinstance(operator, str) or operator.lower() not in OPERATORS:
        raise _filter_error(
            f"{where}.operator",
            f"unknown operator {operator!r}; use one of {', '.join(OPERATORS)}",
            "invalid_operator",
        )
    operator = operator.lower()
    kind = resource.kind(prop)
    try:
        return _lookup(prop, operator, value, kind, nullable=resource.is_nullable(prop))
    except ValueError as error:
        raise _filter_error(f"{where}.value", f"{prop}: {error}", "invalid_value") from None


def _lookup(prop: str, operator: str, value: Any, kind: str, *, nullable: bool) -> Q:
    if value is None:
        if operator == "eq" and nullable:
            return Q(**{f"{prop}__isnull": True})
        raise ValueError("null is only allowed with eq on a property that can be empty")
    if kind == "labels":
        return _labels_lookup(prop, operator, value)
    if operator == "like":
        if kind != "str":
            raise ValueError("like works on text properties only")
        return Q(**{f"{prop}__icontains": _text(value)})
    if kind == "datetime":
        return _date_lookup(prop, operator, value)
    if kind == "bool":
        if operator != "eq":
            raise ValueError("a true/false property only supports eq")
        return Q(**{prop: _boolean(value)})
    parsed = {"int": _integer, "float": _number, "str": _text}[kind](value)
    return Q(**{prop: parsed}) if operator == "eq" else Q(**{f"{prop}__{operator}": parsed})


def _labels_lookup(prop: str, operator: str, value: Any) -> Q:
    text = _text(value)
    if operator == "eq":
        # Labels are stored as a JSON array: a whole quoted element is one exact label. SQLite
        # keeps the text Django wrote (non-ASCII escaped), PostgreSQL renders jsonb unescaped.
        escaped, plain = json.dumps(text), json.dumps(text, ensure_ascii=False)
        return Q(**{f"{prop}__icontains": escaped}) | Q(**{f"{prop}__icontains": plain})
    if operator == "like":
        return Q(**{f"{prop}__icontains": text})
    raise ValueError("labels support eq (has this label) and like (a label contains this)")


def _date_lookup(prop: str, operator: str, value: Any) -> Q:
    start, whole_day = _datetime(value)
    if not whole_day:
        return Q(**{prop: start}) if operator == "eq" else Q(**{f"{prop}__{operator}": start})
    try:
        end = start + timedelta(days=1)
    except OverflowError:
        # 9999-12-31 as a whole day ends past the last moment a date can hold.
        raise ValueError(f"{value!r} is past the last day that can be compared") from None
    return {
        "eq": Q(**{f"{prop}__gte": start, f"{prop}__lt": end}),
        "gt": Q(**{f"{prop}__gte": end}),
        "gte": Q(**{f"{prop}__gte": start}),
        "lt": Q(**{f"{prop}__lt": start}),
        "lte": Q(**{f"{prop}__lt": end}),
    }[operator]


def _integer(value: Any) -> int:
    number = _whole_number(value)
    if not SMALLEST_INTEGER <= number <= LARGEST_INTEGER:
        raise ValueError(f"expected a whole number within 64 bits, not {value!r}")
    return number


def _whole_number(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, not {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a whole number, not {value!r}")


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"expected a number, not {value!r}")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        # OverflowError: an integer with more digits than a float holds.
        raise ValueError(f"expected a number, not {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, not {value!r}")
    return number


def _text(value: Any) -> str:
    # Numbers are accepted for text properties: clients send phone numbers either way.
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected text, not {value!r}")
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    if isinstance(value, str) and not _encodable(value):
        # A lone surrogate (`"\\ud800"` in JSON) is no character the database can store.
        raise ValueError("text must be valid Unicode")
    return str(value)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
        return value.strip().lower() in ("true", "1")
    raise ValueError(f"expected true or false, not {value!r}")


def _datetime(value: Any) -> tuple[datetime, bool]:
    """The moment a filter value names, and whether it was a bare date (a whole day)."""
    if not isinstance(value, str):
        raise ValueError(f"expected a date 'YYYY-MM-DD HH:MM:SS', not {value!r}")
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC), True
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"expected a date 'YYYY-MM-DD HH:MM:SS', not {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC), False
    except OverflowError:
        # 0001-01-01T00:00+14:00 is a moment before the first one UTC can name.
        raise ValueError(f"{value!r} is outside the dates that can be compared") from None
