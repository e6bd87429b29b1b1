"""The marker static/js/live.js looks for: what to refresh, and how often."""

from django import template

from dashboard.live import live_context

register = template.Library()


@register.inclusion_tag("saved_views/live.html")
def live_marker(last_day, target: str, what: str, swap: str = "rows") -> dict:
    """Refresh the element `target` on its own when the range shown reaches today."""
    return live_context(last_day, target=target, what=what, swap=swap)
