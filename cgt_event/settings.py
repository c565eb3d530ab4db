"""Settings for the CGT East Asia site, read from the environment (django-environ).

Defaults are production-safe: debug off, a secret key required, secure cookies. The
Makefile relaxes them for development by setting DJANGO_DEBUG=1.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

# Old keys, newest first, still accepted for sessions and signed links while they expire
# (see docs/deploy.md, "Rotating the secret key").
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, which it extends with a tab per language on translated fields.
    "modeltranslation",
    # Django's admin with the organizers' site (cgt_event/admin_site.py).
    "cgt_event.apps.OrganizersAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "import_export",
    "axes",
    "django_tasks_db",
    "common",
    "cgt_event",
    "landscape",
    "registration",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cgt_event.languages.PreferredLanguageMiddleware",
    # Public pages from each worker's memory: a hit skips everything below. After the
    # language redirect, which decides which page a visitor gets (cgt_event/pagecache.py).
    "cgt_event.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cgt_event.urls"
WSGI_APPLICATION = "cgt_event.wsgi.application"
ASGI_APPLICATION = "cgt_event.asgi.application"

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
                "cgt_event.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
# Every wait on the database ends well before gunicorn's 30 s timeout kills the worker, so a
# frozen or locked database gives the visitor a clear page in seconds.
DB_LOCK_WAIT = env.int("DJANGO_DB_LOCK_WAIT", default=10)  # seconds
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers queue for SQLite's single write lock instead of failing: every
    # transaction takes it up front (IMMEDIATE) and waits up to DB_LOCK_WAIT for it; WAL
    # lets readers go on meanwhile. Tests use a file too, so they exercise the same locking.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": DB_LOCK_WAIT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # connect_timeout: a server that does not answer fails the request in 5 s; the
    # statement and lock timeouts end a stuck query or a long wait for a row lock.
    statement_ms = env.int("DJANGO_DB_STATEMENT_TIMEOUT", default=15000)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env.int("DJANGO_DB_CONNECT_TIMEOUT", default=5),
            "options": f"-c statement_timeout={statement_ms} -c lock_timeout={DB_LOCK_WAIT * 1000}",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache: the current event, the navigation, rate limits and the content version
# that cached pages are keyed by. Every process must see the same one, so production without
# CACHE_URL (SQLite, one machine) uses files; development's single process keeps it in memory.
CACHES = {
    "default": env.cache_url(
        "CACHE_URL",
        default="locmemcache://" if DEBUG else f"filecache://{BASE_DIR / '.cache'}",
    )
}
# The page cache (cgt_event/pagecache.py): on in production, off in development so template
# edits show at once (DJANGO_PAGE_CACHE=on tries it). A page is rendered afresh after
# PAGE_CACHE_TIMEOUT seconds even when no content changed, for what depends on the clock.
PAGE_CACHE = env.bool("DJANGO_PAGE_CACHE", default=not DEBUG)
PAGE_CACHE_TIMEOUT = env.int("DJANGO_PAGE_CACHE_TIMEOUT", default=60)
# Memory each worker may spend on pages; the least recently used go first.
PAGE_CACHE_MAX_BYTES = env.int("DJANGO_PAGE_CACHE_MAX_BYTES", default=32 * 1024 * 1024)


def _mailer_from_url(config):
    """Translate django-environ's EMAIL_* dict into Django 6.1's MAILERS entry."""
    names = {
        "EMAIL_HOST": "host",
        "EMAIL_PORT": "port",
        "EMAIL_HOST_USER": "username",
        "EMAIL_HOST_PASSWORD": "password",
        "EMAIL_USE_TLS": "use_tls",
        "EMAIL_USE_SSL": "use_ssl",
        "EMAIL_TIMEOUT": "timeout",
        "EMAIL_FILE_PATH": "file_path",
    }
    backend = config["EMAIL_BACKEND"]
    options = {names[key]: value for key, value in config.items() if key in names and value}
    if "TIMEOUT" in config.get("OPTIONS", {}):  # smtp://host?timeout=3
        options["timeout"] = float(config["OPTIONS"]["TIMEOUT"])
    if not backend.endswith("smtp.EmailBackend"):
        return {
            "BACKEND": backend,
            "OPTIONS": {k: v for k, v in options.items() if k == "file_path"},
        }
    # Each read waits at most `timeout`; the whole conversation at most `deadline`, so a
    # server that trickles its greeting a line at a time cannot hold the worker.
    options.setdefault("timeout", 10)
    options.setdefault("deadline", 30)
    return {"BACKEND": "common.mail.DeadlineSMTPBackend", "OPTIONS": options}


MAILERS = {
    "default": _mailer_from_url(
        env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
    )
}
# The address e-mails come from; they carry the current event's name as the sender's name.
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Each language named in its own script, as the language switcher shows it. English pages
# have no prefix; the others live under /ko/, /ja/, /zh-hans/ and /zh-hant/.
LANGUAGES = [
    ("en", "English"),
    ("ko", "한국어"),
    ("ja", "日本語"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them: "25 September 2025", "2025년 9월 25일", "2025年9月25日".
FORMAT_MODULE_PATH = ["cgt_event.formats"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content in every language: one column per language (django-modeltranslation), English
# when a translation is empty.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
# The admin's language tabs use jQuery UI, served from our own static files (no CDN);
# django-modeltranslation reads these two settings without its usual prefix.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Name badges (PDF) are set in Noto Sans CJK: Debian's fonts-noto-cjk puts it here.
BADGE_FONT_DIR = env.str("BADGE_FONT_DIR", default="/usr/share/fonts/opentype/noto")

STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "common.staticfiles.VendorFinder",
]
# The files the site uses from its npm packages (package.json), served as our own static
# files, never from a CDN: {static path: file in node_modules}. A source map a file names
# must come with it (the manifest storage rewrites its reference).
NPM = BASE_DIR / "node_modules"
STATIC_VENDOR_FILES = {
    "vendor/bootstrap/css/bootstrap.min.css": NPM / "bootstrap/dist/css/bootstrap.min.css",
    "vendor/bootstrap/css/bootstrap.min.css.map": NPM / "bootstrap/dist/css/bootstrap.min.css.map",
    # Without Popper: the site uses only the collapsing navigation, no dropdowns or tooltips.
    "vendor/bootstrap/js/bootstrap.min.js": NPM / "bootstrap/dist/js/bootstrap.min.js",
    "vendor/bootstrap/js/bootstrap.min.js.map": NPM / "bootstrap/dist/js/bootstrap.min.js.map",
    # The admin's language tabs (django-modeltranslation).
    "vendor/jquery-ui/jquery-ui.min.js": NPM / "jquery-ui/dist/jquery-ui.min.js",
    # The check-in desk's QR reader where the browser has no BarcodeDetector: the standard
    # API as a polyfill, and the zxing WebAssembly build it loads (same version).
    "vendor/barcode-detector/polyfill.js": NPM / "barcode-detector/dist/iife/polyfill.js",
    "vendor/zxing-wasm/zxing_reader.wasm": NPM / "zxing-wasm/dist/reader/zxing_reader.wasm",
    # IBM Plex Sans (variable), the site's typeface, from its fontsource package.
    **{
        f"vendor/fonts/{name}": NPM / "@fontsource-variable/ibm-plex-sans/files" / name
        for name in (
            "ibm-plex-sans-latin-wght-normal.woff2",
            "ibm-plex-sans-latin-ext-wght-normal.woff2",
        )
    },
}
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
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

LOGIN_URL = "admin:login"

# Spreadsheet import/export in the admin: all rows in one transaction (one bad row, no
# import), importing needs the change permission, exporting the view permission.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Brute-force protection on the admin login: after AXES_FAILURE_LIMIT failures for a
# username from one address, that pair is locked out for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
# The second parameter stops one address trying many usernames (cgt_event.lockout scales
# its count so that AXES_IP_FAILURE_LIMIT failures lock the address).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=20)
AXES_HANDLER = "cgt_event.lockout.AddressAwareHandler"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The same client address the registration rate limit uses (DJANGO_NUM_PROXIES aware).
AXES_CLIENT_IP_CALLABLE = "common.client.client_ip"

# Security: safe by default, relaxed only where debug needs it.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)

# A strict Content-Security-Policy on every page, the admin's included: scripts and styles
# only from our own static files, nothing inline. Bootstrap draws some icons (the menu
# button, select arrows, check marks) as data: SVG images, hence img-src data:.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "common.log.OneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # A line per task state is noise; failures are still logged as errors.
    "loggers": {
        "django.tasks": {"level": "WARNING"},
        # A forged Host header is the internet's noise, not our fault: one line, no traceback.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "filters": ["one_line"],
            "propagate": False,
        },
    },
}

# The event's facts (name, dates, venue) come from the Event row organizers edit. Only the
# 500 page, which must not touch the database, names the site from this setting.
SITE_NAME = env.str("DJANGO_SITE_NAME", default="CGT East Asia")

# The site's public address, for links in e-mails (which have no request to build them from).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")

# Tasks (e-mails) are rows in the project's database, queued in the same transaction as the
# change that caused them and run by `manage.py db_worker` (django-tasks-db): no web request
# ever talks to a mail server.
TASKS = {
    "default": {
        "BACKEND": env.str("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Waits before each new attempt of an e-mail the mail server refused for now, timed out or
# was unreachable for: about 30 s, 2 min, 10 min, 1 h, 6 h; then it is marked failed.
EMAIL_RETRY_DELAYS = env.list(
    "DJANGO_EMAIL_RETRY_DELAYS", cast=int, default=[30, 120, 600, 3600, 21600]
)
# /readyz reports the task queue stuck when a task has waited longer than this to start.
TASK_QUEUE_MAX_WAIT = env.int("DJANGO_TASK_QUEUE_MAX_WAIT", default=300)

# Registration
# Days after the event's end before attendees' personal data is anonymized.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=90)
REGISTRATION_RATE_LIMIT = env.str("REGISTRATION_RATE_LIMIT", default="10/m")
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
DJANGO_NUM_PROXIES = env.int("DJANGO_NUM_PROXIES", default=0)
COUNTRIES_FIRST = ["KR", "JP", "CN", "TW", "HK", "SG"]
COUNTRIES_FIRST_BREAK = "──────────"
