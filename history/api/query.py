"""Collection queries (filters, sort, paging), validated before any request goes out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from .errors import FieldError, ValidationFailed

# The operators the real service honours; `between` and others are answered with a 400.
OPERATORS = frozenset({"eq", "like", "gt", "gte", "lt", "lte"})
DIRECTIONS = frozenset({"ASC", "DESC"})
# The largest page the service's own clients ask for.
MAX_LIMIT = 5000
_PROPERTY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")

FilterValue = str | int | float | bool | date | datetime


def _wire_value(value: FilterValue) -> str | int | float | bool:
    """Dates go out as `YYYY-MM-DD HH:MM:SS` in UTC, the only form the service documents."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return value


@dataclass(frozen=True, slots=True)
class Filter:
    property: str
    operator: str
    value: FilterValue

    def problems(self, index: int) -> list[FieldError]:
        where = f"filter.{index}"
        found = []
        if not isinstance(self.property, str) or not _PROPERTY.match(self.property):
            found.append(FieldError(f"{where}.property", "is not a field name", "invalid"))
        if self.operator not in OPERATORS:
            allowed = ", ".join(sorted(OPERATORS))
            found.append(
                FieldError(f"{where}.operator", f"must be one of {allowed}", "invalid_choice")
            )
        if not isinstance(self.value, str | int | float | bool | date):
            found.append(
                FieldError(f"{where}.value", "must be text, a number or a date", "invalid")
            )
        return found

    def to_wire(self) -> dict[str, Any]:
        return {
            "property": self.property,
            "operator": self.operator,
            "value": _wire_value(self.value),
        }


@dataclass(frozen=True, slots=True)
class Query:
    """What to ask a collection for. Construction raises `ValidationFailed` on a bad query."""

    filters: tuple[Filter, ...] = ()
    sort: str | None = None
    direction: str = "DESC"
    page: int = 1
    limit: int = 50
    _params: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "filters", tuple(self.filters))
        object.__setattr__(self, "direction", str(self.direction).upper())
        problems = [problem for i, f in enumerate(self.filters) for problem in f.problems(i)]
        if self.sort is not None and not _PROPERTY.match(str(self.sort)):
            problems.append(FieldError("sort", "is not a field name", "invalid"))
        if self.direction not in DIRECTIONS:
            problems.append(FieldError("direction", "must be ASC or DESC", "invalid_choice"))
        if not isinstance(self.page, int) or isinstance(self.page, bool) or self.page < 1:
            problems.append(FieldError("page", "must be a whole number from 1", "min_value"))
        if not isinstance(self.limit, int) or not 1 <= self.limit <= MAX_LIMIT:
            problems.append(FieldError("limit", f"must be between 1 and {MAX_LIMIT}", "range"))
        if problems:
            raise ValidationFailed(errors=problems)
        # Built once: the parameters double as the normalised part of the cache key.
        object.__setattr__(self, "_params", self._build_params())

    def _build_params(self) -> dict[str, str]:
        params = {"page": str(self.page), "limit": str(self.limit)}
        if self.sort:
            params["sort"] = self.sort
            params["dir"] = self.direction
        elif self.direction != "DESC":
            params["sort"] = "id"
            params["dir"] = self.direction
        if self.filters:
            # Sorted so that the same filters in another order share one cache entry.
            wire = sorted((f.to_wire() for f in self.filters), key=lambda w: json.dumps(w))
            params["filter"] = json.dumps(wire, separators=(",", ":"), sort_keys=True)
        return params

    @property
    def params(self) -> dict[str, str]:
        """The query-string parameters, in the service's names."""
        return dict(self._params)

    @property
    def cache_part(self) -> str:
        return "&".join(f"{key}={value}" for key, value in sorted(self._params.items()))

    def with_page(self, page: int) -> Query:
        return replace(self, page=page)

    def with_limit(self, limit: int) -> Query:
        return replace(self, limit=limit)
