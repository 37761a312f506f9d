"""Production starts only with a page cache every process shares, or when told that one
process serves the site: a purge in one worker's memory would not reach the others."""

import json
import os
import subprocess
import sys

from django.conf import settings

from tests.vakgenoten.test_settings import PRODUCTION_ENV

SHOW_PAGE_CACHE = (
    "import json, vakgenoten.settings.production as s;"
    "print(json.dumps(s.CACHES[s.PAGE_CACHE_ALIAS]['BACKEND']))"
)


def import_production_settings(**variables):
    env = {**os.environ, **PRODUCTION_ENV, **variables}
    for name in ("SINGLE_PROCESS", "REDIS_URL"):
        if name not in variables:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", SHOW_PAGE_CACHE],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_a_page_cache_in_one_process_memory():
    result = import_production_settings()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set REDIS_URL" in result.stderr
    assert "SINGLE_PROCESS=1" in result.stderr


def test_production_starts_with_redis_as_the_page_cache():
    result = import_production_settings(REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "django.core.cache.backends.redis.RedisCache"


def test_production_starts_in_memory_when_one_process_serves_the_site():
    result = import_production_settings(SINGLE_PROCESS="1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "django.core.cache.backends.locmem.LocMemCache"


def test_single_process_must_say_yes():
    result = import_production_settings(SINGLE_PROCESS="0")
    assert result.returncode != 0
    assert "SINGLE_PROCESS=1" in result.stderr


def test_renditions_are_looked_up_in_the_shared_cache_not_the_database():
    """Wagtail keeps renditions in the "renditions" cache, else in "default": the database
    store, which read and wrote rows for every image on every render."""
    show = (
        "import json, vakgenoten.settings.production as s;"
        "print(json.dumps([s.CACHES['renditions']['BACKEND'], s.CACHES['renditions']['LOCATION'],"
        " s.CACHES['renditions']['KEY_PREFIX'], s.CACHES[s.PAGE_CACHE_ALIAS]['KEY_PREFIX']]))"
    )
    env = {**os.environ, **PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    result = subprocess.run(
        [sys.executable, "-c", show],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    backend, location, prefix, pages_prefix = json.loads(result.stdout)
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert location == "redis://127.0.0.1:6379/0"
    assert prefix != pages_prefix
