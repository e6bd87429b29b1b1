"""The views' guards: the signed-in user's credentials, and one decorator that turns every
upstream failure into a page the user can act on (never a 500).

Views that call `history.services` are wrapped in `@upstream_view`:

    @upstream_view
    def call_list(request):
        fetched = cdr_list(credentials=credentials_for(request), query=...)
        page = value_of(request, fetched)   # notes stale data for the page's notice area
"""

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from dashboard.services.profiles import profile_revalidate, user_is_admin, user_time_zone
from dashboard.upstream_errors import problem_of
from history.services import Credentials, HistoryError, Unauthorized

logger = logging.getLogger(__name__)

# The upstream token lives here, in the server-side session only.
SESSION_KEY = "history_credentials"
# When the upstream last confirmed the token and the role (a Unix time), for `session_revalidate`.
CHECKED_KEY = "history_checked_at"
EXPIRED_MESSAGE = "Your VoIPstudio session has expired. Please sign in again."

View = Callable[..., HttpResponse]
# Requests that change nothing; any other method is a write.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NoUpstreamSession(Exception):
    """A local session without upstream credentials: treated like an expired token."""


def credentials_store(request: HttpRequest, credentials: Credentials) -> None:
    """Keep the token of a sign-in, which has just asked the upstream who it belongs to."""
    request.session[SESSION_KEY] = credentials.to_session()
    request.session[CHECKED_KEY] = time.time()


def session_revalidate(request: HttpRequest, *, strict: bool) -> None:
    """Re-validate the session against the upstream once DASHBOARD_REVALIDATE_SECONDS have
    passed since it was last confirmed, so that a revoked token or a changed role counts within
    that window, on pages that make no upstream call (or answer from the cache) too.

    Raises `Unauthorized` (the session ends) when the upstream refuses the token. When the
    upstream cannot say, a `strict` caller (an admin-only page, a write) gets that error; any
    other page goes on with what it knows, as it would on stale data.
    """
    checked = request.session.get(CHECKED_KEY)
    window = float(settings.DASHBOARD_REVALIDATE_SECONDS)
    if isinstance(checked, int | float) and 0 <= time.time() - checked < window:
        return
    # One attempt per request: an admin page asks again (strictly) after `upstream_view`.
    failure: HistoryError | None = getattr(request, "revalidation_failure", None)
    if failure is None:
        try:
            profile_revalidate(user=request.user, credentials=credentials_for(request))
        except Unauthorized:
            raise
        except HistoryError as error:
            failure = request.revalidation_failure = error  # type: ignore[attr-defined]
            logger.warning("Could not re-validate a session: %s", type(error).__name__)
        else:
            request.session[CHECKED_KEY] = time.time()
            return
    if strict:
        raise failure


def credentials_for(request: HttpRequest) -> Credentials:
    """The signed-in user's upstream credentials, from the server-side session."""
    credentials = Credentials.from_session(request.session.get(SESSION_KEY))
    if credentials is None:
        raise NoUpstreamSession()
    return credentials


def value_of(request: HttpRequest, fetched: Any) -> Any:
    """The value of a `Fetched`, remembering its age when it is stale for the page notice."""
    if getattr(fetched, "stale", False):
        # The page's notice gives the age of the oldest stale value it shows.
        request.stale_age = max(float(fetched.age), getattr(request, "stale_age", 0.0))
    return fetched.value


def fetched_value(request: HttpRequest, service: Callable[..., Any], **arguments: Any) -> Any:
    """What a `history.services` read returns for the signed-in user, stale age noted."""
    return value_of(request, service(credentials=credentials_for(request), **arguments))


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """`candidate` when it is a path on this site, else the default landing page.

    Only a path (`/calls/?page=2`) is taken: `redirect()` reads a bare word as the name of a
    view, and a relative URL lands somewhere that depends on the page it was sent from.
    """
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def _page_path(request: HttpRequest) -> str:
    """The page the user was looking at, to come back to after signing in again."""
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.current_url_abs_path:
        return htmx.current_url_abs_path
    if request.method == "GET":
        return request.get_full_path()
    # A form posts from a page; it names that page in `next`, or the browser does in Referer.
    return safe_next(request, request.POST.get("next") or request.META.get("HTTP_REFERER"))


def _to_sign_in(request: HttpRequest, *, expired: bool) -> HttpResponse:
    next_path = _page_path(request)
    if expired:
        logout(request)  # the dead token must not linger in the session
        messages.warning(request, EXPIRED_MESSAGE)
    response = redirect_to_login(next_path, settings.LOGIN_URL)
    if getattr(request, "htmx", None):
        # A partial swap must not put the sign-in page inside a table: reload the whole page.
        return HttpResponseClientRedirect(response["Location"])
    return response


def upstream_problem(
    request: HttpRequest,
    *,
    status: int,
    title: str,
    message: str,
    retry: bool = False,
) -> HttpResponse:
    """A page (or, for htmx, a notice swapped into `#notices`) explaining what went wrong."""
    context = {
        "title": title,
        "message": message,
        "retry_url": _page_path(request) if retry else "",
        "status": status,
    }
    if getattr(request, "htmx", None):
        response = render(request, "includes/problem.html", context, status=status)
        return reswap(retarget(response, "#notices"), "innerHTML")
    return render(request, "errors/upstream.html", context, status=status)


def problem_for(request: HttpRequest, error: Exception) -> HttpResponse:
    """The response for an upstream error (or a missing upstream session)."""
    if isinstance(error, (Unauthorized, NoUpstreamSession)):
        return _to_sign_in(request, expired=True)
    problem = problem_of(error)
    response = upstream_problem(
        request,
        status=problem.status,
        title=problem.title,
        message=problem.message.format(error=error),
        retry=problem.retry,
    )
    if getattr(error, "retry_after", None):
        response["Retry-After"] = str(int(error.retry_after))
    return response


def upstream_view(view: View) -> View:
    """Signed-in only; pages in the user's time zone; upstream errors become notices."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to_sign_in(request, expired=False)
        with timezone.override(user_time_zone(user=request.user)):
            try:
                # A write must not go out on a token or a role the upstream has taken back.
                session_revalidate(request, strict=request.method not in SAFE_METHODS)
                return view(request, *args, **kwargs)
            except (HistoryError, NoUpstreamSession) as error:
                return problem_for(request, error)

    return wrapped


def admin_required(view: View) -> View:
    """For admin-only pages and actions; place under `@upstream_view`, which turns a failed
    re-validation into its page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The role must be one the upstream confirmed within the window, never an older one.
        session_revalidate(request, strict=True)
        if not user_is_admin(user=request.user):
            return upstream_problem(
                request,
                status=403,
                title="Admins only",
                message="Only VoIPstudio admins can use this page.",
            )
        return view(request, *args, **kwargs)

    return wrapped
