"""Signing in with VoIPstudio: the only way into the dashboard.

`authenticate()` accepts an e-mail and password, the two-factor code that follows them, or an
API key. Each ends with upstream credentials; the local user is then looked up (or created)
by the upstream user id. The credentials ride on the returned user object only until the view
stores them in the server-side session (`dashboard.views.guards.credentials_store`): they are never
written to the database, a cookie or a page.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from dashboard.services.accounts import TwoFactorRequired
from dashboard.services.profiles import profile_sync_from_upstream
from history.services import (
    Unauthorized,
    ValidationFailed,
    user_from_api_key,
    user_login,
    user_login_2fa,
    user_me_fresh,
)


class VoipstudioBackend(BaseBackend):
    """Authenticates against the VoIPstudio History API.

    Wrong credentials give None (Django's "not this backend"); an upstream that is down raises
    its `history` error so the sign-in page can say so instead of "wrong password".
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        *,
        email: str | None = None,
        password: str | None = None,
        api_key: str | None = None,
        nonce: str | None = None,
        code: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        try:
            if api_key:
                credentials = user_from_api_key(api_key=api_key)
            elif nonce and code:
                credentials = user_login_2fa(nonce=nonce, code=code)
            elif email and password:
                outcome = user_login(email=email, password=password)
                if getattr(outcome, "nonce", None):
                    raise TwoFactorRequired(outcome.nonce)
                credentials = outcome.credentials
            else:
                return None
            # Never from the cache: a role changed upstream counts from this sign-in on.
            upstream_user = user_me_fresh(credentials=credentials)
        except (Unauthorized, ValidationFailed):
            return None
        user = profile_sync_from_upstream(
            upstream_user_id=upstream_user.id,
            email=upstream_user.email,
            first_name=upstream_user.first_name,
            last_name=upstream_user.last_name,
            customer_id=upstream_user.customer_id,
            is_admin=upstream_user.is_admin,
        )
        user.upstream_credentials = credentials
        return user

    def get_user(self, user_id: int) -> AbstractBaseUser | None:
        User = get_user_model()
        # The profile comes in the same query: every page reads it (time zone, role, nav).
        return (
            User.objects.filter(pk=user_id, is_active=True, profile__isnull=False)
            .select_related("profile")
            .first()
        )
