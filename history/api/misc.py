"""The remaining endpoints: statements and the per-user CSV."""

from __future__ import annotations

from .credentials import Credentials
from .download import Download
from .resource import record_path
from .transport import send


def delete_all_statements(credentials: Credentials) -> None:
    send("DELETE", "/statements", credentials=credentials)


def open_user_cdrs_csv(credentials: Credentials, user_id: int) -> Download:
    path = record_path("users", user_id, "/cdrs.csv")
    return Download(send("GET", path, credentials=credentials, stream=True))
