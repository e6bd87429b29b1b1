"""The signed-in user's upstream credentials, as kept in the server-side session."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Credentials:
    """A VoIPstudio user token (or API key), sent as `X-Auth-Token`.

    The token never appears in `repr()`, so it cannot leak into logs or error pages.
    """

    token: str = field(repr=False)
    user_id: int | None = None
    # The customer (company account) the user belongs to, from `/me`: a write by one of its
    # users makes every cached page of the customer's other users miss too. None when the
    # upstream does not say (or for a session saved before it was kept): per-user only then.
    customer_id: int | None = None

    @property
    def identity(self) -> str:
        """Who these credentials act as, for cache keys: the user id, or a digest of the token."""
        if self.user_id is not None:
            return f"u{self.user_id}"
        return "t" + hashlib.sha256(self.token.encode()).hexdigest()[:24]

    def to_session(self) -> dict[str, Any]:
        return {"token": self.token, "user_id": self.user_id, "customer_id": self.customer_id}

    @classmethod
    def from_session(cls, data: Any) -> Credentials | None:
        """The credentials saved by `to_session()`, or None when the session holds none."""
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("token"), str)
            or not data["token"]
        ):
            return None
        return cls(
            token=data["token"],
            user_id=_stored_id(data.get("user_id")),
            customer_id=_stored_id(data.get("customer_id")),  # absent from older sessions
        )


def _stored_id(value: Any) -> int | None:
    # bool is an int subclass, and never an id.
    return value if isinstance(value, int) and not isinstance(value, bool) else None
