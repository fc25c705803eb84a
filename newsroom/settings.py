"""Newsroom settings.

Every value that differs between a laptop and production comes from the
environment; the defaults run a safe local site on SQLite with no set-up.
Production differs only by environment (see README, "Configuration").
"""

from __future__ import annotations

import os
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from newsroom.object_storage import s3_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Off unless asked for: a forgotten variable must never expose debug pages.
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production mode (DEBUG off) refuses to start "
            "without a real secret key; set SECRET_KEY, or DEBUG=true for local "
            "development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "csp",
    "axes",
    "caching",
    "images",
    "authors",
    "editions",
    "articles",
    "distribution",
    "readership",
    "headlines",
    "agency",
    "api",
    "audit",
    "ingest",
    "huey.contrib.djhuey",
]
# The demo newsroom and the benchmark generator are development tools: on
# with DEBUG or NEWSROOM_DEVDATA=true, and only where the checkout has them
# (the wheel and the Docker image leave `devdata/` out).
# First in the list, so that its load_demo_newsroom takes the name from the
# refusing one production keeps (articles/management/commands).
if env_bool("NEWSROOM_DEVDATA", default=DEBUG) and find_spec("devdata"):
    INSTALLED_APPS.insert(0, "devdata")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything else that runs per request: a hit skips it all, and
    # what it stores already carries the headers added inside it (CSP,
    # Content-Language, X-Frame-Options).
    "caching.pages.PageCacheMiddleware",
    # Anonymous readers' pages read a replica when one is configured and
    # current (replicas/routing.py); a page cache hit never gets here.
    "replicas.routing.ReplicaReadsMiddleware",
    "common.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The admin answers a NUL byte in its address with a 400 before any view
    # takes it to the database (common/nul_bytes.py).
    "common.nul_bytes.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "audit.context.AuditActorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL in production.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The worker (run_huey) is a second process on the same file: wait for
    # each other's locks rather than fail; take the write lock when a
    # transaction begins (a read lock upgraded mid-transaction fails at once
    # while the other process writes); and let reads go on during a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation: it pays off for long analytical queries, and a web
    # request's few short ones crossed its cost threshold often enough (a
    # deep sitemap page, a search) to spend 100-300 ms compiling each time.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # Added to, not replacing, any `?options=` the DATABASE_URL carries.
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
# Read replicas (PostgreSQL streaming standbys), comma-separated: anonymous
# readers' pages read them, everything else the primary (replicas/). The
# test runner takes them for the test database's mirrors.
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    replica = dj_database_url.parse(
        url,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    engines = {replica["ENGINE"], DATABASES["default"]["ENGINE"]}
    if engines != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS and DATABASE_URL must name PostgreSQL."
        )
    # The primary's connection options (sslmode, timeouts, jit=off), unless
    # the replica's address gives its own.
    replica["OPTIONS"] = {
        **DATABASES["default"]["OPTIONS"],
        **replica.get("OPTIONS", {}),
    }
    if "jit=off" not in replica["OPTIONS"]["options"]:
        replica["OPTIONS"]["options"] += " -c jit=off"
    # A replica that stops answering costs a reader at most this wait before
    # the primary serves (replicas/routing.py backs off from it).
    replica["OPTIONS"].setdefault("connect_timeout", 2)
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{number}"] = replica
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["replicas.routing.ReplicaRouter"]
# How long a client that wrote reads the primary at most while no replica
# has replayed its write.
REPLICA_STICKY_SECONDS = int(os.environ.get("REPLICA_STICKY_SECONDS", "30"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process-local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, serving uncached when Redis is down.
            "BACKEND": "caching.backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": float(
                    os.environ.get("REDIS_CONNECT_TIMEOUT", 0.5)
                ),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", 1)),
            },
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            # Culling may drop a tag's change number with the entries
            # (caching/core.py): keep it rare for the one-process demo.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# Background worker (Huey, `python manage.py run_huey`): renditions, purges,
# webhooks and ingest run there, enqueued on commit. Its queue is Redis when
# REDIS_URL is set (keys under HUEY_NAME, apart from the cache's; set
# HUEY_REDIS_URL to give it a database of its own, as docker-compose does,
# since clearing the cache empties its whole database) and a SQLite file
# under var/ otherwise, so `make demo` needs no set-up. Each app's tasks live
# in its tasks.py, which run_huey discovers. The database stays the record of
# what is due (e.g. api.models.Delivery): a queue lost with Redis is refilled
# by the worker's periodic sweeps.
HUEY_REDIS_URL = os.environ.get("HUEY_REDIS_URL", REDIS_URL)
HUEY = {
    "name": os.environ.get("HUEY_NAME", "newsroom-tasks"),
    # Tasks record their outcome in the database; nobody reads return values.
    "results": False,
    # Never tied to DEBUG (djhuey's default): the demo runs a real worker.
    "immediate": env_bool("HUEY_IMMEDIATE", default=False),
    "utc": True,
    "consumer": {
        "workers": int(os.environ.get("HUEY_WORKERS", 4)),
        # Tasks wait on the network (webhooks, purges), not the CPU.
        "worker_type": "thread",
        # SQLite is polled: at most this many seconds between looks, so a
        # kill's deliveries start within a second or so. Redis blocks on
        # the queue and wakes at once.
        "initial_delay": 0.1,
        "backoff": 1.15,
        "max_delay": float(os.environ.get("HUEY_MAX_DELAY", 1.0)),
        "periodic": True,
    },
}
if HUEY_REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": HUEY_REDIS_URL}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    HUEY |= {
        "huey_class": "huey.SqliteHuey",
        "filename": os.environ.get("HUEY_SQLITE_PATH", str(VAR_DIR / "tasks.sqlite3")),
    }

# Full-page cache for anonymous readers (caching/pages.py), on by default
# with Redis. Every worker must share the cache for invalidation to reach all
# of them, so with the process-local default it is on only under DEBUG (one
# process); PAGE_CACHE=true forces it for a single-worker install.
PAGE_CACHE = env_bool("PAGE_CACHE", default=bool(REDIS_URL) or DEBUG)
# Parts (ticker, latest news, related news), stories, cards and the other
# fragments are cached by the same rules, so a page the page cache misses
# does not render them again (caching/core.py).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", default=PAGE_CACHE)
# Longest life of a cached page or part. Every change readers can see
# replaces what shows it at once, so this only bounds memory and whatever
# no tag covers; Redis evicts the least recently used entries before then.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 86400))
# max-age a CDN or browser may keep a page (capped by the next scheduled change).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", 60))
# Edge caches (Varnish, deploy/varnish/) purged by surrogate key on commit of
# a change readers can see (caching/edge.py): each node's URL, e.g.
# http://varnish:80/. Empty: no edge, nothing sent.
EDGE_PURGE_URLS = env_list("EDGE_PURGE_URLS", [])
# A second purge this many seconds after the first removes a page rendered
# from the rows read just before the commit; 0 sends one.
EDGE_PURGE_REPEAT_SECONDS = int(os.environ.get("EDGE_PURGE_REPEAT_SECONDS", 5))
# Searches and sitemap pages the page cache misses render in at most this
# many slots at once, site-wide, so they can never hold every worker while
# cached pages wait (caching/slots.py); beyond it they get a 503 with
# Retry-After. One fewer than gunicorn's workers; 0 turns the limit off.
EXPENSIVE_RENDER_SLOTS = int(
    os.environ.get(
        "EXPENSIVE_RENDER_SLOTS",
        max(1, int(os.environ.get("WEB_CONCURRENCY", 3)) - 1),
    )
)
# Counts SQL queries and server time per request in response headers, for bench/.
BENCH_HEADERS = env_bool("BENCH_HEADERS", default=False)
if BENCH_HEADERS:
    MIDDLEWARE.insert(0, "common.bench_headers.BenchHeadersMiddleware")

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language editions. Each code in NEWSROOM_LANGUAGES is an edition under
# /<code>/ with its own home, sections, ticker, feeds, sitemaps and search;
# adding one is a settings change (names come from Django's own table).
# LANGUAGE_CODE is the edition a reader lands on when the browser asks for
# none of them, and the language of section names and other base texts.
EDITION_CODES = env_list("NEWSROOM_LANGUAGES", ["az", "en", "ru"])
if unknown := [code for code in EDITION_CODES if code not in LANG_INFO]:
    raise ImproperlyConfigured(f"NEWSROOM_LANGUAGES: unknown language {unknown}.")
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in EDITION_CODES]
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
if LANGUAGE_CODE not in EDITION_CODES:
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE {LANGUAGE_CODE!r} is not one of NEWSROOM_LANGUAGES."
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each edition's date formats ("29 ноября 2026, 14:30"): newsroom/formats.
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Baku")
USE_I18N = True
USE_TZ = True

# Static files and uploads.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads and renditions in an S3-compatible bucket (django-storages) when
# AWS_STORAGE_BUCKET_NAME is set, so that every web node and the worker share
# them; local disk otherwise. The variables: newsroom/object_storage.py.
if object_storage := s3_storage(os.environ):
    STORAGES["default"] = object_storage

# Image uploads: anything larger is refused with a form error, not a 500.
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 50_000_000))
# PNG, WebP and GIF frames decode whole (no reduced-size decoding as JPEG
# has), so their limit is lower (images/validators.py).
IMAGE_MAX_GRAPHIC_PIXELS = int(os.environ.get("IMAGE_MAX_GRAPHIC_PIXELS", 25_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Uploaded media are served by Django only where no web server or bucket
# does it (local demo, a single-box install); production puts nginx or a CDN
# in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)

# How long an editor's preview link for an unpublished piece works.
PREVIEW_LINK_HOURS = int(os.environ.get("PREVIEW_LINK_HOURS", 48))

# The newsroom itself.
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
# The public address absolute links start with (canonical, share, feeds,
# sitemaps, the API): production sets it, because behind a proxy the Host a
# request carries need not be the readers' address. In development without
# it, pages link to the address they were asked at (common/origin.py), so
# `PORT=8080 make demo` links to 8080; code with no request at hand uses PORT.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
SITE_URL_FOLLOWS_REQUEST = DEBUG and not SITE_URL
SITE_URL = SITE_URL or f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"

# Subscriber API: requests each key may make per minute (0: no limit).
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", 120))

# Webhook push to subscribers (api/push.py): a failed delivery is retried
# after PUSH_RETRY_BASE_SECONDS, doubling each time up to
# PUSH_RETRY_MAX_SECONDS, for PUSH_RETRY_HOURS after the event.
PUSH_RETRY_BASE_SECONDS = float(os.environ.get("PUSH_RETRY_BASE_SECONDS", 30))
PUSH_RETRY_MAX_SECONDS = float(os.environ.get("PUSH_RETRY_MAX_SECONDS", 3600))
PUSH_RETRY_HOURS = float(os.environ.get("PUSH_RETRY_HOURS", 24))
# Seconds a subscriber's endpoint has to answer one POST.
PUSH_TIMEOUT_SECONDS = float(os.environ.get("PUSH_TIMEOUT_SECONDS", 10))
# The worker's sweep re-enqueues a due delivery left unclaimed this long.
PUSH_SWEEP_GRACE_SECONDS = float(os.environ.get("PUSH_SWEEP_GRACE_SECONDS", 60))

# Addresses editors type (ingest sources, webhooks) are requested only when
# every address their host resolves to is public (outbound/): no 127.0.0.1,
# 10.x or 169.254.169.254. On under DEBUG, where the demo's sources read the
# site's own feeds on 127.0.0.1. OUTBOUND_ALLOWED_HOSTS: host names or
# networks (CIDR) let through even so, e.g. an agency's own wire server.
OUTBOUND_ALLOW_PRIVATE = env_bool("OUTBOUND_ALLOW_PRIVATE", default=DEBUG)
OUTBOUND_ALLOWED_HOSTS = env_list("OUTBOUND_ALLOWED_HOSTS", [])

TAGGIT_CASE_INSENSITIVE = True

# A non-obvious admin path cuts the noise of password-guessing bots.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
LOGIN_URL = "admin:login"

# Production hardening: these only bite with DEBUG off (`check --deploy`).
# (SECURE_PROXY_SSL_HEADER is set below, only when a proxy of ours is there.)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading is a per-domain commitment that is slow to undo (browsers ship
# the list), so it stays opt-in through SECURE_HSTS_PRELOAD and its reminder
# (W021) must not fail `check --deploy --fail-level WARNING`.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions (readers get none); a stolen or forgotten desk
# session ends within a working day.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))

# Content-Security-Policy (django-csp): scripts and styles only from this
# site. The nonce appears only where a page reads it (the prose editor's
# import map in the admin); reader pages, which the page cache shares, have
# none. The admin's widgets set inline styles, so
# ContentSecurityPolicyMiddleware relaxes style-src (never script-src) under
# ADMIN_URL only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Login throttling (django-axes; the policy is in common/lockout.py):
# after AXES_FAILURE_LIMIT wrong passwords for one username from one address
# that pair is locked out for the cool-off period, and after
# LOGIN_FAILURES_PER_ADDRESS from one address, whatever the usernames, that
# address is; the login page says so. Never a username from everywhere, so
# strangers cannot lock staff out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "common.lockout.LoginThrottle"
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 20))
# How many proxies of ours (load balancer, nginx) stand in front of gunicorn:
# the client's address is then read from X-Forwarded-For (common/client_ip.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
if TRUSTED_PROXY_COUNT:
    # Our proxy sets X-Forwarded-Proto over whatever the client sent; with
    # none in front the header is the client's word, and one request over
    # plain HTTP could claim https (and the reverse) for everyone's links.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "common.client_ip.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # run_huey adds a handler of its own to a "huey" logger that has none,
    # and every line would then be printed twice.
    "loggers": {"huey": {"handlers": ["console"], "propagate": False}},
}
