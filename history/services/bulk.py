"""Bulk writes with a per-item outcome.

The upstream applies an id list all-or-nothing: one forbidden or missing id fails the whole
request. When that happens one list call (see `lookup`) tells which of the ids this user can
see; the others are reported as such and the batch is sent again without them. Only when that
does not explain the refusal are the items tried one by one, each call counted against the
request's budget, so the person learns exactly which records were changed and why the others
were not, instead of a bare "failed" (or a false "done").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from history.api.credentials import Credentials
from history.api.errors import (
    AccessDenied,
    HistoryError,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from history.api.resource import ids_path

from .cache import invalidate
from .lookup import NOT_LISTED
from .results import BulkOutcome

OutcomeT = TypeVar("OutcomeT", bound=BulkOutcome)
# Which of some ids this user can see (a few list calls), to sort out a refused batch.
Finder = Callable[[Credentials, list[int]], Iterable[int]]

# Refusals that concern some of the items, so trying each on its own tells them apart.
_PER_ITEM_REFUSALS = (AccessDenied, NotFound, ValidationFailed)


def unique_ids(ids: Iterable[int]) -> list[int]:
    """The ids in order, once each; anything that is not a record id is refused before sending."""
    ordered = list(dict.fromkeys(ids))
    ids_path(ordered)  # raises ValidationFailed for an empty list or a non-id
    return ordered


def change_in_bulk(
    *,
    credentials: Credentials,
    resource: str,
    ids: Iterable[int],
    send: Callable[[Credentials, list[int]], object],
    outcome: type[OutcomeT],
    find: Finder | None = None,
) -> OutcomeT:
    """Apply one write to records by id with a per-item outcome; the cache forgets the resource
    either way, since a failed request may still have changed some of them upstream."""
    ordered = unique_ids(ids)
    try:
        return apply_in_bulk(
            ordered,
            send_batch=lambda batch: send(credentials, batch),
            send_one=lambda item: send(credentials, [item]),
            outcome=outcome,
            find=(lambda batch: find(credentials, batch)) if find else None,
        )
    finally:
        invalidate(credentials, resource)


def delete_everything(
    *, credentials: Credentials, resource: str, delete: Callable[[Credentials], object]
) -> None:
    """Delete every record of a resource this user may see. Irreversible upstream."""
    try:
        delete(credentials)
    finally:
        invalidate(credentials, resource)


def apply_in_bulk(
    ids: list[int],
    *,
    send_batch: Callable[[list[int]], object],
    send_one: Callable[[int], object],
    outcome: type[OutcomeT],
    find: Callable[[list[int]], Iterable[int]] | None = None,
) -> OutcomeT:
    result = outcome()
    try:
        send_batch(ids)
    except Unauthorized:
        raise  # nothing was done; the view sends the person to sign in again
    except _PER_ITEM_REFUSALS as error:
        if len(ids) == 1:
            result.failed[ids[0]] = str(error)
            return result
        if find is not None:
            return _without_strangers(ids, find, send_batch, send_one, result)
        return _one_by_one(ids, send_one, result)
    except HistoryError as error:
        # The upstream failed mid-request: it may or may not have applied it, so no success is
        # claimed; the next list (the cache was invalidated) shows the truth.
        result.failed.update({item: str(error) for item in ids})
        return result
    result.succeeded.extend(ids)
    return result


def _without_strangers(
    ids: list[int],
    find: Callable[[list[int]], Iterable[int]],
    send_batch: Callable[[list[int]], object],
    send_one: Callable[[int], object],
    result: OutcomeT,
) -> OutcomeT:
    """After a refused batch: drop the ids this user's lists do not return (one list call),
    and send the rest once more as a batch; item by item only if that is refused too."""
    try:
        seen = set(find(ids))
    except Unauthorized:
        raise
    except HistoryError:
        return _one_by_one(ids, send_one, result)
    result.failed.update({item: NOT_LISTED for item in ids if item not in seen})
    known = [item for item in ids if item in seen]
    if not known or len(known) == len(ids):
        # Nothing to drop: the refusal is about something else; only each item alone can say.
        return _one_by_one(known, send_one, result) if known else result
    again = apply_in_bulk(known, send_batch=send_batch, send_one=send_one, outcome=type(result))
    result.succeeded.extend(again.succeeded)
    result.failed.update(again.failed)
    return result


def _one_by_one(ids: list[int], send_one: Callable[[int], object], result: OutcomeT) -> OutcomeT:
    for position, item in enumerate(ids):
        try:
            send_one(item)
        except Unauthorized as error:
            # Keep what was done so far; the rest cannot be tried without signing in again.
            result.failed.update({rest: str(error) for rest in ids[position:]})
            return result
        except HistoryError as error:
            result.failed[item] = str(error)
        else:
            result.succeeded.append(item)
    return result
