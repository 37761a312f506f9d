"""Development: console e-mail, an insecure key that is fine on a laptop only.

Debug is off by default, so `make run` shows what a visitor sees: the site's own Dutch 404 and
error pages (tracebacks go to the console log). `DEBUG=1 make run` brings Django's debug pages.
"""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list, site_host

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-key-not-for-production-2a9f6c")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
if site_host(SITE_URL) not in ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS.append(site_host(SITE_URL))  # noqa: F405  # the public address always answers
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))  # see edits at once
# With debug off, runserver serves no static files: whitenoise does, from the source folders
# (the finders, css/main.css bundled) and noticing edits. Uploaded media come from the app too.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
