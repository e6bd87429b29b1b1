"""What the dashboard itself stores: each user's preferences and the audit log.

Call data is never stored here: it stays upstream and in the cache of `history/`.
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

    def __str__(self) -> str:
        return f"{self.user} (VoIPstudio user {self.upstream_user_id})"

    @property
    def effective_time_zone(self) -> str:
        return self.time_zone or settings.DASHBOARD_DEFAULT_TIME_ZONE


class AuditEntry(models.Model):
    """One action a user took on upstream data, and what the upstream answered."""

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

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.user_label} {self.action}"
