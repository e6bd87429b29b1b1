"""Signing in (`/login`, `/login2fa`), who am I (`/me`) and `/ping`."""

from __future__ import annotations

from dataclasses import dataclass

from .credentials import Credentials
from .envelope import data_of
from .errors import BadResponse, SessionExpired, Unauthorized
from .fields import to_ref_id, to_text
from .records import UpstreamUser
from .transport import read_json, send


@dataclass(frozen=True, slots=True)
class LoginAnswer:
    """`/login` either signs in (`credentials`) or asks for a second factor (`nonce`)."""

    credentials: Credentials | None = None
    nonce: str | None = None


def _credentials(document: object) -> Credentials:
    if not isinstance(document, dict):
        raise BadResponse("VoIPstudio sent an unreadable sign-in answer.")
    # Older answers wrap the token in "data"; accept both.
    body = document.get("data") if isinstance(document.get("data"), dict) else document
    token = to_text("user_token", body.get("user_token"))
    if not token:
        raise BadResponse("VoIPstudio signed in without sending a token.")
    return Credentials(token=token, user_id=to_ref_id("user_id", body.get("user_id")))


def login(email: str, password: str) -> LoginAnswer:
    response = send("POST", "/login", json_body={"email": email, "password": password})
    document = read_json(response)
    if response.status_code == 202:
        nonce = to_text("nonce", document.get("nonce") if isinstance(document, dict) else None)
        if not nonce:
            raise BadResponse("VoIPstudio asked for a second factor without a nonce.")
        return LoginAnswer(nonce=nonce)
    return LoginAnswer(credentials=_credentials(document))


def login_2fa(nonce: str, code: str) -> Credentials:
    response = send("POST", "/login2fa", json_body={"code": code, "nonce": nonce})
    return _credentials(read_json(response))


def me(credentials: Credentials) -> UpstreamUser:
    return UpstreamUser.from_api(data_of(read_json(send("GET", "/me", credentials=credentials))))


def me_with_api_key(api_key: str) -> UpstreamUser:
    """`/me` for a key typed in by a person: a 401 means a wrong key, not an expired session."""
    try:
        return me(Credentials(token=api_key))
    except SessionExpired as exc:
        raise Unauthorized("VoIPstudio did not accept this API key.", status=401) from exc


def ping(credentials: Credentials | None = None) -> bool:
    document = read_json(send("GET", "/ping", credentials=credentials))
    data = data_of(document)
    return isinstance(data, dict) and to_text("response", data.get("response")).lower() == "pong"
