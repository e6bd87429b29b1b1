"""Signing in with VoIPstudio: password, the two-factor step, API keys."""

import pytest

from history.api.errors import Unauthorized
from history.services import (
    cdr_list,
    user_from_api_key,
    user_login,
    user_login_2fa,
    user_me,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_signs_in_with_email_and_password(sandbox_url, live_sandbox_world):
    outcome = user_login(email=live_sandbox_world.emails["agent"], password="correct horse")

    assert outcome.credentials is not None and not outcome.needs_2fa
    assert outcome.credentials.user_id == live_sandbox_world.accounts["agent"]
    assert user_me(credentials=outcome.credentials).email == live_sandbox_world.emails["agent"]


def test_it_refuses_a_wrong_password_as_unauthorized_not_expired(sandbox_url, live_sandbox_world):
    with pytest.raises(Unauthorized) as raised:
        user_login(email=live_sandbox_world.emails["agent"], password="wrong")

    assert type(raised.value) is Unauthorized


def test_it_completes_the_two_factor_step(sandbox_url, live_sandbox_world):
    outcome = user_login(email=live_sandbox_world.emails["colleague"], password="correct horse")

    assert outcome.needs_2fa and outcome.nonce
    credentials = user_login_2fa(nonce=outcome.nonce, code=live_sandbox_world.two_factor_code)
    assert user_me(credentials=credentials).id == live_sandbox_world.accounts["colleague"]


def test_it_refuses_a_wrong_two_factor_code(sandbox_url, live_sandbox_world):
    outcome = user_login(email=live_sandbox_world.emails["colleague"], password="correct horse")

    with pytest.raises(Unauthorized):
        user_login_2fa(nonce=outcome.nonce, code="000000")


def test_it_signs_in_with_an_api_key(sandbox_url, live_sandbox_world):
    credentials = user_from_api_key(api_key=live_sandbox_world.api_keys["admin"])

    assert credentials.user_id == live_sandbox_world.accounts["admin"]
    assert user_me(credentials=credentials).is_admin
    assert cdr_list(credentials=credentials).value.total > 0


def test_it_refuses_an_unknown_api_key_as_unauthorized(sandbox_url, live_sandbox_world):
    with pytest.raises(Unauthorized, match="API key"):
        user_from_api_key(api_key="f" * 40)
