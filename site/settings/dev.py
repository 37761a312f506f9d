"""Development: debug on, console e-mail, an insecure key that is fine on a laptop only."""

import os

from .base import *  # noqa: F403
from .base import env_list, site_host

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-key-not-for-production-2a9f6c")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
if site_host(SITE_URL) not in ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS.append(site_host(SITE_URL))  # noqa: F405  # the public address always answers
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))  # see edits at once
