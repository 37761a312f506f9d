"""WSGI entry point: ``gunicorn vakgenoten.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakgenoten.settings.production")

application = get_wsgi_application()
