"""The page cache's front door (``vakgenoten.page_front``): a stored page is served before
Django's request handling, exactly as Django would have served it, and everything the front
may not answer goes on to Django.

Requests go through the WSGI application as gunicorn calls it, on a real Redis of the tests'
own (``redis_url``); ``django_calls`` counts the requests that reached Django.
"""

import gzip
from wsgiref.util import setup_testing_defaults

import pytest
from prometheus_client import REGISTRY

from django.core import signals
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from tests.redis_server import start_redis, stop_redis
from vakgenoten.cache import entry_key
from vakgenoten.models import StandardPage
from vakgenoten.page_front import PageCacheFront

pytestmark = pytest.mark.django_db

PATH = "/over-vakgenoten/"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


class Site:
    """The site as gunicorn serves it: ``PageCacheFront`` around Django's WSGI handler."""

    def __init__(self):
        self.django_calls = 0
        self.front = None

    def django(self, environ, start_response):
        self.django_calls += 1
        return self.handler(environ, start_response)

    def get(self, path=PATH, method="GET", query="", **headers):
        """(status code, headers, body) for one request; the handler is made on first use,
        so a test's settings reach the middleware."""
        if self.front is None:
            self.handler = WSGIHandler()
            self.front = PageCacheFront(self.django)
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_HOST": "testserver",
            "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
            **headers,
        }
        setup_testing_defaults(environ)  # the rest of what a WSGI server provides
        sent = {}

        def start_response(status, response_headers, exc_info=None):
            sent["status"], sent["headers"] = status, dict(response_headers)

        result = self.front(environ, start_response)
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
        return int(sent["status"].split()[0]), sent["headers"], body


@pytest.fixture
def site(home_page, pages_in_redis):
    # As Django's test client does: the test's transaction is not a connection to close.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield Site()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def without_own(headers):
    return {k: v for k, v in headers.items() if k not in ("X-Request-ID", "X-Page-Cache")}


def test_a_stored_page_is_served_before_django_as_django_served_it(site, django_assert_num_queries):
    status, first, body = site.get()
    assert (status, first["X-Page-Cache"], site.django_calls) == (200, "miss", 1)

    with django_assert_num_queries(0):
        status, again, same = site.get()
    assert (status, again["X-Page-Cache"], site.django_calls) == (200, "hit", 1)
    assert same == body
    # Every layer's headers, as Django sent them: above the page cache and below it.
    assert without_own(again) == without_own(first)
    for name in ("Permissions-Policy", "X-Content-Type-Options", "Content-Security-Policy"):
        assert again[name] == first[name]
    assert again["Content-Encoding"] == "gzip"
    assert again["X-Request-ID"] != first["X-Request-ID"]
    assert site.get()[1]["X-Request-ID"] != again["X-Request-ID"]


def test_no_request_id_is_stored(site, rf):
    site.get()
    key = entry_key(rf.get(PATH, HTTP_ACCEPT_ENCODING="gzip"))
    stored = caches["pages"].get(key)
    assert stored["every_layer"] is True
    assert "X-Request-ID" not in stored["headers"]
    assert "X-Page-Cache" not in stored["headers"]
    assert "Permissions-Policy" in stored["headers"]


def test_a_published_change_is_served_on_the_next_request(site):
    site.get()
    site.get()
    page = StandardPage.objects.get(slug="over-vakgenoten")
    page.title = "Over dit platform"
    page.save_revision().publish()

    status, headers, body = site.get()
    assert (status, headers["X-Page-Cache"], site.django_calls) == (200, "miss", 2)
    assert "Over dit platform" in gzip.decompress(body).decode()
    assert site.get()[1]["X-Page-Cache"] == "hit"
    assert site.django_calls == 2


@pytest.mark.parametrize(
    "variant",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "messages=abc"},
        {"HTTP_AUTHORIZATION": "Basic dGVzdDp0ZXN0"},
        {"method": "HEAD"},
        {"method": "POST"},
        {"HTTP_IF_MODIFIED_SINCE": "Sat, 05 Dec 2026 10:00:00 GMT"},
        {"HTTP_HOST": "elders.example"},
        {"HTTP_COOKIE": "django_language=en"},
        {"HTTP_ACCEPT_ENCODING": ""},
        {"query": "pagina=2"},
        {"wsgi.url_scheme": "https"},
    ],
    ids=[
        "session",
        "message",
        "credentials",
        "head",
        "post",
        "conditional",
        "other-host",
        "english",
        "not-gzip",
        "query",
        "https",
    ],
)
def test_what_the_front_may_not_answer_goes_to_django(site, variant):
    """Personal requests, other methods, validators, another host, and another entry's key
    (language, encoding, query, scheme)."""
    site.get()
    site.get()
    assert site.django_calls == 1
    status, _headers, _body = site.get(**variant)
    assert site.django_calls == 2  # Django's own page cache decides from here
    assert status != 500


def test_a_conditional_request_gets_its_304_from_django(site):
    _status, first, _body = site.get()
    status, _headers, body = site.get(HTTP_IF_NONE_MATCH=first["ETag"])
    assert (status, body, site.django_calls) == (304, b"", 2)


def test_a_host_django_refuses_is_refused(site):
    site.get()
    status, _headers, _body = site.get(HTTP_HOST="elders.example")
    assert status == 400


def test_plain_http_goes_to_https_and_https_keeps_its_own_headers(site, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    secure = {"HTTP_X_FORWARDED_PROTO": "https"}
    _status, first, _body = site.get(**secure)
    status, again, _body = site.get(**secure)
    assert (status, again["X-Page-Cache"], site.django_calls) == (200, "hit", 1)
    assert again["Strict-Transport-Security"] == first["Strict-Transport-Security"]

    status, headers, _body = site.get()
    assert (status, site.django_calls) == (301, 2)
    assert headers["Location"] == "https://testserver/over-vakgenoten/"


def test_a_page_stored_without_the_front_is_served_by_django_once(site, client):
    """Stored by the middleware alone (the test client, runserver): without the headers of the
    layers above it, so Django's middleware serves it, and the front stores it again whole."""
    client.get(PATH, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    status, headers, _body = site.get()
    assert (status, headers["X-Page-Cache"], site.django_calls) == (200, "hit", 1)
    assert headers["Permissions-Policy"]
    status, again, _body = site.get()
    assert (status, again["X-Page-Cache"], site.django_calls) == (200, "hit", 1)
    assert without_own(again) == without_own(headers)


def test_the_front_stores_no_response_that_sets_a_cookie(site):
    front = PageCacheFront(lambda environ, start_response: [])
    entry = {"page_id": 1, "generations": (0, 0), "content": b"x", "headers": {}}
    front.store("pagecache:test:cookie", entry, [("Set-Cookie", "a=b"), ("Vary", "Cookie")])
    assert caches["pages"].get("pagecache:test:cookie") is None
    front.store("pagecache:test:cookie", entry, [("Vary", "Cookie"), ("X-Request-ID", "abc")])
    assert caches["pages"].get("pagecache:test:cookie")["headers"] == {"Vary": "Cookie"}


def test_without_redis_django_serves_every_page(site, settings):
    process, url = start_redis()
    settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"], "LOCATION": url}}
    try:
        site.get()
        assert site.get()[1]["X-Page-Cache"] == "hit"
        stop_redis(process)
        for _ in range(2):
            status, headers, _body = site.get()
            assert status == 200
            assert "X-Page-Cache" not in headers
        assert site.django_calls == 3
    finally:
        stop_redis(process)
        settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": LOCMEM}}  # nothing to empty


def test_the_front_counts_its_answers_in_the_metrics(site, settings):
    settings.MIDDLEWARE = [
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        *settings.MIDDLEWARE,
    ]
    name = "django_http_requests_before_middlewares_total"
    site.get()
    before = REGISTRY.get_sample_value(name) or 0
    assert site.get()[1]["X-Page-Cache"] == "hit"
    assert site.django_calls == 1
    assert REGISTRY.get_sample_value(name) == before + 1


def test_other_addresses_pass_on_to_django(site):
    assert site.get("/ping")[0] == 200
    assert site.get("/ping")[0] == 200
    assert site.django_calls == 2


def test_production_serves_through_the_front():
    from vakgenoten import wsgi

    assert isinstance(wsgi.application, PageCacheFront)
