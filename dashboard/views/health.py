"""Liveness and readiness for load balancers and orchestrators."""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.http import require_GET

from history.services import HistoryError, upstream_ping


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: answers without touching the upstream."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when the database, the cache and the upstream all answer, else 503
    naming the ones that fail. The reasons are short and generic: this URL is often public."""
    checks = {name: _outcome(check) for name, check in READINESS_CHECKS.items()}
    failing = [name for name, outcome in checks.items() if outcome != "ok"]
    if failing:
        return JsonResponse(
            {"status": "unavailable", "failing": failing, "checks": checks}, status=503
        )
    return JsonResponse({"status": "ok", "checks": checks})


def _outcome(check: Callable[[], str | None]) -> str:
    try:
        problem = check()
    except HistoryError as error:
        return str(error)  # a sentence written for people, naming no address
    except Exception as error:  # noqa: BLE001 - any failure of a dependency means "not ready"
        # The exception's text may name hosts or paths: its kind is enough to start looking.
        return f"failed ({type(error).__name__})"
    return problem or "ok"


def _database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return None if cursor.fetchone() == (1,) else "answered wrongly"


def _cache() -> str | None:
    # A value of our own, read back: a cache that accepts writes and loses them is not ready.
    # The key is this probe's alone, since instances may share the cache.
    key, value = f"readyz:{get_random_string(16)}", get_random_string(12)
    cache.set(key, value, timeout=30)
    kept = cache.get(key) == value
    cache.delete(key)
    return None if kept else "did not keep a value"


def _upstream() -> str | None:
    return None if upstream_ping() else "answered /ping without Pong"


READINESS_CHECKS: dict[str, Callable[[], str | None]] = {
    "database": _database,
    "cache": _cache,
    "upstream": _upstream,
}
