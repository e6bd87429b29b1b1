"""Signing in (`/login`, `/login2fa`), the signed-in user (`/me`) and `/ping`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from sandbox import auth
from sandbox.auth import Caller
from sandbox.errors import validation_error
from sandbox.models import LoginNonce, Token
from sandbox.resources import format_date
from sandbox.responses import item_response
from sandbox.views.base import endpoint, json_body


def _required_text(body: Any, name: str) -> str:
    if not isinstance(body, dict):
        raise validation_error("body", "Body must be a JSON object", "invalid")
    value = body.get(name)
    # Codes are digits: accept them as a number too.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise validation_error(name, f"{name} is required", "required")
    if "\x00" in value:
        raise validation_error(name, f"{name} may not contain NUL characters", "invalid")
    return value


def _signed_in(token: Token) -> JsonResponse:
    return JsonResponse(
        {"message": "Login success", "user_id": token.account_id, "user_token": token.key}
    )


def _login(request: HttpRequest, caller: None) -> HttpResponse:
    body = json_body(request)
    email, password = _required_text(body, "email"), _required_text(body, "password")
    outcome = auth.login(email=email, password=password)
    if isinstance(outcome, LoginNonce):
        return JsonResponse({"nonce": outcome.nonce}, status=202)
    return _signed_in(outcome)


def _login_second_factor(request: HttpRequest, caller: None) -> HttpResponse:
    body = json_body(request)
    code, nonce = _required_text(body, "code"), _required_text(body, "nonce")
    return _signed_in(auth.login_second_factor(nonce=nonce, code=code))


def _me(request: HttpRequest, caller: Caller) -> HttpResponse:
    account = caller.account
    return item_response(
        {
            "id": account.pk,
            "email": account.email,
            "first_name": account.first_name,
            "last_name": account.last_name,
            "customer_id": account.customer_id,
            "customer": account.customer_id,
            "is_admin": account.is_admin,
            "roles": ["admin"] if account.is_admin else ["user"],
            "active": account.active,
            "two_factor_auth": 1 if account.two_factor_code else 0,
            "created_at": format_date(account.created_at),
        }
    )


def _ping(request: HttpRequest, caller: None) -> HttpResponse:
    """Clients check a token with /ping: one sent is checked (401 when bad). Without one it is
    a plain liveness check, as the seed and the older public notes describe it."""
    if not auth.has_credentials(request):
        return JsonResponse({"data": {"response": "Pong"}})
    checked = auth.authenticate(request)
    return JsonResponse({"data": {"response": "Pong", "user_id": checked.user_id}})


login = endpoint(public=True, POST=_login)
login_second_factor = endpoint(public=True, POST=_login_second_factor)
me = endpoint(GET=_me)
ping = endpoint(public=True, GET=_ping)
