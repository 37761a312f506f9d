"""Settings shared by every environment, safe for production by default.

Everything that differs between machines comes from environment variables. Optional services
(Redis, SMTP, S3-compatible storage) switch on only when their variables are present.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(os.environ.get("VAKGENOTEN_HOME", Path(__file__).resolve().parents[2]))


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def site_origin(value, name="SITE_URL"):
    """``value`` as a bare origin, ``scheme://host[:port]``, or ImproperlyConfigured.

    Scheme and host become lower case; the default port (80 for http, 443 for https) and a
    trailing slash are dropped, so equal addresses compare equal.
    """
    example = "https://vakgenoten.nl or http://127.0.0.1:8000"
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname or " " in value.strip():
        raise ImproperlyConfigured(
            f"{name} must be the site's public address with scheme and host, like {example};"
            f" got {value!r}."
        )
    if parts.path not in {"", "/"} or parts.query or parts.fragment or "@" in parts.netloc:
        raise ImproperlyConfigured(
            f"{name} is the site's origin only, like {example}: no path, query, fragment or"
            f" user name; got {value!r}."
        )
    try:
        port = parts.port
        if port == 0:
            raise ValueError(port)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} has a port that is not a number from 1 to 65535: {value!r}."
        ) from None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if port and port != {"http": 80, "https": 443}[parts.scheme]:
        host = f"{host}:{port}"
    return f"{parts.scheme}://{host}"


def site_host(origin):
    """The host of an origin as ALLOWED_HOSTS writes it (an IPv6 address in brackets)."""
    host = urlsplit(origin).hostname
    return f"[{host}]" if ":" in host else host


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Lowest layer first: the site's ground, the shared vocabulary, the domains, then the roof
    # that composes them (the import contract in pyproject.toml keeps the order honest).
    "vakgenoten",
    "taxonomy",
    "members",
    "comments",
    "blog",
    "events",
    "contact",
    "collaborations",
    "questions",
    "home",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "vakgenoten.middleware.RequestIdMiddleware",  # first: every response and log line has one
    "django.middleware.security.SecurityMiddleware",
    "vakgenoten.middleware.PermissionsPolicyMiddleware",
    # The cheapest answers come first and skip the rest of the stack: the probes, then the
    # anonymous page cache, which stores a page as the layers below finish it (compressed,
    # with its ETag, Cache-Control, Vary and policies) and serves it as it is (docs/caching.md).
    "vakgenoten.middleware.ProbeMiddleware",
    "vakgenoten.middleware.HostileInputMiddleware",
    "vakgenoten.cache.AnonymousPageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise (static files come precompressed and skip the rest). The ETag is taken
    # before compression; Cache-Control follows the page cache (docs/caching.md).
    "vakgenoten.middleware.TextGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "vakgenoten.cache.BrowserCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vakgenoten.language.ChosenLanguageMiddleware",  # the switch decides, not the browser
    "django.middleware.common.CommonMiddleware",
    "vakgenoten.cache.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vakgenoten.middleware.LazyMessageMiddleware",  # Django's, storage made on first use
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vakgenoten.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "vakgenoten.urls"
WSGI_APPLICATION = "vakgenoten.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # {% content_lang %} marks Dutch content in every template, wherever it is
            # rendered (pages, cached parts, includes with "only"): vakgenoten.language.
            "builtins": ["vakgenoten.templatetags.language_tags"],
        },
    },
]

# --- Database: DATABASE_URL, or a SQLite file in the project for the demo -------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database, for the demo and small sites, under simultaneous requests:
    # - transaction_mode IMMEDIATE: writers take the lock when their transaction begins and
    #   wait for each other. A transaction that starts by reading and then writes would
    #   otherwise fail at once with "database is locked" (SQLite cannot wait there without a
    #   deadlock). Counting limits (comments per member) rely on it: a count and its insert
    #   are one step.
    # - timeout 20: the busy timeout, how long a writer waits for the lock before giving up.
    # - journal_mode=WAL (write-ahead log, kept in the file): readers no longer block a writer
    #   from committing, nor a writer the readers, so pages keep loading while someone
    #   registers; without it a commit waits until every reader has finished.
    # - synchronous=NORMAL: with WAL the database stays consistent after a crash; only the
    #   last transactions before a power cut may be lost, for far fewer disk flushes per
    #   commit (FULL flushes on every commit).
    # Run on every new connection; on an in-memory test database WAL does not apply and
    # SQLite keeps journal_mode "memory".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytic queries, not for a web request. The
    # "Voor jou" statement (a UNION over thousands of articles) is estimated above
    # jit_above_cost, and compiling it took 100 of its 150 ms (bench/RESULTS.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches: the security store, and the page cache ---------------------------------------------
# "default" is the security store: allauth's login limits and used two-factor codes, the site's
# own abuse limits (vakgenoten.limits), lockouts. Every worker and node must see the same counts,
# and page traffic must never evict them, so it is a table in the site's own database, shared by
# every process that shares the database, and holds nothing else. Production refuses a store that
# lives in one process's memory (settings.production).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "vakgenoten_security_cache",
        # Culling would drop live counters; expired rows are removed as Django writes new ones.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
}
# "pages" holds what may be thrown away at any moment: the anonymous page cache, shared page
# parts, routing and cached sessions. Redis when REDIS_URL is set, else this process's memory.
if "REDIS_URL" in os.environ:
    CACHES["pages"] = {
        "BACKEND": "vakgenoten.cache_backends.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "vakgenoten",
        # An unreachable Redis costs a request a second at most: pages are then served without
        # the cache (vakgenoten.cache), not held up until the visitor gives up.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    # Sessions: the database, read through the same Redis (the same keys as under "pages").
    # Only a shortcut: while Redis is away the database alone answers, so a member is never
    # shown an error page because the cache is gone.
    CACHES["sessions"] = {
        **CACHES["pages"],
        "BACKEND": "vakgenoten.cache_backends.ShortcutRedisCache",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
PAGE_CACHE_ALIAS = "pages"
# Wagtail keeps the renditions it looked up (which image file for which size) in the cache
# named "renditions", else in "default": the database table above, where every page with an
# image read and wrote rows on every render (six writes on an event page). The same store as
# the pages, under its own prefix; the database stays the record.
CACHES["renditions"] = {**CACHES["pages"], "KEY_PREFIX": "vakgenoten-renditions"}
if "REDIS_URL" in os.environ:
    # Only a shortcut: while Redis is away, the database answers (pages with pictures too).
    CACHES["renditions"]["BACKEND"] = "vakgenoten.cache_backends.ShortcutRedisCache"
# The unread-notification count in the header (members.inbox): the shared Redis when there is
# one, else the database store; never a single process's memory, which the task worker that
# creates notifications does not share with the web server.
NOTIFICATION_CACHE_ALIAS = "pages" if "REDIS_URL" in os.environ else "default"

# Anonymous readers get Wagtail pages from this cache (vakgenoten.cache); 0 switches it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Requests for one address that miss together are rendered once: the others wait at most this
# long for the first one's page (vakgenoten.cache.wait_seconds); 0: each renders its own.
PAGE_CACHE_WAIT_SECONDS = float(os.environ.get("PAGE_CACHE_WAIT_SECONDS", "5"))

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# --- Static files and media -------------------------------------------------------------------
STATIC_URL = "/static/"
# STATIC_ROOT: where collectstatic writes (the front-end benchmark builds into a temporary one).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# css/main.css is served and collected as one file with its @imports inlined (staticfiles.py).
STATICFILES_FINDERS = [
    "vakgenoten.staticfiles.BundlingFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Files that browsers ask for at the site's root (/favicon.ico, /apple-touch-icon.png, the web
# manifest and its icons): whitenoise serves them before any view or the page cache. They cannot
# carry a hash in their name, so they are cached for a week, not forever.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}


def _root_file_headers(headers, path, url):
    if not url.startswith(STATIC_URL):
        headers["Cache-Control"] = "public, max-age=604800"


WHITENOISE_ADD_HEADERS_FUNCTION = _root_file_headers
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if "AWS_STORAGE_BUCKET_NAME" in os.environ:
    # S3-compatible object storage for media (needs the "s3" extra: django-storages[s3]).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- E-mail: SMTP from variables; development overrides with the console ---------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Vakgenoten <noreply@vakgenoten.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (e-mail is never sent inside a request) --------------------------------
# Tasks are stored in the database and run by `manage.py db_worker` (make run starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Scheduler and retention (manage.py scheduler) ---------------------------------------------
# Periodic jobs, by name: (crontab line in Europe/Amsterdam time, function). The scheduler
# enqueues each on its schedule and `manage.py db_worker` runs it (vakgenoten.scheduler).
SCHEDULED_JOBS = {
    "publish_scheduled": ("* * * * *", "vakgenoten.jobs.publish_scheduled"),
    "email_safety_net": ("*/5 * * * *", "vakgenoten.jobs.deliver_stuck_email"),
    "event_reminders": (
        "0 8-21 * * *",
        "events.management.commands.send_event_reminders.send_reminders",
    ),
    "clear_sessions": ("0 3 * * *", "vakgenoten.jobs.clear_sessions"),
    "prune_task_results": ("10 3 * * *", "vakgenoten.jobs.prune_task_results"),
    "prune_revisions": ("20 3 * * *", "vakgenoten.jobs.prune_revisions"),
    "outbox_retention": ("30 3 * * *", "vakgenoten.jobs.forget_sent_email"),
    # The digest e-mail (home.digest): the daily one every morning, the weekly one on Mondays.
    "digest": ("30 6 * * *", "home.digest.send_digests"),
    "member_message_retention": ("40 3 * * *", "contact.jobs.forget_old_messages"),
    "notification_retention": ("40 3 * * *", "members.inbox.prune_notifications"),
    # Unanswered questions go to the members who follow their themes (questions.jobs).
    "question_offers": ("0 9 * * *", "questions.jobs.offer_unanswered_questions"),
    # Guests' registration requests go after a week, confirmed or not (events.guests).
    "guest_request_retention": ("50 3 * * *", "events.guests.forget_old_requests"),
}
# Of several schedulers one leads; a spare takes over this long after the leader died.
SCHEDULER_LEASE_SECONDS = int(os.environ.get("SCHEDULER_LEASE_SECONDS", "60"))
# A job runs on one worker at a time for up to this long; after that (a worker that died) another
# may start it again. Jobs are idempotent, so an overlap costs time, never a double effect.
SCHEDULER_JOB_TIMEOUT_SECONDS = int(os.environ.get("SCHEDULER_JOB_TIMEOUT_SECONDS", "300"))
# Pending e-mail older than this that no task has sent is sent by the safety net.
EMAIL_SAFETY_NET_GRACE_MINUTES = int(os.environ.get("EMAIL_SAFETY_NET_GRACE_MINUTES", "5"))
# A sent (or given-up) e-mail loses its recipient, subject and text after this many days (AVG).
OUTBOX_RETENTION_DAYS = int(os.environ.get("OUTBOX_RETENTION_DAYS", "30"))
# The text of a message between members is emptied after this many days (AVG; contact.jobs).
MEMBER_MESSAGE_RETENTION_DAYS = int(os.environ.get("MEMBER_MESSAGE_RETENTION_DAYS", "90"))
# Finished background-task results are deleted after this many days.
TASK_RESULT_RETENTION_DAYS = int(os.environ.get("TASK_RESULT_RETENTION_DAYS", "14"))
# Page and snippet revisions older than this many days are deleted, except the newest
# REVISIONS_KEPT_PER_OBJECT of each and the live, latest, scheduled and workflow ones.
REVISION_RETENTION_DAYS = int(os.environ.get("REVISION_RETENTION_DAYS", "180"))
REVISIONS_KEPT_PER_OBJECT = int(os.environ.get("REVISIONS_KEPT_PER_OBJECT", "20"))
# Notifications on the site (members.inbox) are deleted after this many days, read or not.
NOTIFICATION_RETENTION_DAYS = int(os.environ.get("NOTIFICATION_RETENTION_DAYS", "90"))
# A question nobody answered this many days after it was asked is offered, once, to the members
# who follow its themes (questions.jobs).
QUESTION_OFFER_AFTER_DAYS = int(os.environ.get("QUESTION_OFFER_AFTER_DAYS", "3"))

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# The public site gets a strict policy; vakgenoten.middleware gives /admin/ its own looser one,
# because the Wagtail admin relies on inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# --- Public address ---------------------------------------------------------------------------
# SITE_URL is the one address the world reaches the site on, and the only source of absolute
# links: e-mails and their unsubscribe links, feeds, the sitemap, robots.txt, canonical and Open
# Graph tags, structured data, calendar files and their UIDs (vakgenoten.links). Links never come
# from the Host header of a request. The default Wagtail Site record follows it on every migrate.
# Development default: runserver's address; production.py requires it to be set.
SITE_URL = site_origin(os.environ.get("SITE_URL", "http://127.0.0.1:8000"))
# Wagtail's own e-mails (moderation, workflow) use this name; it is SITE_URL, never set apart.
if os.environ.get("WAGTAILADMIN_BASE_URL") and (
    site_origin(os.environ["WAGTAILADMIN_BASE_URL"], "WAGTAILADMIN_BASE_URL") != SITE_URL
):
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL is no longer read on its own: set SITE_URL (the site's public "
        "address) and leave WAGTAILADMIN_BASE_URL out."
    )
WAGTAILADMIN_BASE_URL = SITE_URL

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Vakgenoten"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "vakgenoten.uploads.CheckedImageForm"
# Documents: office formats, PDF and plain text only, checked by their bytes, and every one
# served as a download (none inline) with nosniff and Wagtail's "default-src 'none'" policy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"]
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_DOCUMENT_FORM_BASE = "vakgenoten.uploads.CheckedDocumentForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of every editor's e-mail address to a third party, and the
# admin's policy allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {"()": "vakgenoten.logging.JsonFormatter"},
    },
    # Every line says which request it belongs to: the id the error page shows as "kenmerk".
    "filters": {"request_id": {"()": "vakgenoten.logging.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Wagtail logs every page action and every background task at INFO; keep them quiet.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Error reports (Sentry) -------------------------------------------------------------------
# Off unless SENTRY_DSN is set (vakgenoten.sentry: no personal data, tagged with the request id).
#   SENTRY_ENVIRONMENT       the environment reports are filed under (default "production")
#   SENTRY_RELEASE           the release, e.g. the deployed git commit (default: none)
#   SENTRY_TRACES_SAMPLE_RATE share of requests sent as performance traces (default 0: none)
if os.environ.get("SENTRY_DSN"):
    from vakgenoten.sentry import start_error_reports

    start_error_reports(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# --- Publishing (blog) -------------------------------------------------------------------------

# --- Members -----------------------------------------------------------------------------------
# Accounts (django-allauth): log in by e-mail, sign up with first and last name, verify the
# address with a code before taking part. The same answer for known and unknown addresses
# (ACCOUNT_PREVENT_ENUMERATION above). allauth's rate limits are on by default and count in the
# default cache, which is Redis when REDIS_URL is set, so every process shares them.
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "members.forms.LoginForm",
    "signup": "members.forms.SignupForm",
    "add_email": "members.forms.AddEmailForm",
    "change_email": "members.forms.ChangeEmailForm",
    "confirm_email_verification_code": "members.forms.ConfirmEmailVerificationCodeForm",
    "reset_password": "members.forms.ResetPasswordForm",  # nosec B105 # a class path
    "change_password": "members.forms.ChangePasswordForm",  # nosec B105 # a class path
    "set_password": "members.forms.SetPasswordForm",  # nosec B105 # a class path
    "reset_password_from_key": "members.forms.ResetPasswordKeyForm",  # nosec B105 # a class path
}
# A honeypot instead of a puzzle (WCAG 3.3.8): people never fill in this hidden field.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True
# No "use another address" on the code page: allauth offers it only for real sign-ups, so it
# would tell a visitor whether an address already has an account.
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True  # security e-mails on password and e-mail changes
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Vakgenoten: "
ACCOUNT_SIGNUP_REDIRECT_URL = "members:profile_edit"  # a new member completes the profile
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_REAUTHENTICATION_TIMEOUT = 10 * 60
# Adding, removing or choosing another e-mail address asks for the password (or second factor)
# again: with a stolen session alone, nobody can add an address and reset the password with it.
# The password form asks for the current one; two-factor settings, sessions, the data download
# and deleting the account ask for recent authentication too (members.views, site/urls.py).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Two-factor authentication: an app (TOTP) plus recovery codes. Required before the admin opens
# for editors and administrators (members.middleware.AdminAccessMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Vakgenoten"
MFA_TOTP_TOLERANCE = 1  # accept the code just before/after: phone clocks drift a little
# The Wagtail admin logs in through allauth, so its rate limits and two-factor step apply.
WAGTAILADMIN_LOGIN_URL = "account_login"
# So does every view-restricted page ("login" and "groups" restrictions).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
MIDDLEWARE += [
    "members.middleware.UserSessionsMiddleware",  # allauth's, for requests with a session
    "members.middleware.AdminAccessMiddleware",
]

# --- Client addresses and abuse limits ---------------------------------------------------------
# Behind reverse proxies the connection comes from the nearest proxy; each trusted proxy appends
# the address it saw to X-Forwarded-For. TRUSTED_PROXY_COUNT says how many proxies stand in front
# of the app servers (1 for the nginx in deploy/): the visitor is that many places from the
# right. 0 (no proxy) uses the connection's own address and ignores the header, which a visitor
# could write. Every limit (allauth's and vakgenoten.limits) counts per visitor address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# The site's own limits (vakgenoten.limits.allow): action -> (attempts, seconds).
SITE_RATE_LIMITS = {
    # Anonymous problem reports: each one mails the editors.
    "report_problem": (5, 60 * 60),
    # E-mails to the editors about problem reports, from all visitors together; reports past
    # this wait in the admin without an e-mail.
    "report_problem_mail": (20, 60 * 60),
    # The view counter: one view per visitor and article an hour.
    "article_view": (1, 60 * 60),
    # Searches that found nothing: one count per visitor and term a day, and at most this many
    # counted terms per visitor an hour.
    "search_log_term": (1, 24 * 60 * 60),
    "search_log": (20, 60 * 60),
    # Wrong guesses at the password of a password-protected page: per visitor, and per
    # restriction (page password) from all visitors together.
    "page_password": (5, 15 * 60),
    "page_password_page": (30, 15 * 60),
    # Looking up members to mention while typing a comment: per member.
    "member_mentions": (120, 5 * 60),
    # Opening or answering an interviewee's approval link (blog.approval_views), per visitor.
    "interview_approval": (30, 15 * 60),
    # Messages from one member to other members (contact), per sender.
    "member_message": (10, 60 * 60),
    # "Wij doen dit ook" on practice examples (blog.adoptions): adding, changing or removing
    # an organisation, per member.
    "adoption": (20, 60 * 60),
    # A guest's own registration for an event (events.guests): requests per visitor, e-mails
    # per address (so nobody can flood someone else's mailbox), and openings of a guest's
    # private links per visitor.
    "guest_registration": (10, 60 * 60),
    "guest_registration_address": (3, 60 * 60),
    "guest_link": (60, 15 * 60),
}
# How long an interviewee's link to approve the text of their interview works (blog.approval).
INTERVIEWEE_APPROVAL_LINK_DAYS = 14
# Browser features no page of the site uses, switched off for every page and any frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), hid=(), idle-detection=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
    "publickey-credentials-get=(self), screen-wake-lock=(), serial=(), usb=(), "
    "xr-spatial-tracking=(), browsing-topics=()"
)

# --- Comments ----------------------------------------------------------------------------------

# --- Events ------------------------------------------------------------------------------------
# The domain in the stable UID of every event in calendar files (event-<id>@<domain>); empty
# means the host of SITE_URL. Keep it fixed once calendars subscribe, or their programs see
# every event as new: a site that moves to another host sets the old one here.
EVENTS_CALENDAR_UID_DOMAIN = os.environ.get("EVENTS_CALENDAR_UID_DOMAIN", "")
# A guest's link to confirm a registration works this many hours; the request itself (name,
# address, answers) is deleted after this many days, confirmed or not (events.guests).
GUEST_REQUEST_LINK_HOURS = int(os.environ.get("GUEST_REQUEST_LINK_HOURS", "72"))
GUEST_REQUEST_RETENTION_DAYS = int(os.environ.get("GUEST_REQUEST_RETENTION_DAYS", "7"))

# --- Performance: frontend cache (CDN) invalidation ----------------------------------------------
# Wagtail purges a page's URLs from a CDN or caching proxy when it is published, unpublished or
# moved (wagtail.contrib.frontend_cache). Off unless one of these is set:
#   FRONTEND_CACHE_PURGE_URL   a Varnish/nginx-style proxy that accepts PURGE requests
#   CLOUDFLARE_ZONE_ID + CLOUDFLARE_API_TOKEN
#   CLOUDFRONT_DISTRIBUTION_ID (credentials from the usual AWS_* variables; needs boto3)
# FRONTEND_CACHE_HOSTNAMES (comma-separated) limits a backend to some of the site's hosts.
WAGTAILFRONTENDCACHE = {}
_frontend_hostnames = env_list("FRONTEND_CACHE_HOSTNAMES")
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID") and os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if _frontend_hostnames:
    for _backend in WAGTAILFRONTENDCACHE.values():
        _backend["HOSTNAMES"] = _frontend_hostnames
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.forms"), "wagtail.contrib.frontend_cache"
    )

# --- Metrics (Prometheus) ----------------------------------------------------------------------
# Off unless METRICS_PORTS is set. django-prometheus counts requests, responses, latencies (per
# view) and database queries. Every process (each gunicorn worker, the task worker) serves its
# own counters from a small thread on the first free port of METRICS_PORTS ("9101-9116", or one
# port for a single process) at METRICS_ADDRESS (default 127.0.0.1), never through the site's
# URL map, so /metrics on the public site does not exist. Prometheus scrapes every port of the
# range on each node and adds the workers up (sum(rate(...))); a restarted worker's counters
# start again from zero, which rate() and increase() allow for. The range needs a port for each
# worker, the task worker and a management command now and then. Not with runserver's reloader.
_metrics_ports = os.environ.get("METRICS_PORTS", "").strip()
if _metrics_ports:
    import ipaddress

    from django.core.exceptions import ImproperlyConfigured

    _first, _, _last = _metrics_ports.partition("-")
    PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(int(_first), int(_last or _first) + 1)
    PROMETHEUS_METRICS_EXPORT_ADDRESS = os.environ.get("METRICS_ADDRESS", "127.0.0.1")
    _metrics_ip = ipaddress.ip_address(PROMETHEUS_METRICS_EXPORT_ADDRESS)
    if _metrics_ip.is_unspecified or not (_metrics_ip.is_loopback or _metrics_ip.is_private):
        raise ImproperlyConfigured(
            "METRICS_ADDRESS must be a loopback or private address (one interface, not "
            "0.0.0.0): the metrics describe the site's traffic and are not for the public."
        )
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE = [
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        *MIDDLEWARE,
        "django_prometheus.middleware.PrometheusAfterMiddleware",
    ]
    # The same database backends, counting queries, errors and connections.
    _engine = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if _engine in ("postgresql", "sqlite3"):
        DATABASES["default"]["ENGINE"] = f"django_prometheus.db.backends.{_engine}"

# --- Network invitations and messages (members.network_invites, members.network_messages) ------
# An invitation link to join a network works this many days; the scheduler deletes invitations
# that have expired or were accepted this long ago.
NETWORK_INVITE_DAYS = int(os.environ.get("NETWORK_INVITE_DAYS", "14"))
# A network's managers write to its members at most this many times per window of days.
NETWORK_MESSAGES_PER_WINDOW = int(os.environ.get("NETWORK_MESSAGES_PER_WINDOW", "2"))
NETWORK_MESSAGE_WINDOW_DAYS = int(os.environ.get("NETWORK_MESSAGE_WINDOW_DAYS", "7"))
SCHEDULED_JOBS["network_invite_retention"] = (
    "55 3 * * *",
    "members.network_invites.forget_old_invites",
)
# Invitations a manager sends: submissions of the form per manager (each up to 20 addresses).
SITE_RATE_LIMITS["network_invite"] = (5, 60 * 60)
