"""Today's lists and figures refresh on their own (static/js/live.js): the marker the script
looks for, saying what to refresh and how often. dashboard/views/live.py answers the requests.
"""

from datetime import date

from django import template
from django.conf import settings
from django.utils import timezone

register = template.Library()

DEFAULT_LIVE_SECONDS = 30


def live_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_LIVE_SECONDS", DEFAULT_LIVE_SECONDS))


def live_today(last_day: object) -> bool:
    """Whether a range reaching `last_day` holds today, where new calls arrive."""
    # A template passes "" for a range it could not show.
    return isinstance(last_day, date) and last_day >= timezone.localdate()


def live_context(last_day: object, *, target: str, what: str, swap: str = "rows") -> dict:
    """What saved_views/live.html needs to mark `target` for refreshing when the range shown
    reaches today: its table's rows (`swap` "rows"), or all it holds ("all")."""
    return {
        "live": live_today(last_day),
        "target": target,
        "swap": swap,
        "seconds": live_seconds(),
        "what": what,
    }


@register.inclusion_tag("saved_views/live.html")
def live_marker(last_day, target: str, what: str, swap: str = "rows") -> dict:
    """Refresh the element `target` on its own when the range shown reaches today."""
    return live_context(last_day, target=target, what=what, swap=swap)
