"""Independent upstream calls of one request, run side by side.

On the real service every call is a round trip across the internet: a call's notes, trace and
recordings need not wait for each other. The pool is small and per call site, so one request
cannot take more than `HISTORY_PARALLEL_CALLS` connections, and each task runs in a copy of the
caller's context, so it is counted against the same request budget.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections

T = TypeVar("T")


def _in_thread(context: contextvars.Context, task: Callable[[], T]) -> T:
    try:
        return context.run(task)
    finally:
        # A worker thread that touched the database must not leave its connection open.
        connections.close_all()


def run_parallel(
    tasks: Sequence[Callable[[], Any]], *, max_workers: int | None = None
) -> list[Any]:
    """Run the tasks concurrently and return their results in order.

    Every task runs to its end; the first exception (in task order) is then raised, so a caller
    sees the same error it would have seen running them one after another.
    """
    if len(tasks) <= 1:
        return [task() for task in tasks]
    workers = min(len(tasks), max_workers or int(settings.HISTORY_PARALLEL_CALLS))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="history") as pool:
        futures = [pool.submit(_in_thread, contextvars.copy_context(), task) for task in tasks]
    results: list[Any] = []
    for future in futures:
        results.append(future.result())
    return results


def run_warm_first(
    tasks: Sequence[Callable[[], Any]], *, max_workers: int | None = None
) -> list[Any]:
    """`run_parallel`, for tasks that read only through the history cache, without threads
    when the cache can answer.

    Each task is first run here with the cache alone (`cache_only`); only those that need the
    upstream then run side by side in the pool. A page seen a moment ago starts no thread at
    all, which on a busy server costs more than the page's own work. The first exception in
    task order is raised, as with `run_parallel`.
    """
    from .cache import WouldFetch, cache_only

    outcomes: list[tuple[bool, Any]] = []
    pending: list[int] = []
    for index, task in enumerate(tasks):
        try:
            with cache_only():
                outcomes.append((True, task()))
        except WouldFetch:
            outcomes.append((True, None))
            pending.append(index)
        except Exception as error:  # noqa: BLE001 - raised in task order below
            outcomes.append((False, error))
    if pending:
        caught = run_parallel(
            [lambda task=tasks[index]: _caught(task) for index in pending], max_workers=max_workers
        )
        for index, outcome in zip(pending, caught, strict=True):
            outcomes[index] = outcome
    for ok, value in outcomes:
        if not ok:
            raise value
    return [value for _, value in outcomes]


def _caught(task: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, task()
    except Exception as error:  # noqa: BLE001 - raised in task order by the caller
        return False, error
