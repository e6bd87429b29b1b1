"""Words for the refusals Django answers with an empty body.

`require_POST` and its kin answer a wrong method with a bare 405: a blank page for whoever
followed a bookmark to `/voicemail/move/` or reloaded after a form. This gives that answer the
dashboard's notice page, keeping the status and the `Allow` header.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from dashboard.views.guards import upstream_problem
from history.services import metered


class UpstreamMeter:
    """Give every request its budget of upstream calls, and keep the count for the log line."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with metered(budget=int(settings.HISTORY_REQUEST_BUDGET)) as meter:
            request.upstream_meter = meter  # type: ignore[attr-defined]
            return self.get_response(request)


class ExplainedMethodNotAllowed:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Only Django's bare refusal: an answer with a body (the sandbox's JSON) already says why.
        if response.status_code != 405 or response.streaming or response.content:
            return response
        explained = upstream_problem(
            request,
            status=405,
            title="Not from here",
            message=(
                f"This address does not take a {request.method} request: "
                "use the buttons and links on the dashboard's pages."
            ),
        )
        if response.has_header("Allow"):
            explained["Allow"] = response["Allow"]
        return explained
