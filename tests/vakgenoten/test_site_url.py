"""SITE_URL is checked when the settings load, and migrate points the Wagtail Site at it."""

import json

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models.signals import post_save

from wagtail.models import Site

from tests.settings_process import PRODUCTION_ENV, run_manage
from vakgenoten import demo
from vakgenoten.settings.base import site_origin


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("vakgenoten.nl", "with scheme and host"),
        ("//vakgenoten.nl", "with scheme and host"),
        ("ftp://vakgenoten.nl", "with scheme and host"),
        ("https://", "with scheme and host"),
        ("", "with scheme and host"),
        ("https://vakgenoten .nl", "with scheme and host"),
        ("https://vakgenoten.nl/site/", "origin only"),
        ("https://vakgenoten.nl?taal=nl", "origin only"),
        ("https://vakgenoten.nl#top", "origin only"),
        ("https://beheer@vakgenoten.nl", "origin only"),
        ("https://vakgenoten.nl:99999", "port"),
        ("https://vakgenoten.nl:0", "port"),
    ],
)
def test_an_address_that_is_not_an_origin_is_refused_with_a_clear_message(value, complaint):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL") as error:
        site_origin(value)
    assert complaint in str(error.value)
    assert repr(value) in str(error.value)


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://vakgenoten.nl", "https://vakgenoten.nl"),
        ("HTTPS://Vakgenoten.NL:443/", "https://vakgenoten.nl"),
        ("http://vakgenoten.nl:80", "http://vakgenoten.nl"),
        (" https://vakgenoten.example:8443 ", "https://vakgenoten.example:8443"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_equal_addresses_are_written_one_way(value, origin):
    assert site_origin(value) == origin


def settings_in(module, env):
    script = (
        "import json, django.conf as c;"
        "s = c.settings;"
        "print(json.dumps([s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.ALLOWED_HOSTS,"
        " s.CSRF_TRUSTED_ORIGINS]))"
    )
    return run_manage(module, "shell", "--no-imports", "-c", script, extra_env=env)


def test_make_run_port_becomes_the_development_address_and_an_allowed_host():
    result = settings_in("vakgenoten.settings.dev", {"SITE_URL": "http://192.0.2.7:8311"})
    assert result.returncode == 0, result.stderr
    site_url, admin_base_url, allowed_hosts, _origins = json.loads(result.stdout)
    assert site_url == admin_base_url == "http://192.0.2.7:8311"
    assert "192.0.2.7" in allowed_hosts


def test_a_different_wagtailadmin_base_url_is_refused():
    env = {"SITE_URL": "http://127.0.0.1:8080", "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"}
    result = settings_in("vakgenoten.settings.dev", env)
    assert result.returncode != 0
    assert "set SITE_URL" in result.stderr


def test_production_needs_its_public_https_address():
    without = {**PRODUCTION_ENV, "SITE_URL": None}
    result = run_manage("vakgenoten.settings.production", "check", extra_env=without)
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr

    plain = {**PRODUCTION_ENV, "SITE_URL": "http://vakgenoten.example"}
    result = run_manage("vakgenoten.settings.production", "check", extra_env=plain)
    assert result.returncode != 0
    assert "https" in result.stderr

    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": "intern.example", "CSRF_TRUSTED_ORIGINS": ""}
    result = settings_in("vakgenoten.settings.production", env)
    assert result.returncode == 0, result.stderr
    site_url, admin_base_url, allowed_hosts, origins = json.loads(result.stdout)
    assert site_url == admin_base_url == "https://vakgenoten.example"
    assert allowed_hosts == ["intern.example", "vakgenoten.example"]
    assert origins == ["https://vakgenoten.example"]


@pytest.mark.django_db
def test_migrate_points_the_default_site_at_site_url_once(settings):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)  # the test database's migrate did
    settings.SITE_URL = "https://vakgenoten.example:8443"
    call_command("migrate", verbosity=0)
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("vakgenoten.example", 8443)

    saves = []

    def count(instance, **kwargs):
        saves.append(instance)

    post_save.connect(count, sender=Site)
    try:
        call_command("migrate", verbosity=0)
    finally:
        post_save.disconnect(count, sender=Site)
    assert saves == []  # already right: nothing written

    settings.SITE_URL = "https://vakgenoten.example"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "https://vakgenoten.example"


@pytest.mark.django_db
def test_the_demo_site_is_made_on_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8080"
    Site.objects.all().delete()  # a flushed database has no site
    _home, site = demo.load_home_page()
    assert site.root_url == "http://127.0.0.1:8080"
    assert site.is_default_site
