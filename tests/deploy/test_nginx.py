"""deploy/nginx/vakgenoten.conf.template: rendered with test values, checked by `nginx -t`, then
run on free ports in front of two app servers (one of them dead) to see what it really does."""

import gzip
import http.server
import json
import re
import threading

import pytest
import requests

from tests.ports import free_port

from .nginxrun import (
    TEMPLATE,
    TEMPLATE_VARIABLES,
    check,
    main_config,
    refused_port,
    render,
    running,
    self_signed_certificate,
)

PAGE = "<!doctype html><title>t</title>" + "<p>Vakgenoten kennisdeling</p>" * 200


class EchoApp(http.server.BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers with the request's headers and counts the requests."""

    requests_seen = []

    def do_GET(self):
        EchoApp.requests_seen.append(dict(self.headers))
        if self.path.startswith("/page"):
            body, kind = PAGE.encode(), "text/html; charset=utf-8"
        else:
            body, kind = json.dumps(dict(self.headers)).encode(), "application/json"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.do_GET()

    def log_message(self, *args):
        pass


def test_the_template_uses_exactly_the_agreed_variables():
    lines = TEMPLATE.read_text().splitlines()
    comments = [line for line in lines if line.lstrip().startswith("#")]
    used = set(re.findall(r"\$\{([^}]*)\}", "\n".join(set(lines) - set(comments))))
    assert used == set(TEMPLATE_VARIABLES)
    # envsubst replaces a named variable in comments too: the upstream list spans several
    # lines and would break out of its comment.
    assert not re.findall(r"\$\{[A-Z_]+\}", "\n".join(comments))
    # nginx's own variables are written without braces; a "${" left over would be a typo.
    body = "\n".join(
        line for line in TEMPLATE.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    assert "${" not in render(body, dict.fromkeys(TEMPLATE_VARIABLES, "x"))


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    """nginx from the template on free ports; upstream: a dead port first, then a live app."""
    directory = tmp_path_factory.mktemp("nginx")
    cert, key = self_signed_certificate(directory)
    static, media = directory / "static", directory / "media"
    for folder in ("css", "images", "original_images", "avatars", "documents", "other"):
        (media / folder).mkdir(parents=True)
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123456789ab.css").write_text("body { color: black }\n" * 100)
    (static / "css" / "site.css").write_text("body { color: black }\n")
    (media / "images" / "photo.2e16d0ba.fill-300x200.jpg").write_bytes(b"\xff\xd8\xff jpeg")
    (media / "original_images" / "Photo.JPG").write_bytes(b"\xff\xd8\xff jpeg")
    (media / "avatars" / "0a1b2c.webp").write_bytes(b"RIFF....WEBP")
    (media / "images" / "trick.html").write_text("<script>alert(1)</script>")
    (media / "images" / "trick.svg").write_text("<svg onload='alert(1)'/>")
    (media / "documents" / "report.pdf").write_bytes(b"%PDF-1.7")
    (media / "other" / "x.png").write_bytes(b"\x89PNG")

    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    # A bound socket that never listens: an app server that is down, held so no other
    # test's server can take its port meanwhile.
    with refused_port() as dead:
        https_port, http_port = free_port(), free_port()
        values = {
            "SERVER_NAME": "localhost",
            "HTTPS_PORT": str(https_port),
            "HTTP_PORT": str(http_port),
            "TLS_CERTIFICATE": str(cert),
            "TLS_CERTIFICATE_KEY": str(key),
            "STATIC_ROOT": str(static),
            "MEDIA_ROOT": str(media),
            "UPSTREAM_SERVERS": (
                f"server 127.0.0.1:{dead} max_fails=1 fail_timeout=5s; "
                f"server 127.0.0.1:{app.server_address[1]} max_fails=1 fail_timeout=5s;"
            ),
        }
        site = directory / "vakgenoten.conf"
        site.write_text(render(TEMPLATE.read_text(), values))
        conf = main_config(directory, site)
        checked = check(conf, directory)
        assert checked.returncode == 0, checked.stderr
        with running(conf, directory, https_port):
            yield {
                "https": f"https://localhost:{https_port}",
                "http": f"http://localhost:{http_port}",
                "certificate": str(cert),  # the throw-away certificate the client trusts
            }
    app.shutdown()


def get(proxy, path, **kwargs):
    return requests.get(proxy["https"] + path, verify=proxy["certificate"], timeout=10, **kwargs)


def test_nginx_accepts_the_rendered_configuration(proxy):
    # The fixture has run `nginx -t` and started it; this names that fact in the results.
    assert get(proxy, "/healthz").status_code == 200


def test_plain_http_goes_to_https_except_the_acme_challenge(proxy):
    response = requests.get(proxy["http"] + "/blog/?pagina=2", allow_redirects=False, timeout=5)
    assert response.status_code == 301
    https_port = proxy["https"].rsplit(":", 1)[1]
    assert response.headers["Location"] == f"https://localhost:{https_port}/blog/?pagina=2"
    # A visitor's Host header never becomes the redirect target.
    forged = requests.get(
        proxy["http"] + "/", headers={"Host": "evil.example"}, allow_redirects=False, timeout=5
    )
    assert forged.headers["Location"].startswith("https://localhost:")
    acme = requests.get(proxy["http"] + "/.well-known/acme-challenge/token", timeout=5)
    assert acme.status_code == 404  # served from /var/www/acme, not redirected


def test_one_dead_app_server_costs_no_request(proxy):
    statuses = [get(proxy, f"/pagina-{number}/").status_code for number in range(10)]
    assert statuses == [200] * 10


def test_the_app_gets_the_forwarded_headers_and_a_request_id(proxy):
    echoed = get(proxy, "/echo", headers={"X-Forwarded-For": "203.0.113.9"}).json()
    headers = {name.lower(): value for name, value in echoed.items()}
    # The visitor's own claim stays first; nginx appends the address it saw, which is what the
    # app reads with TRUSTED_PROXY_COUNT=1.
    assert headers["x-forwarded-for"] == "203.0.113.9, 127.0.0.1"
    assert headers["x-forwarded-proto"] == "https"
    assert headers["x-forwarded-host"] == "localhost"
    assert headers["host"] == "localhost"
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])


def test_html_and_json_from_the_app_are_compressed(proxy):
    response = get(proxy, "/page", headers={"Accept-Encoding": "gzip"}, stream=True)
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.raw.read()).decode() == PAGE


def test_static_files_cached_by_their_hash(proxy):
    hashed = get(proxy, "/static/css/site.0123456789ab.css")
    assert hashed.status_code == 200
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert hashed.headers["X-Content-Type-Options"] == "nosniff"
    plain = get(proxy, "/static/css/site.css")
    assert plain.headers["Cache-Control"] == "public, max-age=3600"
    assert get(proxy, "/static/../media/documents/report.pdf").status_code in {400, 404}


@pytest.mark.parametrize(
    "path,content_type,cache",
    [
        ("/media/images/photo.2e16d0ba.fill-300x200.jpg", "image/jpeg", "public, max-age=2592000"),
        ("/media/original_images/Photo.JPG", "image/jpeg", "public, max-age=2592000"),
        ("/media/avatars/0a1b2c.webp", "image/webp", "private, max-age=86400"),
    ],
)
def test_images_and_photos_are_served_with_nosniff_and_no_active_content(
    proxy, path, content_type, cache
):
    response = get(proxy, path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers["Cache-Control"] == cache
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/report.pdf",  # documents only through the app's download view
        "/media/images/trick.html",
        "/media/images/trick.svg",
        "/media/other/x.png",
        "/media/",
        "/media/images/",
        "/media/images/../documents/report.pdf",
        "/media/images/%2e%2e/documents/report.pdf",
    ],
)
def test_nothing_but_images_comes_from_the_media_folder(proxy, path):
    response = get(proxy, path)
    assert response.status_code in {400, 404}
    assert b"PDF" not in response.content and b"script" not in response.content


@pytest.mark.parametrize("path", ["/metrics", "/metrics/", "/metrics?format=json"])
def test_metrics_are_never_public(proxy, path):
    seen = len(EchoApp.requests_seen)
    assert get(proxy, path).status_code == 404
    assert len(EchoApp.requests_seen) == seen  # never passed on to the app


def test_uploads_over_the_limit_stop_at_the_proxy(proxy):
    def post(size):
        return requests.post(
            proxy["https"] + "/upload", data=b"x" * size, verify=proxy["certificate"], timeout=30
        )

    allowed = post(11 * 1024 * 1024)
    assert allowed.status_code == 200
    too_big = post(13 * 1024 * 1024)
    assert too_big.status_code == 413


def test_all_app_servers_down_gives_a_dutch_page(tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    https_port = free_port()
    values = dict.fromkeys(TEMPLATE_VARIABLES, str(tmp_path))
    values.update(
        SERVER_NAME="localhost",
        HTTPS_PORT=str(https_port),
        HTTP_PORT=str(free_port()),
        TLS_CERTIFICATE=str(cert),
        TLS_CERTIFICATE_KEY=str(key),
    )
    site = tmp_path / "site.conf"
    conf = main_config(tmp_path, site)
    with refused_port() as dead:
        values["UPSTREAM_SERVERS"] = f"server 127.0.0.1:{dead} max_fails=1 fail_timeout=5s;"
        site.write_text(render(TEMPLATE.read_text(), values))
        with running(conf, tmp_path, https_port):
            response = requests.get(
                f"https://localhost:{https_port}/", verify=str(cert), timeout=10
            )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "Tijdelijk niet beschikbaar" in response.text
