"""Labels for coded fields (`type`, `disposition`, ...), kept for a day."""

from __future__ import annotations

from django.conf import settings

from history.api.credentials import Credentials
from history.api.errors import FieldError, ValidationFailed
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
