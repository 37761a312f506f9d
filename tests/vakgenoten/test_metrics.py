"""Prometheus metrics: counted in every worker, served on a private address only, never on the
public site. The metrics test starts gunicorn as production does and scrapes its workers."""

import http.client
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from django.conf import settings

from tests.ports import free_port, free_port_range
from tests.settings_process import run_python

GUNICORN = os.path.join(os.path.dirname(sys.executable), "gunicorn")


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def status_without_following(url):
    """The status of a GET, a redirect included (``urlopen`` would follow it)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", parts.path)
        return connection.getresponse().status
    finally:
        connection.close()


def scrape(ports):
    """Each answering exporter's samples: {port: {(name, labels): value}}.

    A port is found free before gunicorn binds it, so meanwhile another test's server may take
    one (in CI two suites run side by side): only an answer in Prometheus' text format counts
    as an exporter's.
    """
    found = {}
    for port in ports:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
                kind, text = response.headers.get_content_type(), response.read().decode()
        except (OSError, ValueError):  # nothing there, or not an HTTP server
            continue
        if kind != "text/plain":
            continue
        found[port] = {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
        }
    return found


def total(scraped, name, **labels):
    """The sum of one counter over every worker, as Prometheus' sum() would give it."""
    wanted = tuple(sorted(labels.items()))
    return sum(
        value
        for samples in scraped.values()
        for (sample, sample_labels), value in samples.items()
        if sample == name and set(wanted) <= set(sample_labels)
    )


@pytest.fixture
def site_with_metrics(tmp_path):
    """gunicorn with two workers and metrics on, on a throw-away SQLite database."""
    site_port = free_port()
    metrics_ports = free_port_range(4, avoid={site_port})  # neither is bound yet
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vakgenoten.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "METRICS_PORTS": f"{metrics_ports[0]}-{metrics_ports[-1]}",
        "METRICS_ADDRESS": "127.0.0.1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [GUNICORN, "vakgenoten.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{site_port}"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while len(scrape(metrics_ports)) < 2:  # both workers have loaded the site
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{site_port}", metrics_ports
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_every_worker_counts_requests_on_its_own_private_port(site_with_metrics):
    site, metrics_ports = site_with_metrics
    before = scrape(metrics_ports)
    assert len(before) == 2  # one exporter per worker, each on its own port

    for _request in range(10):
        assert fetch(f"{site}/healthz")[0] == 200
    assert fetch(f"{site}/readyz")[0] == 200  # asks the database
    # Through the whole stack: the slash redirect, or 503 where its check of the redirects
    # table meets this database without tables; either is counted.
    assert status_without_following(f"{site}/kennisbank") in (301, 503)

    after = scrape(metrics_ports)
    # Every request: the probes are answered before the rest of the stack, but not before
    # the metrics, which wrap it all.
    seen = "django_http_requests_before_middlewares_total"
    assert total(after, seen) - total(before, seen) == 12
    answered = "django_http_responses_before_middlewares_total"
    assert total(after, answered) - total(before, answered) == 12
    # By method and status: counted where a request reaches the URL map, below the probes.
    requests = "django_http_requests_total_by_method_total"
    assert total(after, requests, method="GET") - total(before, requests, method="GET") == 1
    responses = "django_http_responses_total_by_status_total"
    assert total(after, responses) - total(before, responses) == 1
    queries = "django_db_execute_total"
    assert total(after, queries) > total(before, queries)


def test_the_public_site_has_no_metrics_page(site_with_metrics):
    site, _metrics_ports = site_with_metrics
    status, body = fetch(f"{site}/metrics")
    assert status != 200
    assert "django_http_requests" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/metrics", "/metrics/"])
def test_metrics_are_not_an_address_of_the_site(client, home_page, url):
    assert client.get(url, follow=True).status_code == 404


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "8.8.8.8"])  # noqa: S104 - refused
def test_metrics_refuse_a_public_address(address):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vakgenoten.settings.test",
        "METRICS_PORTS": "9101-9104",
        "METRICS_ADDRESS": address,
    }
    result = run_python("-c", "import vakgenoten.settings.test", env=env)
    assert result.returncode != 0
    assert "METRICS_ADDRESS must be a loopback or private address" in result.stderr
