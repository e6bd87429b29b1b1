"""Tolerant conversion of upstream JSON values into the types our records promise.

The real service may send an integer where the sandbox sends a string, `null`, or nothing at
all; those become a sensible empty value. Identifiers and dates are where a wrong guess would
show the wrong call, so an unreadable one raises `BadResponse` naming the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from .errors import BadResponse

# Annotations records use to pick a converter; `Annotated` keeps them plain ints for type checkers.
Id = Annotated[int, "required identifier"]
RefId = Annotated[int | None, "optional identifier"]
When = Annotated[datetime | None, "optional UTC date"]

Converter = Callable[[str, Any], Any]


def _bad(name: str, value: Any, expected: str) -> BadResponse:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return BadResponse(f"VoIPstudio sent {shown} as '{name}', which is not {expected}.")


# ASCII digits, as many as a 64-bit id has: `str.isdigit()` also accepts "²", which `int()`
# refuses, and `int()` refuses thousands of digits too.
_INTEGER_TEXT = re.compile(r"^-?[0-9]{1,19}$")
_ID_LIMIT = 2**63


def _strict_int(name: str, value: Any) -> int | None:
    whole_float = isinstance(value, float) and value.is_integer()
    digits = isinstance(value, str) and _INTEGER_TEXT.match(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif whole_float or digits:
        number = int(value)
    else:
        raise _bad(name, value, "an identifier")
    # Identifiers are 64-bit upstream, and the signed-in user's is kept in our database.
    if not -_ID_LIMIT <= number < _ID_LIMIT:
        raise _bad(name, value, "an identifier")
    return number


def to_id(name: str, value: Any) -> int:
    if value is None or value == "":
        raise BadResponse(f"VoIPstudio sent a record without '{name}'.")
    result = _strict_int(name, value)
    assert result is not None
    return result


def to_ref_id(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    return _strict_int(name, value)


def to_int(name: str, value: Any) -> int | None:
    """A count or a measure: an unreadable one is shown as unknown rather than failing the page."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def to_float(name: str, value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def to_text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_TRUE = {"1", "true", "yes", "y", "on", "t"}
_FALSE = {"0", "false", "no", "n", "off", "f", ""}


def to_bool(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return None


# Years a date may have: pages show dates in the user's time zone and step a day or a call's
# length from them, which the first and last years Python's dates hold cannot take.
EARLIEST_YEAR = 2
LATEST_YEAR = 9998
_ZERO_DATE = "0000-00-00"
# Seconds since the epoch, written out: nine digits or more (from 1973 on), so that a compact
# ISO date such as `20240528` is never taken for one.
_EPOCH_TEXT = re.compile(r"^[0-9]{9,}(\.[0-9]+)?$")


def _from_epoch(name: str, value: Any, seconds: float) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise _bad(name, value, "a date") from None


def parse_datetime(name: str, value: Any) -> datetime:
    """`YYYY-MM-DD HH:MM:SS` in UTC as documented; ISO 8601, a bare date or epoch seconds too."""
    moment = _parse_moment(name, value)
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise _bad(name, value, "a date a call can have")
    return moment


def _parse_moment(name: str, value: Any) -> datetime:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(name, value, value)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            if _EPOCH_TEXT.match(text):
                # Epoch seconds sent as text, as Asterisk keeps voicemail's `origtime`.
                return _from_epoch(name, value, float(text))
            raise _bad(name, value, "a date") from None
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    raise _bad(name, value, "a date")


def _missing_date(value: Any) -> bool:
    """No date: nothing, an empty string, or MySQL's zero date (`0000-00-00 00:00:00`)."""
    return value is None or value == "" or (isinstance(value, str) and value.startswith(_ZERO_DATE))


def to_when(name: str, value: Any) -> datetime | None:
    if _missing_date(value):
        return None
    return parse_datetime(name, value)


def to_required_when(name: str, value: Any) -> datetime:
    if _missing_date(value):
        raise BadResponse(f"VoIPstudio sent a record without '{name}'.")
    return parse_datetime(name, value)


def to_labels(name: str, value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple):
        return tuple(to_text(name, item) for item in value if item is not None)
    return (to_text(name, value),)


def to_mapping(name: str, value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


CONVERTERS: dict[Any, Converter] = {
    Id: to_id,
    RefId: to_ref_id,
    When: to_when,
    datetime: to_required_when,
    int | None: to_int,
    float | None: to_float,
    bool | None: to_bool,
    str: to_text,
    tuple[str, ...]: to_labels,
    dict[str, Any]: to_mapping,
}

# The type a value already has when it needs no conversion: the common case skips the call.
NATIVE: dict[Any, type | None] = {
    Id: int,
    RefId: int,
    When: None,
    datetime: None,
    int | None: int,
    float | None: float,
    bool | None: bool,
    str: str,
    tuple[str, ...]: None,
    dict[str, Any]: dict,
}
