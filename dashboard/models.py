"""What the dashboard itself stores: each user's preferences, the audit log, and the overview
figures of days that are over.

Call records are never stored here: they stay upstream and in the cache of `history/`. Of the
calls, only the overview's sums for past days are kept (counts, and the busiest users and
numbers of each day).
"""

from django.conf import settings
from django.db import models


class Profile(models.Model):
    """The local side of a VoIPstudio user: who they are upstream, and their preferences."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # The upstream decides who may see what; the local user is only tied to it by this id.
    upstream_user_id = models.BigIntegerField(unique=True)
    upstream_customer_id = models.BigIntegerField(null=True, blank=True)
    # Refreshed from the upstream at every sign-in, so a revoked admin role is noticed there.
    is_admin = models.BooleanField(default=False)
    # Empty means "the site default" (settings.DASHBOARD_DEFAULT_TIME_ZONE).
    time_zone = models.CharField(max_length=64, blank=True, default="")
    # The player marks a new voicemail heard (moves it to Old) once it has played to the end.
    mark_heard_after_play = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.user} (VoIPstudio user {self.upstream_user_id})"

    @property
    def effective_time_zone(self) -> str:
        return self.time_zone or settings.DASHBOARD_DEFAULT_TIME_ZONE


class AuditEntry(models.Model):
    """One action a user took on upstream data, and what the upstream answered.

    Each entry belongs to the customer of the user who acted, on the History API (`upstream`,
    the HISTORY_API_URL base) it was taken on: an admin reads the entries of their own
    customer on the upstream they are signed in to, and nothing else; an agent reads none.
    Customer ids are the upstream's own, so the same id on another upstream is another customer.

    Entries with no customer (written for nobody signed in) or marked `operator_only` (every
    entry written before entries carried their customer: whose they are cannot be known) are
    shown to no one in the dashboard. An operator with shell access to the server reads them,
    and every other entry, with `python manage.py audit_log` (see its `--help`). Dashboard
    users sign in through VoIPstudio only, so no dashboard role can stand in for an operator.
    """

    # Kept when the user is deleted: the log must outlive the account it describes.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    user_label = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    records = models.JSONField(default=list, blank=True)
    outcome = models.TextField()
    detail = models.TextField(blank=True, default="")
    # The upstream's customer id of the user who acted, as it was when they acted.
    customer_id = models.BigIntegerField(null=True, blank=True)
    # The History API base URL (without a trailing slash) the action was taken on.
    upstream = models.CharField(max_length=500, blank=True, default="")
    operator_only = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            # An admin's page: their customer on their upstream, newest first.
            models.Index(
                fields=["customer_id", "upstream", "-created_at"], name="audit_customer_recent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.user_label} {self.action}"


class OverviewDay(models.Model):
    """The overview's figures of one day that is over, as one scope of the upstream saw it.

    Calls of a past day no longer change except by deletes, so a month's or a year's overview
    sums these rows and fetches only today and the days never seen. The scope is what the
    upstream let the viewer see: every call of the customer (`admin`, shared by its admins) or
    one user's own (`own`). A stored range is checked against one count from the upstream
    before it is used, and deletes through the dashboard drop the rows.
    """

    SCOPES = (("admin", "every call of the customer"), ("own", "one user's own calls"))

    # A digest of the upstream's base URL, as in the keys of the history cache.
    upstream = models.CharField(max_length=12)
    customer_id = models.BigIntegerField(null=True, blank=True)
    scope = models.CharField(max_length=5, choices=SCOPES)
    # Whose calls: the customer (`c<id>`) for `admin`, the user for `own`.
    viewer = models.CharField(max_length=64)
    time_zone = models.CharField(max_length=64)
    day = models.DateField()
    calls = models.PositiveIntegerField()
    figures = models.JSONField()
    stored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["upstream", "scope", "viewer", "time_zone", "day"],
                name="one_overview_day_per_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.scope} {self.viewer or self.customer_id}: {self.calls} calls"


class SavedView(models.Model):
    """A list's filters, sort and columns saved under a name: a query string, nothing more.

    Whoever opens a view's URL sees the list with their own rights: the query is replayed as
    theirs, never with its owner's. The `token` in the URL is unguessable, so that a view is
    shared by passing its address, not found by counting.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    # The URL name of the list ("calls", "recordings", ...), see dashboard.services.saved_views.
    list_name = models.CharField(max_length=32)
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=2000, blank=True, default="")
    token = models.CharField(max_length=32, unique=True)
    # Opening the list without a query applies the owner's default view of that list.
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["list_name", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name", "name"], name="saved_view_name"),
            models.UniqueConstraint(
                fields=["user", "list_name"],
                condition=models.Q(is_default=True),
                name="saved_view_one_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.list_name})"


class ListPreference(models.Model):
    """How one user likes one list drawn: its columns, and for the calls, one row per call."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="list_preferences"
    )
    list_name = models.CharField(max_length=32)
    # Column keys shown, in the table's order; empty means every column.
    columns = models.JSONField(default=list, blank=True)
    # Opening the call list without a query shows one row per call.
    group_calls = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name"], name="list_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.list_name}"
