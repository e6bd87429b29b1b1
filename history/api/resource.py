"""The shared shape of a History API collection, over the one requester in `transport`.

Each resource module (`cdrs`, `monitors`, ...) declares its collection here and adds only what
is particular to it, in the manner of stripe-python's resource classes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from .credentials import Credentials
from .download import Download
from .envelope import item_of, items_of, page_of
from .errors import BadResponse, ValidationFailed
from .query import Query
from .records import Dictionary, Page, Record, TraceMessage
from .transport import read_json, send

R = TypeVar("R", bound=Record)


def ids_path(ids: Iterable[int]) -> str:
    """`68,172,405`; validated so a stray value can never widen a delete."""
    cleaned = []
    for value in ids:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationFailed(f"{value!r} is not a record id.")
        cleaned.append(str(value))
    if not cleaned:
        raise ValidationFailed("No records were given.")
    return ",".join(dict.fromkeys(cleaned))


def record_path(collection: str, record_id: int, suffix: str = "") -> str:
    if isinstance(record_id, bool) or not isinstance(record_id, int) or record_id < 1:
        raise ValidationFailed(f"{record_id!r} is not a record id.")
    return f"/{collection}/{record_id}{suffix}"


class Collection(Generic[R]):
    def __init__(self, path: str, record: type[R]) -> None:
        self.path = path
        self.record = record

    def page(self, credentials: Credentials, query: Query, *, path: str | None = None) -> Page[R]:
        response = send(
            "GET", path or f"/{self.path}", credentials=credentials, params=query.params
        )
        return page_of(read_json(response), self.record.from_api, query)

    def get(self, credentials: Credentials, record_id: int) -> R:
        response = send("GET", record_path(self.path, record_id), credentials=credentials)
        return item_of(read_json(response), self.record.from_api)

    def trace(self, credentials: Credentials, record_id: int) -> list[TraceMessage]:
        path = record_path(self.path, record_id, ".trace")
        response = send("GET", path, credentials=credentials)
        return items_of(read_json(response), TraceMessage.from_api)

    def download(self, credentials: Credentials, record_id: int, extension: str) -> Download:
        path = record_path(self.path, record_id, f".{extension}")
        return Download(send("GET", path, credentials=credentials, stream=True))

    def update(self, credentials: Credentials, changes: Sequence[dict[str, Any]]) -> list[R]:
        """PATCH a list of `{"id": ..., field: value}`; all-or-nothing upstream, sent once.

        The updated records as the upstream echoes them; none when it echoes nothing readable
        (`{"message": "Done"}`, say): the 2xx already said it was done."""
        response = send("PATCH", f"/{self.path}", credentials=credentials, json_body=list(changes))
        if response.status_code == 204 or not response.content:
            return []
        try:
            return items_of(read_json(response), self.record.from_api)
        except BadResponse:
            return []

    def delete(self, credentials: Credentials, record_ids: Iterable[int]) -> None:
        send("DELETE", f"/{self.path}/{ids_path(record_ids)}", credentials=credentials)

    def delete_all(self, credentials: Credentials) -> None:
        send("DELETE", f"/{self.path}", credentials=credentials)


def fetch_dictionary(credentials: Credentials, resource: str) -> Dictionary:
    response = send("GET", f"/{resource}/dictionaries", credentials=credentials)
    document = read_json(response)
    data = document.get("data") if isinstance(document, dict) else document
    return Dictionary.from_api(resource, data)
