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


def test_it_signs_in_with_email_and_password(sandbox_url, sandbox_demo):
    outcome = user_login(email=sandbox_demo.agent.email, password=sandbox_demo.agent.password)

    assert outcome.credentials is not None and not outcome.needs_2fa
    assert outcome.credentials.user_id == sandbox_demo.agent.user_id
    assert user_me(credentials=outcome.credentials).email == sandbox_demo.agent.email


def test_it_refuses_a_wrong_password_as_unauthorized_not_expired(sandbox_url, sandbox_demo):
    with pytest.raises(Unauthorized) as raised:
        user_login(email=sandbox_demo.agent.email, password="wrong")

    assert type(raised.value) is Unauthorized


def test_it_completes_the_two_factor_step(sandbox_url, sandbox_demo):
    outcome = user_login(
        email=sandbox_demo.two_factor.email, password=sandbox_demo.two_factor.password
    )

    assert outcome.needs_2fa and outcome.nonce
    credentials = user_login_2fa(nonce=outcome.nonce, code=sandbox_demo.two_factor_code)
    assert user_me(credentials=credentials).id == sandbox_demo.two_factor.user_id


def test_it_refuses_a_wrong_two_factor_code(sandbox_url, sandbox_demo):
    outcome = user_login(
        email=sandbox_demo.two_factor.email, password=sandbox_demo.two_factor.password
    )

    with pytest.raises(Unauthorized):
        user_login_2fa(nonce=outcome.nonce, code="000000")


def test_it_signs_in_with_an_api_key(sandbox_url, sandbox_demo):
    credentials = user_from_api_key(api_key=sandbox_demo.supervisor.api_key)

    assert credentials.user_id == sandbox_demo.supervisor.user_id
    assert user_me(credentials=credentials).is_admin
    assert cdr_list(credentials=credentials).value.total > 0


def test_it_refuses_an_unknown_api_key_as_unauthorized(sandbox_url, sandbox_demo):
    with pytest.raises(Unauthorized, match="API key"):
        user_from_api_key(api_key="f" * 40)
