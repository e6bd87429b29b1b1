"""The marker static/js/live.js looks for: what to refresh, and how often."""

from django import template

from dashboard.live import live_seconds, live_today

register = template.Library()


@register.inclusion_tag("saved_views/live.html")
def live_marker(last_day, target: str, what: str, swap: str = "rows") -> dict:
    """Refresh the element `target` on its own when the range shown reaches today: its table's
    rows (`swap` "rows"), or all it holds ("all")."""
    return {
        "live": live_today(last_day),
        "target": target,
        "swap": swap,
        "seconds": live_seconds(),
        "what": what,
    }
