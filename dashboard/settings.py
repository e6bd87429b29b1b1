"""Settings for the call-history dashboard.

Everything that differs between machines comes from the environment (django-environ).
The defaults need nothing outside the project: SQLite, an in-process cache, and the
embedded sandbox as the upstream History API.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- The upstream History API -------------------------------------------------------------
# With no HISTORY_API_URL the embedded sandbox is the upstream, handed each request inside this
# process (history/api/inprocess.py) at a reserved address no network resolves: it works
# whatever address, port or server runs the project, and no password leaves the process.
# SANDBOX_API_URL reaches an embedded sandbox over real HTTP instead (tests, benchmarks).
# A real deployment sets HISTORY_API_URL and the sandbox's URLs (which know demo passwords)
# stop existing.
# https, so that a deployment's SECURE_SSL_REDIRECT never bounces these requests.
HISTORY_IN_PROCESS_ORIGIN = "https://sandbox.invalid"
HISTORY_API_URL = env.str("HISTORY_API_URL", default="")
SANDBOX_ENABLED = env.bool("SANDBOX_ENABLED", default=not HISTORY_API_URL)
if not HISTORY_API_URL:
    HISTORY_API_URL = env.str(
        "SANDBOX_API_URL", default=f"{HISTORY_IN_PROCESS_ORIGIN}/sandbox/v1.1/voipstudio"
    )
    # The in-process requests name that host; Django checks it like any other.
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, HISTORY_IN_PROCESS_ORIGIN.partition("://")[2]]
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
ARCHIVE_BEFORE_DELETE = env.bool("ARCHIVE_BEFORE_DELETE", default=False)
ARCHIVE_DIR = Path(env.str("ARCHIVE_DIR", default=str(BASE_DIR / "var" / "archive")))

# --- Signing in and staying signed in ------------------------------------------------------
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

# --- The sandbox ----------------------------------------------------------------------------
# Seconds without a request before a sandbox user token expires (the real service: 30 min).
SANDBOX_TOKEN_IDLE_SECONDS = env.int("SANDBOX_TOKEN_IDLE_SECONDS", default=1800)
# Fault switches (latency, error statuses, broken bodies) exist only for tests and benchmarks.
SANDBOX_FAULTS_ENABLED = env.bool("SANDBOX_FAULTS_ENABLED", default=False)

# --- Django ---------------------------------------------------------------------------------
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
USE_I18N = False
USE_TZ = True
TIME_ZONE = "UTC"
# The time zone a new user sees until they pick their own on the settings page.
DASHBOARD_DEFAULT_TIME_ZONE = env.str("DASHBOARD_DEFAULT_TIME_ZONE", default="Europe/London")
DASHBOARD_CURRENCY = env.str("DASHBOARD_CURRENCY", default="USD")

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
