"""Every request has an id: in the X-Request-ID header, on each log line made while it is
served, and on the error pages as "kenmerk", so support finds what a visitor quotes."""

import io
import json
import logging
import re
from contextlib import contextmanager

import pytest

from django.core.cache import caches
from django.test import Client

from vakgenoten.logging import JsonFormatter, RequestIdFilter

OWN_ID = re.compile(r"[0-9a-f]{32}")


def kenmerk(response):
    """The id the page shows the visitor."""
    found = re.search(r"Kenmerk: <code>([^<]+)</code>", response.content.decode())
    return found and found.group(1)


@contextmanager
def site_log(formatter=None):
    """What the site's own console handler (settings.LOGGING) writes, as text."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestIdFilter) for f in h.filters)
    )
    stream, old_stream = io.StringIO(), handler.stream
    old_formatter = handler.formatter
    handler.setStream(stream)
    if formatter is not None:
        handler.setFormatter(formatter)
    try:
        yield stream
    finally:
        handler.setStream(old_stream)
        handler.setFormatter(old_formatter)


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.vakgenoten.failing_urls"
    return Client(raise_request_exception=False)


def test_every_response_carries_a_fresh_request_id(client):
    first = client.get("/healthz")
    second = client.get("/healthz")
    assert OWN_ID.fullmatch(first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_visitor_cannot_choose_the_id_without_a_proxy_in_front(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    response = client.get("/healthz", HTTP_X_REQUEST_ID="gekozen-door-de-bezoeker")
    assert OWN_ID.fullmatch(response["X-Request-ID"])


@pytest.mark.parametrize(
    ("offered", "kept"),
    [
        ("0f8fad5b-d9cb-469f-a165-70867728950e", True),
        ("4f1c2b7e9a0d4c3b8e6f1a2d3c4b5a69", True),
        ("kort", False),
        ("x" * 65, False),
        ("abc def ghi jkl", False),
        ("<script>alert(1)</script>", False),
        ("id\r\nSet-Cookie: a=b", False),
    ],
)
def test_the_proxys_id_is_kept_only_when_it_is_a_sane_token(client, settings, offered, kept):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    response = client.get("/healthz", HTTP_X_REQUEST_ID=offered)
    if kept:
        assert response["X-Request-ID"] == offered
    else:
        assert OWN_ID.fullmatch(response["X-Request-ID"])


@pytest.mark.django_db
def test_the_error_page_shows_the_kenmerk_of_the_logged_error(failing_site):
    with site_log() as log:
        response = failing_site.get("/stuk/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert kenmerk(response) == request_id
    assert "Er ging iets mis aan onze kant" in response.content.decode()
    lines = [line for line in log.getvalue().splitlines() if "Internal Server Error" in line]
    assert lines, log.getvalue()
    assert f"[{request_id}]" in lines[0]
    assert "RuntimeError" in log.getvalue()  # the traceback follows the line


@pytest.mark.django_db
def test_json_log_lines_carry_the_request_id(failing_site):
    with site_log(JsonFormatter()) as log:
        response = failing_site.get("/stuk/")
    entries = [json.loads(line) for line in log.getvalue().splitlines() if line.startswith("{")]
    error = next(e for e in entries if e["logger"] == "django.request")
    assert error["request_id"] == response["X-Request-ID"]
    assert error["status"] == 500
    assert "RuntimeError" in error["exception"]


def test_log_lines_outside_a_request_have_no_id():
    record = logging.LogRecord("vakgenoten", logging.INFO, __file__, 1, "Taak klaar", (), None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"
    assert "request_id" not in json.loads(JsonFormatter().format(record))


@pytest.mark.django_db
def test_not_found_page_shows_the_kenmerk(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert kenmerk(response) == response["X-Request-ID"]


def test_refused_address_page_shows_the_kenmerk(client):
    response = client.get("/zoeken/%00/")
    assert response.status_code == 400
    assert kenmerk(response) == response["X-Request-ID"]


@pytest.mark.django_db
def test_expired_form_page_shows_the_kenmerk(home_page):
    response = Client(enforce_csrf_checks=True).post("/probleem-melden/", {})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()
    assert kenmerk(response) == response["X-Request-ID"]


def test_too_large_submission_page_shows_the_kenmerk(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/probleem-melden/", {"tekst": "x" * 2000})
    assert response.status_code == 413
    assert kenmerk(response) == response["X-Request-ID"]


@pytest.mark.django_db
def test_cached_pages_never_carry_a_request_id(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 600
    miss = client.get("/over-vakgenoten/")
    hit = client.get("/over-vakgenoten/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit["X-Request-ID"] != miss["X-Request-ID"]
    for response in (miss, hit):
        assert kenmerk(response) is None
        assert response["X-Request-ID"] not in response.content.decode()
    stored = list(caches["pages"]._cache.values())  # LocMemCache keeps pickled entries
    assert stored
    assert not [value for value in stored if b"X-Request-ID" in value]


# The database outage page (503) shows the kenmerk of its log line too: test_hardening.py.
