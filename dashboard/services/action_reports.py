"""Actions on several upstream records at once (label, move, delete): how their per-item
outcome reads in the audit log, and what the user is told on the page they return to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sized
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActionReport:
    """What an action tells the user: a partial failure says which items failed, and why."""

    successes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


def bulk_audit_records(
    succeeded: Iterable[int], failed: Mapping[int, str], *, done: str
) -> list[dict[str, Any]]:
    """Each record of a bulk action with what happened to it, for the audit log."""
    return [
        *({"id": i, "result": done} for i in succeeded),
        *({"id": i, "result": why} for i, why in failed.items()),
    ]


def bulk_outcome(succeeded: Sized, failed: Sized, *, done: str) -> str:
    """The audit outcome of a bulk action: "ok", "partial: 1 of 3 moved", "failed: 0 of 2 ..."."""
    if not failed:
        return "ok"
    state = "partial" if succeeded else "failed"
    return f"{state}: {len(succeeded)} of {len(succeeded) + len(failed)} {done}"
