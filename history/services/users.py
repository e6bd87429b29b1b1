"""Signing in with VoIPstudio, and who the signed-in user is."""

from __future__ import annotations

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
    return LoginOutcome(credentials=answer.credentials, nonce=answer.nonce)


def user_login_2fa(*, nonce: str, code: str) -> Credentials:
    """The second sign-in step; raises `Unauthorized` for a wrong or expired code."""
    return auth.login_2fa(nonce, code)


def user_from_api_key(*, api_key: str) -> Credentials:
    """Credentials for a VoIPstudio API key; raises `Unauthorized` if the key is refused."""
    user = auth.me_with_api_key(api_key)
    return Credentials(token=api_key, user_id=user.id)


def user_me(*, credentials: Credentials) -> UpstreamUser:
    """The signed-in user (name, customer, admin or not), cached like a record."""
    return cached_record(credentials, "me", "me", lambda: auth.me(credentials)).value
