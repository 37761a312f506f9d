"""The probes are answered before the rest of the middleware stack (``ProbeMiddleware``), with
what every response gets from the layers above: a request id, the security headers and the
Permissions-Policy. Sessions, sign-in and messages are never touched for them."""

import pytest

from django.contrib.sessions.backends.base import SessionBase

pytestmark = pytest.mark.django_db

PROBES = ["/ping", "/healthz", "/readyz"]


@pytest.mark.parametrize("path", PROBES)
def test_probe_skips_sessions_sign_in_and_messages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    request = response.wsgi_request
    # The layers below the probes never ran: no session, user or message storage was set up.
    assert not hasattr(request, "session")
    assert not hasattr(request, "user")
    assert not hasattr(request, "_messages")


@pytest.mark.parametrize("path", PROBES)
def test_probe_carries_the_headers_every_response_gets(client, path, settings):
    response = client.get(path)
    assert len(response["X-Request-ID"]) == 32
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == settings.SECURE_REFERRER_POLICY
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY


def test_a_signed_in_members_probe_reads_no_session(member_client, monkeypatch):
    loaded = []
    original = SessionBase._get_session

    def counting(self, no_load=False):
        loaded.append(no_load)
        return original(self, no_load)

    monkeypatch.setattr(SessionBase, "_get_session", counting)
    assert member_client.get("/ping").content == b"ok"
    assert loaded == []


def test_other_methods_and_addresses_go_the_usual_way(client):
    assert not hasattr(client.head("/ping").wsgi_request, "session")  # HEAD is a probe too
    post = client.post("/readyz")
    assert post.status_code == 405  # the view's own require_GET, past the CSRF check
    assert hasattr(post.wsgi_request, "session")
    assert client.get("/ping/").status_code == 404  # not a probe: the whole stack answers


@pytest.mark.parametrize("path", PROBES)
def test_probe_refuses_a_host_name_the_site_does_not_serve(client, path):
    assert client.get(path, HTTP_HOST="not-this-site.example").status_code == 400
