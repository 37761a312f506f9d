"""Production: every secret comes from the environment; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, site_host

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50 characters or more.")

# The public address: no development default here (base.py read and checked the value).
if not os.environ.get("SITE_URL", "").strip():
    raise ImproperlyConfigured(
        "SITE_URL must be set to the site's public address, like https://vakgenoten.nl: every "
        "link in e-mails, feeds, the sitemap and calendars is built on it."
    )
_LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}
if not SITE_URL.startswith("https://") and site_host(SITE_URL) not in _LOOPBACK:  # noqa: F405
    raise ImproperlyConfigured(
        f"SITE_URL must be an https address in production; got {SITE_URL}. "  # noqa: F405
        "Plain http is accepted for a trial on this machine (127.0.0.1 or localhost) only."
    )
# The public address always answers and is a trusted origin for forms, also when the proxy
# hands the app another Host; ALLOWED_HOSTS adds other names (aliases, the proxy's).
if site_host(SITE_URL) not in ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS.append(site_host(SITE_URL))  # noqa: F405
if SITE_URL not in CSRF_TRUSTED_ORIGINS:  # noqa: F405
    CSRF_TRUSTED_ORIGINS.append(SITE_URL)  # noqa: F405

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes from inside the cluster
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Login limits, used two-factor codes and the site's abuse limits must be counted in one place
# for every worker and node (base.py: the database table). A store in one process's memory would
# let each worker count on its own, and accept the same second-factor code once per worker.
_PER_PROCESS_CACHES = ("LocMemCache", "DummyCache")
if CACHES["default"]["BACKEND"].endswith(_PER_PROCESS_CACHES):  # noqa: F405
    raise ImproperlyConfigured(
        "CACHES['default'] holds security state and must be shared by every process "
        "(the database cache or Redis), not " + CACHES["default"]["BACKEND"]  # noqa: F405
    )

# The page cache (anonymous pages, shared page parts, sessions) must be one store as well: each
# worker's own memory would keep serving a page after an editor unpublished or restricted it,
# because the purge reaches only the process that made the change. Redis (REDIS_URL) is shared;
# a site that really runs as one process (one worker, no second node, nothing publishing from
# another process) may say so with SINGLE_PROCESS=1.
_page_cache = CACHES[PAGE_CACHE_ALIAS]["BACKEND"]  # noqa: F405
if _page_cache.endswith(_PER_PROCESS_CACHES) and not env_bool("SINGLE_PROCESS"):
    raise ImproperlyConfigured(
        "The page cache (CACHES['pages']) lives in one process's memory, so a publish, "
        "unpublish, restriction or deletion would reach only the process that made it. "
        "Set REDIS_URL to share it between every worker and node, or set SINGLE_PROCESS=1 "
        "if one single process serves the site."
    )
