"""Who is calling: user tokens and API keys, sent as `X-Auth-Token` or HTTP Basic.

Like the real service, a user token (from /login) expires after SANDBOX_TOKEN_IDLE_SECONDS
without a request and each request renews it; an API key made with an `expiry` (POST
/apitokens) expires after that many seconds without a request, renewed the same way; any other
API key never expires. Roles: an admin sees every record of their customer, anyone else only
records they own.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from sandbox.errors import unauthorized
from sandbox.models import Account, LoginNonce, Token

# A 2FA nonce must be answered within this time.
NONCE_LIFETIME = timedelta(minutes=5)
# Renewing on every request would write to the database on every read; renewing once per
# this share of the idle period keeps the expiry accurate to within ~3 %.
RENEWAL_FRACTION = 30
MAX_KEY_LENGTH = 64


@dataclass(frozen=True)
class Caller:
    account: Account

    @property
    def user_id(self) -> int:
        return self.account.pk

    @property
    def customer_id(self) -> int:
        return self.account.customer_id

    @property
    def is_admin(self) -> bool:
        return self.account.is_admin

    def may_see_owner(self, owner_id: int) -> bool:
        return self.is_admin or owner_id == self.user_id

    def scope(self, queryset: QuerySet, owner_field: str) -> QuerySet:
        """The records of `queryset` this caller may see."""
        queryset = queryset.filter(customer_id=self.customer_id)
        if not self.is_admin:
            queryset = queryset.filter(**{owner_field: self.user_id})
        return queryset


def authenticate(request: HttpRequest) -> Caller:
    key, claimed_user_id = _credentials(request)
    # Keys are hex; anything else cannot match, and some databases refuse odd bytes outright.
    if not key.isascii() or not key.isalnum() or len(key) > MAX_KEY_LENGTH:
        raise unauthorized("Invalid or unknown token")
    token = Token.objects.select_related("account").filter(key=key).first()
    if token is None or not token.account.active:
        raise unauthorized("Invalid or unknown token")
    if claimed_user_id is not None and claimed_user_id != token.account_id:
        raise unauthorized("Token does not belong to this user")
    idle_seconds = _idle_lifetime(token)
    if idle_seconds is not None:
        _check_and_renew(token, idle_seconds)
    return Caller(token.account)


def has_credentials(request: HttpRequest) -> bool:
    """Whether the request says who it is: then it must say so correctly (see /ping)."""
    return bool(
        request.headers.get("X-Auth-Token", "").strip()
        or request.headers.get("Authorization", "").strip()
    )


def _idle_lifetime(token: Token) -> int | None:
    if token.kind == Token.Kind.SESSION:
        return int(settings.SANDBOX_TOKEN_IDLE_SECONDS)
    return token.expiry


def _credentials(request: HttpRequest) -> tuple[str, int | None]:
    header_token = request.headers.get("X-Auth-Token", "").strip()
    if header_token:
        return header_token, None
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        raise unauthorized("Authentication required: send X-Auth-Token or HTTP Basic auth")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        user_id, _, key = decoded.partition(":")
        return key, int(user_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise unauthorized(
            "Malformed HTTP Basic credentials: expected user_id:user_token"
        ) from None


def _check_and_renew(token: Token, idle_seconds: int) -> None:
    idle = timedelta(seconds=idle_seconds)
    now = timezone.now()
    if now - token.last_used_at > idle:
        token.delete()
        expired = "Session" if token.kind == Token.Kind.SESSION else "API token"
        raise unauthorized(f"{expired} expired")
    if now - token.last_used_at > idle / RENEWAL_FRACTION:
        Token.objects.filter(pk=token.pk).update(last_used_at=now)


def login(*, email: str, password: str) -> Token | LoginNonce:
    """A session token, or a nonce when the account has two-factor auth."""
    account = Account.objects.filter(email__iexact=email.strip(), active=True).first()
    if account is None or not account.check_password(password):
        raise unauthorized("Invalid email or password")
    if account.two_factor_code:
        return LoginNonce.objects.create(account=account)
    return Token.objects.create(account=account, kind=Token.Kind.SESSION)


def login_second_factor(*, nonce: str, code: str) -> Token:
    if not nonce.isascii() or not nonce.isalnum():
        raise unauthorized("Unknown or expired nonce: sign in again")
    pending = LoginNonce.objects.select_related("account").filter(nonce=nonce, used=False).first()
    if pending is None or timezone.now() - pending.created_at > NONCE_LIFETIME:
        raise unauthorized("Unknown or expired nonce: sign in again")
    if not pending.account.active or code.strip() != pending.account.two_factor_code:
        raise unauthorized("Invalid two-factor code")
    # One nonce, one session: a replayed nonce is refused.
    updated = LoginNonce.objects.filter(pk=pending.pk, used=False).update(used=True)
    if not updated:
        raise unauthorized("Unknown or expired nonce: sign in again")
    return Token.objects.create(account=pending.account, kind=Token.Kind.SESSION)
