"""What the API exposes of each model: serialized fields, filterable and sortable properties.

One `Resource` per collection keeps the list/get/delete machinery generic: the views name a
resource, and everything field-specific (types, allow-lists, formatting) is declared here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from django.db import models

from sandbox.models import (
    Cdr,
    CdrNote,
    Chat,
    ChatMsg,
    Monitor,
    Msdr,
    Record,
    Statement,
    Voicemessage,
)

DATE_FORMAT = "%Y-%m-%d %H:%M:%S"

# How a property's values are parsed in filters, derived from the model field's type.
KIND_BY_FIELD_TYPE = {
    "AutoField": "int",
    "BigAutoField": "int",
    "IntegerField": "int",
    "BigIntegerField": "int",
    "ForeignKey": "int",
    "FloatField": "float",
    "BooleanField": "bool",
    "DateTimeField": "datetime",
    "CharField": "str",
    "TextField": "str",
    "EmailField": "str",
    "JSONField": "labels",
}


def format_date(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime(DATE_FORMAT)


@dataclass(frozen=True)
class Resource:
    name: str
    model: type[Record]
    # Serialized keys, in API order; a foreign key appears under its column name (`chat_id`).
    fields: tuple[str, ...]
    filterable: tuple[str, ...]
    sortable: tuple[str, ...]
    # DELETE on the whole collection: the seed has monitors and voicemessages answer 202.
    delete_all_status: int = 204

    @property
    def owner_field(self) -> str:
        return self.model.OWNER_FIELD

    @cached_property
    def _columns(self) -> dict[str, models.Field]:
        return {field.attname: field for field in self.model._meta.concrete_fields}

    def kind(self, prop: str) -> str:
        field = self._columns[prop]
        return KIND_BY_FIELD_TYPE[field.get_internal_type()]

    def is_nullable(self, prop: str) -> bool:
        return self._columns[prop].null

    def serialize(self, obj: models.Model) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in self.fields:
            value = getattr(obj, name)
            data[name] = format_date(value) if isinstance(value, datetime) else value
        return data

    def serialize_all(self, objects: Iterable[models.Model]) -> list[dict[str, Any]]:
        return [self.serialize(obj) for obj in objects]


CDR_FIELDS = (
    "id",
    "billsec",
    "call_id",
    "calldate",
    "charge",
    "clid",
    "context",
    "destination",
    "disposition",
    "dst",
    "dst_codec",
    "dst_id",
    "dst_name",
    "dst_ua",
    "duration",
    "info",
    "live_id",
    "parent_live_id",
    "rate",
    "server_id",
    "sip_endpoint_id",
    "src",
    "src_codec",
    "src_id",
    "src_name",
    "src_ua",
    "t_cause",
    "type",
    "user_id",
    "root_live_id",
    "is_root",
    "nb_notes",
    "nb_children",
    "labels",
    "metadata",
)

CDRS = Resource(
    name="cdr",
    model=Cdr,
    fields=CDR_FIELDS,
    filterable=(
        "id",
        "calldate",
        "type",
        "user_id",
        "live_id",
        "parent_live_id",
        "root_live_id",
        "is_root",
        "duration",
        "billsec",
        "charge",
        "rate",
        "src",
        "src_id",
        "src_name",
        "dst",
        "dst_id",
        "dst_name",
        "clid",
        "disposition",
        "destination",
        "context",
        "t_cause",
        "info",
        "labels",
        "sip_endpoint_id",
        "server_id",
        "nb_notes",
    ),
    sortable=(
        "id",
        "calldate",
        "duration",
        "billsec",
        "charge",
        "rate",
        "type",
        "user_id",
        "src",
        "dst",
        "src_name",
        "dst_name",
        "disposition",
        "live_id",
    ),
)

NOTES = Resource(
    name="note",
    model=CdrNote,
    fields=("id", "cdr_id", "user_id", "created_at", "text"),
    filterable=("id", "user_id", "created_at"),
    sortable=("id", "created_at"),
)

MONITORS = Resource(
    name="monitor",
    model=Monitor,
    delete_all_status=202,
    fields=(
        "id",
        "called",
        "caller",
        "context",
        "dst_id",
        "dst_name",
        "duration",
        "live_id",
        "sentiment",
        "sip_endpoint_id",
        "size",
        "src_id",
        "summary",
        "timestamp",
        "transcript",
        "type",
        "user_id",
    ),
    filterable=(
        "id",
        "timestamp",
        "user_id",
        "live_id",
        "caller",
        "called",
        "context",
        "src_id",
        "dst_id",
        "dst_name",
        "duration",
        "type",
        "sentiment",
        "transcript",
        "summary",
    ),
    sortable=("id", "timestamp", "duration", "size", "user_id", "caller", "called"),
)

VOICEMESSAGES = Resource(
    name="voicemessage",
    model=Voicemessage,
    delete_all_status=202,
    fields=(
        "id",
        "caller",
        "callerid",
        "dialled",
        "duration",
        "extension_id",
        "folder",
        "is_new",
        "live_id",
        "origtime",
        "parent_live_id",
        "transcript",
    ),
    filterable=(
        "id",
        "origtime",
        "folder",
        "is_new",
        "caller",
        "callerid",
        "dialled",
        "duration",
        "extension_id",
        "live_id",
        "parent_live_id",
        "transcript",
    ),
    sortable=("id", "origtime", "duration", "folder", "caller", "callerid", "dialled"),
)

CHATS = Resource(
    name="chat",
    model=Chat,
    fields=(
        "id",
        "created_at",
        "customer_id",
        "duration",
        "operator_id",
        "operator_ua",
        "state",
        "visitor_city",
        "visitor_country",
        "visitor_email",
        "visitor_geo",
        "visitor_id",
        "visitor_ip",
        "visitor_name",
        "visitor_referer",
        "visitor_ua",
        "website_id",
    ),
    filterable=(
        "id",
        "created_at",
        "operator_id",
        "state",
        "duration",
        "website_id",
        "visitor_name",
        "visitor_email",
        "visitor_city",
        "visitor_country",
        "visitor_id",
        "visitor_ip",
    ),
    sortable=("id", "created_at", "duration", "state", "operator_id", "visitor_name"),
)

CHATMSGS = Resource(
    name="chat message",
    model=ChatMsg,
    fields=("id", "chat_id", "created_at", "sender", "author", "message", "user_id"),
    filterable=("id", "chat_id", "created_at", "sender", "author", "message", "user_id"),
    sortable=("id", "created_at", "chat_id"),
)

MSDRS = Resource(
    name="msdr",
    model=Msdr,
    fields=(
        "id",
        "call_id",
        "created_at",
        "dst",
        "dst_id",
        "dst_ua",
        "duration",
        "media_session_id",
        "src",
        "src_id",
        "src_ua",
        "t_cause",
        "type",
        "user_id",
    ),
    filterable=(
        "id",
        "call_id",
        "created_at",
        "dst",
        "dst_id",
        "duration",
        "media_session_id",
        "src",
        "src_id",
        "t_cause",
        "type",
        "user_id",
    ),
    sortable=("id", "created_at", "duration", "type", "user_id", "media_session_id"),
)

# Statements can only be deleted through the API; the resource exists for that.
STATEMENTS = Resource(
    name="statement",
    model=Statement,
    fields=("id", "created_at", "user_id", "amount", "description"),
    filterable=("id", "created_at"),
    sortable=("id", "created_at"),
)
