"""The API's error answers, raised anywhere in a request and rendered once by the view layer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldError:
    field: str
    message: str
    code: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "code": self.code}


@dataclass
class ApiError(Exception):
    """An HTTP error answer: `{"message": ..., "errors": [...]}` with this status."""

    status: int
    message: str
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.message}"

    def body(self) -> dict:
        payload: dict = {"message": self.message}
        if self.errors:
            payload["errors"] = [error.as_dict() for error in self.errors]
        return payload


def validation_error(field_name: str, message: str, code: str) -> ApiError:
    """A 400 about one field; the message repeats the detail so a log line alone explains it."""
    return ApiError(400, message, [FieldError(field_name, message, code)])


def unauthorized(message: str = "Unauthorized") -> ApiError:
    return ApiError(401, message)


def access_denied(message: str = "Access denied") -> ApiError:
    return ApiError(403, message)


def not_found(message: str = "Resource not found") -> ApiError:
    return ApiError(404, message)
