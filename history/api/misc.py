"""The remaining endpoints: statements, SMS and media-session dictionaries, per-user CSV."""

from __future__ import annotations

from .credentials import Credentials
from .download import Download
from .records import Dictionary
from .resource import fetch_dictionary, record_path
from .transport import send


def delete_all_statements(credentials: Credentials) -> None:
    send("DELETE", "/statements", credentials=credentials)


def get_sms_dictionary(credentials: Credentials) -> Dictionary:
    return fetch_dictionary(credentials, "sms")


def get_mediasession_dictionary(credentials: Credentials) -> Dictionary:
    return fetch_dictionary(credentials, "mediasessions")


def open_user_cdrs_csv(credentials: Credentials, user_id: int) -> Download:
    path = record_path("users", user_id, "/cdrs.csv")
    return Download(send("GET", path, credentials=credentials, stream=True))
