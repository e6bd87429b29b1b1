"""The API's envelopes: one record, a collection, an empty answer, an error."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, JsonResponse

from sandbox.errors import ApiError


def item_response(data: dict[str, Any], *, status: int = 200) -> JsonResponse:
    return JsonResponse({"data": data, "links": {}}, status=status)


def collection_response(data: list[dict[str, Any]], total: int) -> JsonResponse:
    return JsonResponse({"data": data, "total": total})


def empty_response(status: int) -> HttpResponse:
    """202 and 204 carry no body."""
    response = HttpResponse(status=status)
    del response["Content-Type"]
    return response


def error_response(error: ApiError) -> JsonResponse:
    response = JsonResponse(error.body(), status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response


def file_response(content: bytes, *, content_type: str, filename: str | None) -> HttpResponse:
    """A whole file with status 200: like the real service, Range is ignored. `filename`
    None sends no Content-Disposition, as the live service does for MP3s."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Length"] = str(len(content))
    if filename is not None:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
