"""The refusal to start with public development values anywhere they could matter.

The defaults of `SECRET_KEY` and `ALLOWED_HOSTS` are published in this repository. They are
accepted in exactly one situation: the embedded sandbox (demo data, demo passwords) is the
upstream and the dashboard answers only this machine's loopback names. A real upstream, or a
host name another machine could use, needs both set explicitly; no flag switches this off, so
that no forgotten flag can ship. `DEBUG=true` is the developer's own machine and is left alone.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me-in-production"  # noqa: S105
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Django's test client asks for "testserver": a name no other machine can reach us by.
LOCAL_ONLY_HOSTS = {*LOOPBACK_HOSTS, "::1", "testserver"}
HOW_TO_MAKE_A_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"


def refuse_unsafe_defaults(
    *,
    debug: bool,
    secret_key: str,
    allowed_hosts: list[str] | None,
    sandbox_upstream: bool,
) -> None:
    """Raise ImproperlyConfigured naming the variable to set; `allowed_hosts` is None or empty
    when the environment does not set ALLOWED_HOSTS."""
    if debug:
        return
    if not allowed_hosts and not sandbox_upstream:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set, which is refused with a real upstream (HISTORY_API_URL) "
            "and DEBUG off. Set ALLOWED_HOSTS to the host names the dashboard is served as, "
            "e.g. ALLOWED_HOSTS=calls.example.com"
        )
    local_only = all(host in LOCAL_ONLY_HOSTS for host in allowed_hosts or LOOPBACK_HOSTS)
    if secret_key == DEVELOPMENT_SECRET_KEY and not (sandbox_upstream and local_only):
        why = (
            "a real upstream (HISTORY_API_URL)"
            if not sandbox_upstream
            else "ALLOWED_HOSTS naming other machines than this one"
        )
        raise ImproperlyConfigured(
            f"SECRET_KEY is unset (the public development key), which is refused with {why} "
            f"and DEBUG off. Set SECRET_KEY to a long random value, e.g. the output of "
            f"{HOW_TO_MAKE_A_KEY}"
        )
    if not secret_key.strip():
        raise ImproperlyConfigured(f"SECRET_KEY is empty: set it, e.g. to {HOW_TO_MAKE_A_KEY}")


def proxy_ssl_header(values: list[str]) -> tuple[str, str] | None:
    """`["X-Forwarded-Proto", "https"]` as Django's SECURE_PROXY_SSL_HEADER."""
    if not values:
        return None
    if len(values) != 2 or not all(value.strip() for value in values):
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be a header and its value, "
            f"e.g. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto,https, not {','.join(values)!r}"
        )
    header, value = (part.strip() for part in values)
    meta_name = header.upper().replace("-", "_")
    if not meta_name.startswith("HTTP_"):
        meta_name = f"HTTP_{meta_name}"
    return meta_name, value
