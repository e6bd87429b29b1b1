"""The machinery every endpoint shares: method dispatch, auth, JSON errors, and the generic
list / get / delete / bulk-update of a resource within what the caller may see.

A view module declares its endpoints with `endpoint(GET=..., DELETE=...)`; each handler gets
`(request, caller, **url_kwargs)` and returns a response or raises `ApiError`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from sandbox.auth import Caller, authenticate
from sandbox.errors import (
    ApiError,
    FieldError,
    access_denied,
    not_found,
    validation_error,
)
from sandbox.faults import with_faults
from sandbox.query import parse_list_query, run_list_query
from sandbox.resources import Resource
from sandbox.responses import collection_response, empty_response, error_response, item_response

logger = logging.getLogger(__name__)

Handler = Callable[..., HttpResponse]
# Validates one field of a bulk PATCH item: returns the cleaned value or raises ValueError.
FieldCleaner = Callable[[Any], Any]

MAX_ID = 2**63 - 1
MAX_IDS_PER_REQUEST = 1000


def endpoint(*, public: bool = False, **handlers: Handler) -> Callable[..., HttpResponse]:
    """One URL: its handlers by method, behind auth (unless public) and the fault switches."""
    methods = {method.upper(): handler for method, handler in handlers.items()}
    # As any web server does, HEAD answers what GET would, without the body.
    if "GET" in methods:
        methods["HEAD"] = methods["GET"]
    allowed = ", ".join(sorted({*methods, "OPTIONS"}))

    @csrf_exempt
    @with_faults
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            # Says what the URL answers; browsers ask without credentials, so none are needed.
            return with_allow(empty_response(204), allowed)
        handler = methods.get(request.method or "")
        if handler is None:
            error = ApiError(405, f"Method {request.method} not allowed here; allowed: {allowed}")
            return with_allow(error_response(error), allowed)
        try:
            caller = None if public else authenticate(request)
            return handler(request, caller, **kwargs)
        except ApiError as error:
            return error_response(error)
        except SuspiciousOperation as error:
            # Django refuses oversized bodies and query strings when the view first reads them.
            return error_response(_refused_request(error))
        except Exception:
            # Bad input is answered above; this is a sandbox bug, still answered as JSON.
            logger.exception("sandbox request failed: %s %s", request.method, request.path)
            return JsonResponse({"message": "Internal error"}, status=500)

    return view


def with_allow(response: HttpResponse, allowed: str) -> HttpResponse:
    response["Allow"] = allowed
    return response


def _refused_request(error: SuspiciousOperation) -> ApiError:
    if isinstance(error, RequestDataTooBig):
        message = "Request body is too large"
        return ApiError(413, message, [FieldError("body", message, "too_large")])
    message = f"Request refused: {error}"
    return validation_error("request", message, "invalid")


def json_body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise validation_error("body", "Request body is not valid JSON", "invalid_json") from None


def parse_id(text: str, resource_name: str) -> int:
    """A path id; anything that is not one names no record, hence 404."""
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
        raise not_found(f"No {resource_name} {text!r}")
    return int(text)


def parse_id_list(text: str) -> list[int]:
    """`1,2,3` -> [1, 2, 3] (duplicates dropped); a malformed list is a 400."""
    parts = text.split(",")
    if len(parts) > MAX_IDS_PER_REQUEST:
        raise validation_error(
            "ids", f"at most {MAX_IDS_PER_REQUEST} ids per request, not {len(parts)}", "max_items"
        )
    ids: list[int] = []
    for part in parts:
        part = part.strip()
        if not part.isascii() or not part.isdigit() or not 0 < int(part) <= MAX_ID:
            raise validation_error(
                "ids",
                f"ids must be a comma-separated list of positive integers: {text!r}",
                "invalid",
            )
        if int(part) not in ids:
            ids.append(int(part))
    return ids


def visible(caller: Caller, resource: Resource, queryset: models.QuerySet | None = None):
    base = resource.model.objects.all() if queryset is None else queryset
    return caller.scope(base, resource.owner_field)


def list_response(
    request: HttpRequest,
    caller: Caller,
    resource: Resource,
    queryset: models.QuerySet | None = None,
    *,
    scoped: bool = False,
) -> JsonResponse:
    """A page of the records the caller may see (`scoped`: `queryset` already is)."""
    query = parse_list_query(request.GET, resource)
    if queryset is None or not scoped:
        queryset = visible(caller, resource, queryset)
    rows, total = run_list_query(queryset, query)
    return collection_response(resource.serialize_all(rows), total)


def find_record(caller: Caller, resource: Resource, ident: str) -> Any:
    """The record: 404 when unknown or another customer's, 403 when another user's."""
    pk = parse_id(ident, resource.name)
    record = resource.model.objects.filter(pk=pk, customer_id=caller.customer_id).first()
    if record is None:
        raise not_found(f"No {resource.name} {pk}")
    if not caller.may_see_owner(getattr(record, resource.owner_field)):
        raise access_denied(f"{resource.name} {pk} belongs to another user")
    return record


def delete_listed(caller: Caller, resource: Resource, ids_text: str) -> HttpResponse:
    """Deletes every listed record, or none: 404 naming each id the caller cannot see."""
    ids = parse_id_list(ids_text)
    with transaction.atomic():
        records = visible(caller, resource, resource.model.objects.filter(pk__in=ids))
        found = set(records.values_list("pk", flat=True))
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise ApiError(
                404,
                f"Resource not found: no {resource.name} {', '.join(map(str, missing))}",
                [FieldError("ids", f"no {resource.name} {pk}", "not_found") for pk in missing],
            )
        records.delete()
    return empty_response(204)


@dataclass(frozen=True)
class ResourceHandlers:
    """The generic handlers of one resource, to hand to `endpoint` by method:
    `endpoint(GET=handlers.list, DELETE=handlers.delete_all)`."""

    resource: Resource

    def list(self, request: HttpRequest, caller: Caller) -> HttpResponse:
        return list_response(request, caller, self.resource)

    def get(self, request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
        return item_response(self.resource.serialize(find_record(caller, self.resource, ident)))

    def delete(self, request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
        return delete_listed(caller, self.resource, ident)

    def delete_all(self, request: HttpRequest, caller: Caller) -> HttpResponse:
        """DELETE on the collection: everything of it the caller may see."""
        with transaction.atomic():
            visible(caller, self.resource).delete()
        return empty_response(self.resource.delete_all_status)


def bulk_update(
    request: HttpRequest,
    caller: Caller,
    resource: Resource,
    cleaners: Mapping[str, FieldCleaner],
) -> JsonResponse:
    """PATCH of a collection: `[{"id": .., field: value}, ...]`, all items or none.

    A malformed item is a 400 naming its index; an id the caller cannot see a 404 naming it.
    """
    changes = _clean_items(json_body(request), cleaners)
    ids = [pk for pk, _ in changes]
    with transaction.atomic():
        records = {
            r.pk: r for r in visible(caller, resource, resource.model.objects.filter(pk__in=ids))
        }
        missing = [index for index, pk in enumerate(ids) if pk not in records]
        if missing:
            raise ApiError(
                404,
                f"Resource not found: item {missing[0]} (id {ids[missing[0]]})",
                [
                    FieldError(f"[{i}].id", f"no {resource.name} {ids[i]}", "not_found")
                    for i in missing
                ],
            )
        for pk, fields in changes:
            record = records[pk]
            for name, value in fields.items():
                setattr(record, name, value)
            record.save(update_fields=list(fields))
    updated = [records[pk] for pk in ids]
    return collection_response(resource.serialize_all(updated), len(updated))


def _clean_items(
    items: Any, cleaners: Mapping[str, FieldCleaner]
) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(items, list) or not items:
        raise validation_error(
            "body", "Body must be a non-empty JSON array of objects with an id", "invalid"
        )
    if len(items) > MAX_IDS_PER_REQUEST:
        raise validation_error(
            "body", f"at most {MAX_IDS_PER_REQUEST} items per request", "max_items"
        )
    changes: list[tuple[int, dict[str, Any]]] = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        where = f"[{index}]"
        if not isinstance(item, dict):
            raise validation_error(where, f"item {index} must be an object", "invalid")
        pk = item.get("id")
        if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk <= MAX_ID:
            raise validation_error(
                f"{where}.id", f"item {index} needs a positive integer id", "invalid"
            )
        if pk in seen:
            raise validation_error(f"{where}.id", f"item {index} repeats id {pk}", "duplicate")
        seen.add(pk)
        fields = {name: value for name, value in item.items() if name != "id"}
        unknown = sorted(set(fields) - set(cleaners))
        if unknown:
            allowed = ", ".join(cleaners)
            raise validation_error(
                f"{where}.{unknown[0]}",
                f"item {index}: {unknown[0]!r} cannot be changed; changeable: {allowed}",
                "invalid",
            )
        if not fields:
            raise validation_error(where, f"item {index} changes nothing", "required")
        cleaned: dict[str, Any] = {}
        for name, value in fields.items():
            try:
                cleaned[name] = cleaners[name](value)
            except ValueError as error:
                raise validation_error(
                    f"{where}.{name}", f"item {index}: {name} {error}", "invalid"
                ) from None
        changes.append((pk, cleaned))
    return changes
