"""The saved views in the navigation, and the bar of a list that saves it as a view."""

from django import template

from dashboard.forms.saved_views import CallColumnsForm, SavedViewForm, quick_ranges
from dashboard.services.saved_views import (
    CALL_LISTS,
    COLUMNS_PARAM,
    LISTS,
    NO_DEFAULT_PARAM,
    VIEW_PARAM,
    ViewRefused,
    call_columns_for,
    calls_grouped_by_default,
    list_path,
    saved_query_clean,
    saved_view_by_token,
    saved_view_list,
    saved_view_url,
)
from dashboard.templatetags.live import live_context

register = template.Library()


@register.inclusion_tag("saved_views/nav.html", takes_context=True)
def saved_views_nav(context) -> dict:
    """The user's views, by list, as a menu that opens without JavaScript (`<details>`)."""
    request = context["request"]
    if not request.user.is_authenticated:
        return {"show": False}
    ranges = quick_ranges()
    views = [
        {
            "name": view.name,
            "list": LISTS.get(view.list_name, ""),
            "url": saved_view_url(view, ranges=ranges),
        }
        for view in saved_view_list(user=request.user)
    ]
    return {"show": True, "views": views}


@register.inclusion_tag("saved_views/bar.html", takes_context=True)
def saved_view_bar(context) -> dict:
    """Under a list's filters: the view it was opened as (and how to leave a default view),
    a form that saves the list as it is, and for the call lists the columns form and the
    marker that refreshes today's calls."""
    request = context["request"]
    match = request.resolver_match
    list_name = match.url_name if match else ""
    if list_name not in LISTS or not request.user.is_authenticated:
        return {"show": False}
    try:
        query = saved_query_clean(request.GET.urlencode())
    except ViewRefused:
        query = ""
    current = saved_view_by_token(token=request.GET.get(VIEW_PARAM, ""))
    if current is not None and current.list_name != list_name:
        current = None
    result = {
        "show": True,
        "list_name": list_name,
        "list_label": LISTS[list_name],
        "current": current,
        "own": current is not None and current.user_id == request.user.id,
        "reset_url": f"{list_path(list_name)}?{NO_DEFAULT_PARAM}=0",
        # Ids of their own: the page's filter form has fields too.
        "save_form": SavedViewForm(
            auto_id="view_%s",
            initial={
                "list_name": list_name,
                "query": query,
                "name": current.name if current else "",
            },
        ),
        # The filters just applied (an htmx swap's own URL, not the page it replaces).
        "here": request.get_full_path(),
    }
    if list_name in CALL_LISTS:
        # Today's calls refresh on their own; the marker is redrawn with the filters.
        search = context.get("search")
        result["live"] = live_context(
            getattr(search, "last_day", None), target=context.get("table_target", ""), what="calls"
        )
        columns = call_columns_for(
            user=request.user, list_name=list_name, param=request.GET.get(COLUMNS_PARAM)
        )
        result["columns_form"] = CallColumnsForm(
            auto_id="columns_%s",
            initial={
                "list_name": list_name,
                "columns": list(columns.shown),
                "group_calls": calls_grouped_by_default(user=request.user, list_name=list_name),
            },
        )
    return result
