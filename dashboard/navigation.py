"""The main navigation: one list, so the nav and its "you are here" marker stay in step."""

from dataclasses import dataclass
from functools import cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavItem:
    url_name: str
    # Used until the page's URL name exists, so the nav never breaks a page.
    fallback_path: str
    label: str
    admin_only: bool = False

    @property
    def path(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return self.fallback_path


NAV_ITEMS = (
    NavItem("overview", "/", "Overview"),
    NavItem("calls", "/calls/", "Calls"),
    NavItem("call_tracking", "/calls/tracking/", "Call tracking"),
    NavItem("recordings", "/recordings/", "Recordings"),
    NavItem("voicemail", "/voicemail/", "Voicemail"),
    NavItem("chats", "/chats/", "Chats"),
    NavItem("media_sessions", "/media-sessions/", "Media sessions"),
    NavItem("audit", "/audit/", "Audit", admin_only=True),
    NavItem("settings", "/settings/", "Settings"),
)


def nav_for(*, path: str, is_admin: bool) -> list[dict]:
    """The items this user sees; the current one is the longest path that prefixes `path`."""
    items = [item for item in NAV_ITEMS if is_admin or not item.admin_only]
    all_paths = _nav_paths(get_urlconf(), get_script_prefix())
    paths = [all_paths[item.url_name] for item in items]
    matches = [p for p in paths if path == p or (p != "/" and path.startswith(p))]
    current = max(matches, key=len) if matches else None
    return [
        {"label": item.label, "path": p, "current": p == current}
        for item, p in zip(items, paths, strict=True)
    ]


@cache
def _nav_paths(urlconf: str | None, script_prefix: str) -> dict[str, str]:
    """Every item's path, resolved once per URL configuration: every page draws the nav."""
    return {item.url_name: item.path for item in NAV_ITEMS}
