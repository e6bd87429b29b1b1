"""Typed records for everything the History API returns, parsed at the boundary.

Field names are the API's own. Parsing is tolerant (see `fields.py`): fields the service adds
later are kept in `extra` rather than dropped, so nothing is lost by upgrading the upstream.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Generic, Self, TypeVar

from .errors import BadResponse
from .fields import (
    CONVERTERS,
    NATIVE,
    Converter,
    Id,
    RefId,
    When,
    to_bool,
    to_id,
    to_int,
    to_ref_id,
    to_text,
)


class Record:
    """Mixin giving a frozen dataclass `from_api(dict)`, driven by its field annotations.

    Records are parsed by the page (fifty at a time on every uncached list), so this is the
    client's hot path: values that already have the right type are taken as they are, and the
    instance is filled in one step instead of through the dataclass's per-field `__init__`.
    """

    _plan: ClassVar[tuple[tuple[str, type | None, Converter], ...]] = ()
    _known: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._prepared = False

    @classmethod
    def _prepare(cls) -> None:
        # Resolved on first use: the dataclass decorator runs after __init_subclass__.
        hints = typing.get_type_hints(cls, include_extras=True)
        plan = []
        for name, hint in hints.items():
            if name.startswith("_") or name == "extra" or typing.get_origin(hint) is ClassVar:
                continue
            plan.append((name, NATIVE[hint], CONVERTERS[hint]))
        cls._plan = tuple(plan)
        cls._known = frozenset(name for name, _, _ in plan)
        cls._prepared = True

    @classmethod
    def from_api(cls, data: Any) -> Self:
        if not cls._prepared:
            cls._prepare()
        if not isinstance(data, dict):
            raise BadResponse(f"VoIPstudio sent {type(data).__name__} where a record was expected.")
        values = {}
        get = data.get
        for name, native, convert in cls._plan:
            value = get(name)
            values[name] = value if type(value) is native else convert(name, value)
        values["extra"] = {key: data[key] for key in data.keys() - cls._known}
        record = object.__new__(cls)
        record.__dict__.update(values)
        return record


@dataclass(frozen=True)
class Cdr(Record):
    """One call detail record (a leg of a call)."""

    id: Id
    calldate: When = None
    type: str = ""  # O outbound, I inbound, M missed
    disposition: str = ""
    destination: str = ""
    context: str = ""
    duration: int | None = None
    billsec: int | None = None
    clid: str = ""
    src: str = ""
    src_id: str = ""
    src_name: str = ""
    src_ua: str = ""
    src_codec: str = ""
    dst: str = ""
    dst_id: str = ""
    dst_name: str = ""
    dst_ua: str = ""
    dst_codec: str = ""
    rate: float | None = None
    charge: float | None = None
    t_cause: str = ""
    info: str = ""
    call_id: str = ""  # documented as deprecated; kept as text whatever its shape
    live_id: RefId = None
    parent_live_id: RefId = None
    root_live_id: RefId = None
    user_id: RefId = None
    sip_endpoint_id: RefId = None
    server_id: RefId = None
    is_root: bool | None = None
    nb_notes: int | None = None
    nb_children: int | None = None
    labels: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class CdrNote(Record):
    id: Id
    cdr_id: RefId = None
    user_id: RefId = None
    created_at: When = None
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Monitor(Record):
    """A call recording."""

    id: Id
    timestamp: When = None
    caller: str = ""
    called: str = ""
    context: str = ""
    type: str = ""
    duration: int | None = None
    size: int | None = None  # bytes of the MP3, as delivered
    src_id: str = ""
    dst_id: str = ""
    dst_name: str = ""
    transcript: str = ""
    summary: str = ""
    sentiment: str = ""
    live_id: RefId = None
    sip_endpoint_id: RefId = None
    user_id: RefId = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


# Asterisk's voicemail folders, which the upstream uses by number.
VOICEMAIL_FOLDERS: dict[int, str] = {
    0: "INBOX",
    1: "Old",
    2: "Work",
    3: "Family",
    4: "Friends",
    11: "Urgent",
}
_FOLDER_NUMBERS = {name.lower(): number for number, name in VOICEMAIL_FOLDERS.items()}


def folder_number(value: Any) -> int | None:
    """A folder given by number or by name (any case); None when it is neither."""
    if isinstance(value, str) and value.strip().lower() in _FOLDER_NUMBERS:
        return _FOLDER_NUMBERS[value.strip().lower()]
    return to_int("folder", value)


@dataclass(frozen=True)
class Voicemessage(Record):
    id: Id
    origtime: When = None
    caller: str = ""
    callerid: str = ""
    dialled: str = ""
    duration: int | None = None
    extension_id: RefId = None
    folder: int | None = None
    is_new: bool | None = None
    transcript: str = ""
    live_id: RefId = None
    parent_live_id: RefId = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_api(cls, data: Any) -> Voicemessage:
        record = super().from_api(data)
        # The real service may name the folder instead of numbering it.
        raw = data.get("folder")
        if record.folder is None and raw is not None:
            object.__setattr__(record, "folder", folder_number(raw))
        return record

    @property
    def folder_name(self) -> str:
        if self.folder is None:
            return ""
        return VOICEMAIL_FOLDERS.get(self.folder, str(self.folder))


@dataclass(frozen=True)
class Chat(Record):
    id: Id
    created_at: When = None
    customer_id: RefId = None
    duration: int | None = None
    operator_id: RefId = None
    operator_ua: str = ""
    state: str = ""
    visitor_city: str = ""
    visitor_country: str = ""
    visitor_email: str = ""
    visitor_geo: str = ""
    visitor_id: str = ""
    visitor_ip: str = ""
    visitor_name: str = ""
    visitor_referer: str = ""
    visitor_ua: str = ""
    website_id: RefId = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ChatMsg(Record):
    id: Id
    chat_id: RefId = None
    created_at: When = None
    user_id: RefId = None
    sender: str = ""
    author: str = ""
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Msdr(Record):
    """A media-session detail record."""

    id: Id
    created_at: When = None
    call_id: str = ""
    type: str = ""
    duration: int | None = None
    src: str = ""
    src_id: str = ""
    src_ua: str = ""
    dst: str = ""
    dst_id: str = ""
    dst_ua: str = ""
    t_cause: str = ""
    media_session_id: RefId = None
    user_id: RefId = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Dictionary:
    """Human labels for the coded fields of one resource (`cdrs`, `msdrs`, ...)."""

    resource: str
    properties: dict[str, dict[str, str]]

    def label(self, property: str, code: Any) -> str:  # noqa: A002 - the API's own word
        """The label for a code, or the code itself when the upstream has none for it."""
        text = to_text(property, code)
        return self.properties.get(property, {}).get(text, text)

    def choices(self, property: str) -> list[tuple[str, str]]:
        return list(self.properties.get(property, {}).items())

    @classmethod
    def from_api(cls, resource: str, data: Any) -> Dictionary:
        """Accepts `[{"property", "values": [{"id", "label"}]}]` and `{property: {code: label}}`."""
        properties: dict[str, dict[str, str]] = {}
        if isinstance(data, dict):
            entries = [{"property": key, "values": value} for key, value in data.items()]
        elif isinstance(data, list):
            entries = data
        else:
            raise BadResponse(f"VoIPstudio sent an unreadable dictionary for {resource}.")
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("property"):
                continue
            properties[to_text("property", entry["property"])] = _dictionary_values(
                entry.get("values")
            )
        return cls(resource=resource, properties=properties)


def _dictionary_values(values: Any) -> dict[str, str]:
    if isinstance(values, dict):
        return {to_text("id", code): to_text("label", label) for code, label in values.items()}
    labels: dict[str, str] = {}
    for value in values if isinstance(values, list) else ():
        if isinstance(value, dict):
            code = value.get("id", value.get("value", value.get("code")))
            labels[to_text("id", code)] = to_text("label", value.get("label", code))
    return labels


_HEADER = re.compile(r"^([A-Za-z0-9-]+)\s*:\s*(.*)$")
# SIP's compact header forms (RFC 3261 section 7.3.3) for the headers the ladder needs.
_COMPACT = {
    "i": "call-id",
    "f": "from",
    "t": "to",
    "v": "via",
    "m": "contact",
    "l": "content-length",
}


@dataclass(frozen=True)
class TraceMessage(Record):
    """One SIP message of a call's signalling trace."""

    timestamp: datetime
    src_ip: str = ""
    src_port: int | None = None
    dst_ip: str = ""
    dst_port: int | None = None
    transport: str = ""
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def first_line(self) -> str:
        return self.message.split("\n", 1)[0].strip()

    @property
    def is_request(self) -> bool:
        return not self.first_line.startswith("SIP/")

    @property
    def method_or_status(self) -> str:
        """`INVITE`, `ACK`, ... for a request; `180 Ringing`, `200 OK`, ... for a response."""
        parts = self.first_line.split(" ", 2)
        if self.is_request:
            return parts[0]
        return " ".join(parts[1:]) if len(parts) > 1 else self.first_line

    def header(self, name: str) -> str:
        """The first value of a SIP header (compact forms understood), or ''."""
        wanted = name.lower()
        for line in self.message.splitlines()[1:]:
            if not line.strip():
                break  # the body starts after the blank line
            match = _HEADER.match(line)
            if match:
                found = match.group(1).lower()
                if _COMPACT.get(found, found) == wanted:
                    return match.group(2).strip()
        return ""

    @property
    def sip_call_id(self) -> str:
        return self.header("call-id")

    @property
    def cseq(self) -> str:
        return self.header("cseq")


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a collection; `total` counts every matching record, not just this page.

    An upstream that sends no usable total leaves only what the pages show: `total` is then the
    count up to this page, and `total_exact` is False while this page is full (more may follow).
    """

    items: tuple[T, ...]
    total: int
    page: int
    limit: int
    total_exact: bool = True

    def __iter__(self) -> typing.Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or not self.total_exact

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class UpstreamUser:
    """The signed-in VoIPstudio user, from `GET /me`."""

    id: int
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    customer_id: int | None = None
    is_admin: bool = False

    @classmethod
    def from_api(cls, data: Any) -> UpstreamUser:
        if not isinstance(data, dict):
            raise BadResponse("VoIPstudio sent an unreadable user for /me.")
        customer = data.get("customer_id", data.get("customer"))
        if isinstance(customer, dict):
            customer = customer.get("id")
        roles = data.get("roles")
        role_names = roles if isinstance(roles, list) else to_text("roles", roles).split(",")
        is_admin = bool(to_bool("is_admin", data.get("is_admin"))) or any(
            to_text("roles", role).strip().lower() in {"admin", "role_admin", "administrator"}
            for role in role_names
        )
        return cls(
            id=to_id("id", data.get("id")),
            email=to_text("email", data.get("email")),
            first_name=to_text("first_name", data.get("first_name")),
            last_name=to_text("last_name", data.get("last_name")),
            customer_id=to_ref_id("customer_id", customer),
            is_admin=is_admin,
        )
