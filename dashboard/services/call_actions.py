"""What a supervisor does with calls besides reading them: labelling and exporting them, each
written to the audit log with the upstream's answer."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from itertools import chain
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from dashboard.export import csv_lines, neutralised_csv
from dashboard.search import CallSearch
from dashboard.services.action_reports import ActionReport
from dashboard.services.audit import audit_record
from dashboard.services.calls import call_export_iter
from history.services import Cdr, Credentials, HistoryError, cdr_label, cdr_user_csv, metered_iter

logger = logging.getLogger(__name__)


def cdr_label_change(
    *,
    credentials: Credentials,
    user: AbstractBaseUser,
    cdr_ids: list[int],
    label: str,
    adding: bool,
) -> ActionReport:
    """Apply (or remove) one label on calls, audit it, and say what happened to each call."""
    outcome = cdr_label(
        credentials=credentials,
        cdr_ids=cdr_ids,
        add=(label,) if adding else (),
        remove=() if adding else (label,),
    )
    audit_record(
        user=user,
        action="call.label_add" if adding else "call.label_remove",
        records=[*outcome.succeeded, *({"id": i, "error": e} for i, e in outcome.failed.items())],
        outcome="ok" if outcome.ok else f"partial: {len(outcome.failed)} failed",
        detail=f"label “{label}”",
    )
    verb = "applied to" if adding else "removed from"
    successes: tuple[str, ...] = ()
    if outcome.succeeded:
        successes = (f"“{label}” {verb} {len(outcome.succeeded)} call(s).",)
    errors = tuple(f"Call {cdr_id}: {reason}" for cdr_id, reason in outcome.failed.items())
    return ActionReport(successes=successes, errors=errors)


def call_export_csv(
    *,
    credentials: Credentials,
    user: AbstractBaseUser,
    search: CallSearch,
    tracking: bool,
    zone: ZoneInfo,
    search_text: str,
) -> Iterator[str]:
    """Every call of the search as CSV lines, audited with the number of rows sent and the
    search as `search_text` (its URL query).

    The first call is fetched before this returns, so that an upstream failure becomes a
    notice page instead of a truncated file; a failure later ends the file early, and the
    audit entry says so. The pages read while streaming count against HISTORY_EXPORT_BUDGET
    (the request's own budget has ended by then).
    """
    start, end = search.bounds
    cdrs = metered_iter(
        call_export_iter(credentials=credentials, search=search, tracking=tracking),
        budget=int(settings.HISTORY_EXPORT_BUDGET),
    )
    first = next(cdrs, None)

    def counted() -> Iterator[Cdr]:
        count = 0
        outcome = "ok"
        try:
            for cdr in chain([first] if first else [], cdrs):
                count += 1
                yield cdr
        except HistoryError as error:
            outcome = f"interrupted: {error}"
            logger.warning("Export interrupted after %d rows: %s", count, type(error).__name__)
        finally:
            audit_record(
                user=user,
                action="call.export",
                records=[],
                outcome=f"{outcome} ({count} rows)",
                detail=search_text,
            )

    return csv_lines(counted(), zone=zone, start=start, end=end)


def cdr_user_csv_download(
    *, credentials: Credentials, user: AbstractBaseUser, user_id: int
) -> Iterator[str]:
    """The upstream's own CSV of one user's calls, audited, with formulas neutralised as in
    our own export (the upstream's cells hold text anyone who calls can choose).

    The first chunk is read before this returns, so that an upstream failure becomes a notice
    page instead of an empty file.
    """
    chunks = cdr_user_csv(credentials=credentials, user_id=user_id)
    first = next(chunks, b"")
    audit_record(user=user, action="call.user_csv", records=[user_id], outcome="ok")
    return neutralised_csv(chain([first], chunks))
