"""Whether the upstream answers at all: for readiness probes, never cached."""

from __future__ import annotations

from history.api import auth
from history.api.errors import AccessDenied, Unauthorized


def upstream_ping() -> bool:
    """True when the upstream answers `/ping` with "Pong"; raises a HistoryError when it does
    not answer, or answers with an error page.

    The probe has no user's token: an upstream that wants one for `/ping` and says so (401,
    403) has answered, which is all a readiness check asks.
    """
    try:
        return auth.ping()
    except (Unauthorized, AccessDenied):
        return True
