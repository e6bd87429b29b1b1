"""Bulk writes with a per-item outcome.

The upstream applies an id list all-or-nothing: one forbidden or missing id fails the whole
request. When that happens one list call (see `lookup`) tells which of the ids this user can
see; the others are reported as such and the batch is sent again without them. Only when that
does not explain the refusal are the items tried one by one, each call counted against the
request's budget, so the person learns exactly which records were changed and why the others
were not, instead of a bare "failed" (or a false "done").

A write answered with a success status but a body that does not say whether it was done
(`UnclearOutcome`) is read back: what the upstream holds afterwards decides what is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from history.api.credentials import Credentials
from history.api.errors import (
    REFUSAL_ERRORS,
    HistoryError,
    Unauthorized,
    UnclearOutcome,
)
from history.api.query import Query
from history.api.records import Page
from history.api.resource import ids_path

from .cache import invalidate
from .lookup import NOT_LISTED
from .results import BulkOutcome

OutcomeT = TypeVar("OutcomeT", bound=BulkOutcome)
# Which of some ids this user can see (a few list calls), to sort out a refused batch; or, as
# a check after an unclear answer, which of them now show the change.
Finder = Callable[[Credentials, list[int]], Iterable[int]]
# After an unclear answer: what reading back shows.
NOT_DONE_AFTER_ALL = "VoIPstudio's answer was unclear, and reading back shows it was not done"
SOME_LEFT = "VoIPstudio's answer was unclear, and reading back shows records are still there."


def gone_after(find: Finder) -> Finder:
    """The check after an unclear delete: the ids the user's lists no longer return."""

    def gone(credentials: Credentials, ids: list[int]) -> list[int]:
        still = set(find(credentials, ids))
        return [item for item in ids if item not in still]

    return gone


def any_left(list_page: Callable[[Credentials, Query], Page]) -> Callable[[Credentials], bool]:
    """The check after an unclear "delete all": does the user's list still return anything?"""
    return lambda credentials: bool(list_page(credentials, Query(limit=1)).items)


# Refusals that concern some of the items, so trying each on its own tells them apart.


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
    verify: Finder | None = None,
) -> OutcomeT:
    """Apply one write to records by id with a per-item outcome; the cache forgets the resource
    either way, since a failed request may still have changed some of them upstream.

    `find` says which ids the user can see (to sort out a refused batch), `verify` which ones
    show the change (to read back after an unclear answer)."""
    ordered = unique_ids(ids)
    try:
        return apply_in_bulk(
            ordered,
            send_batch=lambda batch: send(credentials, batch),
            send_one=lambda item: send(credentials, [item]),
            outcome=outcome,
            find=(lambda batch: find(credentials, batch)) if find else None,
            verify=(lambda batch: verify(credentials, batch)) if verify else None,
        )
    finally:
        invalidate(credentials, resource)


def delete_everything(
    *,
    credentials: Credentials,
    resource: str,
    delete: Callable[[Credentials], object],
    left: Callable[[Credentials], bool] | None = None,
) -> None:
    """Delete every record of a resource this user may see. Irreversible upstream.

    After an unclear answer, `left` reads back whether anything remains: nothing is success."""
    try:
        delete(credentials)
    except UnclearOutcome:
        if left is None or left(credentials):
            raise UnclearOutcome(SOME_LEFT if left else None) from None
    finally:
        invalidate(credentials, resource)


def apply_in_bulk(
    ids: list[int],
    *,
    send_batch: Callable[[list[int]], object],
    send_one: Callable[[int], object],
    outcome: type[OutcomeT],
    find: Callable[[list[int]], Iterable[int]] | None = None,
    verify: Callable[[list[int]], Iterable[int]] | None = None,
) -> OutcomeT:
    result = outcome()
    try:
        send_batch(ids)
    except Unauthorized:
        raise  # nothing was done; the view sends the person to sign in again
    except REFUSAL_ERRORS as error:
        if len(ids) == 1:
            result.failed[ids[0]] = str(error)
            return result
        if find is not None:
            return _without_strangers(ids, find, send_batch, send_one, verify, result)
        return _one_by_one(ids, send_one, verify, result)
    except UnclearOutcome as unclear:
        return _read_back(ids, verify, unclear, result)
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
    verify: Callable[[list[int]], Iterable[int]] | None,
    result: OutcomeT,
) -> OutcomeT:
    """After a refused batch: drop the ids this user's lists do not return (one list call),
    and send the rest once more as a batch; item by item only if that is refused too."""
    try:
        seen = set(find(ids))
    except Unauthorized:
        raise
    except HistoryError:
        return _one_by_one(ids, send_one, verify, result)
    result.failed.update({item: NOT_LISTED for item in ids if item not in seen})
    known = [item for item in ids if item in seen]
    if not known or len(known) == len(ids):
        # Nothing to drop: the refusal is about something else; only each item alone can say.
        return _one_by_one(known, send_one, verify, result) if known else result
    again = apply_in_bulk(
        known, send_batch=send_batch, send_one=send_one, outcome=type(result), verify=verify
    )
    result.succeeded.extend(again.succeeded)
    result.failed.update(again.failed)
    return result


def _read_back(
    ids: list[int],
    verify: Callable[[list[int]], Iterable[int]] | None,
    unclear: UnclearOutcome,
    result: OutcomeT,
) -> OutcomeT:
    """A write whose answer did not say whether it was done: report what the upstream holds
    now. Without a way to read back (or when that fails too), nothing is claimed."""
    try:
        done = set(verify(ids)) if verify is not None else set()
    except Unauthorized:
        raise
    except HistoryError:
        verify = None
    if verify is None:
        result.failed.update({item: str(unclear) for item in ids})
        return result
    result.succeeded.extend(item for item in ids if item in done)
    result.failed.update({item: NOT_DONE_AFTER_ALL for item in ids if item not in done})
    return result


def _one_by_one(
    ids: list[int],
    send_one: Callable[[int], object],
    verify: Callable[[list[int]], Iterable[int]] | None,
    result: OutcomeT,
) -> OutcomeT:
    for position, item in enumerate(ids):
        try:
            send_one(item)
        except Unauthorized as error:
            # Keep what was done so far; the rest cannot be tried without signing in again.
            result.failed.update({rest: str(error) for rest in ids[position:]})
            return result
        except UnclearOutcome as unclear:
            _read_back([item], verify, unclear, result)
        except HistoryError as error:
            result.failed[item] = str(error)
        else:
            result.succeeded.append(item)
    return result
