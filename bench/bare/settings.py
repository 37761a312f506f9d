"""A bare Django project: the reference the benchmark holds the site's cheapest request against.

One view, no middleware, no apps, no database: what Django and gunicorn cost on this machine
for a request that does nothing. bench/performance.py serves it with the same gunicorn
command and load client as the site (``bench.bare.wsgi``).
"""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-bare-only-on-loopback")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.bare.urls"
WSGI_APPLICATION = "bench.bare.wsgi.application"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
USE_I18N = False
