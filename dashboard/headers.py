"""What every answer tells the browser it may do with it.

Django 5.2 has no Content-Security-Policy of its own. The policy allows scripts and styles from
the dashboard's own origin only: no inline code, so that text from the upstream (a visitor's name
in a chat, a SIP message) can never run even if an escape were missed. `Referrer-Policy` and
`X-Content-Type-Options` come from Django's SecurityMiddleware (SECURE_REFERRER_POLICY,
SECURE_CONTENT_TYPE_NOSNIFF); this adds the rest.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # The charts and the ladder are inline SVG elements, which img-src does not govern.
        "img-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# The dashboard plays audio and nothing else a browser guards behind a permission.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
# Pages, fragments and files name customers' calls: no shared or disk cache may keep them.
# Views that know better (audio for seeking) set their own Cache-Control, which is kept.
DEFAULT_CACHE_CONTROL = "private, no-store"


class SecurityHeaders:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cache-Control", DEFAULT_CACHE_CONTROL)
        return response
