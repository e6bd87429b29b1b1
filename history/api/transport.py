"""The one HTTP seam to the History API: pooled session, timeouts, safe retries, error mapping.

Every request of the product goes through `send()`. Only idempotent GETs are retried (on a
refused or dropped connection, 502/503/504, 429 and throttle pages), with exponential backoff
that honours `Retry-After`; a PATCH or DELETE is sent once, because repeating one blindly could
apply it twice or report a success that never happened. A 2xx to a PATCH or DELETE is success
unless its body says otherwise; a body that is no API answer raises `UnclearOutcome`, and the
service that sent it reads back before it reports.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Mapping
from typing import Any

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from requests.exceptions import InvalidSchema, InvalidURL, MissingSchema

from .credentials import Credentials
from .errors import BadResponse, HistoryError, Unauthorized, Unavailable
from .failures import error_for, is_throttle_page, retry_after_seconds, write_outcome_error
from .inprocess import InProcessAdapter
from .meter import current_meter

logger = logging.getLogger(__name__)

USER_AGENT = "VoIPstudio-History-Dashboard/0.1"
_RETRY_STATUSES = frozenset({429, 502, 503, 504})
# What a token may hold: visible ASCII, nothing a header could not carry.
_TOKEN = re.compile(r"^[\x21-\x7e]+$")
_IDEMPOTENT = frozenset({"GET", "HEAD"})
# Changes to records, whose success answer may come with any body (see `write_outcome_error`).
_WRITES = frozenset({"PATCH", "PUT", "DELETE"})

_lock = threading.Lock()
_session: requests.Session | None = None
_session_pid = 0


def session() -> requests.Session:
    """The process's pooled session; a forked worker builds its own rather than share sockets."""
    global _session, _session_pid
    if _session is None or _session_pid != os.getpid():
        with _lock:
            if _session is None or _session_pid != os.getpid():
                fresh = requests.Session()
                # Our own loop below does the retrying, so urllib3's must stay off.
                adapter = HTTPAdapter(pool_connections=4, pool_maxsize=64, max_retries=0)
                fresh.mount("http://", adapter)
                fresh.mount("https://", adapter)
                # The embedded upstream's reserved address never reaches the network.
                fresh.mount(f"{settings.HISTORY_IN_PROCESS_ORIGIN}/", InProcessAdapter())
                fresh.headers["User-Agent"] = USER_AGENT
                fresh.headers["Accept"] = "application/json"
                _session, _session_pid = fresh, os.getpid()
    return _session


def base_url() -> str:
    # Read on every call: tests and the demo point the client at a server started later.
    return settings.HISTORY_API_URL.rstrip("/")


def _backoff(attempt: int) -> float:
    return float(settings.HISTORY_BACKOFF) * (2**attempt)


def _wait_before_retry(response: requests.Response, attempt: int) -> float | None:
    """Seconds to wait before trying again, or None when waiting is not worth it."""
    asked = retry_after_seconds(response)
    if asked is None:
        return _backoff(attempt)
    if asked > float(settings.HISTORY_MAX_RETRY_AFTER):
        return None  # the upstream wants longer than a page view can wait: report it instead
    return max(asked, _backoff(attempt))


def send(
    method: str,
    path: str,
    *,
    credentials: Credentials | None = None,
    params: Mapping[str, str] | None = None,
    json_body: Any = None,
    stream: bool = False,
    expect_json: bool = True,
) -> requests.Response:
    """Send one request and return a successful response; anything else raises a HistoryError."""
    url = base_url() + path
    if credentials is not None and not _TOKEN.match(credentials.token):
        # A token travels in a header: one with line breaks or letters beyond ASCII (a pasted
        # API key, say) cannot, and VoIPstudio issues no such token anyway.
        raise Unauthorized("VoIPstudio did not accept these credentials.", status=401)
    headers = {"X-Auth-Token": credentials.token} if credentials is not None else None
    timeout = (float(settings.HISTORY_CONNECT_TIMEOUT), float(settings.HISTORY_READ_TIMEOUT))
    attempts = 1 + (max(0, int(settings.HISTORY_RETRIES)) if method in _IDEMPOTENT else 0)
    meter = current_meter()
    for attempt in range(attempts):
        retry_allowed = attempt + 1 < attempts
        if meter is not None:
            meter.charge()  # every attempt is a round trip, retries included
        started = time.monotonic()
        try:
            response = session().request(
                method,
                url,
                params=params,
                json=json_body,
                headers=headers,
                timeout=timeout,
                stream=stream,
                allow_redirects=False,
            )
        except requests.ConnectionError as exc:
            # Also covers connect timeouts: nothing reached the upstream, so a GET may try again.
            if retry_allowed:
                time.sleep(_backoff(attempt))
                continue
            raise _unavailable(method, path, exc) from exc
        except requests.Timeout as exc:
            raise _unavailable(method, path, exc) from exc
        except (MissingSchema, InvalidSchema, InvalidURL) as exc:
            # A deployment mistake, not a broken answer: say which setting to look at.
            raise Unavailable("The History API address (HISTORY_API_URL) is not valid.") from exc
        except requests.RequestException as exc:
            # The body broke off part-way (chunked encoding, compression): not what was promised.
            raise BadResponse("VoIPstudio's answer was cut short.") from exc
        finally:
            if meter is not None:
                meter.record(time.monotonic() - started)

        logger.debug(
            "History API %s %s -> %s in %.0f ms",
            method,
            path,
            response.status_code,
            response.elapsed.total_seconds() * 1000,
        )
        if 200 <= response.status_code < 300 and method in _WRITES:
            refusal = write_outcome_error(response)
            if refusal is not None:
                response.close()
                raise refusal
            return response
        throttled = expect_json and is_throttle_page(response, streamed=stream)
        if 200 <= response.status_code < 300 and not throttled:
            return response
        if retry_allowed and (response.status_code in _RETRY_STATUSES or throttled):
            delay = _wait_before_retry(response, attempt)
            if delay is not None:
                logger.info("History API %s %s: %s, retrying", method, path, response.status_code)
                response.close()
                time.sleep(delay)
                continue
        raise _error(response, credentials, throttled)
    raise AssertionError("unreachable: the loop either returns or raises")  # pragma: no cover


def _error(
    response: requests.Response, credentials: Credentials | None, throttled: bool
) -> HistoryError:
    try:
        return error_for(response, had_token=credentials is not None, throttled=throttled)
    finally:
        response.close()


def _unavailable(method: str, path: str, exc: Exception) -> Unavailable:
    logger.warning("History API %s %s failed: %s", method, path, type(exc).__name__)
    if isinstance(exc, requests.Timeout):
        return Unavailable("VoIPstudio did not answer in time.")
    return Unavailable("VoIPstudio could not be reached.")


def read_json(response: requests.Response) -> Any:
    """The decoded body; a truncated or non-JSON body is a BadResponse, never a crash."""
    try:
        content = response.content
    except requests.RequestException as exc:
        raise BadResponse("VoIPstudio's answer was cut short.") from exc
    finally:
        response.close()
    if not content:
        raise BadResponse("VoIPstudio sent an empty answer where data was expected.")
    try:
        return json.loads(content)
    except ValueError as exc:
        raise BadResponse("VoIPstudio sent an answer that is not valid JSON.") from exc
    except RecursionError as exc:
        raise BadResponse("VoIPstudio sent JSON nested too deeply to read.") from exc
