"""HTTP control of the fault switches, for benchmarks running in another process.

Exists only while SANDBOX_FAULTS_ENABLED is true; otherwise these paths are unknown (404).
- `POST _faults` with one fault object or a list of them (`kind`, `path`, `times`, `status`,
  `seconds`, `retry_after`: see `sandbox.faults`) -> 201 with the active faults;
- `GET _faults` lists the active faults; `DELETE _faults` clears faults and counters;
- `GET _faults/counters` -> `{"data": {"GET /cdrs": 3, ...}, "total": n}`; DELETE clears them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from sandbox.errors import ApiError, not_found, validation_error
from sandbox.faults import board, make_fault
from sandbox.responses import empty_response, error_response
from sandbox.views.base import json_body

OPTION_NAMES = ("path", "times", "status", "seconds", "retry_after")


def _control(view: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest) -> HttpResponse:
        if not settings.SANDBOX_FAULTS_ENABLED:
            return error_response(not_found(f"No such endpoint: {request.method} {request.path}"))
        try:
            return view(request)
        except ApiError as error:
            return error_response(error)

    return wrapped


def _fault_options(index: int, spec: Any) -> tuple[str, dict[str, Any]]:
    if not isinstance(spec, dict) or not isinstance(spec.get("kind"), str):
        raise validation_error(f"[{index}]", "each fault is an object with a kind", "invalid")
    unknown = sorted(set(spec) - {"kind", *OPTION_NAMES})
    if unknown:
        raise validation_error(f"[{index}].{unknown[0]}", f"unknown option {unknown[0]}", "invalid")
    return spec["kind"], {name: spec[name] for name in OPTION_NAMES if name in spec}


@_control
def faults(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        active = board.faults()
        return JsonResponse({"data": active, "total": len(active)})
    if request.method == "DELETE":
        board.reset()
        return empty_response(204)
    if request.method != "POST":
        raise ApiError(405, "Use GET, POST or DELETE", headers={"Allow": "DELETE, GET, POST"})
    body = json_body(request)
    specs = body if isinstance(body, list) else [body]
    parsed = [_fault_options(index, spec) for index, spec in enumerate(specs)]
    try:
        # Validate all before switching any on.
        for kind, options in parsed:
            make_fault(kind, **options)
    except (TypeError, ValueError) as error:
        raise validation_error("body", str(error), "invalid") from None
    for kind, options in parsed:
        board.add(kind, **options)
    active = board.faults()
    return JsonResponse({"data": active, "total": len(active)}, status=201)


@_control
def counters(request: HttpRequest) -> HttpResponse:
    if request.method == "DELETE":
        board.clear_counters()
        return empty_response(204)
    if request.method != "GET":
        raise ApiError(405, "Use GET or DELETE", headers={"Allow": "DELETE, GET"})
    counts = board.counters()
    return JsonResponse({"data": counts, "total": sum(counts.values())})
