"""security.txt, the database-outage page, structured logs and backup/restore."""

import json
import logging
import os
import re
from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, Site

from tests.settings_process import run_python
from vakgenoten.logging import JsonFormatter
from vakgenoten.models import SecurityTxtSettings

pytestmark = pytest.mark.django_db


def test_security_txt_follows_rfc_9116(client, home_page):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"].startswith("mailto:")
    expires = fields["Expires"]
    assert expires.endswith("Z")
    assert fields["Canonical"].endswith("/.well-known/security.txt")
    assert "nl" in fields["Preferred-Languages"]


def test_editors_set_the_policy_link_and_cannot_pick_an_expiry_over_a_year(client, home_page):
    site = Site.objects.get(is_default_site=True)
    security = SecurityTxtSettings.for_site(site)
    security.policy_url = "https://vakgenoten.example/cvd/"
    security.save()
    assert (
        "Policy: https://vakgenoten.example/cvd/"
        in client.get("/.well-known/security.txt").content.decode()
    )

    security.expires = timezone.now() + timedelta(days=400)
    with pytest.raises(ValidationError) as error:
        security.full_clean()
    assert "expires" in error.value.message_dict


def test_database_outage_gives_a_friendly_503_page():
    """A real unreachable PostgreSQL: the reader sees a Dutch 503 page, not a traceback, with
    the request's kenmerk, which its log line carries too (vakgenoten.logging)."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(raise_request_exception=False).get('/');"
        "print(json.dumps({'status': r.status_code, 'retry': r.get('Retry-After'),"
        " 'id': r['X-Request-ID'], 'html': r.content.decode()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vakgenoten.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/gone",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = run_python("-c", script, env=env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["retry"] == "30"
    assert "Even niet bereikbaar" in answer["html"]
    assert "Traceback" not in answer["html"]
    assert f"Kenmerk: <code>{answer['id']}</code>" in answer["html"]
    assert f"[{answer['id']}]: Database unavailable while serving a request" in result.stderr


def test_json_logs_are_one_object_per_line_without_personal_data(rf):
    request = rf.get("/zoeken/?q=anouk@gemeente.example", REMOTE_ADDR="10.1.2.3")
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/zoeken/",), None
    )
    record.request = request
    record.status_code = 404
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["status"] == 404 and entry["path"] == "/zoeken/"
    assert "10.1.2.3" not in line
    assert "anouk@gemeente.example" not in line


CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
# Django's JSON serialiser keeps times to the millisecond; finer digits may differ.
FRACTIONAL_SECONDS = re.compile(rb"(T\d\d:\d\d:\d\d)\.\d+")


def rendered_pages(client):
    """Each live page's HTML, without the per-request CSRF token and sub-second digits."""
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1):
        html = CSRF_TOKEN.sub(b"", client.get(page.url).content)
        pages[page.url] = FRACTIONAL_SECONDS.sub(rb"\1", html)
    return pages


def search_titles(client, query):
    response = client.get("/zoeken/", {"q": query})
    return [item.page.title for item in response.context["search"].items]


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_gives_the_same_pages(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "jaarverslag.txt").write_text("Jaarverslag 2026")
    call_command("load_demo", verbosity=0)
    before = rendered_pages(client)
    assert len(before) >= 5
    found_before = search_titles(client, "omgevingswet")
    assert found_before

    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    Page.objects.filter(depth__gt=1).delete()
    (tmp_path / "media" / "documents" / "jaarverslag.txt").unlink()

    call_command("restore", str(tmp_path / "backup"), "--yes", verbosity=0)
    assert rendered_pages(client) == before
    assert search_titles(client, "omgevingswet") == found_before  # the indexes were rebuilt
    assert (tmp_path / "media" / "documents" / "jaarverslag.txt").read_text() == "Jaarverslag 2026"
