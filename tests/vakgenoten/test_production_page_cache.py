"""Production starts only with a page cache every process shares, or when told that one
process serves the site: a purge in one worker's memory would not reach the others."""

import json
import os

from tests.settings_process import PRODUCTION_ENV, import_production_settings, production_setting


def page_cache_backend(**variables):
    """Production's page cache backend under PRODUCTION_ENV without its SINGLE_PROCESS and
    REDIS_URL, unless given here: the finished process, its refusal on stderr."""
    env = {**os.environ, **PRODUCTION_ENV, **variables}
    for name in ("SINGLE_PROCESS", "REDIS_URL"):
        if name not in variables:
            env.pop(name, None)
    return import_production_settings("s.CACHES[s.PAGE_CACHE_ALIAS]['BACKEND']", env)


def test_production_refuses_a_page_cache_in_one_process_memory():
    result = page_cache_backend()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set REDIS_URL" in result.stderr
    assert "SINGLE_PROCESS=1" in result.stderr


def test_production_starts_with_redis_as_the_page_cache():
    result = page_cache_backend(REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "vakgenoten.cache_backends.RedisCache"


def test_production_starts_in_memory_when_one_process_serves_the_site():
    result = page_cache_backend(SINGLE_PROCESS="1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "django.core.cache.backends.locmem.LocMemCache"


def test_single_process_must_say_yes():
    result = page_cache_backend(SINGLE_PROCESS="0")
    assert result.returncode != 0
    assert "SINGLE_PROCESS=1" in result.stderr


def test_renditions_are_looked_up_in_the_shared_cache_not_the_database():
    """Wagtail keeps renditions in the "renditions" cache, else in "default": the database
    store, which read and wrote rows for every image on every render. A cache that counts an
    unreachable Redis as a miss: Wagtail does not expect it to fail."""
    backend, location, prefix, pages_prefix = production_setting(
        "[s.CACHES['renditions']['BACKEND'], s.CACHES['renditions']['LOCATION'],"
        " s.CACHES['renditions']['KEY_PREFIX'], s.CACHES[s.PAGE_CACHE_ALIAS]['KEY_PREFIX']]",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert backend == "vakgenoten.cache_backends.ShortcutRedisCache"
    assert location == "redis://127.0.0.1:6379/0"
    assert prefix != pages_prefix
