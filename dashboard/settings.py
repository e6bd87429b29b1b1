"""Settings for the call-history dashboard.

Everything that differs between machines comes from the environment (django-environ).
The defaults need nothing outside the project: SQLite, an in-process cache, and the
embedded sandbox as the upstream History API.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from dashboard.deployment import (
    DEVELOPMENT_SECRET_KEY,
    LOOPBACK_HOSTS,
    proxy_ssl_header,
    refuse_unsafe_defaults,
)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

_YES = frozenset({"true", "on", "ok", "y", "yes", "1"})
_NO = frozenset({"false", "off", "n", "no", "0", ""})


def env_bool(name: str, *, default: bool) -> bool:
    """A yes/no variable. Anything but the usual words (`DEBUG=yes-please`) stops the start,
    naming the variable: a typo must not quietly read as "no"."""
    value = env.str(name, default=None)
    if value is None:
        return default
    word = value.strip().lower()
    if word not in _YES | _NO:
        raise ImproperlyConfigured(
            f"{name} must be true or false (or yes/no, on/off, 1/0), not {value!r}"
        )
    return word in _YES


SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", default=False)
# Unset: this machine only, and only with the embedded sandbox (see the check below).
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[]) or LOOPBACK_HOSTS
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The upstream History API
# With no HISTORY_API_URL the embedded sandbox is the upstream, handed each request inside this
# process (history/api/inprocess.py) at a reserved address no network resolves: it works
# whatever address, port or server runs the project, and no password leaves the process.
# SANDBOX_API_URL reaches an embedded sandbox over real HTTP instead (tests, benchmarks).
# A real deployment sets HISTORY_API_URL and the sandbox's URLs (which know demo passwords)
# stop existing.
# https, so that a deployment's SECURE_SSL_REDIRECT never bounces these requests.
HISTORY_IN_PROCESS_ORIGIN = "https://sandbox.invalid"
HISTORY_API_URL = env.str("HISTORY_API_URL", default="")
SANDBOX_ENABLED = env_bool("SANDBOX_ENABLED", default=not HISTORY_API_URL)
if not HISTORY_API_URL:
    HISTORY_API_URL = env.str(
        "SANDBOX_API_URL", default=f"{HISTORY_IN_PROCESS_ORIGIN}/sandbox/v1.1/voipstudio"
    )
    # The in-process requests name that host; Django checks it like any other.
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, HISTORY_IN_PROCESS_ORIGIN.partition("://")[2]]
# The published development SECRET_KEY and the loopback-only ALLOWED_HOSTS serve the sandbox's
# demo data to this machine only: anything else refuses to start until they are set.
refuse_unsafe_defaults(
    debug=DEBUG,
    secret_key=SECRET_KEY,
    allowed_hosts=env.list("ALLOWED_HOSTS", default=[]),
    sandbox_upstream=not env.str("HISTORY_API_URL", default=""),
)
HISTORY_CONNECT_TIMEOUT = env.float("HISTORY_CONNECT_TIMEOUT", default=3.05)
HISTORY_READ_TIMEOUT = env.float("HISTORY_READ_TIMEOUT", default=20.0)
HISTORY_RETRIES = env.int("HISTORY_RETRIES", default=2)
HISTORY_BACKOFF = env.float("HISTORY_BACKOFF", default=0.25)
HISTORY_MAX_RETRY_AFTER = env.float("HISTORY_MAX_RETRY_AFTER", default=5.0)

# Most upstream calls one request may make, and how many of them may run at once.
HISTORY_REQUEST_BUDGET = env.int("HISTORY_REQUEST_BUDGET", default=60)
HISTORY_PARALLEL_CALLS = env.int("HISTORY_PARALLEL_CALLS", default=6)
# A streamed CSV export runs after its request's budget has ended: it has its own ceiling.
HISTORY_EXPORT_BUDGET = env.int("HISTORY_EXPORT_BUDGET", default=500)
# Heavy work (bulk actions, delete previews, exports, per-user CSV) running at once per user;
# a slot held longer than the timeout (a worker that died) is freed; a refused request is
# told to try again after HEAVY_WORK_RETRY_AFTER seconds.
HEAVY_WORK_PER_USER = env.int("HEAVY_WORK_PER_USER", default=1)
HEAVY_WORK_TIMEOUT = env.int("HEAVY_WORK_TIMEOUT", default=600)
HEAVY_WORK_RETRY_AFTER = env.int("HEAVY_WORK_RETRY_AFTER", default=5)

# Cache lifetimes, in seconds, by kind of data.
HISTORY_TTL_LIST = env.int("HISTORY_TTL_LIST", default=60)
HISTORY_TTL_RECORD = env.int("HISTORY_TTL_RECORD", default=300)
HISTORY_TTL_DICTIONARY = env.int("HISTORY_TTL_DICTIONARY", default=86400)
# How long past its lifetime a value may still be served, marked stale, while the upstream fails.
HISTORY_STALE_WINDOW = env.int("HISTORY_STALE_WINDOW", default=3600)
# Concurrent identical misses wait this long for the one upstream call before making their own.
HISTORY_COALESCE_WAIT = env.float("HISTORY_COALESCE_WAIT", default=10.0)

# Local copies of recordings and PCAPs, so the dashboard can serve byte ranges.
MEDIA_CACHE_DIR = Path(env.str("MEDIA_CACHE_DIR", default=str(BASE_DIR / "var" / "media-cache")))
MEDIA_CACHE_MAX_BYTES = env.int("MEDIA_CACHE_MAX_BYTES", default=512 * 1024 * 1024)

# Copies of recordings and voicemails saved before they are deleted upstream.
ARCHIVE_BEFORE_DELETE = env_bool("ARCHIVE_BEFORE_DELETE", default=False)
ARCHIVE_DIR = Path(env.str("ARCHIVE_DIR", default=str(BASE_DIR / "var" / "archive")))

# Signing in and staying signed in
# How long the upstream's word on a session (token valid, role) is trusted before it is asked
# again, on the next page view: a revoked token or a demotion counts within this many seconds.
DASHBOARD_REVALIDATE_SECONDS = env.int("DASHBOARD_REVALIDATE_SECONDS", default=60)
# Failed sign-ins (wrong password, code or API key) before further attempts are refused with
# a 429 for the rest of the lockout, counted in the shared cache: per e-mail, per client address.
DASHBOARD_SIGNIN_MAX_FAILURES = env.int("DASHBOARD_SIGNIN_MAX_FAILURES", default=5)
DASHBOARD_SIGNIN_MAX_FAILURES_PER_ADDRESS = env.int(
    "DASHBOARD_SIGNIN_MAX_FAILURES_PER_ADDRESS", default=20
)
DASHBOARD_SIGNIN_LOCKOUT_SECONDS = env.int("DASHBOARD_SIGNIN_LOCKOUT_SECONDS", default=900)
# Proxies in front of the dashboard that append the client's address to X-Forwarded-For;
# 0 (no proxy) takes the address of the connection.
DASHBOARD_TRUSTED_PROXIES = env.int("DASHBOARD_TRUSTED_PROXIES", default=0)

# The sandbox
# Seconds without a request before a sandbox user token expires (the real service: 30 min).
SANDBOX_TOKEN_IDLE_SECONDS = env.int("SANDBOX_TOKEN_IDLE_SECONDS", default=1800)
# Fault switches (latency, error statuses, broken bodies) exist only for tests and benchmarks.
SANDBOX_FAULTS_ENABLED = env_bool("SANDBOX_FAULTS_ENABLED", default=False)

# Django
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "history",
    "sandbox",
    "dashboard",
]

MIDDLEWARE = [
    # First: it times everything below and tags every log line of the request with its id.
    "dashboard.request_log.RequestLog",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files keep their long cache; everything else gets the headers.
    "dashboard.headers.SecurityHeaders",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dashboard.middleware.UpstreamMeter",
    "dashboard.middleware.ExplainedMethodNotAllowed",
]

ROOT_URLCONF = "dashboard.urls"
WSGI_APPLICATION = "dashboard.wsgi.application"
ASGI_APPLICATION = "dashboard.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo serves the sandbox and the dashboard from one SQLite file, and a shift signs in
    # at once. WAL lets readers go on while one writes; writers wait for each other (timeout,
    # in seconds); and a transaction takes the write lock when it begins, because one that
    # reads first and then writes cannot wait for it: SQLite answers "database is locked".
    _sqlite = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite.setdefault("timeout", 20)
    _sqlite.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://history")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Supervisors sign in with VoIPstudio; the upstream token lives only in the server-side session.
AUTHENTICATION_BACKENDS = ["dashboard.auth.VoipstudioBackend"]
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Django's default, two weeks; a recording's plays are audited once per session this long.
SESSION_COOKIE_AGE = 14 * 24 * 3600
# Production serves HTTPS behind a proxy; the variables below are in the README's table.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
# Health probes reach gunicorn directly, without the proxy's HTTPS header.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# The header the proxy sets on requests that reached it over HTTPS, as `HEADER,value`
# (`X-Forwarded-Proto,https`); only behind a proxy that overwrites it on every request.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env.list("SECURE_PROXY_SSL_HEADER", default=[]))
SECURE_REFERRER_POLICY = "same-origin"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
USE_I18N = False
USE_TZ = True
TIME_ZONE = "UTC"
# The time zone a new user sees until they pick their own on the settings page.
DASHBOARD_DEFAULT_TIME_ZONE = env.str("DASHBOARD_DEFAULT_TIME_ZONE", default="Europe/London")
DASHBOARD_CURRENCY = env.str("DASHBOARD_CURRENCY", default="USD")
# Days of the overview's range not yet stored that one page view reads at most (each is one
# upstream call, more past 5,000 calls); the rest load in after.
DASHBOARD_OVERVIEW_DAYS_PER_REQUEST = env.int("DASHBOARD_OVERVIEW_DAYS_PER_REQUEST", default=31)
# Numbers of this region (ISO 3166 code) are shown in national form, others in international.
DASHBOARD_DEFAULT_REGION = env.str("DASHBOARD_DEFAULT_REGION", default="GB").upper()

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve from the app and static folders directly, so the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# One line per request at INFO (dashboard.request_log); `LOG_FORMAT=json` for a log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "dashboard.request_log.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "dashboard.request_log.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # SQL statements carry session data, and the session holds the upstream token: never
        # logged, even at LOG_LEVEL=DEBUG.
        "django.db.backends": {"level": "INFO"},
    },
}
