"""Signing in: each step's answer from VoIPstudio, read as what the sign-in page does next."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from dashboard.auth import TwoFactorRequired
from dashboard.upstream import UNREADABLE
from history.api.errors import BadResponse, HistoryError

NOT_ANSWERING = "VoIPstudio is not answering. Try again in a moment."


@dataclass(frozen=True)
class SignInAttempt:
    """How one sign-in step ended: with a user, with a two-factor step to come (`nonce`), or
    refused, with the `problem` to show (on `problem_field`, None for the whole form) and the
    status of the page that shows it."""

    user: AbstractBaseUser | None = None
    nonce: str = ""
    problem: str = ""
    problem_field: str | None = None
    status: int = 200


def _upstream_trouble(error: HistoryError) -> SignInAttempt:
    """VoIPstudio could not be asked, or its answer not read: not the user's details' fault."""
    if isinstance(error, BadResponse):
        return SignInAttempt(problem=UNREADABLE.message, status=UNREADABLE.status)
    return SignInAttempt(problem=NOT_ANSWERING, status=503)


def user_sign_in(*, request: HttpRequest, email: str, password: str, api_key: str) -> SignInAttempt:
    """The first step: e-mail and password (which may call for a two-factor code), or an API
    key. `request` is passed on to Django's authentication, for its signals."""
    try:
        user = authenticate(request, email=email, password=password, api_key=api_key)
    except TwoFactorRequired as pending:
        return SignInAttempt(nonce=pending.nonce)
    except HistoryError as error:
        return _upstream_trouble(error)
    if user is None:
        return SignInAttempt(problem="VoIPstudio did not accept these details.", status=401)
    return SignInAttempt(user=user)


def user_sign_in_2fa(*, request: HttpRequest, nonce: str, code: str) -> SignInAttempt:
    """The two-factor step, tied to the first by its `nonce`."""
    try:
        user = authenticate(request, nonce=nonce, code=code)
    except HistoryError as error:
        return _upstream_trouble(error)
    if user is None:
        return SignInAttempt(
            problem="That code was not accepted. Check it and try again.",
            problem_field="code",
            status=401,
        )
    return SignInAttempt(user=user)
