"""The page cache's front door: a stored page served before Django handles the request.

A hit in ``AnonymousPageCacheMiddleware`` uses nothing of Django's request handling, yet it
paid for all of it: the request signals, the layers above the page cache, a response object
rebuilt from the entry and turned back into WSGI. That was well over half of what a hit cost
(bench/SCALING.md, "The page cache's front door"). ``PageCacheFront`` wraps the WSGI
application (``vakgenoten.wsgi``) and answers a plain anonymous GET of a stored page itself:
the status, headers and body Django sent when the page was stored, with a request id of its
own.

It serves only what the middleware would serve, after the same checks, made by the same
functions; everything else goes to Django, where the middleware still serves hits (a HEAD, a
conditional request, an entry stored without the front):
- GET without conditional headers (the middleware answers those, with a 304 where it may);
- anonymous (``is_personal``): no session or messages cookie, no credentials;
- a host Django serves (``get_host``), a readable address (``refuses_input``), HTTPS where
  the site sends plain HTTP to HTTPS;
- an entry stored through the front whose generations are current (``stored_page``).

The front stores too. On a miss the middleware hands the entry it would store over in the
WSGI environ (``FRONT_STORES``); once Django has answered, the front stores it with the
headers every layer added (the security headers and Permissions-Policy above the page cache),
leaving out the request id. One entry per address serves both ways.
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from .cache import (
    CACHE_UNAVAILABLE,
    CONDITIONAL_HEADERS,
    FRONT_STORES,
    RENDERING_DONE,
    _without_cache,
    cache_seconds,
    done_rendering,
    entry_key,
    is_personal,
    may_be_a_page,
    page_cache,
    stored_page,
)
from .middleware import refuses_input, request_id_for

logger = logging.getLogger(__name__)

# The headers of one response alone, never stored: each answer gets its own.
NOT_KEPT_HEADERS = ("x-request-id", "x-page-cache")

# Counted before every other layer when metrics are on (settings, "Metrics"): the front counts
# its answers the same way, so the request totals still hold every request.
PROMETHEUS_BEFORE = "django_prometheus.middleware.PrometheusBeforeMiddleware"


class PageCacheFront:
    """WSGI middleware around Django's application (see the module docstring)."""

    def __init__(self, application):
        self.application = application
        self.metrics = None
        if PROMETHEUS_BEFORE in settings.MIDDLEWARE:
            from django_prometheus.middleware import PrometheusBeforeMiddleware

            self.metrics = PrometheusBeforeMiddleware(lambda request: None)

    def __call__(self, environ, start_response):
        if cache_seconds() <= 0:
            return self.application(environ, start_response)
        if self.may_be_stored(environ):
            # A copy: Django's request writes its reading of the path back into the environ
            # it gets, and Django makes its own request from this environ if the front passes.
            request = WSGIRequest(dict(environ))
            entry = self.stored(request)
            if entry is not None:
                return self.serve(request, entry, start_response)

        environ[FRONT_STORES] = True
        sent = {}

        def keep_start_response(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, keep_start_response)
        handed = environ.get(FRONT_STORES)
        kept = False
        try:
            if isinstance(handed, tuple) and sent.get("status", "").startswith("200 "):
                kept = self.store(*handed, sent["headers"])
        finally:
            if environ.get(RENDERING_DONE):
                # Requests waiting for this address find the page now (or none, and render).
                done_rendering(page_cache(), environ[RENDERING_DONE], kept)
        return result

    def may_be_stored(self, environ):
        """Whether a stored page may answer: the checks that need no request object, so the
        probes, static files, forms and the admin pass on at once. (The path as the server
        wrote it: for the few that Django reads otherwise, ``stored`` asks again.)"""
        return (
            environ.get("REQUEST_METHOD") == "GET"
            and not any(name in environ for name in CONDITIONAL_HEADERS)
            and may_be_a_page(environ.get("PATH_INFO", "/"))
        )

    def stored(self, request):
        """The entry to answer ``request`` with, or None when Django should answer it."""
        try:
            if (
                refuses_input(request)
                or is_personal(request)
                or not may_be_a_page(request.path_info)
                or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
            ):
                return None
            entry = stored_page(page_cache(), entry_key(request))
        except DisallowedHost:  # Django refuses it (400)
            return None
        except CACHE_UNAVAILABLE:  # Django serves it without the cache, and logs why
            return None
        except Exception:  # noqa: BLE001 - whatever the front cannot read, Django answers
            logger.warning("page cache front passed a request on to Django", exc_info=True)
            return None
        if entry is None or not entry.get("every_layer"):
            return None
        return entry

    def serve(self, request, entry, start_response):
        if self.metrics is not None:
            self.metrics.process_request(request)
        headers = [
            *entry["headers"].items(),
            ("X-Page-Cache", "hit"),
            ("X-Request-ID", request_id_for(request.META)),
        ]
        start_response("200 OK", headers)
        if self.metrics is not None:
            self.metrics.process_response(request, None)
        return [entry["content"]]

    def store(self, key, entry, sent_headers):
        """Keep the middleware's entry with the headers Django finally sent; whether it did."""
        headers = {
            name: value for name, value in sent_headers if name.lower() not in NOT_KEPT_HEADERS
        }
        if any(name.lower() == "set-cookie" for name in headers):  # never another's cookie
            return False
        try:
            page_cache().set(
                key, {**entry, "headers": headers, "every_layer": True}, cache_seconds()
            )
        except CACHE_UNAVAILABLE as error:
            _without_cache(error)
            return False
        return True
