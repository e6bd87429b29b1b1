"""The audit log: who did what to which upstream records, and what the upstream answered."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page, Paginator

from dashboard.models import AuditEntry


def _user_label(user: AbstractBaseUser | AnonymousUser | None) -> str:
    if user is None or not user.is_authenticated:
        return "anonymous"
    # The e-mail is what a reader of the log recognises; the username is an upstream id.
    return getattr(user, "email", "") or user.get_username()


def audit_record(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    action: str,
    records: Iterable[Any],
    outcome: str,
    detail: str = "",
) -> AuditEntry:
    """Write one audit entry.

    `records` is whatever identifies the records touched (ids, or small dicts such as
    `{"id": 5, "error": "Access denied"}`); it is stored as JSON. `outcome` is the upstream's
    answer in words ("ok", "partial: 2 of 3 deleted", "Access denied").
    """
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        user_label=_user_label(user),
        action=action,
        records=list(records),
        outcome=str(outcome),
        detail=detail,
    )


def audit_page(
    *, action: str = "", user_label: str = "", page: int = 1, per_page: int = 50
) -> Page:
    """One page of the log, newest first, optionally narrowed by action or user; a page number
    past the end gives the last page."""
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if user_label:
        entries = entries.filter(user_label__icontains=user_label)
    return Paginator(entries, per_page).get_page(page)
