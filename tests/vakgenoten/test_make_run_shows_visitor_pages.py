"""`make run` (the development settings) shows what a visitor sees: the site's own Dutch 404
page, not Django's debug page; static files are served without debug; `DEBUG=1` brings the
debug pages back."""

import json
import os

import pytest

from django.test import override_settings

from tests.settings_process import run_python

pytestmark = pytest.mark.django_db

NAMES = [
    "DEBUG",
    "ALLOWED_HOSTS",
    "WHITENOISE_USE_FINDERS",
    "WHITENOISE_AUTOREFRESH",
    "SERVE_MEDIA",
]


def dev_settings(**environment):
    """The development settings as `make run` loads them, read in a process of their own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))}
    env.update(environment, DJANGO_SETTINGS_MODULE="vakgenoten.settings.dev")
    script = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))"
    )
    result = run_python("-c", script, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def make_run_settings():
    return dev_settings()


def test_debug_is_one_variable_away():
    assert dev_settings(DEBUG="1")["DEBUG"] is True


def test_make_run_answers_on_the_loopback_names(make_run_settings):
    assert make_run_settings["DEBUG"] is False
    assert {"127.0.0.1", "localhost"} <= set(make_run_settings["ALLOWED_HOSTS"])


def test_missing_page_shows_the_sites_dutch_404(client, home_page, make_run_settings):
    with override_settings(**make_run_settings):
        response = client.get("/bestaat-niet/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "Django" not in html  # no debug page, no "You're seeing this error because"


def test_static_files_are_served_without_debug(client, make_run_settings):
    with override_settings(**make_run_settings):
        response = client.get("/static/css/main.css", HTTP_HOST="127.0.0.1")
        css = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "@import" not in css
