"""Liveness for load balancers."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: answers without touching the upstream."""
    return JsonResponse({"status": "ok"})
