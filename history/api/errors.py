"""The errors the History API client raises, grouped by what a view should do about them.

Views catch these by meaning (sign in again, show a 403/404 notice, say the upstream is not
answering); no `requests` exception ever leaves the client.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _rebuild(cls: type[HistoryError], state: dict[str, Any]) -> HistoryError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    error.__dict__.update(state)
    return error


class HistoryError(Exception):
    """Base of every error the client raises; `str()` is a sentence fit for a notice."""

    default_message = "The VoIPstudio History API request failed."

    def __init__(self, message: str | None = None, *, status: int | None = None) -> None:
        self.message = message or self.default_message
        self.status = status
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    # Errors are cached briefly so that coalesced waiters see the leader's failure; keyword-only
    # attributes would be lost by Exception's default pickling.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), dict(self.__dict__)))


class Unauthorized(HistoryError):
    default_message = "VoIPstudio did not accept these credentials."


class SessionExpired(Unauthorized):
    default_message = "Your VoIPstudio session has expired; please sign in again."


class AccessDenied(HistoryError):
    default_message = "VoIPstudio does not allow this account to see that record."


class NotFound(HistoryError):
    default_message = "VoIPstudio has no such record (it may have been deleted)."


@dataclass(frozen=True)
class FieldError:
    """One entry of an upstream 400 body, or of a query rejected before it was sent."""

    field: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationFailed(HistoryError):
    default_message = "VoIPstudio rejected the request as invalid."

    def __init__(
        self,
        message: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        status: int | None = None,
    ) -> None:
        self.errors: list[FieldError] = list(errors or [])
        if message is None and self.errors:
            message = "; ".join(str(error) for error in self.errors)
        super().__init__(message, status=status)


class RateLimited(HistoryError):
    default_message = "VoIPstudio is limiting requests; please try again shortly."

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        self.retry_after = retry_after
        if message is None and retry_after is not None:
            message = f"VoIPstudio is limiting requests; try again in {retry_after:g} seconds."
        super().__init__(message, status=status)


class Unavailable(HistoryError):
    default_message = "VoIPstudio is not answering right now."


class BudgetExceeded(HistoryError):
    """A request asked for more upstream calls than one page view may make."""

    def __init__(self, message: str | None = None, *, budget: int = 0) -> None:
        self.budget = budget
        if message is None:
            message = (
                f"This request stopped after {budget} calls to VoIPstudio, the most one page "
                "may make. Select fewer items, or narrow the search, and try again."
            )
        super().__init__(message, status=None)


class BadResponse(HistoryError):
    default_message = "VoIPstudio sent a response this dashboard cannot read."


class UnclearOutcome(HistoryError):
    """A write was answered with a success status and a body that is not an API answer (an HTML
    page, say): it may or may not have been done. The caller reads back before reporting."""

    default_message = "VoIPstudio's answer did not say whether this was done."


# The failures worth answering from a stale cached copy: the upstream is down or throttling,
# not saying "no" to this user.
TRANSIENT_ERRORS: tuple[type[HistoryError], ...] = (Unavailable, RateLimited)
# The upstream refused this one record or request (missing, not this user's, not accepted):
# nothing was done, and a page can be shown without that part, a gap rather than an error page.
REFUSAL_ERRORS: tuple[type[HistoryError], ...] = (AccessDenied, NotFound, ValidationFailed)
# The same, or an answer in a shape the client cannot read: for a part a page can do without (a
# SIP trace, a chat's messages, the labels of codes) one more reason for the gap, not a reason
# to lose the whole page.
REFUSAL_OR_UNREADABLE_ERRORS: tuple[type[HistoryError], ...] = (*REFUSAL_ERRORS, BadResponse)
