"""Tests: fast hashing, e-mail kept in memory, tasks run at once, static files unhashed."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105  # nosec B105 # tests only
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Not the checkout's staticfiles/: WhiteNoise reads the whole folder each time a test client
# builds the middleware, and one left by collectstatic cost ~100 ms per client. Nothing is
# collected here; the tests that collect use a temporary folder of their own.
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405
# Django's test client asks for http://testserver; tests of other addresses override both.
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
# Two stores in memory, kept apart as in production (LocMemCache instances with one LOCATION share
# their data). tests/security/test_security_store.py runs the limits on the database store itself.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "security"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# With REDIS_URL set as these settings load, sessions are read through CACHES["sessions"]
# (base.py): here the page store, as in production (the same LOCATION shares its data).
CACHES["sessions"] = CACHES["pages"]
PAGE_CACHE_SECONDS = 0  # tests that need the page cache switch it on themselves
