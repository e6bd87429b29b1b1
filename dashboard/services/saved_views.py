"""Saved views of the lists, and how each user likes the call table drawn.

A saved view is a list's query string under a name. Whoever opens it sees that list with their
own rights, since it is replayed as their own query; nothing of its owner's access goes with it.
The query is kept as the list would read it, minus what names a moment rather than a view
(the page number, markers of this feature), and its values are checked by the list's own form
when the view is opened, as any typed-in URL is.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse

from dashboard.models import ListPreference, SavedView
from dashboard.services.audit import audit_record

# The lists a view can be saved for: URL name -> label in the navigation.
LISTS: dict[str, str] = {
    "calls": "Calls",
    "call_tracking": "Call tracking",
    "recordings": "Recordings",
    "voicemail": "Voicemail",
    "chats": "Chats",
    "media_sessions": "Media sessions",
}
CALL_LISTS = frozenset({"calls", "call_tracking"})

# The parameters that mark how a list was reached, not what it shows.
VIEW_PARAM = "view"
NO_DEFAULT_PARAM = "default"
COLUMNS_PARAM = "columns"
# A quick range ("today", "last-7-days") kept by name, so that "Missed today" is today's.
RANGE_PARAM = "range"
_NOT_SAVED = frozenset({"page", "csrfmiddlewaretoken", VIEW_PARAM, NO_DEFAULT_PARAM})
_PARAM_NAME = re.compile(r"^[a-z_]{1,32}$")
MAX_PARAMS = 40
MAX_VALUE = 200
MAX_QUERY = 2000
MAX_VIEWS_PER_USER = 100

# The call table's columns a user may hide, in the table's order, with their place in a row
# (1 is the selection box, 2 the date, which always stay). static/css/saved_views.css hides a
# place by its number while its box is unticked; tests/dashboard/test_saved_views.py checks
# that the stylesheet and the table's headers still match these places.
CALL_COLUMNS: dict[str, tuple[str, int]] = {
    "direction": ("Direction", 3),
    "from": ("From", 4),
    "to": ("To", 5),
    "user": ("User", 6),
    "outcome": ("Outcome", 7),
    "duration": ("Duration", 8),
    "billed": ("Billed", 9),
    "cost": ("Cost", 10),
    "labels": ("Labels", 11),
    "recording": ("Recording", 12),
}


class ViewRefused(ValueError):
    """A view that cannot be saved as asked; the message says why, for the form."""


@dataclass(frozen=True)
class CallColumns:
    shown: tuple[str, ...]

    @property
    def param(self) -> str:
        return ",".join(self.shown)


def list_path(list_name: str) -> str:
    return reverse(list_name)


def saved_query_clean(query: str) -> str:
    """`query` as a view keeps it: known shapes of parameters only, the page and markers
    dropped, empty values left out; raises `ViewRefused` for what no list would send."""
    if len(query) > MAX_QUERY:
        raise ViewRefused(f"This list's address is too long to save (over {MAX_QUERY} characters).")
    params = QueryDict(query.lstrip("?"))
    kept = QueryDict(mutable=True)
    for key in params:
        if key in _NOT_SAVED:
            continue
        if not _PARAM_NAME.match(key):
            raise ViewRefused("This list's address holds a filter no list has.")
        values = [value for value in params.getlist(key) if value != ""]
        if any(len(value) > MAX_VALUE for value in values):
            raise ViewRefused(f"A filter of this list is over {MAX_VALUE} characters long.")
        if values:
            kept.setlist(key, values)
    if len(kept) > MAX_PARAMS:
        raise ViewRefused("This list's address holds too many filters to save.")
    return kept.urlencode()


# The lists' quick ranges by name ("today"), each as its first and last day (ISO dates) as of
# the reader's today: dashboard.forms.saved_views.quick_ranges() gives them.
QuickRanges = Mapping[str, tuple[str, str]]


def _range_by_name(params: QueryDict, ranges: QuickRanges) -> None:
    """A range that is one of the quick ranges as of today is kept as its name."""
    days = (params.get("from", ""), params.get("to", ""))
    for name, quick in ranges.items():
        if days == quick:
            params.pop("from", None)
            params.pop("to", None)
            params[RANGE_PARAM] = name
            return


def saved_view_url(view: SavedView, *, ranges: QuickRanges) -> str:
    """The list the view shows, with its query (a named range as of the reader's today),
    marked as reached through the view."""
    params = QueryDict(view.query, mutable=True)
    quick = ranges.get(params.pop(RANGE_PARAM, [""])[0])
    if quick is not None:
        params["from"], params["to"] = quick
    params[VIEW_PARAM] = view.token
    return f"{list_path(view.list_name)}?{params.urlencode()}"


def saved_view_summary(view: SavedView) -> str:
    """What a view asks for, in its own words ("type M · range today · sort duration")."""
    params = QueryDict(view.query)
    return " · ".join(
        f"{key} {', '.join(params.getlist(key))}" for key in params if key != COLUMNS_PARAM
    )


def saved_view_list(*, user: AbstractBaseUser) -> list[SavedView]:
    return list(SavedView.objects.filter(user=user))


def saved_view_by_token(*, token: str) -> SavedView | None:
    """Any user's view by its token: a shared address opens for whoever has it."""
    if not token or len(token) > 32:
        return None
    return SavedView.objects.filter(token=token).first()


def saved_view_of(*, user: AbstractBaseUser, view_id: int) -> SavedView | None:
    """One of the user's own views (the only ones they may change or delete)."""
    return SavedView.objects.filter(user=user, id=view_id).first()


def saved_view_default(*, user: AbstractBaseUser, list_name: str) -> SavedView | None:
    return SavedView.objects.filter(user=user, list_name=list_name, is_default=True).first()


def saved_view_create(
    *,
    user: AbstractBaseUser,
    list_name: str,
    name: str,
    query: str,
    make_default: bool,
    ranges: QuickRanges,
) -> SavedView:
    """Save `query` of the list under `name`; a name the user already has for this list is
    replaced (saving again is how a view is updated)."""
    if list_name not in LISTS:
        raise ViewRefused("Views are saved for the lists only.")
    params = QueryDict(saved_query_clean(query), mutable=True)
    _range_by_name(params, ranges)
    if list_name in CALL_LISTS and COLUMNS_PARAM not in params:
        # The columns are part of the view: the ones the user sees now.
        params[COLUMNS_PARAM] = call_columns_for(user=user, list_name=list_name).param
    query = params.urlencode()
    with transaction.atomic():
        existing = SavedView.objects.filter(user=user, list_name=list_name, name=name).first()
        if existing is None and SavedView.objects.filter(user=user).count() >= MAX_VIEWS_PER_USER:
            raise ViewRefused(f"You have {MAX_VIEWS_PER_USER} saved views: delete one first.")
        if make_default:
            SavedView.objects.filter(user=user, list_name=list_name, is_default=True).update(
                is_default=False
            )
        view = existing or SavedView(
            user=user, list_name=list_name, name=name, token=secrets.token_urlsafe(12)
        )
        view.query = query
        view.is_default = make_default or (existing is not None and existing.is_default)
        try:
            view.save()
        except IntegrityError as clash:
            raise ViewRefused("That view was saved at the same moment: try again.") from clash
    return view


def saved_view_set_default(*, user: AbstractBaseUser, view: SavedView, default: bool) -> SavedView:
    """Make `view` the default of its list (the previous default stops being one), or not."""
    with transaction.atomic():
        if default:
            SavedView.objects.filter(user=user, list_name=view.list_name, is_default=True).exclude(
                id=view.id
            ).update(is_default=False)
        view.is_default = default
        view.save(update_fields=["is_default"])
    return view


def saved_view_delete(*, user: AbstractBaseUser, view: SavedView) -> None:
    """Delete one of the user's views, with an audit entry naming it."""
    record = {"id": view.id, "name": view.name, "list": view.list_name, "query": view.query}
    view.delete()
    audit_record(user=user, action="saved_view_delete", records=[record], outcome="ok")


def _preference(*, user: AbstractBaseUser, list_name: str) -> ListPreference | None:
    # Kept on the user object for the request: the list, its columns form and its table
    # each ask, and each must not be a query of its own.
    known = user.__dict__.setdefault("_list_preferences", {})
    if list_name not in known:
        known[list_name] = ListPreference.objects.filter(user=user, list_name=list_name).first()
    return known[list_name]


def call_columns_parse(value: str) -> CallColumns | None:
    """A `columns` parameter ("from,to,cost"); None when it names no known column."""
    shown = {key.strip() for key in value.split(",")[: len(CALL_COLUMNS) * 2]}
    kept = tuple(key for key in CALL_COLUMNS if key in shown)
    return CallColumns(shown=kept) if kept else None


def call_columns_for(
    *, user: AbstractBaseUser, list_name: str, param: str | None = None
) -> CallColumns:
    """The call table's columns: those the URL names (a shared view), else the user's own
    choice, else all of them."""
    if param:
        chosen = call_columns_parse(param)
        if chosen is not None:
            return chosen
    preference = _preference(user=user, list_name=list_name)
    if preference is not None and preference.columns:
        chosen = call_columns_parse(",".join(preference.columns))
        if chosen is not None:
            return chosen
    return CallColumns(shown=tuple(CALL_COLUMNS))


def list_preference_set(
    *, user: AbstractBaseUser, list_name: str, columns: list[str], group_calls: bool
) -> ListPreference:
    preference, _ = ListPreference.objects.update_or_create(
        user=user,
        list_name=list_name,
        defaults={
            "columns": [key for key in CALL_COLUMNS if key in columns],
            "group_calls": group_calls,
        },
    )
    user.__dict__.setdefault("_list_preferences", {})[list_name] = preference
    return preference


def calls_grouped_by_default(*, user: AbstractBaseUser, list_name: str) -> bool:
    """Whether the user asked for one row per call when they open the call list."""
    preference = _preference(user=user, list_name=list_name)
    return bool(preference and preference.group_calls)
