import pytest

from history.api.credentials import Credentials

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
