"""Security state (login limits, used second-factor codes, abuse limits) is kept in one store that
every worker and node shares, and page traffic can never push it out.

The probe counted 10 wrong passwords before the lockout with two workers (each counted on its
own), guessed on after 700 anonymous page views evicted the counters from the shared local-memory
cache, and had the same TOTP code accepted twice, once per worker. These tests run allauth's
limits and codes on the store production uses: Django's database cache, a table in the site's
database. A thread stands in for a second worker: it gets its own cache connection, as another
process would, and sees only what is in the table.
"""

import json
import os
import threading
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings

from tests.concurrency import at_once
from tests.factories import UserFactory
from tests.settings_process import PRODUCTION_ENV, run_python
from vakgenoten import limits
from vakgenoten.settings import base as base_settings

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "geheim-wachtwoord-123"
# Production's security store (settings.base), next to a page cache of its own.
DATABASE_STORE = {
    "default": base_settings.CACHES["default"],
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}


@pytest.fixture
def database_store():
    """Production's store (override_settings gives every thread new cache connections)."""
    with override_settings(CACHES=DATABASE_STORE):
        call_command("createcachetable", verbosity=0)
        yield caches["default"]
        caches["default"].clear()


def in_another_worker(function):
    """Run ``function`` in a thread of its own: a cache connection of its own, as a worker has."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", function()))
    thread.start()
    thread.join(timeout=30)
    return result["value"]


def failed_login(client, member):
    return client.post("/accounts/login/", {"login": member.email, "password": "fout-fout-123"})


def production_settings(script):
    return run_python("-c", script, env={**os.environ, **PRODUCTION_ENV})


def test_production_keeps_security_state_in_the_database_apart_from_the_page_cache():
    result = production_settings(
        "import json, vakgenoten.settings.production as s;"
        "print(json.dumps([s.CACHES['default']['BACKEND'], s.PAGE_CACHE_ALIAS,"
        " s.CACHES[s.PAGE_CACHE_ALIAS]['BACKEND']]))"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "django.core.cache.backends.db.DatabaseCache",
        "pages",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_production_refuses_a_security_store_in_one_process_memory():
    result = production_settings(
        "import vakgenoten.settings.base as base;"
        "base.CACHES['default'] = {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'};"
        "import vakgenoten.settings.production"
    )
    assert result.returncode != 0
    assert "must be shared by every process" in result.stderr


def test_failed_logins_count_in_the_shared_table(client, database_store, home_page):
    member = UserFactory()
    for _attempt in range(5):
        failed_login(client, member)

    # A second worker, with a cache connection of its own, refuses the right password.
    def right_password_elsewhere():
        response = Client().post("/accounts/login/", {"login": member.email, "password": PASSWORD})
        return "Te veel inlogpogingen" in response.content.decode()

    assert in_another_worker(right_password_elsewhere)


def test_page_traffic_never_evicts_the_login_counters(client, database_store, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 600
    member = UserFactory()
    for _attempt in range(5):
        failed_login(client, member)
    visitor = Client()
    for number in range(350):  # more than a local-memory cache keeps (300)
        visitor.get(f"/?pagina-{number}")
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "Te veel inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_second_factor_code_is_accepted_once_across_workers(database_store):
    editor = UserFactory(is_staff=True)
    secret = "JBSWY3DPEHPK3PXP"
    totp = TOTP.activate(editor, secret)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert totp.validate_code(code)
    assert in_another_worker(lambda: TOTP(totp.instance).validate_code(code)) is False


def test_site_limits_hold_across_workers(database_store, rf, settings):
    settings.SITE_RATE_LIMITS = {"proef": (3, 60)}
    request = rf.post("/probleem-melden/", REMOTE_ADDR="192.0.2.7")
    assert [limits.allow(request, "proef") for _ in range(2)] == [True, True]
    assert in_another_worker(lambda: limits.allow(request, "proef")) is True
    assert limits.allow(request, "proef") is False
    assert in_another_worker(lambda: limits.allow(request, "proef")) is False


def test_simultaneous_attempts_never_pass_a_limit_together(database_store, rf, settings, tmp_path):
    settings.SITE_RATE_LIMITS = {"proef": (5, 60)}
    request = rf.post("/probleem-melden/", REMOTE_ADDR="192.0.2.8")
    results = at_once([lambda: limits.allow(request, "proef")] * 8, tmp_path)
    assert results.count(True) == 5
