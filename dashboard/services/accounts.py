"""Signing in: each step's answer from VoIPstudio, read as what the sign-in page does next."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from dashboard.services.throttle import (
    Counter,
    client_address,
    sign_in_counters,
    throttle_clear,
    throttle_fail,
    throttle_reached,
    throttle_wait,
)
from dashboard.upstream_errors import UNREADABLE
from history.services import BadResponse, HistoryError

NOT_ANSWERING = "VoIPstudio is not answering. Try again in a moment."


class TwoFactorRequired(Exception):
    """The password was right and the upstream now wants a code; `nonce` ties the two steps."""

    def __init__(self, nonce: str) -> None:
        super().__init__("VoIPstudio asks for a two-factor code.")
        self.nonce = nonce


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
    # Seconds until sign-in is allowed again, for `Retry-After`; 0 when not throttled.
    retry_after: int = 0
    # The two-factor step is over (its nonce took too many wrong codes): sign in again.
    restart: bool = False


def _upstream_trouble(error: HistoryError) -> SignInAttempt:
    """VoIPstudio could not be asked, or its answer not read: not the user's details' fault."""
    if isinstance(error, BadResponse):
        return SignInAttempt(problem=UNREADABLE.message, status=UNREADABLE.status)
    return SignInAttempt(problem=NOT_ANSWERING, status=503)


def _throttled(counters: list[Counter]) -> SignInAttempt | None:
    """A refusal when one of `counters` has reached its limit, else None."""
    wait = throttle_wait(counters=counters)
    if not wait:
        return None
    minutes = math.ceil(wait / 60)
    return SignInAttempt(
        problem=(
            "Too many failed sign-ins for this account or from this address. "
            f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."
        ),
        status=429,
        retry_after=wait,
    )


def user_sign_in(*, request: HttpRequest, email: str, password: str, api_key: str) -> SignInAttempt:
    """The first step: e-mail and password (which may call for a two-factor code), or an API
    key, held to the sign-in limits. `request` is passed on to Django's authentication, for
    its signals."""
    # An API key is tried instead of the e-mail and password when both are sent.
    counters = sign_in_counters(address=client_address(request), email="" if api_key else email)
    throttled = _throttled(counters)
    if throttled is not None:
        return throttled
    try:
        user = authenticate(request, email=email, password=password, api_key=api_key)
    except TwoFactorRequired as pending:
        # Not a success yet: the e-mail's count stands until the code is right.
        return SignInAttempt(nonce=pending.nonce)
    except HistoryError as error:
        return _upstream_trouble(error)
    if user is None:
        throttle_fail(counters=counters)
        return SignInAttempt(problem="VoIPstudio did not accept these details.", status=401)
    throttle_clear(counters=counters)
    return SignInAttempt(user=user)


def user_sign_in_2fa(*, request: HttpRequest, nonce: str, code: str, email: str) -> SignInAttempt:
    """The two-factor step, tied to the first by its `nonce`; `email` is the first step's.

    Wrong codes count against the e-mail and the address like wrong passwords, and the nonce
    dies after `NONCE_WRONG_CODES` of them.
    """
    counters = sign_in_counters(address=client_address(request), email=email, nonce=nonce)
    nonce_counter = counters[-1]
    dead = SignInAttempt(
        problem="Too many wrong codes: sign in again to get a new one.", status=401, restart=True
    )
    if throttle_reached(counter=nonce_counter):
        return dead
    throttled = _throttled(counters[:-1])
    if throttled is not None:
        return throttled
    try:
        user = authenticate(request, nonce=nonce, code=code)
    except HistoryError as error:
        return _upstream_trouble(error)
    if user is None:
        throttle_fail(counters=counters)
        if throttle_reached(counter=nonce_counter):
            return dead
        return SignInAttempt(
            problem="That code was not accepted. Check it and try again.",
            problem_field="code",
            status=401,
        )
    throttle_clear(counters=counters)
    return SignInAttempt(user=user)
