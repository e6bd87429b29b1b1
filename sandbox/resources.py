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
    Token,
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
    sortable: tuple[str, ...]
    # Every serialized key may be filtered on except these (free text and blobs the real
    # service does not index, or columns that mean nothing to a caller).
    unfilterable: tuple[str, ...] = ()
    # DELETE on the whole collection: the seed has monitors and voicemessages answer 202.
    delete_all_status: int = 204

    @cached_property
    def filterable(self) -> tuple[str, ...]:
        return tuple(name for name in self.fields if name not in self.unfilterable)

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


def names(text: str) -> tuple[str, ...]:
    """`"id calldate type"` -> `("id", "calldate", "type")`: field lists that read as lists."""
    return tuple(text.split())


# The seed's order, then what the live service adds.
CDR_FIELDS = names(
    "id billsec call_id calldate charge clid context destination disposition dst dst_codec"
    " dst_id dst_name dst_ua duration info live_id parent_live_id rate server_id sip_endpoint_id"
    " src src_codec src_id src_name src_ua t_cause type user_id"
    " root_live_id is_root nb_notes nb_children labels metadata"
)

CDRS = Resource(
    name="cdr",
    model=Cdr,
    fields=CDR_FIELDS,
    unfilterable=names("call_id src_ua dst_ua src_codec dst_codec nb_children metadata"),
    sortable=names(
        "id calldate duration billsec charge rate type user_id src dst src_name dst_name"
        " disposition live_id"
    ),
)

NOTES = Resource(
    name="note",
    model=CdrNote,
    fields=names("id cdr_id user_id created_at text"),
    unfilterable=names("cdr_id text"),
    sortable=names("id created_at"),
)

MONITORS = Resource(
    name="monitor",
    model=Monitor,
    delete_all_status=202,
    fields=names(
        "id called caller context dst_id dst_name duration live_id sentiment sip_endpoint_id"
        " size src_id summary timestamp transcript type user_id"
    ),
    unfilterable=names("sip_endpoint_id size"),
    sortable=names("id timestamp duration size user_id caller called"),
)

VOICEMESSAGES = Resource(
    name="voicemessage",
    model=Voicemessage,
    delete_all_status=202,
    fields=names(
        "id caller callerid dialled duration extension_id folder is_new live_id origtime"
        " parent_live_id transcript"
    ),
    sortable=names("id origtime duration folder caller callerid dialled"),
)

CHATS = Resource(
    name="chat",
    model=Chat,
    fields=names(
        "id created_at customer_id duration operator_id operator_ua state visitor_city"
        " visitor_country visitor_email visitor_geo visitor_id visitor_ip visitor_name"
        " visitor_referer visitor_ua website_id"
    ),
    unfilterable=names("customer_id operator_ua visitor_geo visitor_referer visitor_ua"),
    sortable=names("id created_at duration state operator_id visitor_name"),
)

CHATMSGS = Resource(
    name="chat message",
    model=ChatMsg,
    fields=names("id chat_id created_at sender author message user_id"),
    sortable=names("id created_at chat_id"),
)

MSDRS = Resource(
    name="msdr",
    model=Msdr,
    fields=names(
        "id call_id created_at dst dst_id dst_ua duration media_session_id src src_id src_ua"
        " t_cause type user_id"
    ),
    unfilterable=names("src_ua dst_ua"),
    sortable=names("id created_at duration type user_id media_session_id"),
)

# Statements can only be deleted through the API; the resource exists for that.
STATEMENTS = Resource(
    name="statement",
    model=Statement,
    fields=names("id created_at user_id amount description"),
    unfilterable=names("user_id amount description"),
    sortable=names("id created_at"),
)

# Named API keys (`/apitokens`): listed for paging, filtering and sorting like any collection;
# their answers add the key itself and the owner (see sandbox/views/apitokens.py).
API_TOKENS = Resource(
    name="API token",
    model=Token,  # type: ignore[arg-type]  # a credential, not a customer's record
    fields=names("id name expiry created_at last_used_at"),
    sortable=names("id name created_at last_used_at"),
)
