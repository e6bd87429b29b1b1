import pytest

from history.api.credentials import Credentials
from history.services import user_login

from .canned import CannedUpstream


@pytest.fixture
def canned_upstream(settings):
    """A local HTTP server with canned answers; the client points at it."""
    with CannedUpstream() as upstream:
        settings.HISTORY_API_URL = upstream.url
        yield upstream


@pytest.fixture
def fast_retries(settings):
    """Keep retry backoff short so fault tests stay quick."""
    settings.HISTORY_BACKOFF = 0.01
    settings.HISTORY_RETRIES = 2


@pytest.fixture
def canned_credentials() -> Credentials:
    return Credentials(token="0123456789abcdef0123456789abcdef01234567", user_id=7)


def sign_in(email: str, password: str) -> Credentials:
    outcome = user_login(email=email, password=password)
    assert outcome.credentials is not None, f"{email} needs a second factor"
    return outcome.credentials


@pytest.fixture
def supervisor(sandbox_url, sandbox_demo) -> Credentials:
    """The demo supervisor (admin: sees the whole customer), signed in over HTTP."""
    return sign_in(sandbox_demo.supervisor.email, sandbox_demo.supervisor.password)


@pytest.fixture
def agent(sandbox_url, sandbox_demo) -> Credentials:
    """The demo agent (sees only their own records), signed in over HTTP."""
    return sign_in(sandbox_demo.agent.email, sandbox_demo.agent.password)


@pytest.fixture
def other_admin(sandbox_url, sandbox_demo) -> Credentials:
    """The second customer's admin: shares nothing with the demo supervisor and agent."""
    return sign_in(sandbox_demo.other_admin.email, sandbox_demo.other_admin.password)


@pytest.fixture
def faults(sandbox_faults, fast_retries):
    """The sandbox's fault switches and request counters, with retries kept quick."""
    sandbox_faults.clear_counters()
    return sandbox_faults
