"""Statements, dictionaries, the per-user CSV export, and the answer for unknown paths."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

from sandbox.auth import Caller
from sandbox.dictionaries import dictionary_entries
from sandbox.errors import access_denied, not_found
from sandbox.faults import with_faults
from sandbox.models import Account, Cdr
from sandbox.resources import CDR_FIELDS, STATEMENTS, format_date
from sandbox.responses import collection_response, error_response
from sandbox.views.base import ResourceHandlers, endpoint, parse_id

CSV_CHUNK = 2000


def _dictionary(resource: str) -> Callable[..., HttpResponse]:
    """`GET /{resource}/dictionaries`: the labels of the resource's coded fields."""

    def handler(request: HttpRequest, caller: Caller) -> HttpResponse:
        entries = dictionary_entries(resource)
        return collection_response(entries, len(entries))

    return endpoint(GET=handler)


class _Echo:
    """csv.writer needs a file; this one hands each written line straight back."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return format_date(value) if hasattr(value, "astimezone") else value


def _csv_rows(cdrs: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CDR_FIELDS)
    for row in cdrs.values_list(*CDR_FIELDS).iterator(chunk_size=CSV_CHUNK):
        yield writer.writerow([_csv_cell(value) for value in row])


def _user_cdrs_csv(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    user_id = parse_id(ident, "user")
    if not Account.objects.filter(pk=user_id, customer_id=caller.customer_id).exists():
        raise not_found(f"No user {user_id}")
    if not caller.may_see_owner(user_id):
        raise access_denied("Only an admin may export another user's calls")
    cdrs = Cdr.objects.filter(customer_id=caller.customer_id, user_id=user_id).order_by(
        "-calldate", "-id"
    )
    response = StreamingHttpResponse(_csv_rows(cdrs), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="user-{user_id}-cdrs.csv"'
    return response


statements = endpoint(DELETE=ResourceHandlers(STATEMENTS).delete_all)
cdr_dictionary = _dictionary("cdrs")
msdr_dictionary = _dictionary("msdrs")
sms_dictionary = _dictionary("sms")
mediasession_dictionary = _dictionary("mediasessions")
user_cdrs_csv = endpoint(GET=_user_cdrs_csv)


@csrf_exempt
@with_faults
def unknown_path(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return error_response(not_found(f"No such endpoint: {request.method} {request.path}"))
