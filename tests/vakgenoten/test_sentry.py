"""Error reports go to Sentry only when SENTRY_DSN is set, tagged with the request id and
without cookies or e-mail addresses.

The site runs in a subprocess (Sentry's set-up is for the whole process) and reports through
sentry-sdk's own transport to a small HTTP server here that stands in for Sentry.
"""

import gzip
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.settings_process import run_python

# Serve one request through the real WSGI application, then wait for the report to leave.
SERVE_FAILING_PAGE = """
import json, sys
from wsgiref.util import setup_testing_defaults
import django
django.setup()
import sentry_sdk
from django.core.wsgi import get_wsgi_application
from django.test.utils import override_settings

environ = {
    "PATH_INFO": "/stuk/",
    "HTTP_HOST": "testserver",
    "HTTP_COOKIE": "sessionid=geheime-sessie; csrftoken=geheim-token",
    "HTTP_X_FORWARDED_FOR": "203.0.113.9",
}
setup_testing_defaults(environ)
answer = {}

def start_response(status, headers, exc_info=None):
    answer["status"] = status
    answer["headers"] = dict(headers)

with override_settings(ROOT_URLCONF="tests.vakgenoten.failing_urls"):
    b"".join(get_wsgi_application()(environ, start_response))
sentry_sdk.flush(timeout=10)
answer["active"] = sentry_sdk.get_client().is_active()
print(json.dumps(answer))
"""


class SentrySink(BaseHTTPRequestHandler):
    """Accepts what sentry-sdk sends (envelopes) and keeps their decoded text."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append(body.decode())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format, *args):
        pass


@pytest.fixture
def sentry_sink():
    SentrySink.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), SentrySink)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def serve_failing_page(**variables):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vakgenoten.settings.test", **variables}
    if "SENTRY_DSN" not in variables:
        env.pop("SENTRY_DSN", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = run_python("-c", SERVE_FAILING_PAGE, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def events(envelopes):
    """The error events in sentry-sdk's envelopes (a header line, then item header and body)."""
    found = []
    for envelope in envelopes:
        lines = envelope.splitlines()[1:]
        for header, payload in zip(lines[::2], lines[1::2], strict=False):
            if json.loads(header).get("type") == "event":
                found.append(json.loads(payload))
    return found


def test_without_a_dsn_nothing_is_reported(sentry_sink):
    answer = serve_failing_page()
    assert answer["status"].startswith("500")
    assert answer["active"] is False
    assert SentrySink.received == []


def test_an_error_reaches_sentry_with_the_request_id_and_no_personal_data(sentry_sink):
    port = sentry_sink.server_address[1]
    answer = serve_failing_page(
        SENTRY_DSN=f"http://0123456789abcdef@127.0.0.1:{port}/42",
        SENTRY_ENVIRONMENT="test-omgeving",
        SENTRY_RELEASE="vakgenoten@1.2.3",
    )
    assert answer["status"].startswith("500")
    assert answer["active"] is True

    [event] = events(SentrySink.received)
    assert event["tags"]["request_id"] == answer["headers"]["X-Request-ID"]
    assert event["environment"] == "test-omgeving"
    assert event["release"] == "vakgenoten@1.2.3"
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "Stuk bij het opbouwen van de pagina voor [e-mailadres]"
    assert event["request"]["url"].endswith("/stuk/")

    sent = "\n".join(SentrySink.received)
    for private in ("anouk@gemeente.example", "geheime-sessie", "geheim-token", "203.0.113.9"):
        assert private not in sent
    assert "cookies" not in event["request"]
    assert not {"cookie", "x-forwarded-for"} & {h.lower() for h in event["request"]["headers"]}


def test_reports_lose_cookies_user_details_and_addresses_whatever_sentry_collected():
    """``before_send`` on an event as a looser configuration would have collected it."""
    from vakgenoten.sentry import before_send

    event = {
        "message": "Mail aan jan.de.vries@gemeente-utrecht.nl mislukt",
        "release": "vakgenoten@2.0.1",
        "request": {
            "cookies": {"sessionid": "geheim"},
            "data": {"body": "mijn reactie"},
            "headers": {"Cookie": "sessionid=geheim", "Authorization": "x", "Accept": "text/html"},
        },
        "user": {"id": 7, "email": "jan.de.vries@gemeente-utrecht.nl", "ip_address": "10.0.0.1"},
        "breadcrumbs": {"values": [{"message": "SELECT ... 'fatima@amersfoort.nl'"}]},
    }
    cleaned = before_send(event, {})
    assert cleaned["request"] == {"headers": {"Accept": "text/html"}}
    assert cleaned["user"] == {"id": 7}
    assert cleaned["message"] == "Mail aan [e-mailadres] mislukt"
    assert cleaned["breadcrumbs"]["values"][0]["message"] == "SELECT ... '[e-mailadres]'"
    assert cleaned["release"] == "vakgenoten@2.0.1"
