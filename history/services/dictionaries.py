"""Labels for coded fields (`type`, `disposition`, ...), kept for a day."""

from __future__ import annotations

from django.conf import settings

from history.api.credentials import Credentials
from history.api.errors import REFUSAL_OR_UNREADABLE_ERRORS, FieldError, ValidationFailed
from history.api.records import Dictionary
from history.api.resource import fetch_dictionary

from .cache import read_through
from .results import Fetched

# The resources the upstream publishes dictionaries for.
DICTIONARY_RESOURCES = frozenset({"cdrs", "msdrs", "sms", "mediasessions"})


def dictionary_get(*, credentials: Credentials, resource: str) -> Fetched[Dictionary]:
    """The dictionary of `resource` (one of cdrs, msdrs, sms, mediasessions)."""
    if resource not in DICTIONARY_RESOURCES:
        allowed = ", ".join(sorted(DICTIONARY_RESOURCES))
        raise ValidationFailed(errors=[FieldError("resource", f"must be one of {allowed}")])
    return read_through(
        credentials=credentials,
        resource="dictionaries",
        what=resource,
        ttl=settings.HISTORY_TTL_DICTIONARY,
        fetch=lambda: fetch_dictionary(credentials, resource),
    )


def dictionary_if_any(*, credentials: Credentials, resource: str) -> Fetched[Dictionary | None]:
    """The labels of a resource's codes, or None: pages show the bare codes when the upstream
    has no dictionary for it (the endpoint answering 404, refusing, or unreadable)."""
    try:
        return dictionary_get(credentials=credentials, resource=resource)
    except REFUSAL_OR_UNREADABLE_ERRORS:
        return Fetched(value=None)
