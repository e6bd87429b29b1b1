"""How each upstream error reads to the user: the status, title and message of its page."""

import logging
from dataclasses import dataclass

from history.services import (
    AccessDenied,
    BudgetExceeded,
    NotFound,
    RateLimited,
    Unavailable,
    ValidationFailed,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """How an upstream error reads to the user; `{error}` in the message is the error's text."""

    status: int
    title: str
    message: str
    retry: bool = False


# Checked in order: the first class the error is an instance of decides the page.
PROBLEMS: tuple[tuple[type[Exception], Problem], ...] = (
    (AccessDenied, Problem(403, "No access", "You do not have access to this record.")),
    (NotFound, Problem(404, "Not found", "This record does not exist (any more).")),
    (ValidationFailed, Problem(400, "Not accepted", "VoIPstudio refused: {error}")),
    # The dashboard's own limit, not the upstream's: the message says what stopped and why.
    (BudgetExceeded, Problem(503, "Too much for one page", "{error}")),
    (
        RateLimited,
        Problem(
            503,
            "VoIPstudio is busy",
            "VoIPstudio is not answering: too many requests. Try again in a moment.",
            retry=True,
        ),
    ),
    (
        Unavailable,
        Problem(
            503,
            "VoIPstudio is not answering",
            "VoIPstudio is not answering. Try again in a moment.",
            retry=True,
        ),
    ),
)
UNREADABLE = Problem(
    502,
    "VoIPstudio answered strangely",
    "VoIPstudio sent an answer the dashboard could not read. Try again in a moment.",
    retry=True,
)


def problem_of(error: Exception) -> Problem:
    """The page for an upstream error; an error of no known kind reads as `UNREADABLE`."""
    problem = next((p for kind, p in PROBLEMS if isinstance(error, kind)), None)
    if problem is None:
        logger.warning("Upstream answered in an unexpected way: %s", type(error).__name__)
        problem = UNREADABLE
    return problem
