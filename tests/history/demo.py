"""Small helpers for picking records out of the demo data set."""

from collections.abc import Iterable
from typing import Any


def not_agents(items: Iterable[Any], sandbox_demo: Any) -> Any:
    """The first record that the demo agent does not own (the supervisor still sees it)."""
    return next(item for item in items if item.user_id != sandbox_demo.agent.user_id)
