"""The audit log: who did what to which upstream records, and what the upstream answered.

Each entry belongs to the customer of the user who acted, on the upstream they acted on; an
admin's page shows that customer's entries only (see `AuditEntry` for who reads the rest).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from dashboard.models import AuditEntry
from dashboard.services.profiles import profile_for, user_is_admin


def _user_label(user: AbstractBaseUser | AnonymousUser | None) -> str:
    if user is None or not user.is_authenticated:
        return "anonymous"
    # The e-mail is what a reader of the log recognises; the username is an upstream id.
    return getattr(user, "email", "") or user.get_username()


def audit_upstream() -> str:
    """The upstream entries are written for and read from: the History API base URL."""
    return str(settings.HISTORY_API_URL).rstrip("/")


def _customer_of(user: AbstractBaseUser | AnonymousUser | None) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    profile = profile_for(user=user)
    return profile.upstream_customer_id if profile is not None else None


def audit_record(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    action: str,
    records: Iterable[Any],
    outcome: str,
    detail: str = "",
) -> AuditEntry:
    """Write one audit entry, for the user's customer on the current upstream.

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
        customer_id=_customer_of(user),
        upstream=audit_upstream(),
    )


def _visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[AuditEntry]:
    """The entries `user` may read: an admin's customer's on this upstream; else none."""
    customer_id = _customer_of(user)
    if customer_id is None or not user_is_admin(user=user):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(
        customer_id=customer_id, upstream=audit_upstream(), operator_only=False
    )


def audit_page(
    *,
    user: AbstractBaseUser | AnonymousUser,
    action: str = "",
    user_label: str = "",
    page: int = 1,
    per_page: int = 50,
) -> Page:
    """One page of the entries `user` may read, newest first, optionally narrowed by action
    or user; a page number past the end gives the last page."""
    entries = _visible_to(user)
    if action:
        entries = entries.filter(action=action)
    if user_label:
        entries = entries.filter(user_label__icontains=user_label)
    return Paginator(entries, per_page).get_page(page)
