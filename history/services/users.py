"""Signing in with VoIPstudio, and who the signed-in user is."""

from __future__ import annotations

from dataclasses import replace

from history.api import auth
from history.api.credentials import Credentials
from history.api.records import UpstreamUser

from .cache import cached_record
from .results import LoginOutcome


def user_login(*, email: str, password: str) -> LoginOutcome:
    """Sign in; the outcome holds credentials, or a nonce when a two-factor code is needed.

    Raises `Unauthorized` for a wrong email or password.
    """
    answer = auth.login(email, password)
    credentials = _with_customer(answer.credentials) if answer.credentials else None
    return LoginOutcome(credentials=credentials, nonce=answer.nonce)


def user_login_2fa(*, nonce: str, code: str) -> Credentials:
    """The second sign-in step; raises `Unauthorized` for a wrong or expired code."""
    return _with_customer(auth.login_2fa(nonce, code))


def user_from_api_key(*, api_key: str) -> Credentials:
    """Credentials for a VoIPstudio API key; raises `Unauthorized` if the key is refused."""
    user = auth.me_with_api_key(api_key)
    return Credentials(token=api_key, user_id=user.id, customer_id=user.customer_id)


def user_me(*, credentials: Credentials) -> UpstreamUser:
    """The signed-in user (name, customer, admin or not), cached like a record."""
    # Kept per user only: no write changes who a user is, and so the lookup made while signing
    # in (before the customer is known) is the one found right after it.
    per_user = replace(credentials, customer_id=None)
    return cached_record(per_user, "me", "me", lambda: auth.me(credentials)).value


def user_me_fresh(*, credentials: Credentials) -> UpstreamUser:
    """The signed-in user as the upstream says now, never from the cache: for sign-in and the
    session's periodic re-validation, which must see a revoked token or a changed role."""
    return auth.me(credentials)


def _with_customer(credentials: Credentials) -> Credentials:
    """The credentials with the user's customer from `/me`, so that this user's writes reach
    the cached pages of the customer's other users, and theirs this user's."""
    return replace(credentials, customer_id=user_me(credentials=credentials).customer_id)
