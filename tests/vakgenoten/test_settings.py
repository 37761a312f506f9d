"""Each settings module loads, and production passes Django's deployment checks."""

import json
import os
import subprocess
import sys

import pytest

from django.conf import settings

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "9f2b7c1e4a8d0f6b3c5e7a9d1f3b5c7e9a1d3f5b7c9e",
    "ALLOWED_HOSTS": "vakgenoten.example",
    "CSRF_TRUSTED_ORIGINS": "https://vakgenoten.example",
    "SITE_URL": "https://vakgenoten.example",
    # No Redis in these checks: the page cache stays in memory, which production allows only
    # for a site served by one process (test_production_page_cache.py).
    "SINGLE_PROCESS": "1",
}


def run_manage(settings_module, *args, extra_env=None):
    """manage.py in a process of its own; a variable given as None is left out of its
    environment (whatever the shell or make exported)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **(extra_env or {})}
    env = {name: value for name, value in env.items() if value is not None}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("module", "extra_env"),
    [
        ("vakgenoten.settings.dev", {}),
        ("vakgenoten.settings.test", {}),
        ("vakgenoten.settings.production", PRODUCTION_ENV),
    ],
)
def test_settings_load_in_each_mode(module, extra_env):
    result = run_manage(module, "diffsettings", extra_env=extra_env)
    assert result.returncode == 0, result.stderr
    assert "LANGUAGE_CODE = 'nl'" in result.stdout
    assert "TIME_ZONE = 'Europe/Amsterdam'" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("vakgenoten.settings.production", "check", extra_env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "vakgenoten.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_optional_services_switch_on_from_their_variables():
    """Read the settings module itself: building the S3 storage would need the s3 extra."""
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "AWS_STORAGE_BUCKET_NAME": "vakgenoten-media",
        "EMAIL_HOST": "smtp.vakgenoten.example",
    }
    script = (
        "import json, vakgenoten.settings.production as s;"
        "print(json.dumps([s.CACHES['pages']['BACKEND'], s.SESSION_ENGINE,"
        " s.STORAGES['default']['BACKEND'], s.EMAIL_HOST]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "storages.backends.s3.S3Storage",
        "smtp.vakgenoten.example",
    ]


def test_dutch_is_the_default_language_and_english_the_second():
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]
    assert settings.AUTH_USER_MODEL == "members.User"
