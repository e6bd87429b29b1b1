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

    @property
    def identity(self) -> str:
        """Who these credentials act as, for cache keys: the user id, or a digest of the token."""
        if self.user_id is not None:
            return f"u{self.user_id}"
        return "t" + hashlib.sha256(self.token.encode()).hexdigest()[:24]

    def to_session(self) -> dict[str, Any]:
        return {"token": self.token, "user_id": self.user_id}

    @classmethod
    def from_session(cls, data: Any) -> Credentials | None:
        """The credentials saved by `to_session()`, or None when the session holds none."""
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("token"), str)
            or not data["token"]
        ):
            return None
        user_id = data.get("user_id")
        return cls(token=data["token"], user_id=user_id if isinstance(user_id, int) else None)
