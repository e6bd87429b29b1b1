"""The local user behind a VoIPstudio sign-in, and their preferences."""

import zoneinfo
from functools import lru_cache, partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction

from dashboard.models import Profile
from history.services import Credentials, Unauthorized, user_me_fresh


@lru_cache(maxsize=1)
def time_zone_choices() -> list[str]:
    """Every IANA zone name this machine knows, sorted, for the settings page."""
    return sorted(zoneinfo.available_timezones())


def profile_for(*, user: AbstractBaseUser) -> Profile | None:
    """The user's profile, or None for a local user that never signed in upstream.

    Read through the user's own accessor, which keeps it (or its absence) on the user object:
    a page asks for the time zone, the admin role and the navigation's role in one request,
    and each must not be a query of its own.
    """
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def user_time_zone(*, user: AbstractBaseUser | AnonymousUser | None) -> zoneinfo.ZoneInfo:
    """The zone pages are shown in: the user's choice, else the site default."""
    name = settings.DASHBOARD_DEFAULT_TIME_ZONE
    if user is not None and user.is_authenticated:
        profile = profile_for(user=user)
        if profile is not None:
            name = profile.effective_time_zone
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A zone removed from tzdata since it was saved must not break every page.
        return zoneinfo.ZoneInfo("UTC")


def user_is_admin(*, user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether the upstream gave this user the admin role at their last sign-in."""
    if user is None or not user.is_authenticated:
        return False
    profile = profile_for(user=user)
    return bool(profile and profile.is_admin)


def profile_set_time_zone(*, user: AbstractBaseUser, time_zone: str) -> Profile:
    # The user's own copy, so that the rest of this request sees the new zone too.
    profile = user.profile
    profile.time_zone = time_zone
    profile.save(update_fields=["time_zone"])
    return profile


def profile_set_mark_heard_after_play(*, user: AbstractBaseUser, enabled: bool) -> Profile:
    profile = user.profile
    profile.mark_heard_after_play = enabled
    profile.save(update_fields=["mark_heard_after_play"])
    return profile


def profile_revalidate(*, user: AbstractBaseUser, credentials: Credentials) -> Profile:
    """Ask the upstream, never the cache, who the session's token belongs to now, and bring
    the user's role, customer and name in line with the answer.

    Raises `Unauthorized` when the token is refused or now belongs to another user; any other
    `history` error when the upstream cannot say. Writes only what changed: this runs for every
    session once per DASHBOARD_REVALIDATE_SECONDS.
    """
    upstream_user = user_me_fresh(credentials=credentials)
    profile = profile_for(user=user)
    if profile is None or upstream_user.id != profile.upstream_user_id:
        raise Unauthorized("The VoIPstudio session belongs to someone else.", status=401)
    now = {"upstream_customer_id": upstream_user.customer_id, "is_admin": upstream_user.is_admin}
    changed = [name for name, value in now.items() if getattr(profile, name) != value]
    for name in changed:
        setattr(profile, name, now[name])
    if changed:
        profile.save(update_fields=changed)
    names = {
        "email": upstream_user.email or "",
        "first_name": (upstream_user.first_name or "")[:150],
        "last_name": (upstream_user.last_name or "")[:150],
    }
    renamed = [name for name, value in names.items() if getattr(user, name) != value]
    for name in renamed:
        setattr(user, name, names[name])
    if renamed:
        user.save(update_fields=renamed)
    return profile


def profile_sync_from_upstream(
    *,
    upstream_user_id: int,
    email: str,
    first_name: str = "",
    last_name: str = "",
    customer_id: int | None = None,
    is_admin: bool = False,
) -> AbstractBaseUser:
    """The local user for an upstream user, created on first sign-in, refreshed on each.

    The local user never gets a usable password: the only way in is through VoIPstudio.
    """
    sync = partial(
        _profile_sync,
        upstream_user_id=upstream_user_id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        customer_id=customer_id,
        is_admin=is_admin,
    )
    try:
        return sync()
    except IntegrityError:
        # Two first sign-ins of one user at once (PostgreSQL lets both see no profile): the
        # other one created it; this time it is found and refreshed.
        return sync()


@transaction.atomic
def _profile_sync(
    *,
    upstream_user_id: int,
    email: str,
    first_name: str,
    last_name: str,
    customer_id: int | None,
    is_admin: bool,
) -> AbstractBaseUser:
    User = get_user_model()
    profile = Profile.objects.select_related("user").filter(upstream_user_id=upstream_user_id)
    profile = profile.select_for_update().first()
    # The username is the upstream id, not the e-mail: an e-mail can change upstream.
    username = f"voipstudio-{upstream_user_id}"
    if profile is None:
        user, _ = User.objects.get_or_create(username=username)
        profile = Profile.objects.create(user=user, upstream_user_id=upstream_user_id)
    user = profile.user
    user.email = email or ""
    user.first_name = (first_name or "")[:150]
    user.last_name = (last_name or "")[:150]
    fields = ["email", "first_name", "last_name"]
    if user.has_usable_password():
        # Only once: each call draws a new unusable password, which changes the session auth
        # hash and would sign the user out of every other browser they are signed in on.
        user.set_unusable_password()
        fields.append("password")
    user.save(update_fields=fields)
    profile.upstream_customer_id = customer_id
    profile.is_admin = bool(is_admin)
    profile.save(update_fields=["upstream_customer_id", "is_admin"])
    return user
