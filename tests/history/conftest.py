import pytest

from history.api.credentials import Credentials
from tests.sign_in import sign_in_upstream

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


@pytest.fixture
def supervisor(sandbox_url, sandbox_demo) -> Credentials:
    """The demo supervisor (admin: sees the whole customer), signed in over HTTP."""
    return sign_in_upstream(sandbox_demo.supervisor)


@pytest.fixture
def agent(sandbox_url, sandbox_demo) -> Credentials:
    """The demo agent (sees only their own records), signed in over HTTP."""
    return sign_in_upstream(sandbox_demo.agent)


@pytest.fixture
def other_admin(sandbox_url, sandbox_demo) -> Credentials:
    """The second customer's admin: shares nothing with the demo supervisor and agent."""
    return sign_in_upstream(sandbox_demo.other_admin)


@pytest.fixture
def faults(sandbox_faults, fast_retries):
    """The sandbox's fault switches and request counters, with retries kept quick."""
    sandbox_faults.clear_counters()
    return sandbox_faults
