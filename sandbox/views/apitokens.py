"""Named API keys, as the official command-line client manages them: `GET /apitokens`,
`POST /apitokens {"name", "expiry"}`, `DELETE /apitokens/{id or key}`.

A key is a credential to act as its owner, so everyone, admins included, sees and deletes only
their own: another user's key is a 404, never a 403 that would confirm it exists. Session tokens
(from /login) are not API keys and are not listed here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse

from sandbox.auth import MAX_KEY_LENGTH, Caller
from sandbox.errors import not_found, validation_error
from sandbox.models import Token
from sandbox.query import parse_list_query, run_list_query
from sandbox.resources import API_TOKENS, format_date
from sandbox.responses import collection_response, empty_response, item_response
from sandbox.views.base import endpoint, json_body

MAX_NAME_LENGTH = 100
# Ten years: any longer is "never", which is what leaving `expiry` out means.
MAX_EXPIRY_SECONDS = 10 * 365 * 24 * 60 * 60


def _data(token: Token) -> dict[str, Any]:
    expires_at = None
    if token.expiry is not None:
        expires_at = format_date(token.last_used_at + timedelta(seconds=token.expiry))
    return {
        "id": token.pk,
        "name": token.name,
        # The official client deletes an old key by this value, so listing carries it.
        "token": token.key,
        "user_id": token.account_id,
        "expiry": token.expiry,
        "expires_at": expires_at,
        "created_at": format_date(token.created_at),
        "last_used_at": format_date(token.last_used_at),
    }


def _own_keys(caller: Caller):
    return Token.objects.filter(account_id=caller.user_id, kind=Token.Kind.APIKEY)


def _list(request: HttpRequest, caller: Caller) -> HttpResponse:
    rows, total = run_list_query(_own_keys(caller), parse_list_query(request.GET, API_TOKENS))
    return collection_response([_data(token) for token in rows], total)


def _name(body: dict[str, Any]) -> str:
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_error("name", "name is required", "required")
    name = name.strip()
    if len(name) > MAX_NAME_LENGTH:
        message = f"name must be at most {MAX_NAME_LENGTH} characters"
        raise validation_error("name", message, "max_length")
    if "\x00" in name:
        raise validation_error("name", "name may not contain NUL characters", "invalid")
    return name


def _expiry(body: dict[str, Any]) -> int | None:
    expiry = body.get("expiry")
    if expiry is None:
        return None
    if isinstance(expiry, bool) or not isinstance(expiry, int):
        raise validation_error(
            "expiry", f"expiry must be a whole number of seconds, not {expiry!r}", "invalid"
        )
    if expiry < 1:
        raise validation_error("expiry", "expiry must be at least 1 second", "min_value")
    if expiry > MAX_EXPIRY_SECONDS:
        message = f"expiry must be at most {MAX_EXPIRY_SECONDS} seconds; leave it out for none"
        raise validation_error("expiry", message, "max_value")
    return expiry


def _create(request: HttpRequest, caller: Caller) -> HttpResponse:
    body = json_body(request)
    if not isinstance(body, dict):
        raise validation_error("body", "Body must be a JSON object", "invalid")
    name, expiry = _name(body), _expiry(body)
    try:
        with transaction.atomic():
            token = Token.objects.create(
                account=caller.account, kind=Token.Kind.APIKEY, name=name, expiry=expiry
            )
    except IntegrityError:
        message = f"You already have an API token named {name!r}: delete it first"
        raise validation_error("name", message, "unique") from None
    return item_response(_data(token), status=201)


def _delete(request: HttpRequest, caller: Caller, ident: str) -> HttpResponse:
    # By key, as the official client does, or by id; never by anything the caller does not own.
    # Keys and ids are ASCII letters and digits: anything else names none (and some databases
    # refuse odd bytes such as NUL outright).
    if not ident.isascii() or not ident.isalnum() or len(ident) > MAX_KEY_LENGTH:
        raise not_found(f"No API token {ident[:80]!r}")
    keys = _own_keys(caller)
    matching = keys.filter(key=ident)
    if ident.isascii() and ident.isdigit() and len(ident) < 19:
        matching = matching | keys.filter(pk=int(ident))
    deleted, _ = matching.delete()
    if not deleted:
        raise not_found(f"No API token {ident!r}")
    return empty_response(204)


collection = endpoint(GET=_list, POST=_create)
item = endpoint(DELETE=_delete)
